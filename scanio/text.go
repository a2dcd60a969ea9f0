package scanio

import (
	"fmt"
	"io"
	"strings"

	"github.com/bedsidehq/bedside/phi"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBlock  = "\x1b[1;41;97m" // white on red
	ansiReview = "\x1b[1;43;30m" // black on yellow
	ansiNote   = "\x1b[4m"       // underlined
)

// WriteText prints the verdict, the text with each finding marked (in colour when color is true,
// else in [[double brackets]]), and one line per finding with its reason.
func WriteText(w io.Writer, name, text string, r phi.Result, color bool) {
	if name != "" {
		fmt.Fprintf(w, "== %s\n", name)
	}
	fmt.Fprintf(w, "verdict: %s (%d findings)\n", r.Verdict, len(r.Findings))
	if len(r.Findings) == 0 {
		return
	}
	fmt.Fprintln(w, mark(text, r.Findings, color))
	for _, f := range r.Findings {
		line, col := lineCol(text, f.Start)
		fmt.Fprintf(w, "  %d:%d %-11s %-6s %q  %s\n", line, col, f.Kind, f.Effect, f.Text, f.Reason)
	}
	if r.Suggestion != "" {
		fmt.Fprintf(w, "suggestion: %s\n", r.Suggestion)
	}
}

func mark(text string, fs []phi.Finding, color bool) string {
	var b strings.Builder
	at := 0
	for _, f := range fs {
		if f.Start < at {
			continue // overlapping: the outer mark already shows it
		}
		b.WriteString(text[at:f.Start])
		open, close := "[[", "]]"
		if color {
			switch f.Effect {
			case phi.Block:
				open = ansiBlock
			case phi.Review:
				open = ansiReview
			default:
				open = ansiNote
			}
			close = ansiReset
		}
		b.WriteString(open + text[f.Start:f.End] + close)
		at = f.End
	}
	b.WriteString(text[at:])
	return b.String()
}
