package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMain lets the test binary act as the bedside command, so that a test can run the server as
// a child process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("BEDSIDE_TEST_AS_COMMAND") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func startServer(t *testing.T, data, addr string) *exec.Cmd {
	t.Helper()
	return startServerEnv(t, data, addr, nil)
}

func postJSON(url, token string, body any) (*http.Response, error) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return http.DefaultClient.Do(req)
}

// TestKillDuringWrites kills the server with SIGKILL in the middle of a burst of writes; after a
// restart every write it had acknowledged is there, exactly once, and the audit chain holds.
func TestKillDuringWrites(t *testing.T) {
	data := t.TempDir()
	if code := run([]string{"admin", "create", "--data", data, "--practice", "Crash Clinic", "--email", "a@example.com", "--password-stdin"},
		strings.NewReader("correct-horse-battery\n"), io.Discard, io.Discard); code != 0 {
		t.Fatalf("admin create: %d", code)
	}
	addr := freeAddr(t)
	base := "http://" + addr
	srv := startServer(t, data, addr)
	resp, err := postJSON(base+"/api/v1/login", "", map[string]string{"email": "a@example.com", "password": "correct-horse-battery"})
	if err != nil {
		t.Fatal(err)
	}
	var login struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&login)
	resp.Body.Close()

	var mu sync.Mutex
	acked := map[string]bool{}
	var wg sync.WaitGroup
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ctx.Err() == nil; i++ {
				name := fmt.Sprintf("office-%d-%d", w, i)
				resp, err := postJSON(base+"/api/v1/locations", login.Token, map[string]string{"name": name})
				if err != nil {
					return // the server is gone
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusCreated {
					mu.Lock()
					acked[name] = true
					mu.Unlock()
				}
			}
		}(w)
	}
	time.Sleep(700 * time.Millisecond)
	srv.Process.Kill() // SIGKILL: no shutdown, no flush
	srv.Wait()
	cancel()
	wg.Wait()
	if len(acked) < 20 {
		t.Fatalf("only %d writes were acknowledged before the kill; the test proves nothing", len(acked))
	}

	srv = startServer(t, data, addr)
	defer func() { srv.Process.Kill(); srv.Wait() }()
	req, _ := http.NewRequest("GET", base+"/api/v1/locations", nil)
	req.Header.Set("Authorization", "Bearer "+login.Token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Locations []struct{ Name string } }
	json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	seen := map[string]int{}
	for _, l := range got.Locations {
		seen[l.Name]++
	}
	for name := range acked {
		if seen[name] != 1 {
			t.Errorf("acknowledged %s is stored %d times", name, seen[name])
		}
	}
	for name, n := range seen {
		if n > 1 {
			t.Errorf("%s stored %d times", name, n)
		}
	}
	var out bytes.Buffer
	if code := run([]string{"audit", "verify", "--data", data}, nil, &out, io.Discard); code != 0 {
		t.Fatalf("audit verify after the crash: %d %s", code, out.String())
	}
	t.Logf("%d writes acknowledged before SIGKILL, %d stored after restart; %s", len(acked), len(seen), strings.TrimSpace(out.String()))
}

func TestAdminMigrateAndVerify(t *testing.T) {
	data := t.TempDir()
	var out, errb bytes.Buffer
	if code := run([]string{"migrate", "--data", data}, nil, &out, &errb); code != 0 || !strings.Contains(out.String(), "up to date") {
		t.Fatalf("migrate: %d %s", code, errb.String())
	}
	if code := run([]string{"admin", "create", "--data", data, "--practice", "P", "--email", "a@example.com", "--password-stdin"},
		strings.NewReader("short\n"), &out, &errb); code != 2 {
		t.Fatalf("a weak password must be refused: %d", code)
	}
	if code := run([]string{"admin", "create", "--data", data, "--practice", "P", "--email", "a@example.com", "--password-stdin"},
		strings.NewReader("correct-horse-battery\n"), &out, &errb); code != 0 {
		t.Fatalf("admin create: %d %s", code, errb.String())
	}
	if code := run([]string{"admin", "create", "--data", data, "--practice", "Q", "--email", "A@example.com", "--password-stdin"},
		strings.NewReader("correct-horse-battery\n"), &out, &errb); code != 1 {
		t.Fatalf("a taken email must be refused: %d", code)
	}
	out.Reset()
	if code := run([]string{"audit", "verify", "--data", data}, nil, &out, &errb); code != 0 || !strings.Contains(out.String(), "intact: 2 events") {
		t.Fatalf("verify: %d %s", code, out.String())
	}
}
