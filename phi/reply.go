package phi

import "strings"

// echoSet holds what the review being answered disclosed: the reviewer's names and the health
// words they used. A reply that repeats either confirms that the reviewer is a patient.
type echoSet struct {
	names  map[uint64]bool
	health map[uint64]bool
	// orgWords are the words of an organisation author's name: "Thank you, Bayline!" thanks it.
	orgWords map[uint64]bool

	question bool // the parent only asks something general ("Do you take Medicaid?")
	incident bool // the parent reports a crash, a fire, an injury: people the practice may have treated
	visited  bool // the parent is a rated review or tells of a visit: its writer says they are a patient
	org      bool // the parent's author is an organisation ("Pete's Gym"): no one's care is answered
	third    bool // the parent asks or tells about someone else: "is my boyfriend there?", "is she ok??"
	where    bool // the parent asks where or when: "where's the blood drive?"
	personal bool // the parent speaks of the writer or their family: "my appointment", "my kid"
	event    bool // the parent speaks of an event: "Excelente atención en la feria de regreso a clases"
	anyone   bool // the parent asks about anyone: "¿Qué vacunas le tocan a un niño de 4 años?"
}

func (e *echoSet) reset() {
	if e.names == nil {
		e.names, e.health, e.orgWords = map[uint64]bool{}, map[uint64]bool{}, map[uint64]bool{}
	}
	clear(e.names)
	clear(e.health)
	clear(e.orgWords)
	e.question = false
	e.incident = false
	e.visited = false
	e.org = false
	e.third = false
	e.where = false
	e.personal = false
	e.event = false
	e.anyone = false
}

// readReview collects the names and health words of the review being answered.
func (st *state) readReview(r *Parent) {
	lx := st.s.rules.lex
	p := st.s.profile
	var buf []token
	disclosed := false
	st.echo.visited = r.Rating > 0
	defer func() { st.echo.question = strings.Contains(r.Text, "?") && !disclosed }()
	for _, text := range []string{r.Author, r.Text} {
		author := text == r.Author
		l := lexer{text: text, lx: lx}
		for {
			var ok bool
			if buf, ok = l.sentence(buf); !ok {
				break
			}
			lx.matchPhrases(buf)
			if author && orgName(text, buf) || !author && introducesOrg(text, buf) {
				st.echo.org = true
				if author {
					st.echo.nameOrg(buf)
				}
				break // "Springfield Library" answers as an organisation: its words are no one's name
			}
			// "my root canal", "mi hijo": the reviewer speaks of their own care; "Do I need an
			// appointment for a flu shot?" asks what anyone would.
			personal := false
			asking := len(buf) > 0 && auxiliaries.has(buf[0].hash)
			if es, en := stopWords(buf); es > en {
				for i := range buf {
					if buf[i].hash == hSon {
						buf[i].lex &^= fRelative // "¿Cuáles son los síntomas de la preeclampsia?"
					}
				}
			}
			for i := range buf {
				// "a un bebé" is any baby; "Nos deben dos facturas" is a business writing.
				kin := buf[i].lex&fRelative != 0 && !(i > 0 && (buf[i-1].hash == hUn || buf[i-1].hash == hUna || buf[i-1].hash == hA || buf[i-1].hash == hAn))
				self := buf[i].lex&fPron1 != 0 && !plural1.has(buf[i].hash) && !(asking && i <= 2) &&
					!(i > 0 && auxiliaries.has(buf[i-1].hash)) // "...or do i need a referral" asks
				if kin || self {
					personal = true
					st.echo.personal = !author
				}
			}
			for i := range buf {
				t := &buf[i]
				if t.kind != tkWord || t.end-t.start < 2 || p.nameWords[t.hash] || !author && p.staffWords[t.hash] {
					continue
				}
				f := t.lex
				if t.pend >= 0 {
					f = t.pflag
				}
				if f&(fVisit|fCareVerb) != 0 {
					st.echo.visited = true
				}
				if t.hash == hPartner && (i+1 < len(buf) && buf[i+1].hash == hWith || i > 0 && buf[i-1].hash == hTo) {
					f &^= fRelative // "proud to partner with", a business's word
				}
				if !author && (f&(fPron3|fRelative|fTitle) != 0 || f&fRole != 0 && i > 0 && (buf[i-1].lex&fPron1 != 0 || theOne.has(buf[i-1].hash))) {
					st.echo.third = true // "my dad", "she", "my point guard", "¿Y la señora Licha?", "el capitán de los Colts"
				}
				if !author && whereWords.has(t.hash) {
					st.echo.where = true
				}
				if !author && f&fEvent != 0 {
					st.echo.event = true
				}
				if !author && i > 0 && f&(fAnyone|fRelative|fPatient) != 0 && indefinite.has(buf[i-1].hash) {
					st.echo.anyone = true
				}
				if f&fIncident != 0 || injured.has(t.hash) {
					st.echo.incident = true
				}
				if f&(fClinical|fRelative) != 0 && personal {
					st.echo.health[t.hash] = true
					disclosed = true
				}
				// "home births in Eugene": a town after "in" names no one.
				nameLike := t.lex&(fFirst|fSurname) != 0 && t.lex&(cueFlags&^fCommon) == 0 &&
					!(t.lex&fPlaceName != 0 && i > 0 && placePrep.has(buf[i-1].hash))
				if author && t.lex&(fTitle|fStopEN|fStopES) == 0 || !author && nameLike && t.shape&shCap != 0 && t.lex&fCommon == 0 {
					st.echo.names[t.hash] = true
				}
			}
		}
	}
}

