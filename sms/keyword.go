package sms

import (
	"fmt"
	"strings"
	"unicode"
)

// Kind is what an inbound reply asks for.
type Kind int

// The kinds, in the order they win when a reply could be read two ways.
const (
	None   Kind = iota // an ordinary reply, for a person to read
	OptOut             // revokes consent: suppress the number, send at most ConfirmationText
	Help               // wants HelpText
	OptIn              // asks to receive texts again after an opt-out
)

func (k Kind) String() string {
	switch k {
	case OptOut:
		return "opt-out"
	case Help:
		return "help"
	case OptIn:
		return "opt-in"
	}
	return "none"
}

// optOutWords revoke consent wherever they stand in a reply, as whole words. "optout" and
// "opt out" come from "opt-out", "opt out" and "optout" alike; "stopall" is the carriers'.
var optOutWords = map[string]bool{
	"stop": true, "quit": true, "end": true, "revoke": true, "cancel": true,
	"unsubscribe": true, "stopall": true, "optout": true,
}

// optOutPhrases are word sequences that revoke as well; matched on whole words too.
var optOutPhrases = [][]string{
	{"opt", "out"},
}

// helpWords and optInWords count only as the whole reply: "yes" inside a sentence is not
// consent, and "help" inside one is a question for staff.
var (
	helpWords  = map[string]bool{"help": true, "info": true}
	optInWords = map[string]bool{"start": true, "unstop": true, "yes": true}
)

// Classify reads an inbound reply. Opt-out wins over everything: any opt-out word or phrase
// anywhere in body revokes, whatever else it says ("don't stop", "stop? yes"), because the
// FCC counts revocation by any reasonable means and a miss is the costly error. Case, width
// (full-width letters), punctuation, hyphens and invisible format characters do not hide a
// keyword; a keyword inside a longer word ("weekend", "stopped", "nonstop") is not one.
func Classify(body string) Kind {
	ws := words(body)
	for i, w := range ws {
		if optOutWords[w] {
			return OptOut
		}
		for _, p := range optOutPhrases {
			if hasPhraseAt(ws, i, p) {
				return OptOut
			}
		}
	}
	if len(ws) != 1 {
		return None
	}
	switch {
	case helpWords[ws[0]]:
		return Help
	case optInWords[ws[0]]:
		return OptIn
	}
	return None
}

func hasPhraseAt(words []string, i int, p []string) bool {
	if i+len(p) > len(words) {
		return false
	}
	for j, w := range p {
		if words[i+j] != w {
			return false
		}
	}
	return true
}

// words splits s into lower-case words of letters and digits. Full-width ASCII folds to
// ASCII and format characters (zero-width spaces, joiners, bidi marks) are dropped, so
// "ＳＴＯＰ", "S\u200bTOP" and "ſtop" read as "stop". Everything else separates words.
func words(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E { // full-width forms of ASCII
			r -= 0xFEE0
		}
		switch {
		case unicode.Is(unicode.Cf, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// Lower of upper folds the odd case forms too: "ſ" reads as "s", "K" (Kelvin) as "k".
			b.WriteRune(unicode.ToLower(unicode.ToUpper(r)))
		default:
			flush()
		}
	}
	flush()
	return out
}

// Practice is who a text comes from, as the keyword replies name it.
type Practice struct {
	Name  string // as patients know it, such as "Lakeside Dental"
	Phone string // a number patients can call, as it should be printed
}

// ConfirmationText is the one text allowed after an opt-out: it confirms, names the way back
// and sells nothing. It fits one GSM-7 segment for names and numbers of normal length.
func ConfirmationText(p Practice) string {
	return fmt.Sprintf("%s: you are unsubscribed and will get no more texts from us. Reply START to resubscribe.",
		strings.TrimSpace(p.Name))
}

// HelpText answers HELP or INFO: who is texting, how to stop, whom to call.
func HelpText(p Practice) string {
	return fmt.Sprintf("%s: appointment and care texts. Msg&data rates may apply. Reply STOP to opt out. Call %s for help.",
		strings.TrimSpace(p.Name), strings.TrimSpace(p.Phone))
}
