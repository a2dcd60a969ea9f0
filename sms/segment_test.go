package sms

import (
	"strings"
	"testing"
)

func TestSegments(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Count
	}{
		{"empty", "", Count{GSM7, 0, 0}},
		{"ascii", "Hello", Count{GSM7, 5, 1}},
		{"160 gsm", strings.Repeat("a", 160), Count{GSM7, 160, 1}},
		{"161 gsm", strings.Repeat("a", 161), Count{GSM7, 161, 2}},
		{"306 gsm", strings.Repeat("a", 306), Count{GSM7, 306, 2}},
		{"307 gsm", strings.Repeat("a", 307), Count{GSM7, 307, 3}},
		{"euro counts 2", "€", Count{GSM7, 2, 1}},
		{"extension chars", "[]{}~|^\\€", Count{GSM7, 18, 1}},
		{"80 euros", strings.Repeat("€", 80), Count{GSM7, 160, 1}},
		{"159 plus euro", strings.Repeat("a", 159) + "€", Count{GSM7, 161, 2}},
		// 152 septets then an escape pair: the pair may not straddle the segment boundary.
		{"escape not split", strings.Repeat("a", 152) + "€" + strings.Repeat("a", 10), Count{GSM7, 164, 2}},
		{"escape pushes a segment", strings.Repeat("a", 152) + "€" + strings.Repeat("a", 152), Count{GSM7, 306, 3}},
		{"gsm accents", "Café à Ñandù, ¿qué?", Count{GSM7, 19, 1}},
		{"greek capitals", "ΔΦΓΛΩΠΨΣΘΞ", Count{GSM7, 10, 1}},
		{"ç is not gsm", "ç", Count{UCS2, 1, 1}},
		{"curly quote", "Don’t forget", Count{UCS2, 12, 1}},
		{"70 ucs2", strings.Repeat("ж", 70), Count{UCS2, 70, 1}},
		{"71 ucs2", strings.Repeat("ж", 71), Count{UCS2, 71, 2}},
		{"emoji is two units", "😀", Count{UCS2, 2, 1}},
		{"35 emoji", strings.Repeat("😀", 35), Count{UCS2, 70, 1}},
		{"surrogate not split", strings.Repeat("a", 66) + "😀" + "a", Count{UCS2, 69, 1}},
		{"surrogate pushes a segment", strings.Repeat("a", 66) + "😀" + strings.Repeat("a", 10), Count{UCS2, 78, 2}},
		{"invalid utf8", "\xff", Count{UCS2, 1, 1}},
	}
	for _, tt := range tests {
		if got := Segments(tt.body); got != tt.want {
			t.Errorf("%s: Segments = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
