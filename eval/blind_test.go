package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestBlind reports the scanner's figures on the sets written separately from the scanner and its
// corpus. Their misses were read during tuning, so they are no longer truly blind; they hold looser
// floors than TestCorpus, a little under the figures measured after tuning, in each set's
// floors.json. The figures each set gave on first sight are in the README and in the commit that
// added it.
func TestBlind(t *testing.T) {
	s := corpusScanner(t)
	dirs, err := filepath.Glob("testdata/blind*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no blind sets: %v", err)
	}
	for _, dir := range dirs {
		var floor struct {
			Caught      float64 `json:"caught"`
			FalseAlarms float64 `json:"false_alarms"`
			SpanRecall  float64 `json:"span_recall"`
		}
		data, err := os.ReadFile(filepath.Join(dir, "floors.json"))
		if err == nil {
			err = json.Unmarshal(data, &floor)
		}
		if err != nil || floor.Caught == 0 {
			t.Fatalf("%s: every blind set needs floors.json with caught, false_alarms and span_recall: %v", dir, err)
		}
		r, err := Run(s, loadDir(t, filepath.Join(dir, "*.jsonl")))
		if err != nil {
			t.Fatal(err)
		}
		if testing.Verbose() {
			r.Write(os.Stdout, 0)
		}
		if r.CaughtRate() < floor.Caught || r.FalseAlarmRate() > floor.FalseAlarms || r.SpanRecall() < floor.SpanRecall {
			t.Errorf("%s: caught %.3f (floor %.2f), false alarms %.3f (ceiling %.2f), span recall %.3f (floor %.2f)",
				dir, r.CaughtRate(), floor.Caught, r.FalseAlarmRate(), floor.FalseAlarms, r.SpanRecall(), floor.SpanRecall)
		}
	}
}
