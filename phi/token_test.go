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
