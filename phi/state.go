package phi

import "strings"

// state is the scratch of one Scan, pooled between scans so that a document costs few allocations.
type state struct {
	s       *Scanner
	text    string
	ctx     Context
	rev     *Parent
	toks    []token
	tf      []flag  // per token: its flags, or a phrase's flags on the phrase's first token
	cover   []int16 // per token: the first token of the phrase it is inside, or -1
	plain   []bool  // per token: a word a name could be made of, see wordAt
	taken   []bool  // scratch for modelNames
	hits    []hit
	order   []hitKey // scratch for finish
	sents   []sentInfo
	sf      flag       // union of the sentence's flags
	digits  bool       // the sentence has a digit, '(' or '+'
	special bool       // the sentence has a link, email address or handle
	names   []nameSpan // scratch for findNames
	added   []nameSpan // scratch for modelNames
	cue     cues

	addressed bool // the text speaks to one specific person (a reply, or "Hi Karen,")
	anyCase   bool
	subject   bool      // the text is known to be about one person who may be a patient
	pending   []hit     // care words and dates that are PHI if the text turns out to be about one person
	later     []hit     // care words of other sentences: reported when the text holds a case
	deferring deferMode // where add() records
	person    personRef // the last person mentioned, for resolving he/she
	echo      echoSet   // what the review being answered said
	// colleagues holds the words of names the text has introduced as colleagues ("Meet Brianna
	// Cole, our new hygienist!"): a later "Brianna" is the same colleague.
	colleagues []uint64
	enWords    int
	esWords    int
	sentIndex  int
	tagged     tagState // whether the text says "tag yourself": its photos show the readers
	// publicSent is the sentence that tells someone's health as they told it in public
	// ("after his publicly reported Achilles tear"), or -1.
	publicSent int
	madeUp     bool // the text says its person is made up: "Meet 'Weekend Warrior Walt' (not a real person)"
	coachBus   bool // the text has named a mobile clinic a coach ("our mammography coach"): its "coach" is that bus
	declined   bool // an earlier sentence declined to discuss care: "For your privacy we don't share..."
}

type tagState uint8

const (
	tagUnknown tagState = iota
	tagNo
	tagYes
)

type deferMode uint8

const (
	deferNone    deferMode = iota
	deferPending           // PHI if the text speaks to one person
	deferLater             // PHI if the text holds a case anywhere
)

type hit struct {
	Finding
	sent     int
	escalate bool // becomes block when health information is near
}

// hitKey is what finish sorts hits by: their span, then the order they were found in.
type hitKey struct{ start, end, i int32 }

type sentInfo struct {
	health  bool // clinical, visit or care words in a non-generic sentence
	therapy bool // a device that is care: "a Philips DreamStation CPAP", "her insulin pump"
}

// personRef is who "he" or "she" most likely means.
type personRef uint8

const (
	refNone    personRef = iota
	refStaff             // a colleague or a public author
	refSubject           // someone who may be a patient
	refMaybe             // a word the name model thinks is a name: shown, not acted on
	refAnyone            // "a woman", "your grandma" in a post: whoever reads it
)

func (st *state) reset(s *Scanner, text string, ctx Context, rev *Parent) {
	st.s, st.text, st.ctx, st.rev = s, text, ctx, rev
	st.hits = st.hits[:0]
	st.sents = st.sents[:0]
	st.addressed = ctx != Post || rev != nil
	st.anyCase = false
	st.subject = false
	st.pending = st.pending[:0]
	st.later = st.later[:0]
	st.deferring = deferNone
	st.person = refNone
	st.echo.reset()
	st.colleagues = st.colleagues[:0]
	st.enWords, st.esWords = 0, 0
	st.sentIndex = 0
	st.tagged = tagUnknown
	st.publicSent = -1
	st.madeUp = false
	st.declined = false
	st.coachBus = false
}

var (
	hCoach     = foldHash("coach")
	coachKinds = hashSet("mobile", "mammography", "medical", "health", "dental", "screening", "wellness", "vision")
	coachAfter = hashSet("schedule", "stops", "stop", "tour", "visits")
	boarding   = hashSet("onto", "aboard", "board", "boarded", "boarding")
)

