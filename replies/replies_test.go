package replies

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/phi"
)

// TestData validates replies.json: whoever edits it finds their mistake here, not in production.
func TestData(t *testing.T) {
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	seen := map[string]bool{}
	for _, tp := range all() {
		id := string(tp.Kind) + "/" + tp.Lang + " " + tp.Text
		if !slices.Contains(Kinds, tp.Kind) {
			t.Errorf("%s: unknown kind %q", id, tp.Kind)
		}
		if tp.Lang != English && tp.Lang != Spanish {
			t.Errorf("%s: lang must be %q or %q", id, English, Spanish)
		}
		if strings.TrimSpace(tp.Text) == "" {
			t.Errorf("%s: empty text", id)
		}
		if seen[tp.Text] {
			t.Errorf("%s appears twice", id)
		}
		seen[tp.Text] = true
		if strings.Count(tp.Text, "[") != strings.Count(tp.Text, "]") {
			t.Errorf("%s: unbalanced brackets", id)
		}
		for _, p := range PlaceholdersIn(tp.Text) {
			if !slices.Contains(placeholders, p) {
				t.Errorf("%s: placeholder [%s] is not one of %q", id, p, placeholders)
			}
			if p == "service" && tp.Kind != GeneralInfo {
				t.Errorf("%s: only %s templates may name a [service]", id, GeneralInfo)
			}
		}
		if tp.Kind == GeneralInfo && !slices.Contains(PlaceholdersIn(tp.Text), "service") {
			t.Errorf("%s: a %s template must name the [service]", id, GeneralInfo)
		}
		if n := sentences(tp.Text); n < 1 || n > 3 {
			t.Errorf("%s: %d sentences, want 1 to 3", id, n)
		}
		// The office manager's title is filled in lower case ("our office manager"), so it must
		// not start a sentence.
		if sentenceStart.MatchString(tp.Text) {
			t.Errorf("%s: a placeholder filled in lower case starts a sentence", id)
		}
	}
}

// sentenceStart finds a placeholder whose value is lower case ("our office manager", "teeth
// whitening") at the start of a sentence, where it would read as a typo.
var sentenceStart = regexp.MustCompile(`(^|[.!?:;]\s+|[¡¿])\[(office manager title|service)\]`)

// sentences counts the sentence ends in s, ignoring the dots of a website or an abbreviation
// (a dot not followed by a space or the end).
func sentences(s string) int {
	n := 0
	for i, r := range s {
		if strings.ContainsRune(".!?", r) && (i+1 == len(s) || s[i+1] == ' ') {
			n++
		}
	}
	return n
}

func TestEveryKindHasVariantsInBothLanguages(t *testing.T) {
	for _, k := range Kinds {
		for _, lang := range []string{English, Spanish} {
			got := For(string(k), lang)
			if len(got) < 3 {
				t.Errorf("kind %s has %d templates in %s, want at least 3", k, len(got), lang)
			}
			for _, tp := range got {
				if tp.Kind != k || tp.Lang != lang {
					t.Errorf("For(%q, %q) returned a %s/%s template", k, lang, tp.Kind, tp.Lang)
				}
			}
		}
	}
	if got := For(string(ThankYou), "fr"); got != nil {
		t.Errorf("For an unknown language = %v, want none", got)
	}
	if got := For("apology", English); got != nil {
		t.Errorf("For an unknown kind = %v, want none", got)
	}
}

func TestCallersCannotEditTheCatalog(t *testing.T) {
	got := For(string(ThankYou), English)
	got[0].Text = "changed"
	if For(string(ThankYou), English)[0].Text == "changed" {
		t.Error("For shares its backing array with the catalog")
	}
	p := Placeholders()
	p[0] = "changed"
	if Placeholders()[0] == "changed" {
		t.Error("Placeholders shares its backing array")
	}
}

func TestSuggest(t *testing.T) {
	for _, c := range []struct {
		rating int
		want   Kind
	}{
		{0, ThankYou}, {1, Negative}, {2, Negative}, {3, InPerson}, {4, ThankYou}, {5, ThankYou},
	} {
		for _, lang := range []string{English, Spanish} {
			if got := Suggest(c.rating, lang); got != c.want {
				t.Errorf("Suggest(%d, %q) = %s, want %s", c.rating, lang, got, c.want)
			}
		}
	}
}

func TestFill(t *testing.T) {
	tp := Template{Kind: GeneralInfo, Lang: English,
		Text: "[practice name] offers [service]; call [office manager title] at [phone], write to [email] or see [website]."}
	got, err := Fill(tp, riverside, "teeth whitening")
	if err != nil {
		t.Fatal(err)
	}
	want := "Riverside Dental offers teeth whitening; call our office manager at (541) 555-0142, write to hello@riversidedental.example or see riversidedental.example."
	if got != want {
		t.Errorf("Fill =\n\t%s\nwant\n\t%s", got, want)
	}
	es := Template{Kind: InPerson, Lang: Spanish, Text: "Hable con [office manager title]."}
	if got, err := Fill(es, riverside, ""); err != nil || got != "Hable con la gerencia de nuestra oficina." {
		t.Errorf("Fill(Spanish) = %q, %v", got, err)
	}
}

