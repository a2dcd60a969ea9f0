package share

import (
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bedsidehq/bedside/phi"
)

// Attribution ends every anonymous quote: it says where the words come from without who.
const Attribution = "— Verified patient"

// Review is the text to quote and who wrote it (display name or handle, may be empty).
type Review struct {
	Author string
	Text   string
}

// Quote is a review made into a post.
type Quote struct {
	Text string // the post: the stripped quote and the attribution
	// Removed counts what was taken out, by kind: never the words themselves, which are PHI.
	Removed map[phi.Kind]int
	// Flagged counts what the scanner still finds in the post, by kind: ROLE, CASE... a person
	// must look at these, and an authorization must cover them before the post goes out.
	Flagged map[phi.Kind]int
	Scan    phi.Result // the scan of Text as a post
}

// Held reports whether the post needs an authorization (or an override) before it may go out.
func (q Quote) Held() bool { return q.Scan.Verdict != phi.Allow }

// ErrEmpty is returned when nothing is left to quote.
var ErrEmpty = errors.New("share: the review has no text to quote")

// removable are the identifiers taken out of a quote. ROLE and CASE stay: removing them would
// change what the patient said, so they are flagged and the post is held instead.
var removable = map[phi.Kind]bool{phi.Name: true, phi.Handle: true, phi.Address: true, phi.Date: true,
	phi.Age: true, phi.Phone: true, phi.Fax: true, phi.Email: true, phi.URL: true, phi.IP: true,
	phi.SSN: true, phi.MRN: true, phi.HealthPlan: true, phi.Account: true, phi.License: true,
	phi.Vehicle: true, phi.Device: true, phi.Biometric: true, phi.ID: true}

type span struct {
	start, end int
	kind       phi.Kind
}

// Anonymize quotes r without its author's names, handle and the identifiers sc finds, and scans
// the result as a post.
func Anonymize(sc *phi.Scanner, r Review) (Quote, error) {
	q := Quote{Removed: map[phi.Kind]int{}, Flagged: map[phi.Kind]int{}}
	text := strings.TrimSpace(r.Text)
	if text == "" {
		return q, ErrEmpty
	}
	es := spanish(text)
	text = strip(text, append(authorSpans(text, r.Author), dateSpans(text)...), q.Removed, es)
	// Removing one identifier can leave another readable in new context, so scan until stable.
	for range 4 {
		res, err := sc.Check(phi.Document{Text: text, Context: phi.Post})
		if err != nil {
			return q, err
		}
		var spans []span
		for _, f := range res.Findings {
			if removable[f.Kind] && f.Effect != phi.Allow {
				spans = append(spans, span{f.Start, f.End, f.Kind})
			}
		}
		if len(spans) == 0 {
			break
		}
		text = strip(text, spans, q.Removed, es)
	}
	if text == "" {
		return q, ErrEmpty
	}
	q.Text = "“" + strings.Trim(text, "\"“”") + "” " + Attribution
	res, err := sc.Scan(phi.Document{Text: q.Text, Context: phi.Post})
	if err != nil {
		return q, err
	}
	q.Scan = res
	for _, f := range res.Findings {
		if f.Effect != phi.Allow {
			q.Flagged[f.Kind]++
		}
	}
	return q, nil
}

// leadWords go with a removed date, place or number: "on March 3rd", "el 12 de marzo", "at 555-...".
var articles = set("the", "el", "la")

var leadWords = set("on", "in", "at", "since", "from", "to", "el", "en", "al", "a", "desde", "the", "of", "de", "del")

// relatives before a name keep the sentence whole when the name goes: "my daughter Emma".
var relatives = set("daughter", "son", "wife", "husband", "mother", "father", "mom", "dad", "mum", "kid",
	"kids", "child", "boy", "girl", "baby", "brother", "sister", "grandma", "grandpa", "grandmother",
	"grandfather", "grandson", "granddaughter", "partner", "fiancé", "fiance", "fiancée", "friend",
	"aunt", "uncle", "niece", "nephew", "cousin", "toddler", "teen", "hijo", "hija", "hijos", "esposo",
	"esposa", "mamá", "papá", "madre", "padre", "hermano", "hermana", "abuela", "abuelo", "nieto", "nieta",
	"niño", "niña", "bebé", "tío", "tía", "sobrino", "sobrina", "novio", "novia", "amigo", "amiga")

