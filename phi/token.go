package phi

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tkWord   tokKind = iota // letters, possibly with digits, inner hyphens and apostrophes
	tkNum                   // digits, possibly with inner hyphens and dots
	tkPunct                 // one punctuation or symbol rune
	tkURL                   // a link, with or without scheme
	tkEmail                 // local@domain
	tkHandle                // @name
	tkTag                   // #hashtag (hash and lexicon flags are of the word after '#')
)

// Shape bits describe the case and content of a word as written.
const (
	shCap    uint8 = 1 << iota // first letter upper case
	shUpper                    // two or more letters, all upper case
	shLower                    // has a lower-case letter
	shDigit                    // has a digit
	shLetter                   // has a letter
)

// Spacing bits describe what surrounds a token.
const (
	spSpace uint8 = 1 << iota // white space right before
	spLine                    // a line break before it (since the previous token)
	spPoss                    // followed by 's or a possessive apostrophe ("Emma's", "Jones'")
	spFirst                   // first word of its sentence
)

type token struct {
	start, end int32
	hash       uint64 // folded form, see fold.go
	lex        flag   // lexicon flags of the word alone
	pflag      flag   // flags of the longest lexicon phrase that starts here
	pend       int16  // index of that phrase's last token, or -1
	kind       tokKind
	shape      uint8
	sp         uint8
	ch         byte // for punctuation: its first byte
	used       bool // consumed by an identifier matcher
}

// maxSentence caps the tokens of one sentence so that memory stays constant on text without
// sentence ends (a 10 MB run of words is processed in fixed-size pieces).
const maxSentence = 400

// lexer cuts text into sentences of tokens in one forward pass.
type lexer struct {
	text     string
	pos      int
	noScan   int // the email/domain scan from an earlier start failed up to here
	lx       *lexicon
	lastLine bool
	hyphen   int // the last inner hyphen of the word being scanned, or -1
}

func isASCIIAlpha(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isDigit(c byte) bool      { return '0' <= c && c <= '9' }
func isASCIIAlnum(c byte) bool { return isASCIIAlpha(c) || isDigit(c) }

// wordRune reports the runes that continue a word.
func wordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return isASCIIAlnum(byte(r))
	case r < wordRunesBelow:
		return wordRunes[r>>6]&(1<<(r&63)) != 0
	case emojiFrom <= r && r < emojiTo:
		return wordEmoji[(r-emojiFrom)>>6]&(1<<(r&63)) != 0
	}
	return unicodeWordRune(r)
}

func unicodeWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// wordRune answers from bitmaps for the code points social posts are made of, which the unicode
// tables would answer by binary search: Latin, Greek, Cyrillic, punctuation, symbols and dingbats
// below U+3000, and the emoji of U+1F000 to U+1FFFF.
const (
	wordRunesBelow = 0x3000
	emojiFrom      = 0x1F000
	emojiTo        = 0x20000
)

var wordRunes, wordEmoji = func() (low [wordRunesBelow / 64]uint64, emoji [(emojiTo - emojiFrom) / 64]uint64) {
	for r := rune(0); r < wordRunesBelow; r++ {
		if unicodeWordRune(r) {
			low[r>>6] |= 1 << (r & 63)
		}
	}
	for r := rune(emojiFrom); r < emojiTo; r++ {
		if unicodeWordRune(r) {
			emoji[(r-emojiFrom)>>6] |= 1 << (r & 63)
		}
	}
	return low, emoji
}()

// sentence appends the next sentence's tokens to buf[:0]. It returns false when the text is done.
func (l *lexer) sentence(buf []token) ([]token, bool) {
	buf = buf[:0]
	var sp uint8
	if l.lastLine {
		sp = spLine
		l.lastLine = false
	}
	text := l.text
	for l.pos < len(text) {
		if len(buf) >= maxSentence {
			return l.finish(buf), true
		}
		c := text[l.pos]
		if c == ' ' { // the commonest byte first
			l.pos++
			sp |= spSpace
			continue
		}
		if c < utf8.RuneSelf && asciiClass[c] != 0 {
			if (c == 'u' || c == 'U') && l.redditUser() {
				buf = append(buf, l.handle(sp, 2))
				sp = 0
				continue
			}
			buf = append(buf, token{})
			l.word(&buf[len(buf)-1], sp)
			sp = 0
			continue
		}
		var r rune = rune(c)
		size := 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[l.pos:])
		}
		switch {
		case c == '\n' || c == '\r' || r == '\u2028' || r == '\u2029':
			l.pos += size
			if len(buf) > 0 {
				l.lastLine = true
				return l.finish(buf), true
			}
			sp |= spSpace | spLine
			continue
		case c == ' ' || c == '\t' || (c >= utf8.RuneSelf && unicode.IsSpace(r)):
			l.pos += size
			sp |= spSpace
			continue
		case wordRune(r):
			buf = append(buf, token{})
			l.word(&buf[len(buf)-1], sp)
		case c == '@' && l.pos+1 < len(text) && (isASCIIAlnum(text[l.pos+1]) || text[l.pos+1] == '_'):
			buf = append(buf, l.handle(sp, 1))
		case c == '#' && l.pos+1 < len(text) && isASCIIAlpha(text[l.pos+1]):
			buf = append(buf, l.hashtag(sp))
		default:
			t := token{start: int32(l.pos), end: int32(l.pos + size), kind: tkPunct, sp: sp, ch: c, pend: -1}
			l.pos += size
			buf = append(buf, t)
			if l.endsSentence(buf, r) {
				return l.finish(buf), true
			}
		}
		sp = 0
	}
	if len(buf) == 0 {
		return buf, false
	}
	return l.finish(buf), true
}

