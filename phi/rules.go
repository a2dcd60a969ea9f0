package phi

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
)

// Rule is one detection rule. Identifier rules carry a pattern; context rules name the detector
// (Go code in this package) that applies them. Every rule carries samples that must and must not
// produce a finding from it; TestRuleSamples runs them all.
type Rule struct {
	ID         string   `json:"id"`
	Kind       Kind     `json:"kind"`
	Reason     string   `json:"reason"`
	Confidence float64  `json:"confidence"`
	Detector   string   `json:"detector,omitempty"` // a context rule implemented in Go
	On         string   `json:"on,omitempty"`       // "number": pattern runs on digit clusters; "keyword": after a keyword
	Keywords   []string `json:"keywords,omitempty"` // for "keyword" rules: where to look
	Context    []string `json:"context,omitempty"`  // for "number" rules: a word that must come just before
	Window     int      `json:"window,omitempty"`   // bytes after the keyword (or before the number for Context)
	Pattern    string   `json:"pattern,omitempty"`  // RE2; group 1, if present, is the identifier
	MinDigits  int      `json:"min_digits,omitempty"`
	Validate   string   `json:"validate,omitempty"` // a checksum or range check, see validators
	Samples    struct {
		Match   []Sample `json:"match"`
		NoMatch []Sample `json:"nomatch"`
	} `json:"samples"`

	re  *regexp.Regexp
	ctx []uint64 // hashes of the Context words
}

// Sample is a text a rule must (or must not) find something in, with the context to scan it in.
type Sample struct {
	Text      string  `json:"text"`
	Context   Context `json:"context,omitempty"`
	InReplyTo *Parent `json:"in_reply_to,omitempty"`
}

// UnmarshalJSON accepts a bare string as a post sample.
func (s *Sample) UnmarshalJSON(b []byte) error {
	var text string
	if err := json.Unmarshal(b, &text); err == nil {
		*s = Sample{Text: text}
		return nil
	}
	type plain Sample
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*s = Sample(p)
	return nil
}

// Rules is the validated rule set.
type Rules struct {
	list    []*Rule
	byID    map[string]*Rule
	number  []*Rule             // pattern rules on digit clusters, in file order
	keyword map[uint64][]kwRule // keyword rules by the hash of their keyword's first token
	lex     *lexicon
	model   *nameModel
	public  publicNames
}

type kwRule struct {
	hashes []uint64
	rule   *Rule
}

// detectors lists the context rules implemented in Go; a rule file may not name others.
var detectors = map[string]bool{
	"handle": true, "email": true, "url": true, "social_url": true, "name": true, "date": true,
	"age": true, "address": true, "zip": true, "facility": true, "role": true, "unique": true, "vehicle": true,
	"biometric": true, "photo": true, "case": true, "echo": true,
}

var validators = map[string]func(string) bool{
	"luhn": luhnValid, "ssn": ssnValid, "nanp": nanpValid, "ipv4": ipv4Valid, "ipv6": ipv6Valid,
	"vin": vinValid, "mbi": mbiValid, "iban": ibanValid,
}

// parseRules validates rule files against the lexicon.
func parseRules(lx *lexicon, files ...[]byte) (*Rules, error) {
	var list []*Rule
	for _, data := range files {
		var part []*Rule
		if err := json.Unmarshal(data, &part); err != nil {
			return nil, fmt.Errorf("rules: %w", err)
		}
		list = append(list, part...)
	}
	rs := &Rules{list: list, byID: map[string]*Rule{}, keyword: map[uint64][]kwRule{}, lex: lx}
	var errs []error
	for i, r := range list {
		bad := func(format string, a ...any) {
			errs = append(errs, fmt.Errorf("rule %d (%s): %s", i, r.ID, fmt.Sprintf(format, a...)))
		}
		if r.ID == "" || rs.byID[r.ID] != nil {
			bad("missing or duplicate id")
		}
		rs.byID[r.ID] = r
		if !ValidKind(r.Kind) {
			bad("unknown kind %q", r.Kind)
		}
		if r.Reason == "" || r.Confidence <= 0 || r.Confidence > 1 {
			bad("needs a reason and a confidence in (0,1]")
		}
		if len(r.Samples.Match) == 0 {
			bad("needs at least one must-match sample")
		}
		if r.Validate != "" && validators[r.Validate] == nil {
			bad("unknown validator %q", r.Validate)
		}
		switch {
		case r.Detector != "":
			if !detectors[r.Detector] {
				bad("unknown detector %q", r.Detector)
			}
		case r.On == "number" || r.On == "keyword":
			re, err := regexp.Compile(r.Pattern)
			if err != nil || r.Pattern == "" {
				bad("bad pattern: %v", err)
				continue
			}
			r.re = re
			if r.On == "number" {
				rs.number = append(rs.number, r)
				for _, w := range r.Context {
					r.ctx = append(r.ctx, foldHash(w))
				}
				continue
			}
			if len(r.Keywords) == 0 || r.Window <= 0 {
				bad("keyword rules need keywords and a window")
			}
			for _, k := range r.Keywords {
				if err := checkTerm(k); err != nil {
					bad("keyword: %v", err)
					continue
				}
				hs := lx.termHashes(k)
				lx.words.or(hs[0], fKeyword)
				rs.keyword[hs[0]] = append(rs.keyword[hs[0]], kwRule{hashes: hs, rule: r})
			}
		default:
			bad("needs a detector, or on=number|keyword with a pattern")
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return rs, nil
}

// All returns the rules in file order.
func (rs *Rules) All() []*Rule { return rs.list }
