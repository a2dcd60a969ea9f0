package phi

import (
	"encoding/json"
	"testing"
)

// TestResultJSON: the hand-written encoder writes what encoding/json would, for any text.
func TestResultJSON(t *testing.T) {
	for _, text := range []string{"Karen", "a\"b\\c\n\t\r\x00\x1f\b\f", "<script>&", "José 🦷", "bad \xff\xfe utf8", "\u2028\u2029", ""} {
		r := Result{Verdict: Review, Suggestion: text, Findings: []Finding{
			{Kind: Name, Start: 3, End: 9, Text: text, Reason: "A name <b>", Confidence: 0.85, Rule: "name.person", Effect: Review},
			{Kind: Case, Text: "x", Confidence: 1, Effect: Block}}}
		want, _ := json.Marshal(r)
		if got := r.AppendJSON(nil); string(got) != string(want) {
			t.Errorf("text %q:\n got  %s\n want %s", text, got, want)
		}
	}
	if got, want := (Result{Verdict: Allow}).AppendJSON(nil), `{"verdict":"allow","findings":null,"suggestion":""}`; string(got) != want {
		t.Errorf("empty result %s", got)
	}
}

func FuzzResultJSON(f *testing.F) {
	f.Add("Karen \xff <&> \u2028")
	f.Fuzz(func(t *testing.T, text string) {
		r := Result{Verdict: Block, Suggestion: text, Findings: []Finding{{Kind: Case, Text: text, Reason: text, Rule: "r", Effect: Block, Confidence: 1}}}
		want, _ := json.Marshal(r)
		if got := r.AppendJSON(nil); string(got) != string(want) {
			t.Fatalf("got %s want %s", got, want)
		}
	})
}
