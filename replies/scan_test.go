package replies

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/phi"
)

// riverside is the practice the templates are filled in for: its own name, phone, email, site
// and staff are the practice speaking, never PHI.
var riverside = phi.Profile{
	Name:     "Riverside Dental",
	Phones:   []string{"(541) 555-0142"},
	Emails:   []string{"hello@riversidedental.example"},
	Websites: []string{"riversidedental.example"},
	Staff:    []string{"Dr. Priya Patel"},
}

// services are what a practice types for a general_info reply, per language.
var services = map[string]string{English: "teeth whitening", Spanish: "blanqueamiento dental"}

// echoesService names the reviewers who speak of their own care with a word of the service the
// general_info templates are filled with. A general_info reply about that service repeats what
// they disclosed, so the scanner must block it, and the composer should not offer one.
var echoesService = map[string]bool{
	"Alejandra": true, // charged twice for her whitening
	"Ana Lopez": true, // her husband's wisdom teeth: only the word "teeth" is shared with "teeth whitening"
}

func TestTestSetIsRealistic(t *testing.T) {
	count := map[string]int{}
	for _, r := range reviews {
		count[r.Lang]++
		count[string(Suggest(r.Rating, r.Lang))]++
	}
	if len(reviews) < 30 || count[English] < 10 || count[Spanish] < 10 {
		t.Errorf("test set has %d reviews (%d en, %d es), want at least 30 with 10 of each", len(reviews), count[English], count[Spanish])
	}
	for _, k := range []Kind{ThankYou, Negative, InPerson} {
		if count[string(k)] < 5 {
			t.Errorf("only %d reviews call for %s", count[string(k)], k)
		}
	}
}

// TestScannerAllowsEveryReply is the point of the package: a practice that answers a review with
// a template must not leak PHI, and must not be stopped by Bedside's own scanner either. Each
// template is scanned as a reply to each review, with the review, since a reply is PHI when it
// repeats or confirms what the review disclosed.
func TestScannerAllowsEveryReply(t *testing.T) {
	sc, err := phi.New(riverside)
	if err != nil {
		t.Fatal(err)
	}
	check := func(r review, ctx phi.Context, kind Kind, want phi.Verdict) {
		t.Helper()
		tps := For(string(kind), r.Lang)
		if len(tps) == 0 {
			t.Fatalf("no %s templates in %s", kind, r.Lang)
		}
		for _, tp := range tps {
			filled, err := Fill(tp, riverside, services[r.Lang])
			if err != nil {
				t.Fatalf("%s/%s %q: %v", tp.Kind, tp.Lang, tp.Text, err)
			}
			res, err := sc.Scan(phi.Document{Text: filled, Context: ctx,
				InReplyTo: &phi.Parent{Author: r.Author, Rating: r.Rating, Text: r.Text}})
			if err != nil {
				t.Fatal(err)
			}
			if (res.Verdict == phi.Allow) != (want == phi.Allow) {
				t.Errorf("%s/%s verdict %s, want %s\n\treply:  %s\n\tto:     %s (%d stars): %s%s",
					tp.Kind, tp.Lang, res.Verdict, want, filled, r.Author, r.Rating, r.Text, findings(res))
			}
		}
	}
	for _, r := range reviews {
		check(r, phi.Reply, Suggest(r.Rating, r.Lang), phi.Allow)
		info := phi.Allow
		if echoesService[r.Author] {
			info = phi.Block
		}
		check(r, phi.Reply, GeneralInfo, info)
	}
	for _, q := range questions {
		for _, ctx := range []phi.Context{phi.Reply, phi.Comment} {
			check(q, ctx, CommentQuestion, phi.Allow)
			check(q, ctx, GeneralInfo, phi.Allow)
		}
	}
}

func findings(res phi.Result) string {
	var b strings.Builder
	for _, f := range res.Findings {
		fmt.Fprintf(&b, "\n\t%s %s %s %s: %q", f.Kind, f.Effect, f.Rule, f.Reason, f.Text)
	}
	return b.String()
}

// TestScannerCatchesCarelessReplies keeps the test above honest: the replies a practice writes
// without a template, answering reviews of the test set, must not be allowed.
func TestScannerCatchesCarelessReplies(t *testing.T) {
	sc, err := phi.New(riverside)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ reply, author string }{
		{"Thanks Maria, we're so glad your root canal went smoothly!", "Maria Gonzalez"},
		{"We loved having Tyler in for his first cleaning!", "Jake T."},
		{"Our records show you were seen on time and the extraction went as planned.", "Patricia Nguyen"},
		{"Your balance of $450 reflects what your insurance denied for the filling.", "Brian O'Neil"},
		{"Gracias Carmen, nos alegra que su limpieza haya ido bien.", "Carmen Rodríguez"},
		{"Lamentamos que todavía tenga dolor después de la extracción de la muela.", "Juan Carlos Pérez"},
	} {
		r := byAuthor(t, c.author)
		res, err := sc.Scan(phi.Document{Text: c.reply, Context: phi.Reply,
			InReplyTo: &phi.Parent{Author: r.Author, Rating: r.Rating, Text: r.Text}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Verdict == phi.Allow {
			t.Errorf("careless reply allowed: %q to %s: %s", c.reply, r.Author, r.Text)
		}
	}
}

func byAuthor(t *testing.T, author string) review {
	t.Helper()
	for _, r := range reviews {
		if r.Author == author {
			return r
		}
	}
	t.Fatalf("no review by %q in the test set", author)
	return review{}
}
