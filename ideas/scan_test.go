package ideas

import (
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/phi"
)

// riverside is the practice the ideas are filled in for: its own name, phone, site and staff are
// the practice speaking, never PHI.
var riverside = phi.Profile{
	Name:     "Riverside Dental",
	Phones:   []string{"(541) 555-0142"},
	Websites: []string{"riversidedental.example"},
	Staff:    []string{"Dr. Priya Patel"},
}

// fills holds realistic values for every placeholder, per language, as a practice would type them.
var fills = map[string]map[string]string{
	English: {
		"practice name": "Riverside Dental",
		"phone":         "(541) 555-0142",
		"link":          "https://riversidedental.example/blog",
		"date":          "March 14",
		"time":          "6 p.m.",
		"place":         "the Riverside Public Library",
		"event name":    "the Spring Health Fair",
		"staff name":    "Dr. Priya Patel",
		"staff role":    "dentist",
		"years":         "12",
		"fun fact":      "marathon runner and proud owner of two rescue dogs",
		"award name":    "the Readers' Choice Award",
		"organization":  "the American Dental Association",
		"partner name":  "the Cascade Food Bank",
		"service":       "teeth whitening",
		"discount":      "20%",
		"topic":         "healthy snacks for kids",
		"finding":       "flossing once a day helps keep gums healthy",
		"quote":         "Take care of your body. It's the only place you have to live.",
		"author":        "Jim Rohn",
		"review":        "The front desk was friendly and the office was spotless.",
	},
	Spanish: {
		"practice name": "Riverside Dental",
		"phone":         "(541) 555-0142",
		"link":          "https://riversidedental.example/blog",
		"date":          "14 de marzo",
		"time":          "18:00",
		"place":         "la Biblioteca Pública",
		"event name":    "la Feria de Salud de Primavera",
		"staff name":    "Dr. Priya Patel",
		"staff role":    "dentista",
		"years":         "12",
		"fun fact":      "corre maratones y tiene dos perros rescatados",
		"award name":    "el Premio a la Mejor Clínica Familiar",
		"organization":  "la Asociación Dental Americana",
		"partner name":  "el Banco de Alimentos Cascade",
		"service":       "blanqueamiento dental",
		"discount":      "20%",
		"topic":         "meriendas saludables para niños",
		"finding":       "usar hilo dental una vez al día ayuda a mantener las encías sanas",
		"quote":         "Poco a poco se va lejos.",
		"author":        "Refrán popular",
		"review":        "El personal fue muy amable y el consultorio estaba impecable.",
	},
}

func fill(t *testing.T, i Idea) string {
	t.Helper()
	vals := fills[i.Lang]
	return placeholderRE.ReplaceAllStringFunc(i.Text, func(m string) string {
		v, ok := vals[m[1:len(m)-1]]
		if !ok {
			t.Fatalf("%s/%s %q: no test value for placeholder %s", i.Category, i.Lang, i.Title, m)
		}
		return v
	})
}

func TestFillsCoverEveryPlaceholder(t *testing.T) {
	for lang, vals := range fills {
		for _, p := range placeholders {
			if vals[p] == "" {
				t.Errorf("no %s test value for [%s]", lang, p)
			}
		}
	}
}

// TestScannerAllowsEveryIdea is the point of the package: a practice that starts from an idea
// and fills it in honestly must not be stopped by Bedside's own scanner.
func TestScannerAllowsEveryIdea(t *testing.T) {
	sc, err := phi.New(riverside)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{English, Spanish} {
		for _, i := range All(lang) {
			text := fill(t, i)
			res, err := sc.Scan(phi.Document{Text: text, Context: phi.Post})
			if err != nil {
				t.Fatal(err)
			}
			if res.Verdict != phi.Allow {
				var b strings.Builder
				for _, f := range res.Findings {
					b.WriteString("\n\t" + string(f.Kind) + " " + string(f.Effect) + " " + f.Rule + " " + f.Reason + ": " + f.Text)
				}
				t.Errorf("%s/%s %q: verdict %s for\n\t%s%s", i.Category, lang, i.Title, res.Verdict, text, b.String())
			}
		}
	}
}
