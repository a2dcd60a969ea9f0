package form

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/phi"
	"github.com/go-pdf/fpdf"
)

var verbRE = regexp.MustCompile(`%\[\d\][sd]`)

// Both columns of every phrase exist and take the same arguments, so a translation can never
// drop the practice's address from the revocation statement.
func TestPhrasesComplete(t *testing.T) {
	for m, p := range phrases {
		if p[en] == "" || p[es] == "" {
			t.Errorf("phrase %d lacks a language: %q", m, p)
			continue
		}
		a, b := verbRE.FindAllString(p[en], -1), verbRE.FindAllString(p[es], -1)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("phrase %d: English takes %v, Spanish %v", m, a, b)
		}
	}
	for _, k := range phi.Kinds {
		if _, ok := kindWords[k]; !ok {
			t.Errorf("kind %s has no plain words", k)
		}
	}
	for _, c := range authorization.Channels {
		if _, ok := channelWords[c]; !ok {
			t.Errorf("channel %s has no plain name", c)
		}
	}
	for _, p := range authorization.Purposes {
		if _, ok := purposeWords[p]; !ok {
			t.Errorf("purpose %s has no plain words", p)
		}
	}
}

// Every character of the fixed text exists in cp1252, the core fonts' code page; otherwise fpdf
// prints "." in its place.
func TestPhrasesPrintable(t *testing.T) {
	d := &doc{tr: fpdf.New("P", "mm", "Letter", "").UnicodeTranslatorFromDescriptor("")}
	var all [][2]string
	all = append(all, phrases[:]...)
	all = append(all, otherKind)
	all = append(all, months[:]...)
	for _, w := range kindWords {
		all = append(all, w)
	}
	for _, w := range channelWords {
		all = append(all, w)
	}
	for _, w := range purposeWords {
		all = append(all, w)
	}
	for _, p := range all {
		for _, s := range p {
			if !d.fits(s) {
				t.Errorf("not printable in cp1252: %q", s)
			}
		}
	}
	if d.fits("Nguyễn") {
		t.Error("fits accepts a rune cp1252 lacks")
	}
}

// The English statements read at about grade 8 or below (Flesch-Kincaid), the level health
// literacy guides ask for; a rewrite that drifts into legal prose fails here.
func TestReadingLevel(t *testing.T) {
	var sb strings.Builder
	for _, m := range []msg{mIntro, mWhatLead, mTo, mRevoke, mNoCondition, mRedisclose, mPaid, mCopy, mAuthorityLine} {
		s := strings.NewReplacer("%[1]s", "the clinic", "%[2]s", "the address", "%[3]s", "the phone").Replace(phrases[m][en])
		sb.WriteString(s + " ")
	}
	legal := "The individual acknowledges that the covered entity may not condition treatment, payment, " +
		"enrollment or eligibility for benefits on whether the individual signs the authorization."
	if g := gradeLevel(legal); g <= 8 {
		t.Fatalf("the measure rates legal prose at grade %.1f; it cannot tell plain words apart", g)
	}
	if g := gradeLevel(sb.String()); g > 8 {
		t.Errorf("Flesch-Kincaid grade %.1f, want 8 or below", g)
	} else {
		t.Logf("Flesch-Kincaid grade %.1f", g)
	}
}

func gradeLevel(text string) float64 {
	sentences := float64(max(1, strings.Count(text, ".")))
	words := strings.FieldsFunc(text, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') })
	syll := 0
	for _, w := range words {
		syll += syllables(strings.ToLower(w))
	}
	n := float64(len(words))
	return 0.39*n/sentences + 11.8*float64(syll)/n - 15.59
}

// syllables counts vowel groups, less a silent final e: rough, but stable for a regression test.
func syllables(w string) int {
	n, prev := 0, false
	for _, r := range w {
		v := strings.ContainsRune("aeiouy", r)
		if v && !prev {
			n++
		}
		prev = v
	}
	if strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") && n > 1 {
		n--
	}
	return max(n, 1)
}
