package phi

import (
	"bufio"
	"embed"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
)

//go:embed rules
var rulesFS embed.FS

// flag is a set of lexical categories of a word or phrase.
type flag uint64

const (
	fFirst flag = 1 << iota // a first name (US Census)
	fSurname
	fCommon // an everyday word: a capitalised one needs context to be a name
	fTitle
	fGreeting
	fRelative
	fPron3
	fPron2
	fPron1
	fPatient
	fCareVerb
	fVisit
	fCondition
	fProcedure
	fTest
	fMedication
	fBodySite
	fWeak // a clinical word with an everyday meaning: counts only beside another cue
	fProvider
	fBehaviour
	fCost
	fPhoto
	fGeneric
	fEvent
	fStaffCue
	fAttrib
	fMonth
	fWeekday
	fRelDay
	fPast
	fFuture
	fNegation
	fRole
	fVehicle
	fBiometric
	fDevice
	fFacility
	fStreet
	fApartment
	fState
	fStopEN
	fStopES
	fFamily
	fAbbrev
	fRelation
	fSpanish   // a Spanish word: in a Spanish text, a capitalised one needs context to be a name
	fPlace     // a place, nationality, language or holiday
	fPlaceName // a place that is also a first name ("Paris"): a place only after "in", "from"...
	fEndear    // "our little guy", "one of our patients": a word for one patient after "our"
	fOrg       // a word that makes the capitalised words before it an organisation or a place
	fAnyone    // a noun that stands for anyone ("people", "a woman")
	fCount     // "hundreds", "thousands": a count, not a case
	fLocative
	fTopSurname // one of the 3,000 commonest surnames
	fIncident   // a crash, a fire: news that may name the people the practice treated
	fPresence   // "at our hospital": a relationship when a person is named beside it
	fTagOnly    // a clinical phrase written as one word, as hashtags do: not a word of its own
	fPhrase     // the first word of a longer lexicon entry
	fKeyword    // the first word of an identifier rule's keyword
	fHint       // a word a rare rule looks for (honorifics, "look who"): a sentence without one skips that rule
)

const fClinical = fCondition | fProcedure | fTest | fMedication | fBodySite

// lexFiles maps each word-list file to its category.
var lexFiles = map[string]flag{
	"lexicon/title.txt": fTitle, "lexicon/greeting.txt": fGreeting, "lexicon/relative.txt": fRelative,
	"lexicon/pron3.txt": fPron3, "lexicon/pron2.txt": fPron2, "lexicon/pron1.txt": fPron1,
	"lexicon/patient.txt": fPatient, "lexicon/careverb.txt": fCareVerb, "lexicon/visit.txt": fVisit,
	"lexicon/behaviour.txt": fBehaviour, "lexicon/cost.txt": fCost, "lexicon/photo.txt": fPhoto,
	"lexicon/generic.txt": fGeneric, "lexicon/event.txt": fEvent, "lexicon/staffcue.txt": fStaffCue,
	"lexicon/attrib.txt": fAttrib, "lexicon/month.txt": fMonth, "lexicon/weekday.txt": fWeekday,
	"lexicon/relday.txt": fRelDay, "lexicon/past.txt": fPast, "lexicon/future.txt": fFuture,
	"lexicon/negation.txt": fNegation, "lexicon/role.txt": fRole, "lexicon/vehicle.txt": fVehicle,
	"lexicon/biometric.txt": fBiometric, "lexicon/device.txt": fDevice, "lexicon/facility.txt": fFacility,
	"lexicon/street.txt": fStreet, "lexicon/apartment.txt": fApartment, "lexicon/state.txt": fState,
	"lexicon/stop_en.txt": fStopEN, "lexicon/stop_es.txt": fStopES, "lexicon/family.txt": fFamily,
	"lexicon/abbrev.txt": fAbbrev, "lexicon/relation.txt": fRelation, "lexicon/common_es.txt": fCommon,
	"vocab/condition.txt": fCondition, "vocab/procedure.txt": fProcedure, "vocab/test.txt": fTest,
	"vocab/medication.txt": fMedication, "vocab/bodysite.txt": fBodySite, "vocab/provider.txt": fProvider,
	"lexicon/antecedent.txt": fAnyone, "lexicon/count.txt": fCount, "lexicon/locative.txt": fLocative, "lexicon/incident.txt": fIncident, "lexicon/presence.txt": fPresence,
	"names/spanish.txt": fSpanish, "lexicon/place.txt": fPlace, "lexicon/placename.txt": fPlaceName, "lexicon/endearment.txt": fEndear, "lexicon/orgword.txt": fOrg,
	"names/first.txt": fFirst, "names/first_modern.txt": fFirst, "names/first_world.txt": fFirst, "names/first_ssa.txt": fFirst, "names/surname.txt": fSurname, "names/surname_top.txt": fTopSurname, "names/common.txt": fCommon,
}

// phrase is a lexicon entry of more than one token.
type phrase struct {
	hashes []uint64
	f      flag
}

type lexicon struct {
	words   *wordTable
	phrases map[uint64][]phrase // by the hash of the first token, longest first
}

