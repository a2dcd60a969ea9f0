package phi

import (
	"strings"
	"testing"
)

func TestDetokenize(t *testing.T) {
	for _, tc := range []struct{ toks, want string }{
		{"Ms . Gaynes just called me Brina .", "Ms. Gaynes just called me Brina."},
		{"Trump ' s a stud", "Trump's a stud"},
		{"Did n ' t Riceball have an owner ?", "Didn't Riceball have an owner?"},
		{"Allen Iverson 's jersey , tonight !", "Allen Iverson's jersey, tonight!"},
		{"RT @ SportsCenter : ( via # NBA )", "RT @SportsCenter: (via #NBA)"},
		{"' quoted ' words", "' quoted ' words"},
	} {
		toks := strings.Fields(tc.toks)
		got, starts := Detokenize(toks)
		if got != tc.want {
			t.Errorf("Detokenize(%q) = %q, want %q", tc.toks, got, tc.want)
			continue
		}
		for i, tok := range toks {
			if got[starts[i]:starts[i]+len(tok)] != tok {
				t.Errorf("%q: token %d %q starts at %d, where the text has %q", tc.toks, i, tok, starts[i], got[starts[i]:])
			}
		}
	}
}