// busCoach: "coach" names a mobile clinic, not a team's coach: "our mammography coach", "the
// mobile coach", "Coach schedule, week of Oct 7", "stepped onto our coach", or any "coach" after
// the text named one so.
func (st *state) busCoach(i int) bool {
	toks := st.toks
	if i+1 < len(toks) && st.capital(i+1) && toks[i+1].shape&shUpper == 0 {
		return false // "Coach Dempsey"
	}
	if i > 0 && coachKinds.has(toks[i-1].hash) || i+1 < len(toks) && coachAfter.has(toks[i+1].hash) ||
		i > 1 && boarding.has(toks[i-2].hash) && (toks[i-1].hash == hThe || toks[i-1].hash == hOur) {
		st.coachBus = true
	}
	return st.coachBus
}

// analyse runs every detector over the sentence in st.toks.
func (st *state) analyse() {
	st.s.rules.lex.matchPhrases(st.toks)
	st.prepare()
	si := len(st.sents)
	st.sents = append(st.sents, sentInfo{})
	st.sentIndex = si
	if st.publicSent < 0 && st.sf&fClinical != 0 && st.sf&(fPron3|fRole) != 0 && st.toldInPublic() {
		st.publicSent = si
	}
	if !st.madeUp && st.sf&(fGeneric|fNegation|fPron3) != 0 {
		st.madeUp = st.notReal()
	}
	// Each detector runs only where the sentence holds what it looks for.
	if st.sf&fKeyword != 0 {
		st.keywordRules()
	}
	if st.digits {
		st.numberRules()
	}
	if st.special {
		st.specialTokens()
	}
	names := st.findNames()
	c := st.cues(names)
	st.findCases(c)
	st.findUnique()
	if st.digits || st.sf&(fMonth|fWeekday|fRelDay) != 0 {
		st.findTime(c)
	}
	if st.digits || st.sf&(fApartment|fState|fStreet|fFacility) != 0 {
		st.findPlaces(c)
	}
	if st.sf&(fVehicle|fBiometric) != 0 {
		st.findPeopleDetails(c)
	}
	st.sents[si].health = c.health && !c.generic
	st.sents[si].therapy = st.sf&fDevice != 0 && st.therapyDevice()
}

// therapyDevice: a word both a device and care. Its serial number is one patient's treatment,
// even when "someone" left it in the waiting room.
func (st *state) therapyDevice() bool {
	for i := range st.toks {
		if st.tf[i]&fDevice != 0 && st.tf[i]&fClinical != 0 {
			return true
		}
	}
	return false
}

