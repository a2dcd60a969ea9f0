package scanio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/phi"
)

func scanner(t testing.TB) *phi.Scanner {
	t.Helper()
	s, err := phi.New(phi.Profile{Name: "Riverside", Phones: []string{"(541) 555-0142"}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type line struct {
	ID       json.RawMessage `json:"id"`
	Verdict  string          `json:"verdict"`
	Findings []phi.Finding   `json:"findings"`
	Error    string          `json:"error"`
	Line     int             `json:"line"`
}

func readOut(t *testing.T, out []byte) []line {
	t.Helper()
	var ls []line
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("output line %q is not JSON: %v", sc.Text(), err)
		}
		ls = append(ls, l)
	}
	return ls
}

func TestStreamKeepsOrderAndIDs(t *testing.T) {
	s := scanner(t)
	var in strings.Builder
	for i := range 500 {
		text := "Flossing daily keeps gums healthy."
		if i%3 == 0 {
			text = fmt.Sprintf("Thanks for coming in today, Karen! Your crown looks great (%d)", i)
		}
		fmt.Fprintf(&in, `{"id": %d, "text": %q, "context": "reply", "extra": true}`+"\n", i, text)
	}
	var out bytes.Buffer
	sum, err := Stream(s, strings.NewReader(in.String()), &out, 4)
	if err != nil {
		t.Fatal(err)
	}
	ls := readOut(t, out.Bytes())
	if len(ls) != 500 || sum.Documents != 500 || sum.Errors != 0 {
		t.Fatalf("got %d lines, summary %+v", len(ls), sum)
	}
	for i, l := range ls {
		if string(l.ID) != fmt.Sprint(i) {
			t.Fatalf("line %d has id %s: output out of order", i, l.ID)
		}
		want := "allow"
		if i%3 == 0 {
			want = "block"
		}
		if l.Verdict != want {
			t.Errorf("id %d: verdict %s, want %s", i, l.Verdict, want)
		}
	}
	if sum.Flagged != 167 {
		t.Errorf("flagged %d, want 167", sum.Flagged)
	}
}

// TestStreamBadLines: each bad line gets its own error line, with its id where it can be read,
// and the lines around it are still scanned.
func TestStreamBadLines(t *testing.T) {
	s := scanner(t)
	huge := `{"id":"big","text":"` + strings.Repeat("a", MaxLine) + `"}`
	in := strings.Join([]string{
		`{"id":"a","text":"Hi Karen, your root canal went well"}`,
		`{"id":"b","text":`,
		`{"id":"c","context":"tweet","text":"hello"}`,
		`{"id":"d"}`,
		`not json at all`,
		``,
		huge,
		`{"id":"e","text":"Flu shots are in!"}`,
		`{"id":{"nested":[1,2]},"text":"fine"}`,
		`{"id":"f","text":123}`,
	}, "\n")
	var out bytes.Buffer
	sum, err := Stream(s, strings.NewReader(in), &out, 2)
	if err != nil {
		t.Fatal(err)
	}
	ls := readOut(t, out.Bytes())
	want := []struct {
		id, verdict string
		err         bool
		line        int
	}{
		{`"a"`, "block", false, 0}, {`null`, "", true, 2}, {`"c"`, "", true, 3}, {`"d"`, "", true, 4},
		{`null`, "", true, 5}, {`null`, "", true, 7}, {`"e"`, "allow", false, 0},
		{`{"nested":[1,2]}`, "allow", false, 0}, {`"f"`, "", true, 10},
	}
	if len(ls) != len(want) {
		t.Fatalf("got %d lines, want %d: %s", len(ls), len(want), out.String())
	}
	for i, w := range want {
		l := ls[i]
		if string(l.ID) != w.id || l.Verdict != w.verdict || (l.Error != "") != w.err || l.Line != w.line {
			t.Errorf("line %d: got id %s verdict %q error %q line %d; want %+v", i, l.ID, l.Verdict, l.Error, l.Line, w)
		}
	}
	if sum.Errors != 6 || sum.Documents != 9 {
		t.Errorf("summary %+v", sum)
	}
	if strings.Contains(out.String(), "Karen") && strings.Contains(ls[1].Error, "Karen") {
		t.Error("an error message echoes input text")
	}
}

// TestStreamErrorsHoldNoText: error messages describe the problem, never the content.
func TestStreamErrorsHoldNoText(t *testing.T) {
	s := scanner(t)
	in := `{"id":"x","text":"Karen Smith SSN 078-05-1120", "context": 5}` + "\n" + `{"id":"y","text":"Karen Smith's chart` + "\n"
	var out bytes.Buffer
	if _, err := Stream(s, strings.NewReader(in), &out, 1); err != nil {
		t.Fatal(err)
	}
	for _, l := range readOut(t, out.Bytes()) {
		if l.Error == "" || strings.Contains(l.Error, "Karen") || strings.Contains(l.Error, "078") {
			t.Errorf("error line %+v", l)
		}
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestStreamWriteFailure(t *testing.T) {
	s := scanner(t)
	in := strings.Repeat(`{"id":1,"text":"hello"}`+"\n", 10000)
	if _, err := Stream(s, strings.NewReader(in), failingWriter{}, 2); err == nil {
		t.Fatal("a failing writer must be reported")
	}
}

func FuzzStream(f *testing.F) {
	f.Add([]byte(`{"id":1,"text":"Hi Karen"}` + "\n" + `{"id":2,"text":"x","in_reply_to":{"author":"K","text":"y"}}`))
	f.Add([]byte("\n\n{\"id\":\n\xff\"text\"}\r\n"))
	f.Add([]byte(`{"id":[1],"text":"a","in_reply_to":"b","context":"message"}`))
	s := scanner(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		var out bytes.Buffer
		sum, err := Stream(s, bytes.NewReader(in), &out, 2)
		if err != nil {
			t.Fatal(err)
		}
		ls := readOut(t, out.Bytes())
		if len(ls) != sum.Documents {
			t.Fatalf("%d output lines for %d documents", len(ls), sum.Documents)
		}
		nonBlank := 0
		for _, l := range bytes.Split(in, []byte("\n")) {
			if len(bytes.TrimSpace(l)) > 0 {
				nonBlank++
			}
		}
		if nonBlank != sum.Documents {
			t.Fatalf("%d non-blank input lines, %d documents", nonBlank, sum.Documents)
		}
	})
}
