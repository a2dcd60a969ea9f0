package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/mail"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/campaign"
	"github.com/bedsidehq/bedside/mail/smtptest"
	"github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/storetest"
)

// TestKillDuringCampaign kills the server with SIGKILL in the middle of a 10,000-recipient
// campaign and starts it again: every consenting recipient gets exactly one message (one
// Message-ID), and nobody else gets any. SMTP cannot say whether the message in flight at the
// kill was taken, so that one may arrive twice, with the same Message-ID; the test counts them.
func TestKillDuringCampaign(t *testing.T) {
	if raceEnabled {
		t.Skip("run without -race: .ci/run does")
	}
	const recipients, connections = 10000, 2
	consents := func(i int) bool { return i%10 != 0 } // 9,000 consent, 1,000 never did
	data := t.TempDir()
	ctx := context.Background()
	db, err := store.Open(ctx, store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	p, u, err := db.NewPractice(ctx, "Riverside Dental", "a@example.com", "Admin", "hash")
	if err != nil {
		t.Fatal(err)
	}
	actor := store.Actor{PracticeID: p.ID, UserID: u.ID}
	if err := storetest.SendingPractice(ctx, db, actor); err != nil {
		t.Fatal(err)
	}
	if err := storetest.Subscribers(ctx, db, actor, recipients, consents); err != nil {
		t.Fatal(err)
	}
	c, err := db.CreateCampaign(ctx, actor, campaign.Campaign{Name: "Flu", Kind: campaign.Marketing, Subject: "Flu shots are in", Body: "Walk in any weekday."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.StartCampaign(ctx, actor, c.ID, ""); err != nil {
		t.Fatal(err)
	}
	db.Close()

	sink := smtptest.Start(t)
	env := []string{"BEDSIDE_SMTP_URL=smtp://" + sink.Addr() + "?tls=none", "BEDSIDE_PUBLIC_URL=https://bedside.example",
		"BEDSIDE_SMTP_CONNECTIONS=" + strconv.Itoa(connections)}
	addr := freeAddr(t)
	srv := startServerEnv(t, data, addr, env)
	deadline := time.Now().Add(2 * time.Minute)
	for sink.Count() < recipients/4 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	srv.Process.Kill() // SIGKILL: no shutdown, no flush
	srv.Wait()
	atKill := sink.Count()
	if atKill == 0 || atKill >= recipients*9/10 {
		t.Fatalf("%d messages before the kill; the test proves nothing", atKill)
	}

	srv = startServerEnv(t, data, addr, env)
	for last, still := -1, 0; still < 20 && time.Now().Before(deadline.Add(2*time.Minute)); time.Sleep(100 * time.Millisecond) {
		if n := sink.Count(); n == last && n >= recipients*9/10 {
			still++
		} else {
			last, still = n, 0
		}
	}
	srv.Process.Kill()
	srv.Wait()

	ids := map[string]map[string]bool{} // recipient -> Message-IDs
	raw := map[string]int{}
	for _, m := range sink.Messages() {
		msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		for _, to := range m.To {
			if ids[to] == nil {
				ids[to] = map[string]bool{}
			}
			ids[to][msg.Header.Get("Message-Id")] = true
			raw[to]++
		}
	}
	dups := 0
	for i := range recipients {
		to := "s" + strconv.Itoa(i) + "@example.com"
		switch {
		case !consents(i) && raw[to] > 0:
			t.Errorf("%s never consented and got %d messages", to, raw[to])
		case consents(i) && len(ids[to]) != 1:
			t.Errorf("%s got %d distinct messages, want 1", to, len(ids[to]))
		}
		dups += max(raw[to]-1, 0)
	}
	if dups > connections {
		t.Errorf("%d repeated deliveries; at most the %d in flight at the kill may repeat", dups, connections)
	}
	db, err = store.Open(ctx, store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	progress, _ := db.CampaignProgress(ctx, actor, c.ID)
	if progress["sent"] != 9000 || progress["skipped"] != 1000 || progress["queued"]+progress["sending"] != 0 {
		t.Errorf("progress after the restart: %v", progress)
	}
	t.Logf("%d messages before SIGKILL, %d in all, %d repeated in flight; progress %v", atKill, sink.Count(), dups, progress)
}

// startServerEnv starts the server as a child process with extra environment.
func startServerEnv(t *testing.T, data, addr string, env []string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "--data", data, "--addr", addr)
	cmd.Env = append(append(os.Environ(), "BEDSIDE_TEST_AS_COMMAND=1"), env...)
	cmd.Stderr = io.Discard
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "Bedside is running") {
			go io.Copy(io.Discard, out)
			return cmd
		}
	}
	t.Fatal("the server did not start")
	return nil
}
