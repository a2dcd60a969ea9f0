package eval

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/phi"
)

func TestDebugNames(t *testing.T) {
	name := os.Getenv("NAMES")
	if name == "" {
		t.Skip()
	}
	s, _ := phi.New(phi.Profile{})
	f, _ := os.Open(name)
	sents, _ := ReadCoNLL(f)
	fnc, fpc := 0, 0
	for _, st := range sents {
		var b strings.Builder
		starts := make([]int, len(st.Tokens))
		for i, tk := range st.Tokens {
			if i > 0 {
				b.WriteByte(' ')
			}
			starts[i] = b.Len()
			b.WriteString(tk)
		}
		res, _ := s.Scan(phi.Document{Text: b.String()})
		var fn, fp []string
		for i, tk := range st.Tokens {
			if handle(st.Tokens, i) {
				continue
			}
			ss, e := starts[i], starts[i]+len(tk)
			found := false
			for _, f := range res.Findings {
				if f.Kind == phi.Name && f.Start < e && ss < f.End {
					found = true
				}
			}
			if found && !st.Person[i] {
				fp = append(fp, tk)
			}
			if !found && st.Person[i] {
				fn = append(fn, tk)
			}
		}
		if len(fn)+len(fp) > 0 && (os.Getenv("SHOW") == "" || (os.Getenv("SHOW") == "fn" && len(fn) > 0) || (os.Getenv("SHOW") == "fp" && len(fp) > 0)) {
			fnc += len(fn)
			fpc += len(fp)
			fmt.Printf("FN%v FP%v | %s\n", fn, fp, b.String())
		}
	}
	fmt.Println(fnc, fpc)
}