// prepare computes per-token flags with phrases taken as units.
func (st *state) prepare() {
	n := len(st.toks)
	if cap(st.tf) < n {
		st.tf = make([]flag, n, maxSentence)
		st.cover = make([]int16, n, maxSentence)
		st.plain = make([]bool, n, maxSentence)
		st.taken = make([]bool, n, maxSentence)
	}
	st.tf, st.cover, st.plain = st.tf[:n], st.cover[:n], st.plain[:n]
	es, en := stopWords(st.toks)
	spanish := st.esWords+es > st.enWords+en
	st.sf, st.digits, st.special = 0, false, false
	for i := 0; i < n; i++ {
		t := &st.toks[i]
		st.cover[i] = -1
		// The name rules ask this of the same tokens many times over.
		st.plain[i] = t.kind == tkWord && t.shape&shLetter != 0 && t.shape&shDigit == 0 && !t.used
		st.sf |= t.lex | t.pflag
		switch {
		case t.shape&shDigit != 0 || t.kind == tkPunct && (t.ch == '(' || t.ch == '+' || t.ch == '#' || t.ch == '$'):
			st.digits = true
			if t.kind == tkNum && st.weightLost(i) {
				// "Trina B. — down 18.4 lbs", "bajó 15 kilos": a person's weight, one clinical phrase
				// from the word before the number to the unit after it.
				st.toks[i-1].pend = int16(i + 1)
				st.tf[i-1] |= fCondition
				st.sf |= fCondition
				for k := i; k <= i+1; k++ {
					st.tf[k], st.cover[k], st.plain[k] = 0, int16(i-1), false
				}
				i++
				continue
			}
		case t.kind == tkURL || t.kind == tkEmail || t.kind == tkHandle:
			st.special = true
		}
		if spanish && t.kind == tkWord && t.lex&fFirst == 0 && (t.lex&fSpanish != 0 || st.spanishInflected(i)) {
			t.lex |= fCommon // the Spanish list holds first names too ("Juan"); those stay names
		}
		if spanish && t.hash == hYa {
			t.lex &^= fPron2 // "ya" is "already", not the "ya" of "see ya"
		}
		if spanish && t.hash == hSon {
			t.lex &^= fRelative // "¿Cuáles son los síntomas?": "they are", not a son
		}
		if spanish && t.hash == hHe {
			t.lex &^= fPron3 // "he visto muchos casos": "I have", not "he"
		}
		if spanish && t.kind == tkWord && t.lex == 0 && st.youDid(i) {
			t.lex |= fPron2 | fPast // "ya superaste dos cirugías": you did it
		}
		if spanish && st.addressed && st.ustedSu(i) {
			t.lex |= fPron2 // answering someone, "su" is usted's: "nos alegra que su niño..."
		}
		if t.pend >= 0 {
			st.tf[i] = t.pflag | t.lex&fPron2 // "su cita", a visit, is still usted's
			if st.patientCompound(int(t.pend)) || st.denied(i) || st.supposed(i) || st.seeYouThere(i, int(t.pend)) || st.sawWritten(int(t.pend)) {
				st.tf[i] &^= fRelation // "our patient care coordinator", "not one of our patients"
			}
			for k := i + 1; k <= int(t.pend); k++ {
				st.tf[k] = 0
				st.cover[k] = int16(i)
				st.plain[k] = false
			}
			i = int(t.pend)
			continue
		}
		st.tf[i] = t.lex
		if t.shape&shUpper != 0 && kindWords.has(t.hash) && st.isPunct(i-1, '[') && st.isPunct(i+1, ']') {
			st.tf[i] = 0 // a placeholder of an earlier suggestion: "[NAME]"
			t.used = true
			st.plain[i] = false
			continue
		}
		compound := t.lex&fPatient != 0 && st.patientCompound(i)
		if compound {
			st.tf[i] &^= fPatient // "patient portal", "new patient special", "Patient of the Month"
		}
		if t.lex&(fPatient|fEndear) != 0 && t.sp&spPoss == 0 && !compound && st.ownedPatient(i) {
			st.tf[i] |= fRelation // "our bravest patient", "my favorite patient"
		}
		if t.lex&(fIncident|fBehaviour|fClinical) != 0 && t.shape&(shCap|shUpper) == shCap && t.sp&spFirst == 0 && i > 0 &&
			st.toks[i-1].shape&(shCap|shUpper) == shCap && st.toks[i-1].kind == tkWord {
			// "Springfield Fire", "Bend Fire & Rescue": a department, not a fire; "Springfield
			// High": a school, not a patient who came in high.
			st.tf[i] &^= fIncident | fBehaviour
			if i+1 < n && st.toks[i+1].shape&(shCap|shUpper) == shCap && st.toks[i+1].kind == tkWord {
				st.tf[i] &^= fClinical // "Springfield Heart Walk", "American Heart Association"
			}
		}
		if st.addressed && st.rev != nil && t.hash == hThose && st.thoseCare(i) {
			st.tf[i] |= fPron2 // "Glad those 9 stitches are holding up": the reviewer's stitches
		}
		if t.shape&shDigit != 0 && st.dose(i) {
			st.tf[i] |= fMedication // "the 20mg tabs you got should have been 10mg"
		}
		if t.kind == tkNum && bloodPressure(st.word(i)) && !(i > 0 && thresholds.has(st.toks[i-1].hash)) {
			st.tf[i] |= fClinical // "158/94 down to 124/80": someone's readings; "over 140/90" is a line
		}
		if t.lex&fGeneric != 0 && t.lex&fAnyone != 0 && st.fewCounted(i) {
			st.tf[i] &^= fGeneric | fAnyone // "11 folks through urgent care on Saturday": people seen, not anyone
		}
		if t.lex&(fRelative|fClinical|fVisit) != 0 {
			st.notCare(i)
		}
		if t.hash == hCoach && st.busCoach(i) {
			st.tf[i] &^= fRole | fTitle // "the mammography coach is at Coburg City Hall tomorrow"
		}
		if t.lex&fClinical != 0 && (i+1 < n && training.has(st.toks[i+1].hash) || st.trainedIn(i)) {
			st.tf[i] &^= fClinical // "my pediatric sedation certification", "trained in trauma care": a skill, not a case
		}
		if t.lex&fPron3 != 0 && st.politeLe(i) {
			st.tf[i] = st.tf[i]&^fPron3 | fPron2
		}
		if t.lex&fStopEN != 0 {
			st.enWords++
		}
		if t.lex&fStopES != 0 {
			st.esWords++
		}
	}
}

