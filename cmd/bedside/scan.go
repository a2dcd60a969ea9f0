package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/scanio"
)

func runScan(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	practice := fs.String("practice", "", "practice profile JSON `file` (its name, staff, phones... are never findings)")
	context := fs.String("context", "post", "where the text goes: post, comment, reply or message")
	replyTo := fs.String("reply-to", "", "`file` holding the review or comment being answered (text, or JSON {author, rating, text})")
	format := fs.String("format", "text", "output: text, json or sarif")
	jsonl := fs.Bool("jsonl", false, "input is JSON lines {id, text, context, in_reply_to}; output one JSON line per input line")
	workers := fs.Int("workers", 0, "with --jsonl: scanning goroutines (0: one per CPU)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bedside scan [flags] [FILE...]   (standard input when no FILE)")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nexit status: 0 every document allowed, 1 some need review or are blocked, 2 usage or input error")
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0, nil
		}
		return 2, usagef("%v", err)
	}
	ctx, err := phi.ParseContext(*context)
	if err != nil {
		return 2, usageError{err.Error()}
	}
	s, err := newScanner(*practice)
	if err != nil {
		return 2, err
	}
	if *jsonl {
		return scanJSONL(s, fs.Args(), stdin, stdout, *workers)
	}
	var parent *phi.Parent
	if *replyTo != "" {
		if parent, err = readParent(*replyTo); err != nil {
			return 2, err
		}
	}
	switch *format {
	case "text", "json", "sarif":
	default:
		return 2, usagef("unknown format %q: want text, json or sarif", *format)
	}
	inputs, err := readInputs(fs.Args(), stdin)
	if err != nil {
		return 2, err
	}
	flagged := false
	var sarif []scanio.SARIFFile
	enc := json.NewEncoder(stdout)
	for _, in := range inputs {
		res, err := s.Scan(phi.Document{Text: in.text, Context: ctx, InReplyTo: parent})
		if err != nil {
			return 2, fmt.Errorf("%s: %w", in.name, err)
		}
		flagged = flagged || res.Verdict != phi.Allow
		switch *format {
		case "text":
			name := in.name
			if len(inputs) == 1 {
				name = ""
			}
			scanio.WriteText(stdout, name, in.text, res, isTerminal(stdout))
		case "json":
			if res.Findings == nil {
				res.Findings = []phi.Finding{}
			}
			if len(inputs) == 1 {
				err = enc.Encode(res)
			} else {
				err = enc.Encode(struct {
					File string `json:"file"`
					phi.Result
				}{in.name, res})
			}
			if err != nil {
				return 2, err
			}
		case "sarif":
			sarif = append(sarif, scanio.SARIFFile{Name: in.name, Text: in.text, Result: res})
		}
	}
	if *format == "sarif" {
		if err := scanio.WriteSARIF(stdout, version, sarif); err != nil {
			return 2, err
		}
	}
	if flagged {
		return 1, nil
	}
	return 0, nil
}

func scanJSONL(s *phi.Scanner, files []string, stdin io.Reader, stdout io.Writer, workers int) (int, error) {
	var r io.Reader = stdin
	if len(files) > 0 {
		readers := make([]io.Reader, 0, len(files))
		for _, name := range files {
			f, err := os.Open(name)
			if err != nil {
				return 2, err
			}
			defer f.Close()
			readers = append(readers, f)
		}
		r = io.MultiReader(readers...)
	}
	sum, err := scanio.Stream(s, r, stdout, workers)
	switch {
	case err != nil:
		return 2, err
	case sum.Errors > 0:
		return 2, fmt.Errorf("%d of %d lines could not be scanned (see their error lines)", sum.Errors, sum.Documents)
	case sum.Flagged > 0:
		return 1, nil
	}
	return 0, nil
}

func newScanner(practice string) (*phi.Scanner, error) {
	var p phi.Profile
	if practice != "" {
		f, err := os.Open(practice)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if p, err = phi.ReadProfile(f); err != nil {
			return nil, fmt.Errorf("%s: %w", practice, err)
		}
	}
	return phi.New(p)
}

type input struct{ name, text string }

func readInputs(files []string, stdin io.Reader) ([]input, error) {
	if len(files) == 0 {
		b, err := io.ReadAll(io.LimitReader(stdin, phi.MaxDocument+1))
		if err != nil {
			return nil, err
		}
		return []input{{"-", string(b)}}, nil
	}
	var out []input
	for _, name := range files {
		b, err := readLimited(name)
		if err != nil {
			return nil, err
		}
		out = append(out, input{name, string(b)})
	}
	return out, nil
}

func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, phi.MaxDocument+1))
}

// readParent reads the review being answered: JSON {author, rating, text}, or plain text.
func readParent(name string) (*phi.Parent, error) {
	b, err := readLimited(name)
	if err != nil {
		return nil, err
	}
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '{' {
		var p phi.Parent
		if err := json.Unmarshal(t, &p); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return &p, nil
	}
	return &phi.Parent{Text: strings.TrimSpace(string(b))}, nil
}

// isTerminal reports whether w is a character device, where colour is welcome.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
