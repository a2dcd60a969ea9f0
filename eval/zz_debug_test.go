package eval

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/phi"
)

func TestZZNamesDebug(t *testing.T) {
	s, _ := phi.New(phi.Profile{})
	out, _ := os.Create("/tmp/nm/dbg.txt")
	defer out.Close()
	for _, file := range []string{"testdata/tweets/btc.dev", "testdata/tweets/emerging.dev.conll"} {
		f, _ := os.Open(file)
		ss, _ := ReadCoNLL(f)
		f.Close()
		for _, st := range ss {
			text := strings.Join(st.Tokens, " ")
			res, _ := s.Scan(phi.Document{Text: text, Context: phi.Post})
			pos := 0
			for i, tk := range st.Tokens {
				s0, e0 := pos, pos+len(tk)
				pos = e0 + 1
				if handle(st.Tokens, i) {
					continue
				}
				rule := ""
				for _, fd := range res.Findings {
					if fd.Kind == phi.Name && fd.Start < e0 && s0 < fd.End {
						rule = fd.Rule
					}
				}
				if rule != "" && !st.Person[i] {
					fmt.Fprintf(out, "FP %s %q | %s\n", rule, tk, text)
				}
			}
		}
	}
}