var hYa, hSu, hSus, hSon, hHe = foldHash("ya"), foldHash("su"), foldHash("sus"), foldHash("son"), foldHash("he")

// ustedSu: "su"/"sus" that, in a text speaking to someone, is theirs ("nos alegra que su niño...").
func (st *state) ustedSu(i int) bool {
	h := st.toks[i].hash
	return (h == hSu || h == hSus) && !st.theirs(i)
}

// theirs: "adolescentes y sus familias", "los niños con sus padres": after a plural and "y" or
// "con", "sus" belongs to the people just named, not to the reader; so does "su" after someone
// named as anyone ("para atender a un menor necesitamos la autorización de su padre").
func (st *state) theirs(i int) bool {
	for k := 0; k < i; k++ {
		if ustedes.has(st.toks[k].hash) {
			return true // "Pregunten por ella en su próxima consulta": speaking to everyone
		}
		if k > 0 && (st.toks[k-1].hash == hUn || st.toks[k-1].hash == hUna) && st.toks[k].lex&(fAnyone|fRole) != 0 {
			return true
		}
	}
	if i < 2 || !andWith.has(st.toks[i-1].hash) {
		return false
	}
	w := st.word(i - 2)
	return len(w) > 3 && (w[len(w)-1] == 's' || w[len(w)-1] == 'S')
}

// stopWords counts the Spanish and the English stop words in toks.
func stopWords(toks []token) (es, en int) {
	for i := range toks {
		if f := toks[i].lex; f&fStopES != 0 {
			es++
		} else if f&fStopEN != 0 {
			en++
		}
	}
	return es, en
}

// trainedIn: "our counselors are trained in trauma care", "specializes in sports injuries".
func (st *state) trainedIn(i int) bool {
	return i > 1 && (st.toks[i-1].hash == hIn || st.toks[i-1].hash == hEn) && skilled.has(st.toks[i-2].hash)
}

var skilled = hashSet("trained", "specializes", "specialize", "specialized", "certified", "experienced", "expert",
	"experts", "capacitados", "capacitadas", "especializados", "especializadas", "especialista", "especialistas")

var andWith = hashSet("y", "con", "e")

// ustedes: the plural "you" and its commonest imperatives, which speak to all readers.
var ustedes = hashSet("ustedes", "pregunten", "recuerden", "llamen", "vengan", "traigan", "pidan", "hablen",
	"consulten", "lleven", "pasen", "acudan", "revisen", "agenden", "hagan", "vacunen", "cuiden", "aprovechen")

// training: after a clinical word, the staff's qualification in it ("sedation certification").
var training = hashSet("certification", "certified", "certificate", "training", "course", "residency",
	"fellowship", "degree", "credential", "certificación", "certificado", "capacitación", "curso")

// patientCompound: "patient" at token e names a thing, not a person: "patient portal", "our
// Patient of the Month program" (but "Patient of the Month: Jenny!" is Jenny).
func (st *state) patientCompound(e int) bool {
	toks := st.toks
	if e+2 < len(toks) && toks[e].shape&shCap != 0 && (st.isPunct(e+1, '&') || toks[e+1].hash == hAnd) && toks[e+2].hash == hFamily {
		return true // "our Patient & Family Advisory Council"
	}
	return e+1 < len(toks) && (patientCompound.has(toks[e+1].hash) ||
		toks[e+1].hash == hOf && e+4 < len(toks) && patientCompound.has(toks[e+3].hash) && programWords.has(toks[e+4].hash))
}

