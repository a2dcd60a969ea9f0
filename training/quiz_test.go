package training

import (
	"bytes"
	"compress/zlib"
	"encoding/csv"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/phi"
)

// TestQuizAgreesWithScanner keeps the quiz honest: each item's answer is what the checker says,
// so the course never teaches something the product contradicts.
func TestQuizAgreesWithScanner(t *testing.T) {
	sc, err := phi.New(phi.Profile{Name: "Riverside Dental", Phones: []string{"(541) 555-0142"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(Quiz) < 10 {
		t.Fatalf("%d quiz items, want at least 10", len(Quiz))
	}
	ids := map[string]bool{}
	allow, block := 0, 0
	for _, it := range Quiz {
		if ids[it.ID] {
			t.Errorf("duplicate id %q", it.ID)
		}
		ids[it.ID] = true
		res, err := sc.Check(it.Document())
		if err != nil {
			t.Fatal(err)
		}
		if !Agrees(res.Verdict, it.Answer) {
			t.Errorf("%s: the quiz says %s, the scanner %s", it.ID, it.Answer, res.Verdict)
		}
		if it.Answer == Block {
			block++
			if ex := Explain(sc, it); !strings.Contains(ex, "The checker flags") {
				t.Errorf("%s: explanation without the scanner's findings: %q", it.ID, ex)
			}
		} else {
			allow++
		}
	}
	if allow < 3 || block < 3 {
		t.Errorf("%d allow and %d block items: the quiz should have both", allow, block)
	}
}

func answersExcept(wrong ...string) map[string]Answer {
	a := map[string]Answer{}
	for _, it := range Quiz {
		a[it.ID] = it.Answer
	}
	for _, id := range wrong {
		if a[id] == Allow {
			a[id] = Block
		} else {
			a[id] = Allow
		}
	}
	return a
}

func TestScore(t *testing.T) {
	n := len(Quiz)
	for _, tc := range []struct {
		name   string
		ans    map[string]Answer
		score  int
		passed bool
	}{
		{"all right", answersExcept(), n, true},
		{"one wrong", answersExcept("karen"), n - 1, true},
		{"three wrong", answersExcept("karen", "flu", "daughter"), n - 3, false},
		{"none answered", map[string]Answer{}, 0, false},
		{"unknown answer", map[string]Answer{"karen": "maybe"}, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Score(Quiz, tc.ans)
			if r.Score != tc.score || r.Passed != tc.passed || r.Total != n || len(r.Items) != n {
				t.Fatalf("got %+v", r)
			}
			if r.Passed != (r.Percent >= PassPercent) {
				t.Fatalf("percent %d passed %v", r.Percent, r.Passed)
			}
		})
	}
	r := Score(Quiz, answersExcept("flu"))
	for _, it := range r.Items {
		if it.Correct == (it.ID == "flu") {
			t.Errorf("item %s correct=%v", it.ID, it.Correct)
		}
	}
}

func sampleEvidence() Evidence {
	at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	return Evidence{Practice: "Riverside Dental", Generated: at,
		Policies: []PolicyRecord{{Number: 1, SHA256: "abc123", PublishedAt: at}},
		Users: []UserRecord{
			{Name: "Ada Admin", Email: "ada@example.com", Role: "admin", Status: "current",
				Acks:     []AckRecord{{Version: 1, At: at}},
				Attempts: []AttemptRecord{{At: at, Score: 9, Total: 12, Passed: false, PolicyVersion: 1}, {At: at.Add(time.Hour), Score: 12, Total: 12, Passed: true, PolicyVersion: 1}}},
			{Name: "Sam Staff", Email: "sam@example.com", Role: "staff", Status: "never completed"},
		}}
}

func TestEvidenceCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, sampleEvidence()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("rows %q", rows)
	}
	want := [][]string{
		{"ada@example.com", "Ada Admin", "admin", "current", "policy_acknowledged", "1", "2026-03-01T10:00:00Z", "", "", ""},
		{"ada@example.com", "Ada Admin", "admin", "current", "training_attempt", "1", "2026-03-01T10:00:00Z", "9", "12", "false"},
		{"ada@example.com", "Ada Admin", "admin", "current", "training_attempt", "1", "2026-03-01T11:00:00Z", "12", "12", "true"},
		{"sam@example.com", "Sam Staff", "staff", "never completed", "none", "", "", "", "", ""},
	}
	for i, w := range want {
		if strings.Join(rows[i+1], "|") != strings.Join(w, "|") {
			t.Errorf("row %d = %q, want %q", i+1, rows[i+1], w)
		}
	}
}

var (
	streamRE = regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)
	showRE   = regexp.MustCompile(`\(((?:\\.|[^\\)])*)\) ?Tj`)
)

// pdfText returns the strings the pages of a PDF show.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	var out []string
	for _, m := range streamRE.FindAllSubmatch(pdf, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		content, _ := io.ReadAll(zr)
		for _, s := range showRE.FindAllSubmatch(content, -1) {
			out = append(out, string(s[1]))
		}
	}
	return strings.Join(out, " ")
}

func TestEvidencePDF(t *testing.T) {
	pdf, err := PDF(sampleEvidence())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("not a PDF: %q", pdf[:8])
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Ada Admin", "ada@example.com", "Sam Staff", "sam@example.com", "12 of 12 correct", "Version 1", "No acknowledgement or training recorded"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q:\n%s", want, text)
		}
	}
}
