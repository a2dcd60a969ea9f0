package phi

import "testing"

func BenchmarkLexOnly(b *testing.B) {
	s := testScanner(b)
	post := post2KB(b)
	b.SetBytes(int64(len(post)))
	buf := make([]token, 0, maxSentence)
	for b.Loop() {
		l := lexer{text: post, lx: s.rules.lex}
		for {
			var ok bool
			if buf, ok = l.sentence(buf); !ok {
				break
			}
		}
	}
}
