package share

import (
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/phi"
)

func scanner(t testing.TB) *phi.Scanner {
	t.Helper()
	sc, err := phi.New(phi.Profile{Name: "Bend Family Dental", Staff: []string{"Dr. Amy Lee"}, Phones: []string{"541-555-0100"}})
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestAnonymizeRemovesIdentity: the reviewer's name (and its other forms), a relative's name
// and a visit date never reach the quote, and nothing in it shows where they were.
func TestAnonymizeRemovesIdentity(t *testing.T) {
	sc := scanner(t)
	for _, tc := range []struct {
		name   string
		review Review
		gone   []string // words that must not appear, case-insensitively
		kept   []string // words of the review that must survive
	}{
		{"daughter and date", Review{Author: "Sarah Johnson", Text: "Sarah here! My daughter Emma was nervous but the team made her laugh. We came in on March 3rd and were seen right away."},
			[]string{"sarah", "emma", "march", "3rd"}, []string{"My daughter", "nervous", "were seen right away"}},
		{"nickname and husband", Review{Author: "Robert Miller", Text: "Bob Miller here. My husband Tom and I came in last Tuesday for cleanings and the staff were lovely."},
			[]string{"bob", "miller", "tom", "tuesday", "robert"}, []string{"My husband", "staff were lovely"}},
		{"signature and son", Review{Author: "Karen W.", Text: "Took my son Jake in on 04/12/2025 for his first filling. Friendly and gentle! — Karen"},
			[]string{"karen", "jake", "04/12", "2025"}, []string{"my son", "Friendly and gentle"}},
		{"handle and email", Review{Author: "@dentalfan88", Text: "Best office ever, ask for me @dentalfan88 or write to jo.r@gmail.com. My wife Linda loved her visit on June 2."},
			[]string{"dentalfan88", "gmail", "linda", "june 2"}, []string{"Best office ever", "My wife"}},
		{"spanish daughter and date", Review{Author: "María González", Text: "Mi hija Sofía tuvo su cita el 12 de marzo y todo salió muy bien. ¡Gracias! — María González"},
			[]string{"maría", "gonzález", "sofía", "12 de marzo", "marzo"}, []string{"Mi hija", "todo salió muy bien"}},
		{"spanish nickname", Review{Author: "Guadalupe Ramírez", Text: "Soy Lupe. Llevé a mi esposo Jorge el martes pasado y lo atendieron muy rápido. Muy amables."},
			[]string{"lupe", "guadalupe", "ramírez", "jorge", "martes"}, []string{"mi esposo", "Muy amables"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q, err := Anonymize(sc, tc.review)
			if err != nil {
				t.Fatal(err)
			}
			lower := strings.ToLower(q.Text)
			for _, w := range tc.gone {
				if strings.Contains(lower, strings.ToLower(w)) {
					t.Errorf("%q is still in the quote: %s", w, q.Text)
				}
			}
			for _, w := range tc.kept {
				if !strings.Contains(q.Text, w) {
					t.Errorf("%q was lost: %s", w, q.Text)
				}
			}
			if strings.ContainsAny(q.Text, "[]") || strings.Contains(q.Text, " ,") || strings.Contains(q.Text, "  ") {
				t.Errorf("removal left artefacts: %s", q.Text)
			}
			if !strings.HasSuffix(q.Text, "” "+Attribution) {
				t.Errorf("no attribution: %s", q.Text)
			}
			if q.Removed[phi.Name] == 0 {
				t.Errorf("removed %v, want names counted", q.Removed)
			}
			t.Logf("%s  removed=%v flagged=%v verdict=%s", q.Text, q.Removed, q.Flagged, q.Scan.Verdict)
		})
	}
}

// TestAnonymizeHoldsIdentifyingBody: with no name at all, a body that singles the person out
// keeps a finding and is held for an authorization.
func TestAnonymizeHoldsIdentifyingBody(t *testing.T) {
	sc := scanner(t)
	for _, text := range []string{
		"As the only pediatric oncologist in Bend, I was nervous about my own root canal. Painless!",
		"As the mayor's wife I value discretion, and this office delivered.",
		"Como la única pediatra en Redmond, yo sé lo difícil que es encontrar un buen dentista. ¡Excelente!",
	} {
		q, err := Anonymize(sc, Review{Author: "A Google User", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if !q.Held() || q.Flagged[phi.Role] == 0 {
			t.Errorf("%q: verdict %s flagged %v, want held with a ROLE", text, q.Scan.Verdict, q.Flagged)
		}
	}
}

// TestAnonymizeCleanReviewIsAllowed: praise with nothing personal goes out without a hold.
func TestAnonymizeCleanReviewIsAllowed(t *testing.T) {
	q, err := Anonymize(scanner(t), Review{Author: "Happy Customer", Text: "The staff were so kind and the office is spotless. Happy to recommend them!"})
	if err != nil {
		t.Fatal(err)
	}
	if q.Held() || !strings.Contains(q.Text, "Happy to recommend") {
		t.Errorf("got %s (%s), want allowed and unchanged", q.Text, q.Scan.Verdict)
	}
}

func TestAnonymizeEmpty(t *testing.T) {
	if _, err := Anonymize(scanner(t), Review{Author: "Sam", Text: "Sam"}); err != ErrEmpty {
		t.Errorf("err = %v, want ErrEmpty", err)
	}
}