func (l *lexer) finish(buf []token) []token {
	for i := range buf {
		if buf[i].kind == tkWord || buf[i].kind == tkNum {
			buf[i].sp |= spFirst
			break
		}
	}
	return buf
}

// endsSentence decides whether the punctuation just appended closes the sentence.
func (l *lexer) endsSentence(buf []token, r rune) bool {
	if (r == '!' || r == '?') && inBrackets(buf) {
		return false // "Mrs. Barajas (78!!) beat everyone after her hip surgery"
	}
	switch r {
	case '!', '?', '…':
	case '.':
		if len(buf) >= 2 {
			prev := buf[len(buf)-2]
			if prev.end == buf[len(buf)-1].start && prev.kind == tkWord {
				// "Dr.", "approx." go on; "875 7th St." may end the sentence, as what follows tells.
				street := prev.lex&fStreet != 0 && len(buf) >= 3 && buf[len(buf)-3].shape&shDigit != 0
				if prev.lex&(fTitle|fAbbrev) != 0 && !street {
					return false
				}
				if prev.end-prev.start == 1 && prev.shape&shCap != 0 { // an initial: "Mike T."
					return false
				}
			}
		}
	default:
		return false
	}
	// Swallow runs of terminators and closing quotes, then look at what follows.
	text := l.text
	for l.pos < len(text) && strings.IndexByte(".!?\"')]", text[l.pos]) >= 0 {
		l.pos++
	}
	i := l.pos
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	if r == '.' && i < len(text) && i > l.pos-1 {
		c := text[i]
		if ('a' <= c && c <= 'z') || isDigit(c) {
			return false
		}
		if i == l.pos && (strings.HasPrefix(text[i:], "º") || strings.HasPrefix(text[i:], "ª")) {
			return false // "2.º grado": a Spanish ordinal
		}
	}
	return true
}

// inBrackets reports an opening bracket in the sentence so far that is not closed yet.
func inBrackets(buf []token) bool {
	open := 0
	for i := range buf {
		if buf[i].kind == tkPunct {
			switch buf[i].ch {
			case '(':
				open++
			case ')':
				open = max(0, open-1)
			}
		}
	}
	return open > 0
}

// word scans a word or number starting at l.pos, or a link or email address that starts there.
// Links are rare: only a word that starts like one ("http", "www.") or runs into '@', '.', '_'
// or '+' is looked at again as a possible link.
// The token is written in place, in the sentence's buffer: tokens are copied nowhere.
func (l *lexer) word(t *token, sp uint8) {
	text := l.text
	start := l.pos
	if c := text[start] | 0x20; (c == 'h' || c == 'w') && start+3 < len(text) && (text[start+1]|0x20 == 't' || text[start+1]|0x20 == 'w') {
		if l.schemeLink(t, sp) { // "http://", "https://", "www."
			return
		}
	}
	l.scanWord(t, sp)
	if end := int(t.end); end < len(text) && start >= l.noScan && t.sp&spPoss == 0 {
		switch c := text[end]; {
		case c == '@', c == '_', c == '+', c == '%',
			c == '.' && end+1 < len(text) && isASCIIAlnum(text[end+1]):
			l.pos = start
			if l.linkOrEmail(t, sp) {
				return
			}
			l.pos = end
		}
	}
}

// asciiClass sorts bytes for the word scanner's fast path.
var asciiClass = func() (c [128]uint8) {
	for b := 'a'; b <= 'z'; b++ {
		c[b] = 1
	}
	for b := 'A'; b <= 'Z'; b++ {
		c[b] = 2
	}
	for b := '0'; b <= '9'; b++ {
		c[b] = 3
	}
	return c
}()

