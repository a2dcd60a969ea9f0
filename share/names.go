package share

import (
	"strings"
	"unicode"
)

// nicknames groups the forms of one first name: a reviewer signed "Robert" may be "Bob" in the
// text, "Lupe" may be "Guadalupe". Every form of a group is removed when the author has one.
var nicknames = [][]string{
	{"robert", "bob", "bobby", "rob", "robbie", "bert"},
	{"william", "bill", "billy", "will", "willy", "liam"},
	{"elizabeth", "liz", "lizzy", "beth", "betty", "eliza", "libby"},
	{"margaret", "maggie", "peggy", "meg", "marge"},
	{"james", "jim", "jimmy", "jamie"},
	{"john", "johnny", "jack"},
	{"michael", "mike", "mikey", "mick"},
	{"richard", "rick", "ricky", "rich", "dick"},
	{"katherine", "catherine", "kathryn", "kate", "katie", "kathy", "cathy", "kat"},
	{"thomas", "tom", "tommy"},
	{"christopher", "chris", "topher"},
	{"christine", "christina", "chris", "chrissy", "tina"},
	{"jennifer", "jen", "jenny"},
	{"joseph", "joe", "joey"},
	{"daniel", "dan", "danny"},
	{"anthony", "tony"},
	{"alexander", "alex", "xander"},
	{"alexandra", "alex", "lexi", "sasha"},
	{"patricia", "pat", "patty", "trish"},
	{"patrick", "pat", "paddy"},
	{"susan", "sue", "suzy", "susie"},
	{"deborah", "debra", "deb", "debbie"},
	{"rebecca", "becky", "becca"},
	{"samantha", "sam", "sammy"},
	{"samuel", "sam", "sammy"},
	{"benjamin", "ben", "benny"},
	{"nicholas", "nick", "nicky"},
	{"matthew", "matt"},
	{"andrew", "andy", "drew"},
	{"edward", "ed", "eddie", "ted", "ned"},
	{"charles", "charlie", "chuck"},
	{"theodore", "ted", "teddy", "theo"},
	{"victoria", "vicky", "tori"},
	{"francisco", "paco", "pancho", "frank"},
	{"josé", "jose", "pepe"},
	{"guadalupe", "lupe", "lupita"},
	{"jesús", "jesus", "chuy", "chucho"},
	{"ignacio", "nacho"},
	{"dolores", "lola"},
	{"enrique", "quique", "kike"},
	{"manuel", "manolo", "manu"},
	{"rosario", "charo"},
	{"alejandro", "alejandra", "ale"},
	{"concepción", "concepcion", "concha", "conchita"},
	{"maría", "maria", "mari", "marita"},
	{"antonio", "toño", "tony"},
	{"eduardo", "lalo"},
	{"gonzalo", "chalo"},
}

// commonWords are words that display names share with ordinary text ("Happy Customer", "Will",
// "Grace"): in the review they count as the name only when capitalised mid-sentence.
var commonWords = set("will", "grace", "hope", "bill", "may", "rose", "young", "price", "mark", "faith",
	"joy", "june", "april", "dawn", "summer", "sky", "rich", "frank", "pat", "sue", "art", "jack", "ray",
	"ruby", "daisy", "iris", "amber", "angel", "carol", "chase", "dean", "drew", "guy", "holly", "ivy",
	"jade", "sandy", "penny", "happy", "customer", "user", "google", "local", "guide", "patient", "mom",
	"dad", "mama", "papa", "anonymous", "verified", "reviewer", "the", "a", "and", "of", "de", "la", "el",
	"y", "del", "los", "las", "mr", "mrs", "ms", "miss", "dr", "jr", "sr", "sra", "srta", "don", "doña")

// titles never count as a name on their own.
var titles = set("mr", "mrs", "ms", "miss", "dr", "jr", "sr", "sra", "srta", "don", "doña", "the", "a",
	"de", "la", "el", "y", "del", "los", "las", "and", "of", "ii", "iii")

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// nameForms returns the lower-case words that stand for the author: each word of the display
// name of two letters or more, every nickname form of them, and the handle as written.
func nameForms(author string) map[string]bool {
	forms := map[string]bool{}
	for _, w := range words(author) {
		lw := strings.ToLower(strings.TrimLeft(author[w[0]:w[1]], "@"))
		if len([]rune(lw)) < 2 || titles[lw] {
			continue
		}
		forms[lw] = true
		for _, g := range nicknames {
			for _, n := range g {
				if n == lw {
					for _, m := range g {
						forms[m] = true
					}
				}
			}
		}
	}
	return forms
}

// words returns the byte ranges of the words of s: letters, digits, '_' and inner apostrophes,
// with a leading '@' kept so that a handle is one word.
func words(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		in := isWordRune(r) || r == '@' && start < 0 || (r == '\'' || r == '’') && start >= 0
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	for k := range out {
		// A trailing apostrophe belongs to the text ("the Johnsons' dog" keeps its quote).
		for out[k][1] > out[k][0] && (s[out[k][1]-1] == '\'') {
			out[k][1]--
		}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// authorSpans finds the author's names and handle in text.
func authorSpans(text, author string) []span {
	forms := nameForms(author)
	if len(forms) == 0 {
		return nil
	}
	var out []span
	for _, w := range words(text) {
		word := text[w[0]:w[1]]
		base := strings.ToLower(word)
		for _, suf := range []string{"'s", "’s", "s"} {
			if t := strings.TrimSuffix(base, suf); t != base && forms[strings.TrimLeft(t, "@")] {
				base = t
				break
			}
		}
		base = strings.TrimLeft(base, "@")
		if !forms[base] {
			continue
		}
		if commonWords[base] && !(startsUpper(word) && !sentenceStart(text, w[0])) {
			continue
		}
		kind := span{start: w[0], end: w[1], kind: "NAME"}
		if strings.HasPrefix(word, "@") {
			kind.kind = "HANDLE"
		}
		out = append(out, kind)
	}
	return out
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// sentenceStart reports whether only spaces and opening quotes separate i from the start of the
// text or of a sentence.
func sentenceStart(text string, i int) bool {
	t := strings.TrimRight(text[:i], " \t\n\"“'¡¿(")
	return t == "" || strings.ContainsAny(t[len(t)-1:], ".!?\n")
}
