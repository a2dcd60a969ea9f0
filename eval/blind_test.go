package eval

import (
	"os"
	"testing"
)

// TestBlind reports the scanner's figures on the "blind" set, written separately from the scanner and
// its corpus (its misses were read during tuning, so it is no longer truly blind); it holds
// looser floors than TestCorpus.
func TestBlind(t *testing.T) {
	s := corpusScanner(t)
	r, err := Run(s, loadDir(t, "testdata/blind/*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		r.Write(os.Stdout, 0)
	}
	// Floors a little under the figures measured when this set was added, to catch regressions.
	if r.CaughtRate() < 0.93 || r.FalseAlarmRate() > 0.05 || r.SpanRecall() < 0.78 {
		t.Errorf("blind set: caught %.3f (floor 0.93), false alarms %.3f (ceiling 0.05), span recall %.3f (floor 0.78)",
			r.CaughtRate(), r.FalseAlarmRate(), r.SpanRecall())
	}
}
