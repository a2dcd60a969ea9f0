package incident

import (
	"testing"

	"github.com/bedsidehq/bedside/phi"
)

// Every kind the scanner can report must have plain words in both languages, and no word may
// stand for a kind the scanner no longer reports.
func TestKindWordsMatchTheScanner(t *testing.T) {
	for _, k := range phi.Kinds {
		w, ok := kindWords[string(k)]
		if !ok || w.en == "" || w.es == "" {
			t.Errorf("kind %s has no plain words in both languages", k)
		}
	}
	if len(kindWords) != len(phi.Kinds) {
		t.Errorf("%d kinds have words, the scanner has %d", len(kindWords), len(phi.Kinds))
	}
}