// introducesOrg: the text says who writes, and it is an organisation: "Hi! This is the Maple Grove
// Senior Center activities desk", "Hey Riverside, this is Pine Valley Dental".
func introducesOrg(text string, buf []token) bool {
	for i := 0; i+2 < len(buf); i++ {
		if buf[i].hash != hThis || buf[i+1].hash != hIs {
			continue
		}
		from := i + 2
		if buf[from].hash == hThe {
			from++
		}
		to := from
		for to < len(buf) && buf[to].kind == tkWord && buf[to].shape&shCap != 0 {
			to++
		}
		return to-from >= 2 && orgName(text, buf[from:to])
	}
	return false
}

// nameOrg records the words of an organisation's name, unless a person's name may be in it
// ("Dana Whitfield Realty", "Jiwoo Park"): then a greeting is still to a person.
func (e *echoSet) nameOrg(buf []token) {
	for i := range buf {
		if buf[i].lex&(fFirst|fTopSurname) != 0 {
			clear(e.orgWords)
			return
		}
		if buf[i].kind == tkWord {
			e.orgWords[buf[i].hash] = true
		}
	}
}

// orgName: an author named as an organisation: its last word (before "Co." or "Inc."'s dot) is
// an organisation's noun ("Cascade Medical Supply"), or its first, as Spanish puts it ("Escuela
// Primaria Maple"), or one before "of" or "de" ("Chamber of Commerce"), or a trade's "-ing"
// word that is no one's surname ("Bayline Stevedoring", "Ortiz Roofing").
func orgName(text string, buf []token) bool {
	n := len(buf)
	for n > 0 && buf[n-1].kind == tkPunct {
		n--
	}
	if n < 2 {
		return false
	}
	if parentGroups.has(buf[n-1].hash) {
		return true // "Springfield Public Schools PTA"
	}
	last := text[buf[n-1].start:buf[n-1].end]
	if len(last) >= 7 && strings.HasSuffix(last, "ing") && buf[n-1].lex&(fFirst|fSurname) == 0 && buf[n-1].shape&shCap != 0 {
		return true
	}
	if n == 2 && buf[0].lex&fFirst != 0 && buf[0].lex&fCommon == 0 && buf[0].sp&spPoss == 0 {
		return false // "Greg Hall", "Ana Church": a person whose surname is an organisation's word
	}
	for k := 0; k < n; k++ {
		first := k == 0 && buf[k].lex&(fFirst|fSurname) == 0 // "Park Min-jun" is a person
		if buf[k].lex&fOrg != 0 && (k == n-1 || first || buf[k+1].hash == hOf || buf[k+1].hash == hDe) {
			return true
		}
	}
	return false
}

var (
	parentGroups = hashSet("pta", "pto", "ptsa")
	indefinite   = hashSet("a", "an", "un", "una", "any", "cualquier")
)

// plural1 are the first person plural: a business or a family writes them, not one patient.
var plural1 = hashSet("we", "us", "our", "ours", "we're", "we've", "we'd", "we'll", "ourselves", "nosotros",
	"nosotras", "nuestro", "nuestra", "nuestros", "nuestras", "nos")

// auxiliaries open a question: "Do I need...", "Can I bring...", "Should I...".
var auxiliaries = hashSet("do", "does", "can", "could", "should", "will", "would", "may", "is", "are", "am")

