package incident

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
)

var contact = Contact{Name: "Riverside Dental", TollFree: "1-800-555-0134", Email: "privacy@riverside.example",
	Website: "https://riverside.example/privacy", PostalAddress: "12 Main St, Springfield, NY 12345"}

// postText is what the post said. It is the PHI: no letter may repeat it.
const postText = "Thanks Maria Lopez for trusting us with your root canal on Feb 26!"

// careless is base as a hurried staff member might record it: the post's words pasted into every
// free-text field the incident has.
func careless(t *testing.T) Incident {
	t.Helper()
	in := base()
	in.Kinds = []string{"NAME", "CASE", "DATE"}
	a := goodAssessment()
	a.Nature.Note, a.Recipient.Note, a.Acquired.Note, a.Mitigation.Note = postText, postText, postText, postText
	a.Reason = "the post said: " + postText
	in, err := Assess(in, a)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func TestLetterContent(t *testing.T) {
	in := careless(t)
	in.Response = Response{RemovalRequested: true, StaffRetrained: true, PolicyUpdated: true}
	cases := []struct {
		lang Language
		want []string // 164.404(c)(1)(A) to (E), in that language
	}{
		{English, []string{
			"Dear Maria Lopez,",
			"On February 27, 2026, we published a post on Facebook", "found out about it on March 2, 2026", // (A) breach and discovery dates
			"- your name\n", "- the fact that you are our patient", "- dates about you or your care", // (B) in plain words
			"WHAT YOU CAN DO", "please tell us, and we will ask for it to be removed", // (C)
			"We removed the post on March 2, 2026", "asked Facebook and search engines", "looking into how this happened", "trained our staff", "updated our written social media policy", // (D)
			"1-800-555-0134", "privacy@riverside.example", "https://riverside.example/privacy", "12 Main St, Springfield, NY 12345", // (E)
		}},
		{Spanish, []string{
			"Estimado/a Maria Lopez:",
			"El 27 de febrero de 2026 compartimos en Facebook", "Nos enteramos el 2 de marzo de 2026",
			"- su nombre\n", "- el hecho de que usted es nuestro paciente", "- fechas sobre usted o su atención",
			"QUÉ PUEDE HACER USTED", "avísenos y pediremos que la eliminen",
			"Retiramos la publicación el 2 de marzo de 2026", "Pedimos a Facebook y a los buscadores", "Estamos investigando", "capacitar a nuestro personal", "política escrita sobre redes sociales",
			"1-800-555-0134", "privacy@riverside.example", "https://riverside.example/privacy", "12 Main St, Springfield, NY 12345",
		}},
	}
	codes := regexp.MustCompile(`\b(NAME|CASE|DATE|HEALTH_PLAN|SSN)\b`)
	for _, c := range cases {
		t.Run(string(c.lang), func(t *testing.T) {
			got, err := Letter(in, LetterInput{Language: c.lang, Recipient: "Maria Lopez", Practice: contact, Zone: newYork})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("letter lacks %q:\n%s", w, got)
				}
			}
			for _, leak := range []string{postText, "root canal", "Feb 26", "trusting us"} {
				if strings.Contains(got, leak) {
					t.Fatalf("the letter repeats the post (%q):\n%s", leak, got)
				}
			}
			if m := codes.FindString(got); m != "" {
				t.Errorf("the letter shows the kind code %s instead of plain words", m)
			}
			if strings.Contains(got, "<no value>") || strings.Contains(got, "\n\n\n") {
				t.Errorf("the template left a gap:\n%s", got)
			}
			if strings.Contains(got, "credit freeze") || strings.Contains(got, "congelamiento") {
				t.Errorf("credit-freeze advice without a Social Security number in the post")
			}
		})
	}
}

func TestLetterVariants(t *testing.T) {
	t.Run("financial identifiers bring their own steps", func(t *testing.T) {
		in := base()
		in.Kinds = []string{"NAME", "SSN", "HEALTH_PLAN"}
		for lang, want := range map[Language][]string{
			English: {"your Social Security number", "your health insurance information", "statements you get from your health insurer", "credit freeze"},
			Spanish: {"su número de Seguro Social", "los datos de su seguro médico", "seguro médico y de su banco", "congelamiento de crédito"},
		} {
			got, err := Letter(in, LetterInput{Language: lang, Practice: contact, Zone: newYork})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("%s letter lacks %q", lang, w)
				}
			}
		}
	})
	t.Run("unknown dates and a post still up", func(t *testing.T) {
		in := base()
		in.PostedAt, in.TakenDownAt, in.Platform = time.Time{}, time.Time{}, ""
		got, err := Letter(in, LetterInput{Language: English, Practice: Contact{Name: "Riverside Dental", Email: "privacy@riverside.example"}, Zone: newYork})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []string{"Dear patient,", "We published a post on social media", "We are removing the post.", "- Email us at privacy@riverside.example\n"} {
			if !strings.Contains(got, w) {
				t.Errorf("letter lacks %q:\n%s", w, got)
			}
		}
		if strings.Contains(got, "On ,") || strings.Contains(got, "Call us") || strings.Contains(got, "Write to us") {
			t.Errorf("letter shows an empty date or contact:\n%s", got)
		}
	})
	t.Run("dates are the practice's days", func(t *testing.T) {
		in := base()
		in.PostedAt = time.Date(2026, time.March, 11, 5, 0, 0, 0, time.UTC) // 9 p.m. Mar 10 in Los Angeles
		in.DiscoveredAt, in.TakenDownAt = in.PostedAt, in.PostedAt
		got, _ := Letter(in, LetterInput{Language: English, Practice: contact, Zone: losAngeles})
		if !strings.Contains(got, "On March 10, 2026") || strings.Contains(got, "March 11") {
			t.Errorf("dates not in the practice's zone:\n%s", got)
		}
	})
}

func TestLetterRefusals(t *testing.T) {
	notBreach := base()
	notBreach.Assessment = &Assessment{Conclusion: NotABreach}
	cases := []struct {
		name string
		in   Incident
		li   LetterInput
		code string
		part string
	}{
		{"no way to reach the practice", base(), LetterInput{Language: English, Practice: Contact{Name: "Riverside Dental"}, Zone: newYork}, bedside.EInvalid, "164.404(c)(1)(E)"},
		{"no practice name", base(), LetterInput{Language: English, Practice: Contact{Email: "a@b.example"}, Zone: newYork}, bedside.EInvalid, "practice's name"},
		{"no zone", base(), LetterInput{Language: English, Practice: contact}, bedside.EInvalid, "time zone"},
		{"unknown language", base(), LetterInput{Language: "fr", Practice: contact, Zone: newYork}, bedside.EInvalid, "en or es"},
		{"not a breach", notBreach, LetterInput{Language: English, Practice: contact, Zone: newYork}, bedside.EConflict, "no notice is required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Letter(c.in, c.li)
			wantErr(t, err, c.code, c.part)
		})
	}
}