// strip removes spans from text, counting them by kind, and tidies what is left so that the
// quote reads as written: no "[NAME]", no "on ." and no dangling commas.
func strip(text string, spans []span, removed map[phi.Kind]int, es bool) string {
	if len(spans) == 0 {
		return text
	}
	spans = merge(text, spans)
	var b strings.Builder
	capNext := false
	write := func(seg string) {
		if capNext {
			// What followed a name removed at a sentence start starts the sentence now.
			seg = capFirst(strings.TrimLeft(seg, " ,;:"))
			capNext = false
		}
		b.WriteString(seg)
	}
	at := 0
	for _, s := range spans {
		if s.start < at {
			at = max(at, s.end) // overlaps one already removed
			continue
		}
		removed[s.kind]++
		start, end := s.start, s.end
		before := text[at:start]
		prev := lastWord(before)
		switch {
		case s.kind == phi.Name && relatives[strings.ToLower(prev)]:
			// "my daughter Emma" -> "my daughter"
		case s.kind == phi.Name && introduces(before) != "":
			// "Soy Lupe." / "This is Karen," -> dropped with the introduction
			before = before[:len(before)-len(introduces(before))]
			end = len(text) - len(strings.TrimLeft(text[end:], " ,.!"))
		case s.kind == phi.Name || s.kind == phi.Handle:
			if rest := strings.TrimLeft(text[end:], " "); strings.HasPrefix(strings.ToLower(rest), "here") {
				end = len(text) - len(strings.TrimLeft(rest[len("here"):], " ,.!")) // "Sarah here!" -> dropped
			} else if s.kind == phi.Name && followsWord(text[end:]) && !strings.HasSuffix(strings.TrimRight(before, " "), "—") {
				write(before)
				b.WriteString(neutral(es, sentenceStart(text, start), text[start:end]))
				at = end
				continue
			}
		default:
			if leadWords[strings.ToLower(prev)] {
				before = strings.TrimRight(before, " ")
				before = before[:len(before)-len(prev)]
				if p := lastWord(before); articles[strings.ToLower(prev)] && leadWords[strings.ToLower(p)] {
					before = strings.TrimRight(before, " ")
					before = before[:len(before)-len(p)] // "on the 3rd"
				}
			}
		}
		write(before)
		capNext = sentenceStart(b.String(), b.Len())
		at = end
	}
	write(text[at:])
	return tidy(b.String())
}

// merge sorts spans and joins those that only spaces separate: "Bob Miller" is one name.
func merge(text string, spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && s.start >= out[n-1].end && strings.TrimSpace(text[out[n-1].end:s.start]) == "" &&
			(out[n-1].kind == s.kind || s.kind == phi.Name && out[n-1].kind == phi.Handle) {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

var intros = []string{"this is", "i'm", "i am", "it's", "my name is", "me llamo", "mi nombre es", "soy", "habla"}

// introduces returns the introduction ("my name is ") that before ends with, if any.
func introduces(before string) string {
	lower := strings.ToLower(before)
	for _, in := range intros {
		if strings.HasSuffix(lower, in+" ") && sentenceStart(before, len(before)-len(in)-1) {
			return before[len(before)-len(in)-1:]
		}
	}
	return ""
}

// neutral stands in for a name that is the subject or object of a sentence.
func neutral(es, capital bool, name string) string {
	w := "someone"
	if es {
		w = "alguien"
	}
	if strings.HasSuffix(name, "'s") || strings.HasSuffix(name, "’s") {
		w = "their"
		if es {
			w = "su"
		}
	}
	if capital {
		r, n := utf8.DecodeRuneInString(w)
		w = string(unicode.ToUpper(r)) + w[n:]
	}
	return w
}

// lastWord returns the last word of s, if s ends with a word and spaces.
func lastWord(s string) string {
	s = strings.TrimRight(s, " ")
	i := strings.LastIndexFunc(s, func(r rune) bool { return !isWordRune(r) && r != '\'' })
	return s[i+1:]
}

// followsWord reports whether the text after a span goes on with a word, not punctuation.
func followsWord(rest string) bool {
	rest = strings.TrimLeft(rest, " ")
	r, _ := utf8.DecodeRuneInString(rest)
	return isWordRune(r)
}

var tidyPairs = [][2]string{
	{"  ", " "}, {" ,", ","}, {" .", "."}, {" !", "!"}, {" ?", "?"}, {" ;", ";"}, {" :", ":"},
	{",,", ","}, {",.", "."}, {",!", "!"}, {",?", "?"}, {"()", ""}, {"( )", ""}, {"( ", "("}, {" )", ")"},
	{"¡ ", "¡"}, {"¿ ", "¿"}, {". .", "."}, {"\n ", "\n"}, {" \n", "\n"}, {". ,", "."}, {"! ,", "!"}, {"? ,", "?"},
}

// tidy removes what removals leave behind: doubled spaces and punctuation, a signature dash with
// nothing after it.
func tidy(s string) string {
	for {
		t := s
		for _, p := range tidyPairs {
			t = strings.ReplaceAll(t, p[0], p[1])
		}
		t = strings.TrimSpace(t)
		t = strings.TrimRight(t, " —–-,;:")
		t = strings.TrimLeft(t, " ,;:.")
		if t == s {
			return capFirst(s)
		}
		s = t
	}
}

// capFirst upper-cases the first letter of s, past opening quotes.
func capFirst(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
		}
		if !strings.ContainsRune("\"“'¡¿( ", r) {
			return s
		}
	}
	return s
}

// spanish guesses the language for the neutral words.
func spanish(s string) bool {
	es, en := 0, 0
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Trim(w, ".,!?¡¿;:\"“”")
		switch w {
		case "el", "la", "de", "que", "y", "muy", "con", "por", "para", "gracias", "es", "los", "las", "mi", "su", "fue":
			es++
		case "the", "and", "to", "was", "with", "for", "of", "is", "my", "they", "we", "i":
			en++
		}
	}
	return es > en
}
