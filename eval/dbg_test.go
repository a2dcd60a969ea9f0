package eval

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDebugMisses(t *testing.T) {
	pat := os.Getenv("DBG")
	if pat == "" {
		t.Skip()
	}
	s := corpusScanner(t)
	cases := loadDir(t, pat)
	r, _ := Run(s, cases)
	byID := map[string]Case{}
	for _, c := range cases {
		byID[c.ID] = c
	}
	only := os.Getenv("ONLY")
	for _, m := range r.Misses {
		c := byID[m.ID]
		if only == "fa" && !(m.Expect == "allow") {
			continue
		}
		if only == "miss" && !(m.Expect != "allow" && m.Got == "allow") {
			continue
		}
		if only == "span" && len(m.Missed) == 0 {
			continue
		}
		fmt.Printf("== %s [%s] exp=%s got=%s\n  %s\n", c.ID, c.Context, m.Expect, m.Got, strings.ReplaceAll(c.Text, "\n", " / "))
		if c.InReplyTo != nil {
			fmt.Printf("  REPLY-TO: %s: %s\n", c.InReplyTo.Author, c.InReplyTo.Text)
		}
		for _, f := range m.Findings {
			fmt.Printf("   + %s %s %q %s\n", f.Kind, f.Rule, f.Text, f.Effect)
		}
		for _, sp := range m.Missed {
			fmt.Printf("   - missed %s %q\n", sp.Kind, sp.Text)
		}
	}
}