var whereWords = hashSet("where", "where's", "wheres", "when", "when's", "address", "location", "dónde", "donde",
	"cuándo", "cuando", "dirección", "ubicación")

var injured = hashSet("injured", "hurt", "bit", "bitten", "mordió", "mordida", "wounded", "hospitalized", "airlifted",
	"herido", "heridos", "lesionado")

// hasName reports whether tokens from..to repeat one of the reviewer's names.
func (e *echoSet) hasName(st *state, from, to int) bool {
	for k := from; k <= to; k++ {
		if e.names[st.toks[k].hash] && st.tf[k]&fTitle == 0 {
			return true
		}
	}
	return false
}

// matches reports whether the sentence repeats a health word of the review. With ownedOnly (a
// sentence that declines to talk about health, or advice to everyone) only words made the
// person's ("your results") count.
func (e *echoSet) matches(st *state, ownedOnly bool) bool {
	if len(e.health) == 0 {
		return false
	}
	for i := range st.toks {
		if e.repeats(st, i, ownedOnly) {
			return true
		}
	}
	return false
}

func (e *echoSet) repeats(st *state, i int, ownedOnly bool) bool {
	return st.cover[i] < 0 && st.tf[i]&(fClinical|fRelative) != 0 && e.health[st.toks[i].hash] && (!ownedOnly || st.owned(i)) &&
		!st.anyOne(i)
}

// anyOne: "recommends a comprehensive eye exam", "any child": an article for anyone's, a word or
// two before; the practice's own service ("our infusion center"); or, answering someone who has
// not said they were seen here, the topic of a class or talk ("clases gratuitas sobre diabetes
// tipo 1"). To a reviewer, "questions about teeth whitening" still repeats their whitening.
func (st *state) anyOne(i int) bool {
	if i > 0 && ourWords.has(st.toks[i-1].hash) && i+1 < len(st.toks) && st.tf[i+1]&(fOrg|fFacility) != 0 {
		return true // "Our infusion center hosts...": the practice's service, named
	}
	if i+2 < len(st.toks) && st.capital(i) && st.capital(i+1) && (teamWords.has(st.toks[i+2].hash) || programWords.has(st.toks[i+2].hash)) {
		return true // "our whole Child Life team": a department's name
	}
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if indefinites.has(st.toks[k].hash) || k == i-1 && topicWords.has(st.toks[k].hash) && !st.owned(i) && !st.echo.visited {
			return true
		}
		if st.toks[k].kind != tkWord {
			break
		}
	}
	return false
}

var (
	indefinites = hashSet("a", "an", "any", "every", "un", "una", "cualquier")
	topicWords  = hashSet("about", "sobre", "acerca")
)

// emit records each repeated health word.
func (e *echoSet) emit(st *state, ownedOnly bool) {
	for i := range st.toks {
		if e.repeats(st, i, ownedOnly) {
			end := st.end(i)
			if !st.spanned(int(st.toks[i].start), int(st.toks[end].end)) {
				st.addTok("case.echo", i, end, Block, false)
			}
		}
	}
}

// refusal: "we can't discuss results here", "no compartimos resultados por redes sociales": the
// sentence declines to talk about health, so the words it names are the topic, not anyone's care.
func (st *state) refusal() bool {
	neg := false
	for i := range st.toks {
		if st.tf[i]&fNegation != 0 || privacyWords.has(st.toks[i].hash) {
			neg = true // "Privacy rules keep us from discussing any individual visit here"
		} else if neg && refuseVerbs.has(st.toks[i].hash) {
			return true
		}
	}
	return false
}

// refusedRelation: in a refusal, the relationship after "whether" is what it will not say: "we
// can't share anything about anyone's health or whether they were seen here".
func (st *state) refusedRelation() bool {
	whether := false
	for i := range st.toks {
		if whetherWords.has(st.toks[i].hash) && !st.yes(i) {
			whether = true
		} else if whether && st.tf[i]&fRelation != 0 {
			return true
		}
	}
	return false
}

var privacyWords = hashSet("privacy", "privacidad")

var whetherWords = hashSet("whether", "if", "si")

var refuseVerbs = hashSet("discuss", "share", "comment", "confirm", "talk", "disclose", "post", "provide", "give",
	"compartimos", "compartir", "comentar", "confirmar", "hablar", "discutir", "revelar", "publicamos", "damos",
	"manejamos", "publique", "comparta", "hablamos", "discutimos", "confirmamos", "comentamos", "tratamos", "say", "decir",
	"discussing", "sharing", "confirming")
