package share

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/bedsidehq/bedside/phi"
)

// Credit names the article a post re-shares and who wrote it.
type Credit struct {
	URL    string `json:"url"`
	Source string `json:"source"`
	Author string `json:"author,omitempty"`
	Title  string `json:"title,omitempty"`
}

// Limits on the credited fields: they are not scanned as the practice's words, so they must
// stay what they claim to be, a title and a byline, not room for a story.
const (
	maxCreditField = 120
	maxTitle       = 200
)

// Validate checks the credit and trims its fields.
func (c *Credit) Validate() error {
	c.URL, c.Source, c.Author, c.Title = strings.TrimSpace(c.URL), strings.TrimSpace(c.Source), strings.TrimSpace(c.Author), strings.TrimSpace(c.Title)
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return errors.New("the url must be a full http or https address")
	}
	if c.Source == "" {
		return errors.New("name the source (the organisation or site that published it)")
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"source", c.Source, maxCreditField}, {"author", c.Author, maxCreditField}, {"title", c.Title, maxTitle}, {"url", c.URL, 2048}} {
		if strings.ContainsAny(f.v, "\r\n") {
			return fmt.Errorf("the %s must be one line", f.name)
		}
		if utf8.RuneCountInString(f.v) > f.max {
			return fmt.Errorf("the %s is longer than %d characters", f.name, f.max)
		}
	}
	return nil
}

// Line is the credit as published: "Via {author}, {source}: {url}".
func (c Credit) Line() string {
	if c.Author == "" {
		return "Via " + c.Source + ": " + c.URL
	}
	return "Via " + c.Author + ", " + c.Source + ": " + c.URL
}

// block is what the composer appends to the practice's comment.
func (c Credit) block() string {
	if c.Title == "" {
		return c.Line()
	}
	return "“" + c.Title + "”\n" + c.Line()
}

// Reshare composes the post: the practice's comment, then the credited title and the credit line.
func Reshare(comment string, c Credit) (string, error) {
	if err := c.Validate(); err != nil {
		return "", err
	}
	comment = strings.TrimSpace(comment)
	if comment == "" {
		return c.block(), nil
	}
	return comment + "\n\n" + c.block(), nil
}

// OwnWords returns the part of text the practice wrote: text without the credit block it ends
// with. If the block was edited away or changed, the whole text is the practice's.
func OwnWords(text string, c *Credit) (own string, credited bool) {
	if c == nil {
		return text, false
	}
	b := c.block()
	if text == b {
		return "", true
	}
	if own, ok := strings.CutSuffix(text, "\n\n"+b); ok {
		return own, true
	}
	return text, false
}

// hard are identifiers no article title or byline carries about a patient: found in the
// credit, they count as if the practice wrote them.
var hard = map[phi.Kind]bool{phi.Phone: true, phi.Fax: true, phi.Email: true, phi.SSN: true, phi.MRN: true,
	phi.HealthPlan: true, phi.Account: true, phi.License: true, phi.Vehicle: true, phi.Device: true,
	phi.IP: true, phi.Biometric: true, phi.ID: true}

// Scan scans a post as the practice's words: for a re-share, the comment is scanned normally and
// the credited title and byline only for hard identifiers, so that quoting another author's
// headline ("How one patient beat melanoma", "Dr. Jane Smith") is not read as the practice
// disclosing a patient. Finding offsets are offsets into text.
func Scan(sc *phi.Scanner, text string, c *Credit) (phi.Result, error) {
	own, credited := OwnWords(text, c)
	if !credited {
		return sc.Scan(phi.Document{Text: text, Context: phi.Post})
	}
	res := phi.Result{Verdict: phi.Allow, Findings: []phi.Finding{}}
	if strings.TrimSpace(own) != "" {
		var err error
		if res, err = sc.Scan(phi.Document{Text: own, Context: phi.Post}); err != nil {
			return res, err
		}
	}
	at := len(text) - len(c.block())
	cr, err := sc.Check(phi.Document{Text: c.block(), Context: phi.Post})
	if err != nil {
		return res, err
	}
	for _, f := range cr.Findings {
		if !hard[f.Kind] || f.Effect == phi.Allow {
			continue
		}
		f.Start, f.End = f.Start+at, f.End+at
		res.Findings = append(res.Findings, f)
		if rank(f.Effect) > rank(res.Verdict) {
			res.Verdict = f.Effect
		}
	}
	return res, nil
}

func rank(v phi.Verdict) int {
	switch v {
	case phi.Block:
		return 2
	case phi.Review:
		return 1
	}
	return 0
}
