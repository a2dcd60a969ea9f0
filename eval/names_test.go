package eval

import (
	"os"
	"testing"

	"github.com/bedsidehq/bedside/phi"
)

// TestTweetNames scores person names on the shared tweet development sets (token level, @handles
// left out). Issue 2 asks for recall >= 0.80 at precision >= 0.70; the scanner does not reach that
// recall yet (see the README), so this test holds the precision bar and guards the recall reached
// (0.569) against regressions.
func TestTweetNames(t *testing.T) {
	s, err := phi.New(phi.Profile{})
	if err != nil {
		t.Fatal(err)
	}
	var all NameScore
	for _, name := range []string{"testdata/tweets/btc.dev", "testdata/tweets/emerging.dev.conll"} {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sents, err := ReadCoNLL(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sc, err := ScoreNames(s, sents)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: precision %.3f recall %.3f (tp %d fp %d fn %d)", name, sc.Precision(), sc.Recall(), sc.TruePos, sc.FalsePos, sc.FalseNeg)
		all.TruePos += sc.TruePos
		all.FalsePos += sc.FalsePos
		all.FalseNeg += sc.FalseNeg
	}
	t.Logf("both: precision %.3f recall %.3f", all.Precision(), all.Recall())
	if all.Recall() < 0.58 || all.Precision() < 0.70 {
		t.Errorf("person names: recall %.3f (floor 0.58; issue target 0.80) at precision %.3f (want >= 0.70)", all.Recall(), all.Precision())
	}
}
