package scanio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/bedsidehq/bedside/phi"
)

// MaxLine is the longest input line accepted: the largest document plus room for its JSON.
const MaxLine = phi.MaxDocument + 1<<20

// Input is one line of JSONL input; fields other than these are ignored.
type Input struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	Context   string          `json:"context"`
	InReplyTo *phi.Parent     `json:"in_reply_to"`
}

// ErrorOutput is the line written instead for an input line that could not be scanned.
type ErrorOutput struct {
	ID    json.RawMessage `json:"id"`
	Error string          `json:"error"`
	Line  int             `json:"line"` // 1-based, counting blank lines too
}

// Summary counts what a stream held.
type Summary struct {
	Documents int
	Flagged   int // review or block
	Errors    int // lines that could not be scanned
}

type job struct {
	seq   int // position among non-blank lines, for ordering
	line0 int // line number in the input
	line  []byte
	err   error // the line could not be read whole
}

type result struct {
	seq     int
	out     []byte
	flagged bool
	failed  bool
}

// Stream scans JSON lines from r and writes one result line per input line to w, in input order,
// using workers goroutines (0: one per CPU). Memory stays bounded: at most a few lines per worker
// are held at once, whatever the size of the input. A bad line yields an error line and the others
// go on; only a failure to read r or write w stops the stream.
func Stream(s *phi.Scanner, r io.Reader, w io.Writer, workers int) (Summary, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := make(chan job, workers)
	results := make(chan result, workers)
	window := make(chan struct{}, 4*workers) // lines read but not yet written
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- scanLine(s, j)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		br := bufio.NewReaderSize(r, 64<<10)
		seq := 0
		for n := 1; ; n++ {
			line, err := readLine(br)
			if err == io.EOF {
				readErr <- nil
				return
			}
			if err != nil && !errors.Is(err, errLineTooLong) {
				readErr <- err
				return
			}
			if len(bytes.TrimSpace(line)) == 0 && err == nil {
				continue
			}
			seq++
			window <- struct{}{}
			jobs <- job{seq: seq, line0: n, line: line, err: err}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	var sum Summary
	bw := bufio.NewWriterSize(w, 64<<10)
	pending := map[int]result{}
	next := 1
	var writeErr error
	for res := range results {
		pending[res.seq] = res
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			sum.Documents++
			if p.flagged {
				sum.Flagged++
			}
			if p.failed {
				sum.Errors++
			}
			if writeErr == nil {
				_, writeErr = bw.Write(p.out)
			}
		}
	}
	if err := bw.Flush(); writeErr == nil {
		writeErr = err
	}
	if err := <-readErr; err != nil {
		return sum, fmt.Errorf("reading input: %w", err)
	}
	if writeErr != nil {
		return sum, fmt.Errorf("writing output: %w", writeErr)
	}
	return sum, nil
}

var errLineTooLong = fmt.Errorf("line is longer than %d MiB", MaxLine>>20)

// readLine returns the next line without its newline. A line over MaxLine is skipped to its end
// and reported with errLineTooLong, so that one bad line costs no memory and loses no others.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxLine {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err != nil && err != io.EOF {
				return nil, err
			}
			return nil, errLineTooLong
		}
		buf = append(buf, chunk...)
		switch {
		case err == nil:
			return bytes.TrimRight(buf, "\r\n"), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(buf) > 0:
			return bytes.TrimRight(buf, "\r\n"), nil
		default:
			return nil, err
		}
	}
}

func scanLine(s *phi.Scanner, j job) result {
	res := result{seq: j.seq}
	fail := func(id json.RawMessage, msg string) result {
		if len(id) == 0 {
			id = json.RawMessage("null")
		}
		res.failed = true
		res.out = marshalLine(ErrorOutput{ID: id, Error: msg, Line: j.line0})
		return res
	}
	if j.err != nil {
		return fail(nil, j.err.Error())
	}
	var in Input
	if err := json.Unmarshal(j.line, &in); err != nil {
		return fail(idOf(j.line), "not a JSON object with id and text: "+jsonProblem(err))
	}
	if in.Text == nil {
		return fail(in.ID, `missing "text"`)
	}
	if len(in.ID) == 0 {
		in.ID = json.RawMessage("null")
	}
	r, err := s.Scan(phi.Document{Text: *in.Text, Context: phi.Context(in.Context), InReplyTo: in.InReplyTo})
	if err != nil {
		return fail(in.ID, err.Error())
	}
	res.flagged = r.Verdict != phi.Allow
	r.Findings = nonNil(r.Findings)
	// {"id": <id as given>, "verdict", "findings", "suggestion"}, written without reflection.
	rj := r.AppendJSON(nil)
	out := make([]byte, 0, len(rj)+len(in.ID)+8)
	out = append(out, `{"id":`...)
	out = append(out, in.ID...)
	out = append(out, ',')
	out = append(out, rj[1:]...)
	res.out = append(out, '\n')
	return res
}

// idOf recovers the id of a line that failed to decode as a whole, where it can.
func idOf(line []byte) json.RawMessage {
	var probe struct {
		ID json.RawMessage `json:"id"`
	}
	if json.Unmarshal(line, &probe) == nil {
		return probe.ID
	}
	return nil
}

// jsonProblem describes a decoding error without echoing the input, which may hold PHI.
func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q has the wrong type", te.Field)
	}
	return "invalid JSON"
}

func nonNil(f []phi.Finding) []phi.Finding {
	if f == nil {
		return []phi.Finding{}
	}
	return f
}

func marshalLine(o any) []byte {
	b, err := json.Marshal(o)
	if err != nil { // json.Marshal fails only on values it cannot encode; ids were decoded as JSON
		b = []byte(`{"id":null,"error":"cannot encode result"}`)
	}
	return append(b, '\n')
}
