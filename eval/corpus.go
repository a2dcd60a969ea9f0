// Package eval measures the scanner on labelled corpora: verdicts and PHI spans on Bedside's own
// JSONL cases, and person names on CoNLL-format tweet sets.
package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/bedsidehq/bedside/phi"
)

// Case is one labelled document.
type Case struct {
	ID        string      `json:"id"`
	Lang      string      `json:"lang"`
	Context   phi.Context `json:"context"`
	InReplyTo *phi.Parent `json:"in_reply_to"`
	Text      string      `json:"text"`
	Expect    phi.Verdict `json:"expect"`
	PII       []Span      `json:"pii"`
	Note      string      `json:"note"`
}

// Span is one piece of PHI a case holds: a bare string, or {"text", "kind"}.
type Span struct {
	Text string   `json:"text"`
	Kind phi.Kind `json:"kind"`
}

// UnmarshalJSON accepts a bare string.
func (s *Span) UnmarshalJSON(b []byte) error {
	var text string
	if err := json.Unmarshal(b, &text); err == nil {
		*s = Span{Text: text}
		return nil
	}
	type plain Span
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return errors.New("a pii entry must be a string or {\"text\", \"kind\"}")
	}
	*s = Span(p)
	return nil
}

// Load reads JSONL cases, checking each one; name is used in error messages.
func Load(r io.Reader, name string) ([]Case, error) {
	var out []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 32<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c Case
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if err := c.check(); err != nil {
			return nil, fmt.Errorf("%s:%d (%s): %w", name, n, c.ID, err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

func (c *Case) check() error {
	switch c.Expect {
	case phi.Allow, phi.Review, phi.Block:
	default:
		return fmt.Errorf("expect must be allow, review or block, not %q", c.Expect)
	}
	if _, err := phi.ParseContext(string(c.Context)); err != nil {
		return err
	}
	for _, s := range c.PII {
		if !strings.Contains(c.Text, s.Text) {
			return fmt.Errorf("pii %q is not in the text", s.Text)
		}
		if s.Kind != "" && !phi.ValidKind(s.Kind) {
			return fmt.Errorf("pii %q has unknown kind %q", s.Text, s.Kind)
		}
	}
	return nil
}