var hFamily = foldHash("family")

// sawWritten: "we saw your message", "I saw the post": what was seen was written, not a person.
func (st *state) sawWritten(e int) bool {
	toks := st.toks
	k := e + 1
	if k < len(toks) && (possessive.has(toks[k].hash) || definites.has(toks[k].hash)) {
		k++
	}
	return k < len(toks) && k > e+1 && written.has(toks[k].hash)
}

var written = hashSet("message", "messages", "post", "posts", "comment", "comments", "review", "reviews", "email", "emails",
	"dm", "dms", "note", "question", "questions", "story", "video", "photo", "pic", "text", "mensaje", "comentario", "reseña")

var thresholds = hashSet("over", "above", "below", "under", "than", "least", "exceeds", "arriba", "debajo")

var equipment = hashSet("suite", "suites", "machine", "machines", "scanner", "scanners")

var kinGroups = hashSet("group", "groups", "association", "council", "night", "grupo", "asociación", "side", "sides")

var programWords = hashSet("program", "programs", "contest", "nominations", "programa", "board", "wall",
	"club", "tablero", "mural", "concurso")

var hMy, hNuestro, hNuestra = foldHash("my"), foldHash("nuestro"), foldHash("nuestra")

var hMis, oneOf = foldHash("mis"), hashSet("one", "uno", "una")

// kindWords are the placeholders a suggestion puts in place of findings.
var kindWords = func() wordSet {
	var words []string
	for _, k := range Kinds {
		words = append(words, placeholder(k))
	}
	return hashSet(words...)
}()

// onePatient are the singular nouns of lexicon/patient.txt: after "our" they are one patient.
var onePatient = hashSet("patient", "paciente", "client", "pacientito", "pacientita")

var hEsta, hEste = foldHash("esta"), foldHash("este")

// manyPatients are the plurals of lexicon/endearment.txt: they name one person only after "one of".
var manyPatients = hashSet("patients", "clients", "pacientes", "kiddos", "teens", "families", "mamas",
	"mamás", "moms", "mommas", "grads", "graduates")

var hGoTo = foldHash("go-to")

// ownedPatient: "our/my/this" and at most two words before a singular "patient" or, beside care,
// a word of endearment ("our little guy"), or "one of our ... patients".
func (st *state) ownedPatient(i int) bool {
	h := st.toks[i].hash
	one := manyPatients.has(h)
	if !onePatient.has(h) && !one && !(st.toks[i].lex&fEndear != 0 && st.careWords()) || i > 0 && st.toks[i-1].hash == hGoTo {
		return false // "our go-to guy for return-to-sport rehab" is whom readers ask for
	}
	if !one && (st.beingThePatient(i) || st.patientOfThe(i)) {
		return true
	}
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		h := st.toks[k].hash
		if one && (h == hOur || h == hMy || h == hNuestro || h == hNuestra || h == hMis) {
			return k >= 2 && (st.toks[k-1].hash == hOf || st.toks[k-1].hash == hDe) && oneOf.has(st.toks[k-2].hash)
		}
		if one && st.toks[k].sp&spPoss != 0 && st.capital(k) {
			// "one of Dr. Okafor's longtime patients": walk back over the name and its title.
			j := k - 1
			for j > 0 && (st.capital(j) || st.isPunct(j, '.')) {
				j--
			}
			return j >= 1 && st.toks[j].hash == hOf && oneOf.has(st.toks[j-1].hash)
		}
		if !one && (h == hOur || h == hMy || h == hThis || h == hNuestro || h == hNuestra || h == hEsta || h == hEste) {
			return true // "our bravest patient", "our 2,000th patient", "our youngest cochlear implant patient"
		}
		clock := st.toks[k].ch == ':' && k > 0 && st.toks[k-1].kind == tkNum // "our 3:15 nitrous kiddo"
		if st.toks[k].kind == tkPunct && st.toks[k].ch != ',' && !clock || st.tf[k]&(fPron1|fPron2|fPron3|fStopEN) != 0 && h != hThe {
			return false
		}
	}
	return false
}

