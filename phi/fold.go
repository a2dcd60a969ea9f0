package phi

import (
	"unicode"
	"unicode/utf8"
)

// Words are matched in a folded form: lower case, accents removed, curly apostrophes straight.
// "José", "JOSE" and "jose" are one word to the lexicon; the original case is kept in the token's
// shape, where the name rules need it.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// accentFold maps Latin-1 and Latin Extended-A letters (below U+0180) to their unaccented
// lower-case ASCII base, and every other code point below U+0180 to 0.
var accentFold = func() (m [0x180]byte) {
	add := func(base byte, runes string) {
		for _, r := range runes {
			m[r] = base
		}
	}
	add('a', "ÀÁÂÃÄÅàáâãäåĀāĂăĄą")
	add('c', "ÇçĆćĈĉĊċČč")
	add('d', "ĎďĐđ")
	add('e', "ÈÉÊËèéêëĒēĔĕĖėĘęĚě")
	add('g', "ĜĝĞğĠġĢģ")
	add('h', "ĤĥĦħ")
	add('i', "ÌÍÎÏìíîïĨĩĪīĬĭĮįİı")
	add('j', "Ĵĵ")
	add('k', "Ķķ")
	add('l', "ĹĺĻļĽľĿŀŁł")
	add('n', "ŃńŅņŇňŉ") // ñ stays: "año" is not "ano", "uña" is not "una"
	add('o', "ÒÓÔÕÖØòóôõöøŌōŎŏŐő")
	add('r', "ŔŕŖŗŘř")
	add('s', "ŚśŜŝŞşŠšß")
	add('t', "ŢţŤťŦŧ")
	add('u', "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų")
	add('w', "Ŵŵ")
	add('y', "ÝýÿŶŷŸ")
	add('z', "ŹźŻżŽž")
	return m
}()

// isApostrophe reports the straight and typographic apostrophes.
func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u02bc' }

// hashRune adds the folded form of r to the running FNV-1a hash h.
func hashRune(h uint64, r rune) uint64 {
	if r < utf8.RuneSelf {
		b := byte(r)
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		return (h ^ uint64(b)) * fnvPrime
	}
	if isApostrophe(r) {
		return (h ^ '\'') * fnvPrime
	}
	if r < rune(len(accentFold)) && accentFold[r] != 0 {
		return (h ^ uint64(accentFold[r])) * fnvPrime
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
	for _, c := range buf[:n] {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// foldHash is the hash of a whole string's folded form.
func foldHash(s string) uint64 {
	h := uint64(fnvOffset)
	for _, r := range s {
		h = hashRune(h, r)
	}
	return h
}
