package phi

import (
	"testing"
	"unicode"
)

// The bitmaps behind wordRune must say what the unicode tables say, for every code point.
func TestWordRuneTables(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if wordRune(r) != unicodeWordRune(r) {
			t.Fatalf("wordRune(%U) = %v, the unicode tables say %v", r, wordRune(r), unicodeWordRune(r))
		}
	}
}

// TestSentences: where the lexer ends a sentence. Shouting inside brackets does not end one; a
// full stop inside them may.
func TestSentences(t *testing.T) {
	rs, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]int{
		"Mrs. Barajas (78!!) beat everyone after her hip surgery": 1,
		"So proud!! She beat everyone. Dr. Kim agrees":            3,
		"Ask about aligners. (Model, not a patient.) #Invisalign": 3,
		"Great job (seriously?) on the 5K":                        1,
	} {
		l := lexer{text: text, lx: rs.lex}
		var buf []token
		n := 0
		for {
			var ok bool
			if buf, ok = l.sentence(buf); !ok {
				break
			}
			n++
		}
		if n != want {
			t.Errorf("%q: %d sentences, want %d", text, n, want)
		}
	}
}