// beingThePatient: "Congrats Camila for being the patient with the best brushing this month",
// "por ser la paciente con mejor higiene": someone is the practice's patient. "patient" must end
// its phrase ("the patient portal" is a thing) and "the" must follow a form of "be".
func (st *state) beingThePatient(i int) bool {
	toks := st.toks
	if i < 2 || !onePatient.has(toks[i].hash) || !theOne.has(toks[i-1].hash) || !copulas.has(toks[i-2].hash) ||
		st.question() {
		return false // "Who is the patient in this scenario?" asks a quiz
	}
	return i+1 == len(toks) || toks[i+1].kind == tkPunct || patientHead.has(toks[i+1].hash)
}

// patientOfThe: "Patient of the month: Sarah Miller", "Paciente del mes, Sofía": the honour names
// one patient. "Patient of the Month nominations are open" and "Who will be our next Patient of
// the Month?" name no one.
func (st *state) patientOfThe(i int) bool {
	toks := st.toks
	if i+3 >= len(toks) || !onePatient.has(toks[i].hash) || toks[i+1].hash != hOf && toks[i+1].hash != hDel || st.question() {
		return false
	}
	for k := max(0, i-2); k < i; k++ {
		if programWords.has(toks[k].hash) {
			return false // "Programa 'Paciente del Mes': cada mes reconoceremos a un paciente"
		}
	}
	k := i + 2
	if toks[k].hash == hThe {
		k++
	}
	if !honourSpans.has(toks[k].hash) {
		return false
	}
	return k+1 == len(toks) || st.isPunct(k+1, ':') || st.isPunct(k+1, ',') || st.isPunct(k+1, '!') || st.capital(k+1)
}

var honourSpans = hashSet("month", "week", "year", "mes", "semana", "año")

// question reports a sentence that ends in "?".
func (st *state) question() bool {
	n := len(st.toks)
	return n > 0 && st.toks[n-1].kind == tkPunct && st.toks[n-1].ch == '?'
}

var (
	theOne      = hashSet("the", "la", "el")
	copulas     = hashSet("being", "is", "was", "ser", "es", "fue", "siendo", "sea")
	patientHead = hashSet("with", "who", "that", "con", "que", "of", "de", "del", "in", "en", "for", "para")
)

// careWords reports clinical or care words anywhere in the sentence, before flags are settled.
func (st *state) careWords() bool {
	for i := range st.toks {
		if (st.toks[i].lex|st.toks[i].pflag)&(fClinical|fCareVerb|fVisit) != 0 {
			return true
		}
	}
	return false
}

// spanishInflected: "Milagros", "Flores" are plurals of Spanish words, and "suman", "dejan"
// verbs ("they add up", "they leave") the word list has only as "suma", "deja".
func (st *state) spanishInflected(i int) bool {
	w := st.word(i)
	if len(w) < 4 || w[len(w)-1] != 's' && w[len(w)-1] != 'n' {
		return false
	}
	return st.stemFlags(i, 1)&fSpanish != 0 || strings.HasSuffix(w, "es") && st.stemFlags(i, 2)&fSpanish != 0
}

// spanishVerb: "evita", "toma": a word that with an "r" is a Spanish infinitive is a verb form,
// as a lower-case name in Spanish seldom is.
func (st *state) spanishVerb(i int) bool {
	w := st.word(i)
	if len(w) < 4 || w[len(w)-1] != 'a' && w[len(w)-1] != 'e' {
		return false
	}
	return st.s.rules.lex.words.get(hashRune(foldHash(w), 'r'))&fSpanish != 0 // the hash of w + "r"
}

// youDid: a Spanish verb in the preterite of "tú" ("superaste", "llegaste", "tuviste"): the one
// spoken to, in the past. Words no list holds only; "triste", "existe", "quiste" are others.
func (st *state) youDid(i int) bool {
	w := st.word(i)
	return len(w) >= 7 && (strings.HasSuffix(w, "aste") || strings.HasSuffix(w, "iste") && !notPreterite.has(st.toks[i].hash))
}

var notPreterite = hashSet("consiste", "insiste", "resiste", "persiste", "subsiste", "asiste", "desiste")

// stemFlags returns the lexicon flags of token i's word without its last cut bytes: "Thompsons"
// is a plural of "Thompson", "suman" a form of "suma".
func (st *state) stemFlags(i, cut int) flag {
	w := st.word(i)
	return st.s.rules.lex.words.get(foldHash(w[:len(w)-cut]))
}

