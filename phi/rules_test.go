package phi

import (
	"os"
	"strings"
	"testing"
)

func testScanner(t testing.TB) *Scanner {
	t.Helper()
	f, err := os.Open("../eval/testdata/corpus/profile.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := ReadProfile(f)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func scanSample(t *testing.T, s *Scanner, sm Sample) Result {
	t.Helper()
	res, err := s.Scan(Document{Text: sm.Text, Context: sm.Context, InReplyTo: sm.InReplyTo})
	if err != nil {
		t.Fatalf("scan %q: %v", sm.Text, err)
	}
	return res
}

func hasRule(res Result, id string) bool {
	for _, f := range res.Findings {
		if f.Rule == id {
			return true
		}
	}
	return false
}

// TestRuleSamples runs every rule's must-match and must-not-match samples.
func TestRuleSamples(t *testing.T) {
	s := testScanner(t)
	for _, r := range s.rules.All() {
		for _, sm := range r.Samples.Match {
			if res := scanSample(t, s, sm); !hasRule(res, r.ID) {
				t.Errorf("rule %s: no finding in must-match sample %q: %+v", r.ID, sm.Text, res.Findings)
			}
		}
		for _, sm := range r.Samples.NoMatch {
			if res := scanSample(t, s, sm); hasRule(res, r.ID) {
				t.Errorf("rule %s: finding in must-not-match sample %q: %+v", r.ID, sm.Text, res.Findings)
			}
		}
	}
}

// TestAccentedCareVerbsStayApart: accents are folded when matching, so a care verb written with
// one ("revisé", I checked) would also match the everyday word without it ("revise").
func TestAccentedCareVerbsStayApart(t *testing.T) {
	everyday := map[uint64]string{}
	for _, name := range []string{"rules/names/common.txt", "rules/lexicon/common_es.txt"} {
		b, err := rulesFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.Fields(string(b)) {
			everyday[foldHash(w)] = w
		}
	}
	b, err := rulesFS.ReadFile("rules/lexicon/careverb.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "#") || !strings.ContainsFunc(line, func(r rune) bool { return r >= 0x80 }) {
			continue
		}
		if w, ok := everyday[foldHash(line)]; ok {
			t.Errorf("care verb %q matches the everyday word %q once accents are folded", line, w)
		}
	}
}
