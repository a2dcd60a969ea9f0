package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const profile = "../../eval/testdata/corpus/profile.json"

func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestScanExitStatus(t *testing.T) {
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"allowed tip", "Floss daily to keep your gums healthy.", []string{"scan"}, 0},
		{"blocked reply", "Thanks for coming in, Karen! Your root canal went great.", []string{"scan", "--context", "reply"}, 1},
		{"bad context", "hello", []string{"scan", "--context", "tweet"}, 2},
		{"bad format", "hello", []string{"scan", "--format", "xml"}, 2},
		{"bad flag", "hello", []string{"scan", "--nope"}, 2},
		{"unknown command", "", []string{"frobnicate"}, 2},
		{"missing profile", "hello", []string{"scan", "--practice", "/nonexistent.json"}, 2},
		{"jsonl flagged", `{"id":1,"text":"Hi Karen, your crown is ready"}` + "\n", []string{"scan", "--jsonl", "--context", "message"}, 1},
		{"jsonl clean", `{"id":1,"text":"We are open Monday."}` + "\n", []string{"scan", "--jsonl"}, 0},
		{"jsonl bad line", `{"id":1,"text":"ok"}` + "\nnot json\n", []string{"scan", "--jsonl"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI(t, c.stdin, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, out, errs)
			}
		})
	}
}

func TestScanJSONMatchesResult(t *testing.T) {
	code, out, _ := runCLI(t, "Congratulations to Emma on finishing her Invisalign treatment!", "scan", "--format", "json", "--practice", profile)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var r struct {
		Verdict  string `json:"verdict"`
		Findings []struct {
			Kind       string  `json:"kind"`
			Start      int     `json:"start"`
			End        int     `json:"end"`
			Text       string  `json:"text"`
			Reason     string  `json:"reason"`
			Confidence float64 `json:"confidence"`
		} `json:"findings"`
		Suggestion *string `json:"suggestion"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if r.Verdict != "block" || len(r.Findings) == 0 || r.Suggestion == nil || strings.Contains(*r.Suggestion, "Emma") {
		t.Errorf("unexpected result: %s", out)
	}
}

func TestScanReplyToFileAndSARIF(t *testing.T) {
	dir := t.TempDir()
	review := filepath.Join(dir, "review.json")
	os.WriteFile(review, []byte(`{"author":"Dana P.","rating":1,"text":"My son's asthma got worse"}`), 0o600)
	reply := filepath.Join(dir, "reply.txt")
	os.WriteFile(reply, []byte("Sorry Dana, asthma can flare in spring."), 0o600)
	code, out, errs := runCLI(t, "", "scan", "--context", "reply", "--reply-to", review, "--format", "sarif", reply)
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, `"ruleId": "name.reviewer"`) || !strings.Contains(out, `"kind": "CASE"`) {
		t.Errorf("SARIF lacks the reviewer's name and the echoed condition:\n%s", out)
	}
}

func TestEvalCommand(t *testing.T) {
	code, out, errs := runCLI(t, "", "eval", "--practice", profile, "--misses", "0", "../../eval/testdata/corpus/allow.jsonl")
	if code != 0 || !strings.Contains(out, "false alarms") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = runCLI(t, "", "eval", "--names", "../../eval/testdata/tweets/btc.dev")
	if code != 0 || !strings.Contains(out, "precision") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}
