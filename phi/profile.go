package phi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// Profile describes the practice itself. Whatever matches it (its name, staff, phones, site,
// address, handles) is the practice speaking and is never a finding.
type Profile struct {
	Name      string   `json:"name"`
	Aliases   []string `json:"aliases"`
	Staff     []string `json:"staff"`
	Phones    []string `json:"phones"`
	Faxes     []string `json:"faxes"`
	Emails    []string `json:"emails"`
	Websites  []string `json:"websites"`
	Addresses []string `json:"addresses"`
	Handles   []string `json:"handles"`
}

// ReadProfile decodes a profile, refusing unknown fields so that a typo is not silently ignored.
func ReadProfile(r io.Reader) (Profile, error) {
	var p Profile
	dec := json.NewDecoder(io.LimitReader(r, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Profile{}, fmt.Errorf("practice profile: %w", err)
	}
	return p, p.Validate()
}

// Validate reports entries that cannot be what their field says.
func (p Profile) Validate() error {
	for _, ph := range append(append([]string{}, p.Phones...), p.Faxes...) {
		if n := len(digitsOf(ph)); n < 7 || n > 15 {
			return fmt.Errorf("practice profile: phone or fax %q needs 7 to 15 digits", ph)
		}
	}
	for _, e := range p.Emails {
		if !strings.Contains(e, "@") {
			return fmt.Errorf("practice profile: email %q has no @", e)
		}
	}
	return nil
}

// practice is a Profile compiled for matching.
type practice struct {
	nameWords  map[uint64]bool // words of the practice's name and aliases
	staffWords map[uint64]bool // words of staff names, titles left out
	doctorOnly map[uint64]bool // staff name words listed only after "Dr." ("Mrs. Kim" is not Dr. Kim)
	phones     map[string]bool // last ten digits
	emails     map[string]bool
	domains    map[string]bool // host names without "www."
	handles    map[uint64]bool
	addresses  []string // folded, for containment tests
}

func compileProfile(p Profile, lx *lexicon) *practice {
	c := &practice{nameWords: map[uint64]bool{}, staffWords: map[uint64]bool{}, doctorOnly: map[uint64]bool{}, phones: map[string]bool{},
		emails: map[string]bool{}, domains: map[string]bool{}, handles: map[uint64]bool{}}
	addWords := func(set map[uint64]bool, s string) {
		l := lexer{text: s, lx: lx}
		buf := make([]token, 0, 16)
		for {
			var ok bool
			if buf, ok = l.sentence(buf); !ok {
				return
			}
			for _, t := range buf {
				if t.kind == tkWord && t.lex&(fTitle|fStopEN|fStopES) == 0 {
					set[t.hash] = true
				}
			}
		}
	}
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		addWords(c.nameWords, n)
	}
	plain := map[uint64]bool{}
	for _, n := range p.Staff {
		words := map[uint64]bool{}
		addWords(words, n)
		into := plain
		if f := strings.Fields(n); len(f) > 0 && doctorTitle.has(foldHash(f[0])) {
			into = c.doctorOnly
		}
		for h := range words {
			c.staffWords[h] = true
			into[h] = true
		}
	}
	for h := range plain {
		delete(c.doctorOnly, h)
	}
	for _, ph := range append(append([]string{}, p.Phones...), p.Faxes...) {
		c.phones[lastDigits(ph)] = true
	}
	for _, e := range p.Emails {
		e = strings.ToLower(strings.TrimSpace(e))
		c.emails[e] = true
		if _, d, ok := strings.Cut(e, "@"); ok {
			c.domains[d] = true
		}
	}
	for _, w := range p.Websites {
		if h := hostOf(w); h != "" {
			c.domains[h] = true
		}
	}
	for _, h := range p.Handles {
		c.handles[foldHash(strings.TrimPrefix(strings.TrimSpace(h), "@"))] = true
	}
	for _, a := range p.Addresses {
		c.addresses = append(c.addresses, foldAddress(a))
	}
	return c
}

// lastDigits keeps the last ten digits, so "+1 (541) 555-0142" and "541.555.0142" compare equal.
func lastDigits(s string) string {
	d := digitsOf(s)
	if len(d) > 10 {
		d = d[len(d)-10:]
	}
	return string(bytes.Map(func(r rune) rune { return r + '0' }, d))
}

// hostOf returns the lower-case host of a link written with or without a scheme.
func hostOf(link string) string {
	link = strings.TrimSpace(link)
	if !strings.Contains(link, "://") {
		link = "https://" + link
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// foldText lower-cases s and keeps only letters and digits, single-spaced.
func foldText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if wordRune(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(strings.ToLower(string(r)))
		} else {
			space = true
		}
	}
	return b.String()
}

// ownsHost reports whether host is the practice's site or a subdomain of it.
func (c *practice) ownsHost(host string) bool {
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	for d := range c.domains {
		if onSite(host, d) {
			return true
		}
	}
	return false
}

// ownsAddress reports whether a found address is part of one of the practice's addresses, word
// for word: "River Rd" is on "1200 River Road", "200 River Road" is not.
func (c *practice) ownsAddress(s string) bool {
	f := foldAddress(s)
	if f == "  " {
		return false
	}
	for _, a := range c.addresses {
		if strings.Contains(a, f) {
			return true
		}
	}
	return false
}

// foldAddress folds an address for comparison: lower case, words between single spaces (one at
// each end too), street types and units spelled out.
func foldAddress(s string) string {
	words := strings.Fields(foldText(s))
	for i, w := range words {
		if long, ok := streetAbbrev[w]; ok {
			words[i] = long
		}
	}
	return " " + strings.Join(words, " ") + " "
}

var streetAbbrev = map[string]string{
	"rd": "road", "st": "street", "ave": "avenue", "av": "avenue", "blvd": "boulevard", "dr": "drive",
	"ln": "lane", "hwy": "highway", "ct": "court", "pl": "place", "pkwy": "parkway", "cir": "circle",
	"ste": "suite", "apt": "apartment", "n": "north", "s": "south", "e": "east", "w": "west",
	"avda": "avenida",
}
