package share

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzAnonymize: whatever the review, the quote never repeats the author's name and never
// panics on offsets that removals shifted.
func FuzzAnonymize(f *testing.F) {
	f.Add("Zelda Quist", "Zelda here! My son Max came in on 3/4. Thanks, Zelda")
	f.Add("@zq", "@zq says: el 12 de marzo, ¡gracias! — Zelda")
	f.Add("", "  ,  ")
	sc := scanner(f)
	f.Fuzz(func(t *testing.T, author, text string) {
		if !utf8.ValidString(author) || !utf8.ValidString(text) {
			return
		}
		q, err := Anonymize(sc, Review{Author: author, Text: text})
		if err != nil {
			return
		}
		if strings.Contains(author, "Zelda") && strings.Contains(q.Text, "Zelda") {
			t.Errorf("author left in %q", q.Text)
		}
	})
}