// end returns the index of the last token of the unit that starts at i (a phrase or one token).
func (st *state) end(i int) int {
	if p := st.toks[i].pend; p >= 0 {
		return int(p)
	}
	return i
}

// add records a finding for bytes [start,end) under rule id.
func (st *state) add(id string, start, end int, effect Verdict, escalate bool) {
	r := st.s.rules.byID[id]
	h := hit{Finding: Finding{Kind: r.Kind, Start: start, End: end, Text: st.text[start:end],
		Reason: r.Reason, Confidence: r.Confidence, Rule: id, Effect: effect}, sent: st.sentIndex, escalate: escalate}
	switch st.deferring {
	case deferPending:
		st.pending = append(st.pending, h)
		return
	case deferLater:
		st.later = append(st.later, h)
		return
	}
	st.hits = append(st.hits, h)
	if r.Kind == Case {
		st.anyCase = true
		st.subject = true
	}
}

// addTok records a finding over tokens i..j inclusive.
func (st *state) addTok(id string, i, j int, effect Verdict, escalate bool) {
	st.add(id, int(st.toks[i].start), int(st.toks[j].end), effect, escalate)
}

// spanned reports whether bytes [start,end) overlap a finding already made in this document.
func (st *state) spanned(start, end int) bool {
	for k := len(st.hits) - 1; k >= 0; k-- {
		h := &st.hits[k]
		if h.sent != st.sentIndex {
			break
		}
		if h.Start < end && start < h.End {
			return true
		}
	}
	return false
}

func (st *state) word(i int) string { return st.text[st.toks[i].start:st.toks[i].end] }

// isPunct reports whether token i is the punctuation byte c.
func (st *state) isPunct(i int, c byte) bool {
	return i >= 0 && i < len(st.toks) && st.toks[i].kind == tkPunct && st.toks[i].ch == c
}

// spanish reports whether the document reads as Spanish so far.
func (st *state) spanish() bool { return st.esWords > st.enWords }

var (
	hPSA       = foldHash("psa")
	hBack      = foldHash("back")
	hHeads     = foldHash("heads")
	hUp        = foldHash("up")
	backPlaces = hashSet("door", "doors", "entrance", "lot", "parking", "room", "office", "loading", "porch", "yard",
		"gate", "stairs", "hallway", "patio", "alley")
	hPartner     = foldHash("partner")
	hLeg, hBreak = foldHash("leg"), foldHash("break")
	hStay        = foldHash("stay")
	hTuned       = foldHash("tuned")
	beForms      = hashSet("be", "being", "are", "ser", "somos")
	partnerAfter = hashSet("in", "for", "on", "en")
	announcing   = hashSet("a", "best", "great", "quick", "friendly", "public", "this", "another", "summer", "holiday")
)

// notCare clears the kin or clinical reading of a word its neighbours show is something else.
func (st *state) notCare(i int) {
	t := &st.toks[i]
	switch {
	case t.hash == hPartner && (!(i > 0 && (possessive.has(st.toks[i-1].hash) || st.toks[i-1].sp&spPoss != 0)) ||
		i > 1 && beForms.has(st.toks[i-2].hash) || i+1 < len(st.toks) && partnerAfter.has(st.toks[i+1].hash)):
		// "the official sports medicine partner of Thurston High", "Proud to be your partner",
		// "your partner in health"; "her partner" is kin
		st.tf[i] &^= fRelative
	case t.lex&fRelative != 0 && i+1 < len(st.toks) && kinGroups.has(st.toks[i+1].hash) && !(i > 0 && st.toks[i-1].lex&fClinical != 0):
		st.tf[i] &^= fRelative // "share it with your parent group": a group, not their parent ("our NICU Parents group" is care)
	case t.hash == hBack && (st.backThen(i) || i > 0 && st.comeBack(i-1) || i+1 < len(st.toks) && backPlaces.has(st.toks[i+1].hash) ||
		i > 1 && returnVerbs.has(st.toks[i-2].hash) && objectPronouns.has(st.toks[i-1].hash)): // "we hope to see her back
		st.tf[i] &^= fClinical // "back in '68", "He's back!!", "go back to school", "the back lot": not a body part
	case t.lex&fClinical != 0 && t.lex&fPhoto != 0 && i+1 < len(st.toks) && equipment.has(st.toks[i+1].hash):
		st.tf[i] &^= fClinical | fPhoto // "photos of the new MRI suite", "the CT scanner": a room or a machine; "the infusion suite" stays care
	case t.hash == hHeads && i+1 < len(st.toks) && st.toks[i+1].hash == hUp:
		st.tf[i] &^= fClinical // "thanks for the heads up"
	case t.hash == hLeg && i > 1 && st.toks[i-1].hash == hA && st.toks[i-2].hash == hBreak:
		st.tf[i] &^= fClinical // "Break a leg tonight, Springfield Community Chorale!"
	case t.hash == hStay && i+1 < len(st.toks) && st.toks[i+1].hash == hTuned:
		st.tf[i] &^= fVisit // "stay tuned"
	case t.hash == hPSA && (i > 0 && announcing.has(st.toks[i-1].hash) || st.isPunct(i+1, ':')):
		st.tf[i] &^= fClinical // "Best PSA we've seen all summer", "PSA: wear sunscreen": an announcement
	}
}

