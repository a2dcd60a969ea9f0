package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/bedsidehq/bedside/phi"
)

// Report holds the figures of one evaluation run.
type Report struct {
	Cases      int
	Violations int // cases labelled review or block
	Compliant  int // cases labelled allow
	Caught     int // violations the scanner did not allow
	FalseAlarm int // compliant cases the scanner did not allow
	Exact      int // verdict equal to the label
	Spans      int // labelled PHI spans
	SpansHit   int // spans overlapped by a finding of any kind
	ByKind     map[phi.Kind]*KindStat
	Misses     []Miss
}

// KindStat is span recall for one kind of labelled PHI.
type KindStat struct {
	Total    int
	Hit      int // overlapped by any finding
	SameKind int // overlapped by a finding of this kind
}

// Miss is a case the scanner got wrong, or whose PHI it did not all find.
type Miss struct {
	ID       string
	Expect   phi.Verdict
	Got      phi.Verdict
	Missed   []Span
	Findings []phi.Finding
}

// CaughtRate is the share of violations flagged (review or block).
func (r Report) CaughtRate() float64 { return ratio(r.Caught, r.Violations) }

// FalseAlarmRate is the share of compliant cases flagged.
func (r Report) FalseAlarmRate() float64 { return ratio(r.FalseAlarm, r.Compliant) }

// SpanRecall is the share of labelled PHI spans that a finding overlaps.
func (r Report) SpanRecall() float64 { return ratio(r.SpansHit, r.Spans) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Run scans every case and scores the results.
func Run(s *phi.Scanner, cases []Case) (Report, error) {
	r := Report{ByKind: map[phi.Kind]*KindStat{}}
	for _, c := range cases {
		res, err := s.Scan(phi.Document{Text: c.Text, Context: c.Context, InReplyTo: c.InReplyTo})
		if err != nil {
			return r, fmt.Errorf("case %s: %w", c.ID, err)
		}
		r.Cases++
		flagged := res.Verdict != phi.Allow
		if c.Expect == phi.Allow {
			r.Compliant++
			if flagged {
				r.FalseAlarm++
			}
		} else {
			r.Violations++
			if flagged {
				r.Caught++
			}
		}
		if res.Verdict == c.Expect {
			r.Exact++
		}
		var missed []Span
		for _, sp := range c.PII {
			r.Spans++
			ks := r.ByKind[sp.Kind]
			if ks == nil {
				ks = &KindStat{}
				r.ByKind[sp.Kind] = ks
			}
			ks.Total++
			any, same := overlap(c.Text, sp, res.Findings)
			if any {
				r.SpansHit++
				ks.Hit++
			} else {
				missed = append(missed, sp)
			}
			if same {
				ks.SameKind++
			}
		}
		if flagged != (c.Expect != phi.Allow) || len(missed) > 0 {
			r.Misses = append(r.Misses, Miss{ID: c.ID, Expect: c.Expect, Got: res.Verdict, Missed: missed, Findings: res.Findings})
		}
	}
	return r, nil
}

// overlap reports whether any finding overlaps an occurrence of the span, and whether one of the
// same kind does.
func overlap(text string, sp Span, fs []phi.Finding) (any, same bool) {
	for from := 0; ; {
		k := strings.Index(text[from:], sp.Text)
		if k < 0 || sp.Text == "" {
			return any, same
		}
		s, e := from+k, from+k+len(sp.Text)
		for _, f := range fs {
			if f.Start < e && s < f.End {
				any = true
				if f.Kind == sp.Kind {
					same = true
				}
			}
		}
		from = e
	}
}

// Write prints the figures, and up to maxMisses of the misses.
func (r Report) Write(w io.Writer, maxMisses int) {
	fmt.Fprintf(w, "cases %d (violations %d, compliant %d)\n", r.Cases, r.Violations, r.Compliant)
	fmt.Fprintf(w, "caught       %.3f (%d/%d)\n", r.CaughtRate(), r.Caught, r.Violations)
	fmt.Fprintf(w, "false alarms %.3f (%d/%d)\n", r.FalseAlarmRate(), r.FalseAlarm, r.Compliant)
	fmt.Fprintf(w, "exact verdict %.3f (%d/%d)\n", ratio(r.Exact, r.Cases), r.Exact, r.Cases)
	fmt.Fprintf(w, "span recall  %.3f (%d/%d)\n", r.SpanRecall(), r.SpansHit, r.Spans)
	kinds := make([]string, 0, len(r.ByKind))
	for k := range r.ByKind {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	fmt.Fprintf(w, "%-12s %6s %8s %10s\n", "kind", "spans", "recall", "same kind")
	for _, k := range kinds {
		ks := r.ByKind[phi.Kind(k)]
		name := k
		if name == "" {
			name = "(no kind)"
		}
		fmt.Fprintf(w, "%-12s %6d %8.3f %10.3f\n", name, ks.Total, ratio(ks.Hit, ks.Total), ratio(ks.SameKind, ks.Total))
	}
	for i, m := range r.Misses {
		if i == maxMisses {
			fmt.Fprintf(w, "... %d more misses\n", len(r.Misses)-maxMisses)
			break
		}
		fmt.Fprintf(w, "miss %s: expected %s, got %s", m.ID, m.Expect, m.Got)
		for _, s := range m.Missed {
			fmt.Fprintf(w, "; missed %s %q", s.Kind, s.Text)
		}
		fmt.Fprintln(w)
	}
}