func (l *lexer) scanWord(t *token, sp uint8) {
	text := l.text
	*t = token{start: int32(l.pos), kind: tkWord, sp: sp, pend: -1}
	l.hyphen = -1
	h := uint64(fnvOffset)
	var shape uint8
	first := true
	i := l.pos
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case 1:
				h = (h ^ uint64(c)) * fnvPrime
				shape |= shLetter | shLower
				first = false
				i++
				continue
			case 2:
				h = (h ^ uint64(c+'a'-'A')) * fnvPrime
				if first {
					shape |= shCap
				}
				shape |= shLetter
				first = false
				i++
				continue
			case 3:
				h = (h ^ uint64(c)) * fnvPrime
				shape |= shDigit
				i++
				continue
			}
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case c < utf8.RuneSelf && isDigit(c):
			shape |= shDigit
		case wordRune(r):
			if unicode.IsLetter(r) {
				shape |= shLetter
				if unicode.IsUpper(r) {
					if first {
						shape |= shCap
					}
				} else {
					shape |= shLower
				}
				first = false
			}
		case isApostrophe(r):
			next := i + size
			if next < len(text) && (text[next]|0x20) == 's' && (next+1 >= len(text) || !isASCIIAlnum(text[next+1])) {
				t.sp |= spPoss
				l.pos = next + 1
				l.done(t, i, h, shape)
				return
			}
			if next < len(text) && isASCIIAlpha(text[next]) && i > l.pos {
				h = hashRune(h, '\'')
				i = next
				continue
			}
			if i > l.pos && (text[i-1]|0x20) == 's' {
				t.sp |= spPoss
				l.pos = next
				l.done(t, i, h, shape)
				return
			}
			l.pos = i
			l.done(t, i, h, shape)
			return
		case (c == '-' || c == '.' || c == '/') && i > l.pos && i+1 < len(text) && isASCIIAlnum(text[i+1]) && isASCIIAlnum(text[i-1]):
			// Inner hyphens join ("x-ray", "45-year-old"); inner dots and slashes join digits only
			// ("3.5", "192.168.0.1"), so that "10/12/2026" stays one number token.
			if c != '-' && !(isDigit(text[i-1]) && isDigit(text[i+1])) {
				l.pos = i
				l.done(t, i, h, shape)
				return
			}
			if c == '-' {
				l.hyphen = i
			}
			h = hashRune(h, r)
			i++
			continue
		default:
			l.pos = i
			l.done(t, i, h, shape)
			return
		}
		h = hashRune(h, r)
		i += size
	}
	l.pos = i
	l.done(t, i, h, shape)
}

func (l *lexer) done(t *token, end int, h uint64, shape uint8) {
	t.end = int32(end)
	t.hash = h
	if shape&shLetter == 0 && shape&shDigit != 0 {
		t.kind = tkNum
	}
	if shape&shCap != 0 && shape&shLower == 0 && end-int(t.start) > 1 {
		shape |= shUpper
	}
	t.shape = shape
	if t.kind == tkWord {
		if t.lex = l.lx.words.get(h); t.lex&fTagOnly != 0 {
			t.lex = 0 // "lipfiller" is a hashtag's spelling, not a word
		}
		if t.lex == 0 && l.hyphen > int(t.start) && l.hyphen < end {
			// "heart-stent", "knee-replacement": a compound no list holds is clinical when its last
			// part is.
			if w, k := l.text[t.start:end], l.hyphen-int(t.start); clinicalCompound(w, k) {
				t.lex = l.lx.words.get(foldHash(w[k+1:])) & (fClinical | fWeak)
			}
		}
	}
}

// schemeLink recognises "http(s)://..." and "www....".
func (l *lexer) schemeLink(t *token, sp uint8) bool {
	text := l.text
	start := l.pos
	rest := text[start:]
	if !(hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "www.")) {
		return false
	}
	end := start
	for end < len(text) && !isLinkEnd(text[end]) {
		end++
	}
	end = trimLinkTail(text, start, end)
	l.pos = end
	*t = token{start: int32(start), end: int32(end), kind: tkURL, sp: sp, pend: -1}
	return true
}

