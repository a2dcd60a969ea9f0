package eval

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/bedsidehq/bedside/phi"
)

func corpusScanner(t testing.TB) *phi.Scanner {
	t.Helper()
	f, err := os.Open("testdata/corpus/profile.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := phi.ReadProfile(f)
	if err != nil {
		t.Fatal(err)
	}
	s, err := phi.New(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func loadDir(t testing.TB, pattern string) []Case {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files match %s", pattern)
	}
	var all []Case
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := Load(f, name)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, cs...)
	}
	return all
}

// TestCorpus holds the scanner to issue 2's thresholds on Bedside's own labelled corpus.
func TestCorpus(t *testing.T) {
	s := corpusScanner(t)
	r, err := Run(s, loadDir(t, "testdata/corpus/*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		r.Write(os.Stdout, 400)
	}
	if r.CaughtRate() < 0.98 {
		t.Errorf("caught %.3f, want >= 0.98", r.CaughtRate())
	}
	if r.FalseAlarmRate() > 0.05 {
		t.Errorf("false alarms %.3f, want <= 0.05", r.FalseAlarmRate())
	}
	if r.SpanRecall() < 0.95 {
		t.Errorf("span recall %.3f, want >= 0.95", r.SpanRecall())
	}
}