// TestFillSaysWhatIsMissing: a practice whose profile lacks a value must learn which one, and
// get no half-filled reply.
func TestFillSaysWhatIsMissing(t *testing.T) {
	for _, c := range []struct {
		text, service, lang string
		kind                Kind
		profile             phi.Profile
		want                []string
	}{
		{"Call [phone].", "", English, Negative, phi.Profile{Name: "X"}, []string{"[phone]", "phone number"}},
		{"Write to [email].", "", English, Negative, phi.Profile{Phones: []string{" "}}, []string{"[email]", "email address"}},
		{"See [website].", "", English, ThankYou, phi.Profile{}, []string{"[website]", "website"}},
		{"At [practice name].", "", English, ThankYou, phi.Profile{Name: "  "}, []string{"[practice name]", "name"}},
		{"About [service].", " ", English, GeneralInfo, riverside, []string{"[service]", "service"}},
		{"About [service].", "whitening", English, ThankYou, riverside, []string{"[service]", "only for general_info"}},
		{"Ask [office manager title].", "", "fr", InPerson, riverside, []string{"[office manager title]", `"fr"`}},
		{"Ask for [name].", "", English, InPerson, riverside, []string{"[name]", "not a known placeholder"}},
		{"Call [phone] or [email].", "", English, Negative, phi.Profile{}, []string{"[phone]", "[email]"}},
	} {
		got, err := Fill(Template{Kind: c.kind, Lang: c.lang, Text: c.text}, c.profile, c.service)
		if err == nil {
			t.Errorf("Fill(%q) = %q, want an error", c.text, got)
			continue
		}
		if got != "" {
			t.Errorf("Fill(%q) returned %q with its error", c.text, got)
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Fill(%q) error %q does not mention %q", c.text, err, w)
			}
		}
	}
}

// confirmsCare is wording that admits the reviewer was seen: addressed to a named reviewer it
// discloses PHI on its own. Checked on the raw text, in lower case.
var confirmsCare = []string{
	"your visit", "your treatment", "your appointment", "your care", "your procedure",
	"your experience", "your doctor", "your dentist", "your provider", "your exam", "your cleaning",
	"your surgery", "your diagnosis", "your condition", "your results", "your bill", "your insurance",
	"your account", "your records", "your chart", "your child", "your son", "your daughter",
	"your family", "your wait", "your tooth", "your teeth", "your smile", "your recovery",
	"we treated", "we saw you", "you were seen", "you came in", "when you were here", "seeing you",
	"see you again", "welcome back", "our patient", "as a patient", "being a patient", "patient of",
	"your stay", "your last", "your next",
	"tu visita", "su visita", "tu tratamiento", "su tratamiento", "tu cita", "su cita",
	"su atención", "tu atención", "su experiencia", "tu experiencia", "su doctor", "su doctora",
	"su dentista", "su médico", "su limpieza", "su cirugía", "su diagnóstico", "su condición",
	"su factura", "su cuenta", "su seguro", "su expediente", "su hijo", "su hija", "sus hijos",
	"su familia", "su espera", "su diente", "sus dientes", "su sonrisa", "su recuperación",
	"lo atendimos", "la atendimos", "le atendimos", "te atendimos", "lo tratamos", "la tratamos",
	"nuestro paciente", "nuestra paciente", "como paciente", "cuando vino", "cuando estuvo",
	"verle de nuevo", "volver a verle", "bienvenido de nuevo", "su próxima", "su última",
	"su caso", "tu caso", "your case",
}

// TestNoTemplateConfirmsCare keeps every template from admitting a visit, whoever it answers.
func TestNoTemplateConfirmsCare(t *testing.T) {
	for _, tp := range all() {
		low := strings.ToLower(tp.Text)
		for _, w := range confirmsCare {
			if strings.Contains(low, w) {
				t.Errorf("%s/%s %q: %q confirms care", tp.Kind, tp.Lang, tp.Text, w)
			}
		}
	}
}

// TestDenyListCatchesCareTalk proves the deny list is not toothless.
func TestDenyListCatchesCareTalk(t *testing.T) {
	for _, s := range []string{"We hope your visit went well", "Sorry about the wait at your appointment",
		"We treated many people today", "Esperamos que su tratamiento vaya bien", "Gracias por tu visita"} {
		low, hit := strings.ToLower(s), false
		for _, w := range confirmsCare {
			hit = hit || strings.Contains(low, w)
		}
		if !hit {
			t.Errorf("the deny list misses %q", s)
		}
	}
}
