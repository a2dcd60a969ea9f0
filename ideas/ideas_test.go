package ideas

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestData validates ideas.json: whoever edits it finds their mistake here, not in production.
func TestData(t *testing.T) {
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	cats := Categories()
	if len(cats) == 0 {
		t.Fatal("no categories")
	}
	keys := map[string]bool{}
	for _, c := range cats {
		if c.Key == "" || c.Title == "" {
			t.Errorf("category %+v: key and title are required", c)
		}
		if keys[c.Key] {
			t.Errorf("category %q appears twice", c.Key)
		}
		keys[c.Key] = true
		for field, s := range map[string]string{"why": c.Why, "watch": c.Watch} {
			if !oneSentence(s) {
				t.Errorf("category %q: %s must be one sentence ending with a period, got %q", c.Key, field, s)
			}
		}
	}
	seen := map[string]bool{}
	for _, i := range data.Ideas {
		id := i.Category + "/" + i.Lang + "/" + i.Title
		if !keys[i.Category] {
			t.Errorf("%s: unknown category %q", id, i.Category)
		}
		if i.Lang != English && i.Lang != Spanish {
			t.Errorf("%s: lang must be %q or %q", id, English, Spanish)
		}
		if strings.TrimSpace(i.Title) == "" || strings.TrimSpace(i.Text) == "" {
			t.Errorf("%s: title and text are required", id)
		}
		if seen[id] {
			t.Errorf("%s appears twice", id)
		}
		seen[id] = true
		if strings.Count(i.Text, "[") != strings.Count(i.Text, "]") {
			t.Errorf("%s: unbalanced brackets in %q", id, i.Text)
		}
		for _, p := range PlaceholdersIn(i.Text) {
			if !slices.Contains(placeholders, p) {
				t.Errorf("%s: placeholder [%s] is not one of %q", id, p, placeholders)
			}
		}
	}
}

// oneSentence reports whether s is a single sentence: it ends with a period and no sentence
// boundary (". " followed by a capital) appears inside it.
func oneSentence(s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	body := s[:len(s)-1]
	for i := strings.Index(body, ". "); i >= 0; i = strings.Index(body, ". ") {
		r, _ := utf8.DecodeRuneInString(body[i+2:])
		if unicode.IsUpper(r) {
			return false
		}
		body = body[i+2:]
	}
	return true
}

func TestEveryCategoryHasIdeasInBothLanguages(t *testing.T) {
	want := map[string]int{English: 3, Spanish: 2}
	for _, c := range Categories() {
		for lang, n := range want {
			if got := len(For(c.Key, lang)); got < n {
				t.Errorf("category %q has %d ideas in %s, want at least %d", c.Key, got, lang, n)
			}
		}
	}
}

func TestAllFollowsCategoryOrder(t *testing.T) {
	for _, lang := range []string{English, Spanish} {
		var order []string
		for _, i := range All(lang) {
			if i.Lang != lang {
				t.Fatalf("All(%q) returned a %q idea", lang, i.Lang)
			}
			if len(order) == 0 || order[len(order)-1] != i.Category {
				order = append(order, i.Category)
			}
		}
		var want []string
		for _, c := range Categories() {
			want = append(want, c.Key)
		}
		if !slices.Equal(order, want) {
			t.Errorf("All(%q) categories in order %q, want %q", lang, order, want)
		}
	}
	if got := For("health-tips", "fr"); got != nil {
		t.Errorf("For an unknown language = %v, want none", got)
	}
}

func TestCallersCannotEditTheCatalog(t *testing.T) {
	c := Categories()
	c[0].Title = "changed"
	if Categories()[0].Title == "changed" {
		t.Error("Categories shares its backing array with the catalog")
	}
	p := Placeholders()
	p[0] = "changed"
	if Placeholders()[0] == "changed" {
		t.Error("Placeholders shares its backing array")
	}
}

// publicNames are the only capitalised words allowed inside a sentence: the authors of quotes
// and words that are capitalised by rule. Anything else looks like a person and must be a
// placeholder instead.
var publicNames = map[string]bool{
	"Benjamin": true, "Franklin": true, "Thomas": true, "Fuller": true, "Irish": true,
	"Refrán": true, "SPF": true, "I": true,
}

var wordRE = regexp.MustCompile(`[\p{L}']+`)

// TestNoPatientLikeNames fails on any capitalised word that does not start a sentence, so that an
// example like "Thanks, Maria!" cannot slip into the catalog.
func TestNoPatientLikeNames(t *testing.T) {
	for _, i := range data.Ideas {
		text := placeholderRE.ReplaceAllString(i.Text, "x")
		for _, m := range wordRE.FindAllStringIndex(text, -1) {
			w := text[m[0]:m[1]]
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) || publicNames[w] || startsSentence(text[:m[0]]) {
				continue
			}
			t.Errorf("%s/%s %q: %q looks like a name; use a placeholder", i.Category, i.Lang, i.Title, w)
		}
	}
}

// startsSentence reports whether a word after before begins a sentence, a quotation or a clause
// after a colon, or a line.
func startsSentence(before string) bool {
	before = strings.TrimRight(before, " \t“«¡¿\"")
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune("\n.!?:—”»", r)
}

// caseTalk is wording that describes the care of one person: a case, not a tip.
var caseTalk = regexp.MustCompile(`(?i)\b(he|she|his|her|him|él|ella|this patient|that patient|a patient (?:of ours|who|with)|one of our (?:patients|clients)|our patient|este paciente|esta paciente|una paciente|un paciente (?:que|con)|before and after|before-and-after|antes y después|success stor(?:y|ies)|historia de éxito|case|caso|treated|diagnosed|underwent|recovered|came in|tratamos|diagnosticamos|diagnosticado|operamos)\b`)

// TestNoCaseDescriptions keeps ideas generic: none may describe the care of a specific person.
func TestNoCaseDescriptions(t *testing.T) {
	for _, i := range data.Ideas {
		if m := caseTalk.FindString(i.Text); m != "" {
			t.Errorf("%s/%s %q: %q reads like one person's care", i.Category, i.Lang, i.Title, m)
		}
	}
}

func TestCaseTalkCatchesCases(t *testing.T) {
	for _, s := range []string{"Thanks to one of our patients for the kind words", "She loved her new crown",
		"Our latest before and after!", "Este paciente llegó con dolor", "We treated a broken tooth today"} {
		if !caseTalk.MatchString(s) {
			t.Errorf("caseTalk misses %q", s)
		}
	}
}