// backThen: "back in '68", "back in 2010", "back in the day", "back in high school".
func (st *state) backThen(i int) bool {
	toks := st.toks
	if i+2 >= len(toks) || toks[i+1].hash != hIn {
		return false
	}
	k := i + 2
	if toks[k].hash == hThe && k+1 < len(toks) {
		k++
	}
	return toks[k].kind == tkNum || st.isPunct(k, '\'') || pastTimes.has(toks[k].hash)
}

// comeBack: "back" after a verb of returning or being is an adverb: "He's back", "welcome back",
// "go back to school". After a name's "'s" it is still a body part: "Jenny's back".
func (st *state) comeBack(k int) bool {
	return backVerbs.has(st.toks[k].hash) || isContraction.has(st.toks[k].hash) ||
		st.toks[k].sp&spPoss != 0 && (st.tf[k]&(fPron1|fPron2|fPron3) != 0 || isContraction.has(st.toks[k].hash))
}

// isContraction: a pronoun, with its "'s" or "'re" ("is", "are") or alone, before which "back" is
// an adverb: "He's back!!", "text you back" (the lexer may keep "he's" whole or mark "he" 's).
var isContraction = hashSet("he's", "she's", "it's", "that's", "who's", "we're", "they're", "you're", "he", "she",
	"it", "that", "who", "we", "they", "you")

// returnVerbs take a person back: "see her back", "have him back", "welcome them back".
var (
	returnVerbs    = hashSet("see", "have", "welcome", "welcomed", "get", "want", "wanted", "having", "seeing")
	objectPronouns = hashSet("her", "him", "them", "you")
)

var backVerbs = hashSet("is", "are", "was", "were", "be", "been", "come", "comes", "came", "coming", "welcome", "go",
	"goes", "went", "going", "get", "got", "bring", "brought", "way")

var pastTimes = hashSet("day", "days", "high", "college", "school", "'60s", "'70s", "'80s", "'90s", "eighties", "nineties")

// fewCounted: a word for anyone after a small number ("11 folks", "3 kids"), not a rate ("1 in
// 5 adults", "2 out of 3 kids").
func (st *state) fewCounted(i int) bool {
	k := i - 1
	if k < 1 || st.toks[k].kind != tkNum || countAtLeast(st.word(k), 20) {
		return false
	}
	return !ratioWords.has(st.toks[k-1].hash) && !(k > 1 && st.toks[k-1].hash == hOf && st.toks[k-2].hash == hOut)
}

var (
	ratioWords = hashSet("in", "de", "of", "every", "cada")
	hOut       = foldHash("out")
)

// thoseCare: "those" before a clinical word, perhaps after a number ("those 9 stitches").
func (st *state) thoseCare(i int) bool {
	k := i + 1
	if k < len(st.toks) && st.toks[k].kind == tkNum {
		k++
	}
	return k < len(st.toks) && st.toks[k].lex&fClinical != 0
}

var hThose = foldHash("those")
