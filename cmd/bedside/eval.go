package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/bedsidehq/bedside/eval"
)

func runEval(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	practice := fs.String("practice", "", "practice profile JSON `file` the corpus was written for")
	misses := fs.Int("misses", 50, "list at most `n` misses")
	names := fs.Bool("names", false, "files are CoNLL (token TAB label): score person names instead")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bedside eval [flags] FILE.jsonl...")
		fmt.Fprintln(stderr, "       bedside eval --names FILE.conll...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0, nil
		}
		return 2, usagef("%v", err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2, usagef("name at least one file")
	}
	s, err := newScanner(*practice)
	if err != nil {
		return 2, err
	}
	if *names {
		var total eval.NameScore
		for _, name := range fs.Args() {
			f, err := os.Open(name)
			if err != nil {
				return 2, err
			}
			sents, err := eval.ReadCoNLL(f)
			f.Close()
			if err != nil {
				return 2, fmt.Errorf("%s: %w", name, err)
			}
			sc, err := eval.ScoreNames(s, sents)
			if err != nil {
				return 2, err
			}
			fmt.Fprintf(stdout, "%s: precision %.3f recall %.3f (tp %d, fp %d, fn %d)\n", name, sc.Precision(), sc.Recall(), sc.TruePos, sc.FalsePos, sc.FalseNeg)
			total.TruePos += sc.TruePos
			total.FalsePos += sc.FalsePos
			total.FalseNeg += sc.FalseNeg
		}
		fmt.Fprintf(stdout, "all: precision %.3f recall %.3f\n", total.Precision(), total.Recall())
		return 0, nil
	}
	var cases []eval.Case
	for _, name := range fs.Args() {
		f, err := os.Open(name)
		if err != nil {
			return 2, err
		}
		cs, err := eval.Load(f, name)
		f.Close()
		if err != nil {
			return 2, err
		}
		cases = append(cases, cs...)
	}
	r, err := eval.Run(s, cases)
	if err != nil {
		return 2, err
	}
	r.Write(stdout, *misses)
	return 0, nil
}
