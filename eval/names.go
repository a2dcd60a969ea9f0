package eval

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/bedsidehq/bedside/phi"
)

// Sentence is one tokenised sentence of a CoNLL file, with its person-name labels.
type Sentence struct {
	Tokens []string
	Person []bool // the token is part of a person's name
}

// ReadCoNLL reads "token<TAB>label" lines with blank lines between sentences. Labels containing
// PER or person mark names (Broad Twitter Corpus and WNUT 2017 spell them differently).
func ReadCoNLL(r io.Reader) ([]Sentence, error) {
	var out []Sentence
	var cur Sentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	flush := func() {
		if len(cur.Tokens) > 0 {
			out = append(out, cur)
			cur = Sentence{}
		}
	}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		tok, label, ok := strings.Cut(line, "\t")
		if !ok {
			if tok, label, ok = strings.Cut(line, " "); !ok {
				return nil, fmt.Errorf("line %d: want token and label separated by a tab", n)
			}
		}
		cur.Tokens = append(cur.Tokens, tok)
		cur.Person = append(cur.Person, strings.Contains(label, "PER") || strings.Contains(label, "person"))
	}
	flush()
	return out, sc.Err()
}

// NameScore is token-level precision and recall of person names.
type NameScore struct {
	TruePos, FalsePos, FalseNeg int
}

// Precision of the NAME findings.
func (s NameScore) Precision() float64 { return ratio(s.TruePos, s.TruePos+s.FalsePos) }

// Recall of the labelled name tokens.
func (s NameScore) Recall() float64 { return ratio(s.TruePos, s.TruePos+s.FalseNeg) }

// ScoreNames scans each sentence as a post (tokens joined by spaces) and compares the tokens
// covered by NAME findings with the labels. @handles are left out on both sides: they are a
// different kind (HANDLE), and the corpora disagree on whether to label them.
func ScoreNames(s *phi.Scanner, sents []Sentence) (NameScore, error) {
	var sc NameScore
	for _, st := range sents {
		text, starts := phi.Detokenize(st.Tokens)
		res, err := s.Scan(phi.Document{Text: text, Context: phi.Post})
		if err != nil {
			return sc, err
		}
		for i, t := range st.Tokens {
			if handle(st.Tokens, i) {
				continue
			}
			s, e := starts[i], starts[i]+len(t)
			found := false
			for _, f := range res.Findings {
				if f.Kind == phi.Name && f.Start < e && s < f.End {
					found = true
					break
				}
			}
			switch {
			case found && st.Person[i]:
				sc.TruePos++
			case found:
				sc.FalsePos++
			case st.Person[i]:
				sc.FalseNeg++
			}
		}
	}
	return sc, nil
}

// handle reports a token that is, or follows, an '@' (BTC splits "@" from the name).
func handle(toks []string, i int) bool {
	return strings.HasPrefix(toks[i], "@") || i > 0 && toks[i-1] == "@"
}
