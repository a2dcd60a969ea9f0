package phi

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// publicNames holds the public figures of rules/names/public.txt by the hash of their first word.
// "Michael J. Fox has lived with Parkinson's since 1991" is an awareness post, not a case.
type publicNames map[uint64][]string

func parsePublicNames(data []byte) (publicNames, error) {
	p := publicNames{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		name := strings.TrimSpace(sc.Text())
		if name == "" || strings.HasPrefix(name, "#") {
			continue
		}
		first, _, _ := strings.Cut(name, " ")
		first = strings.TrimRight(first, ".")
		if first == "" {
			return nil, fmt.Errorf("names/public.txt line %d: no name", n)
		}
		h := foldHash(first)
		p[h] = append(p[h], name)
	}
	return p, sc.Err()
}

// publicFigure returns the byte offset where a public figure's name, written in full from token
// i, ends, or -1.
func (st *state) publicFigure(i int) int {
	start := int(st.toks[i].start)
	rest := st.text[start:]
	for _, name := range st.s.rules.public[st.toks[i].hash] {
		if !hasPrefixFold(rest, name) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(rest[len(name):]); !unicode.IsLetter(r) {
			return start + len(name) // "Fox" ends there, not "Foxworth"
		}
	}
	return -1
}