// loadLexicon reads every word list. Entries are tokenised by the same lexer as scanned text, so
// "x-ray", "before & after" and "Sra." match exactly what a post would contain.
func loadLexicon() (*lexicon, error) {
	lx := &lexicon{words: newWordTable(1 << 17), phrases: map[uint64][]phrase{}}
	strong := map[uint64]bool{} // clinical words with at least one non-weak entry
	names := make([]string, 0, len(lexFiles))
	for name := range lexFiles {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := lexFiles[name]
		data, err := rulesFS.ReadFile(path.Join("rules", name))
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if line == "" || line[0] == '#' {
				continue
			}
			term, weak := strings.CutSuffix(line, " ~")
			if err := checkTerm(term); err != nil {
				return nil, fmt.Errorf("lexicon %s:%d: %w", name, n, err)
			}
			ef := f
			if weak {
				if f&(fClinical|fProvider) == 0 {
					return nil, fmt.Errorf("lexicon %s:%d: only clinical and provider words can be weak", name, n)
				}
				ef |= fWeak
			}
			hs := lx.termHashes(term)
			if len(hs) > 1 && f&fClinical != 0 {
				// "#rotatorcuff", "#lipfiller": hashtags write a phrase as one word.
				joined := strings.NewReplacer(" ", "", "-", "", "'", "").Replace(term)
				if lx.words.get(foldHash(joined))&fClinical == 0 {
					lx.words.or(foldHash(joined), ef|fTagOnly)
				}
			}
			if len(hs) == 1 && f&fClinical != 0 && !strings.HasSuffix(term, "s") {
				// Plurals of clinical words: "fractures", "nodules", "radiografías".
				for _, p := range []string{term + "s", term + "es"} {
					ph := foldHash(p)
					if lx.words.get(ph)&fClinical == 0 {
						lx.words.or(ph, ef)
						if !weak {
							strong[ph] = true
						}
					}
				}
			}
			if len(hs) == 1 {
				lx.words.or(hs[0], ef)
				if f&(fClinical|fProvider) != 0 && !weak {
					strong[hs[0]] = true
				}
				continue
			}
			lx.words.or(hs[0], fPhrase)
			lx.addPhrase(hs, ef)
			if f&fClinical != 0 && !strings.HasSuffix(term, "s") && !strings.HasSuffix(term, ".") {
				// "hearing aids", "root canals"
				last := strings.LastIndexAny(term, " -")
				pl := append(append([]uint64{}, hs[:len(hs)-1]...), foldHash(term[last+1:]+"s"))
				lx.addPhrase(pl, ef)
			}
		}
	}
	for h := range strong {
		lx.words.clear(h, fWeak)
	}
	for _, w := range append(append([]string{}, honorifics...), lookWords...) {
		lx.words.or(foldHash(w), fHint) // the words of findNames' and cues' rarest tests
	}
	for _, ps := range lx.phrases {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].hashes) > len(ps[j].hashes) })
	}
	return lx, nil
}

// addPhrase records a phrase, merging the flags of one listed in several files ("insulin pump"
// is a procedure and a device).
func (lx *lexicon) addPhrase(hs []uint64, f flag) {
	ps := lx.phrases[hs[0]]
	for i := range ps {
		if slices.Equal(ps[i].hashes, hs) {
			weak := ps[i].f&fWeak != 0 && f&fWeak != 0
			ps[i].f |= f
			if !weak {
				ps[i].f &^= fWeak
			}
			return
		}
	}
	lx.phrases[hs[0]] = append(ps, phrase{hashes: hs, f: f})
}

// checkTerm enforces the word-list format: lower case, single spaces, no stray punctuation.
func checkTerm(term string) error {
	if term == "" || strings.TrimSpace(term) != term || strings.Contains(term, "  ") {
		return fmt.Errorf("bad spacing in %q", term)
	}
	if strings.ToLower(term) != term {
		return fmt.Errorf("%q is not lower case", term)
	}
	for _, r := range term {
		if !(wordRune(r) || r == ' ' || r == '-' || r == '/' || r == '&' || r == '.' || isApostrophe(r)) {
			return fmt.Errorf("%q has a character %q that word lists may not use", term, r)
		}
	}
	return nil
}

// termHashes tokenises a lexicon entry.
func (lx *lexicon) termHashes(term string) []uint64 {
	l := lexer{text: term, lx: emptyLexicon}
	var hs []uint64
	buf := make([]token, 0, 8)
	for {
		var ok bool
		buf, ok = l.sentence(buf)
		if !ok {
			break
		}
		for _, t := range buf {
			if t.kind == tkPunct {
				hs = append(hs, uint64(t.ch)|1<<63)
			} else {
				hs = append(hs, t.hash)
			}
		}
	}
	return hs
}

// emptyLexicon tokenises lexicon entries before the lexicon exists.
var emptyLexicon = &lexicon{words: newWordTable(0)}

// tokHash is the key a token contributes to phrase matching; punctuation is keyed by its byte.
func tokHash(t *token) uint64 {
	if t.kind == tkPunct {
		return uint64(t.ch) | 1<<63
	}
	return t.hash
}

// matchPhrases records, on each token, the flags of the longest phrase that starts there.
func (lx *lexicon) matchPhrases(toks []token) {
	for i := range toks {
		toks[i].pend = -1
		toks[i].pflag = 0
		if toks[i].lex&fPhrase == 0 {
			continue
		}
		for _, p := range lx.phrases[toks[i].hash] {
			if i+len(p.hashes) > len(toks) {
				continue
			}
			ok := true
			for k := 1; k < len(p.hashes); k++ {
				if tokHash(&toks[i+k]) != p.hashes[k] {
					ok = false
					break
				}
			}
			if ok {
				toks[i].pflag = p.f
				toks[i].pend = int16(i + len(p.hashes) - 1)
				break
			}
		}
	}
}