// linkOrEmail recognises "name.tld/..." and "local@domain.tld".
func (l *lexer) linkOrEmail(t *token, sp uint8) bool {
	text := l.text
	start := l.pos
	if start < l.noScan {
		return false
	}
	// One run of address characters; what follows it decides.
	end := start
	for end < len(text) && isAddrByte(text[end]) {
		end++
	}
	if end < len(text) && text[end] == '@' {
		d := end + 1
		dots := 0
		for d < len(text) && (isASCIIAlnum(text[d]) || text[d] == '-' || text[d] == '.') {
			if text[d] == '.' {
				dots++
			}
			d++
		}
		d = trimLinkTail(text, end+1, d)
		if dots > 0 && d > end+1 && strings.Contains(text[end+1:d], ".") && end > start {
			l.pos = d
			*t = token{start: int32(start), end: int32(d), kind: tkEmail, sp: sp, pend: -1}
			return true
		}
	}
	runEnd := trimLinkTail(text, start, end)
	if dot := strings.LastIndexByte(text[start:runEnd], '.'); dot > 0 && knownTLD(text[start+dot+1:runEnd]) {
		end = runEnd
		if end < len(text) && text[end] == '/' {
			for end < len(text) && !isLinkEnd(text[end]) {
				end++
			}
			end = trimLinkTail(text, start, end)
		}
		l.pos = end
		*t = token{start: int32(start), end: int32(end), kind: tkURL, sp: sp, pend: -1}
		return true
	}
	l.noScan = end
	return false
}

func isAddrByte(c byte) bool {
	return isASCIIAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func isLinkEnd(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '<' || c == '>' || c >= utf8.RuneSelf
}

// trimLinkTail drops sentence punctuation that ends a link: "see example.com." ends before the dot.
func trimLinkTail(text string, start, end int) int {
	for end > start && strings.IndexByte(".,;:!?)]'", text[end-1]) >= 0 {
		end--
	}
	return end
}

var tlds = map[string]bool{"com": true, "org": true, "net": true, "edu": true, "gov": true, "io": true,
	"co": true, "us": true, "info": true, "me": true, "biz": true, "health": true, "care": true,
	"dental": true, "clinic": true, "ly": true, "app": true, "es": true, "mx": true, "ca": true,
	"uk": true, "de": true, "site": true, "online": true, "blog": true, "page": true, "link": true,
	"ee": true, "tv": true, "int": true, "example": true}

func knownTLD(s string) bool {
	if len(s) < 2 || len(s) > 7 {
		return false
	}
	var b [7]byte
	for i := 0; i < len(s); i++ {
		b[i] = s[i] | 0x20
	}
	return tlds[string(b[:len(s)])]
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// redditUser: "u/foggybrain_88" at the lexer's position, a Reddit account (three or more
// characters, so "u/s" for ultrasound and "u/a" for urinalysis stay words).
func (l *lexer) redditUser() bool {
	text, i := l.text, l.pos
	if i > 0 && (isASCIIAlnum(text[i-1]) || text[i-1] == '/') || i+4 >= len(text) || text[i+1] != '/' {
		return false
	}
	for k := i + 2; k < i+5; k++ {
		if !isASCIIAlnum(text[k]) && text[k] != '_' && text[k] != '-' {
			return false
		}
	}
	return true
}

// handle lexes "@name" (prefix 1) or "u/name" (prefix 2); the hash covers the name alone.
func (l *lexer) handle(sp uint8, prefix int) token {
	text := l.text
	start := l.pos
	i := start + prefix
	h := uint64(fnvOffset)
	for i < len(text) && (isASCIIAlnum(text[i]) || text[i] == '_' || prefix == 2 && text[i] == '-' && i+1 < len(text) && isASCIIAlnum(text[i+1]) || (text[i] == '.' && i+1 < len(text) && isASCIIAlnum(text[i+1]))) {
		h = hashRune(h, rune(text[i]))
		i++
	}
	l.pos = i
	return token{start: int32(start), end: int32(i), hash: h, kind: tkHandle, sp: sp, pend: -1}
}

func (l *lexer) hashtag(sp uint8) token {
	text := l.text
	start := l.pos
	i := start + 1
	h := uint64(fnvOffset)
	for i < len(text) {
		if c := text[i]; isASCIIAlnum(c) || c == '_' {
			h = hashRune(h, rune(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r < utf8.RuneSelf || !unicode.IsLetter(r) {
			break
		}
		h = hashRune(h, r) // "#SemanaDeEnfermería", "#DíaDeLosVeteranos"
		i += size
	}
	l.pos = i
	return token{start: int32(start), end: int32(i), hash: h, lex: l.lx.words.get(h), kind: tkTag, sp: sp, pend: -1}
}

// clinicalCompound: a compound whose last part (after byte k) may carry its meaning ("post-op",
// "No-Cavity Wall of Fame"); not a count ("3-session") or a repeat ("back-to-back").
func clinicalCompound(w string, k int) bool {
	head, _, _ := strings.Cut(w, "-")
	return !isDigit(w[0]) && !strings.EqualFold(head, w[k+1:])
}
