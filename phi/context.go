package phi

import "strings"

// cues summarises one sentence for the context rules.
type cues struct {
	all        flag
	names      []nameSpan
	subject    bool // someone who may be a patient is named or described here
	pronoun    bool // he, she, his, her...
	specific   bool // the sentence is about one specific person, not people in general
	generic    bool // advice or statistics: "if", "when", "people", "can"...
	antecedent bool // "a woman", "someone", "kids": a pronoun here means anyone
	aggregate  bool // "300 patients", "hundreds of": a count, not a case
	health     bool // clinical words (a weak one only beside another cue)
	care       bool // care verbs, visits, behaviour at a visit, payment
	timed      bool // past tense or a time anchor: a specific event
	indefinite int  // "a woman", "una señora" with no "if" before it: one person, maybe a story; or -1
	quoted     bool // a quotation an attribution signs: a sage's words
	roles      []int
}

var (
	hA     = foldHash("a")
	hAn    = foldHash("an")
	hAny   = foldHash("any")
	hEvery = foldHash("every")
	hThe   = foldHash("the")
	hUn    = foldHash("un")
	hUna   = foldHash("una")
)

// possessive pronouns make a weak clinical word someone's: "his shots", "her crown", "your filling".
var possessive = hashSet("his", "her", "their", "your", "ur", "my", "su", "sus", "tu")

var demonstrative = hashSet("this", "that", "este", "esta", "ese", "esa")

var (
	lookWords = []string{"look", "guess", "mira", "miren", "adivinen", "adivina"}
	lookWho   = hashSet(lookWords...)
	whoWords  = hashSet("who", "who's", "whos", "quién", "quien")
)

// sameWords: "the same lady", "la misma señora": one person seen before.
var sameWords = hashSet("same", "misma", "mismo")

// singularPerson are the nouns for anyone that name one person: "this guy", not "this people".
// "This woman changed how we think about..." is as often a public figure, so the plain words are left out.
var singularPerson = hashSet("guy", "kiddo", "lady", "gentleman", "girl", "boy", "kid", "teen", "teenager", "baby",
	"señora", "señor", "chica", "chico", "niño", "niña", "quinceañera")

// owned: a possessive before token i, perhaps across one adjective ("her new glasses").
func (st *state) owned(i int) bool {
	toks := st.toks
	return i > 0 && (possessive.has(toks[i-1].hash) || toks[i-1].sp&spPoss != 0 && (st.capital(i-1) || st.tf[i-1]&fRelative != 0)) ||
		i > 1 && ownedAdjective.has(toks[i-1].hash) && possessive.has(toks[i-2].hash)
}

// childsBody: "a 4-year-old's nose": an age made possessive before a body part or condition.
func (st *state) childsBody() bool {
	for k := 0; k+1 < len(st.toks); k++ {
		if st.toks[k].sp&spPoss != 0 && st.ageNoun(k) && st.tf[k+1]&fClinical != 0 {
			return true
		}
	}
	return false
}

// comparison: "We saw more heat exhaustion this week than in all of June", "más casos que en todo
// junio": a count against another time, not one person.
func (st *state) comparison(all flag) bool {
	if all&(fMonth|fRelDay) == 0 {
		return false
	}
	toks := st.toks
	for k := range toks {
		if !moreWords.has(toks[k].hash) || k > 0 && toks[k-1].hash == hNada {
			continue // "nada más" is "just"
		}
		for j := k + 1; j < len(toks) && j <= k+8 && toks[j].kind != tkPunct; j++ {
			if toks[j].hash != hThan && toks[j].hash != hQue {
				continue
			}
			// ... than a time: "than in all of June", "que en todo junio"; not "más consentido,
			// que hoy cumplió", a relative clause.
			for t := j + 1; t < len(toks) && t <= j+5; t++ {
				if st.tf[t]&(fMonth|fRelDay) != 0 || toks[t].kind == tkWord && len(st.word(t)) > 3 && strings.HasSuffix(st.word(t), "s") && st.stemFlags(t, 1)&fMonth != 0 {
					return true // "than in all of June", "than the last two Augusts combined"
				}
			}
			return false
		}
	}
	return false
}

var (
	moreWords = hashSet("more", "fewer", "less", "más", "menos")
	hThan     = foldHash("than")
	hNada     = foldHash("nada")
)

// regular: "our 8:15 Thursday friend", "our Thursday regular", "the gentleman in the red cap
// who's been on our Tuesday and Thursday 7 a.m. schedule": someone known by their standing
// appointment, which is the relationship itself.
// It returns the words from "our" to the noun, or -1, -1.
func (st *state) regular(all flag) (int, int) {
	if all&fWeekday == 0 {
		return -1, -1
	}
	toks := st.toks
	for i := range toks {
		our := st.ourBefore(i)
		if st.tf[i]&fWeekday == 0 || our < 0 {
			continue
		}
		for k := i + 1; k < len(toks) && k <= i+7; k++ {
			if regulars.has(toks[k].hash) || scheduleWords.has(toks[k].hash) && st.hasWord(singularPerson) {
				return our, k
			}
		}
	}
	return -1, -1
}

// ourBefore: where "our" is within four tokens before token i ("our 8:15 Thursday friend"), or -1.
func (st *state) ourBefore(i int) int {
	for k := max(0, i-4); k < i; k++ {
		if h := st.toks[k].hash; h == hOur || h == hNuestro || h == hNuestra {
			return k
		}
	}
	return -1
}

var (
	regulars      = hashSet("friend", "regular", "amigo", "amiga")
	scheduleWords = hashSet("schedule", "horario")
)

// countedRole: "a lot of workers from the Harrisburg cannery": a count of people known by their
// work or by a named place is a group someone can name, not a statistic.
func (st *state) countedRole() bool {
	for k := 0; k+1 < len(st.toks); k++ {
		if st.tf[k]&fCount == 0 {
			continue
		}
		for j := k + 1; j < len(st.toks) && j <= k+4; j++ {
			if st.tf[j]&fRole != 0 || placePrep.has(st.toks[j].hash) && (st.capital(j+1) || st.capital(j+2)) {
				return true
			}
		}
	}
	return false
}

// ownFamily: in a post, "my son", "mi bebé" and no care the practice gave: the writer's family.
func (st *state) ownFamily(c *cues) bool {
	if c.all&fRelative == 0 || st.addressed || st.rev != nil || c.all&(fRelation|fCareVerb|fVisit|fPatient|fPresence|fEndear) != 0 {
		return false
	}
	for k := 1; k < len(st.toks); k++ {
		if st.tf[k]&fRelative != 0 && mine.has(st.toks[k-1].hash) {
			return true
		}
	}
	return false
}

var mine = hashSet("my", "mi", "mis")

var bornWords = hashSet("born", "nació", "nacida", "nacido")

// bornPlural: "babies born under 1,500 grams", "more babies born at 22-23 weeks": births counted
// or described in general, not one baby's.
func (st *state) bornPlural() bool {
	for k := 1; k < len(st.toks); k++ {
		if bornWords.has(st.toks[k].hash) && st.tf[k-1]&(fRelative|fAnyone|fGeneric) != 0 && st.pluralNoun(k-1) {
			return true
		}
	}
	return false
}

// birthWeight: "8 lb 2 oz", "7 lbs 11 oz": a newborn's weight, told of one baby. It returns
// the weight's tokens.
func (st *state) birthWeight() (from, to int, ok bool) {
	from = -1
	for i := 1; i < len(st.toks); i++ {
		if st.toks[i-1].kind != tkNum {
			continue
		}
		switch {
		case from >= 0 && ounces.has(st.toks[i].hash):
			return from, i, true
		case poundWords.has(st.toks[i].hash):
			from = i - 1
		}
	}
	return 0, 0, false
}

var (
	poundWords = hashSet("lb", "lbs", "libras")
	ounces     = hashSet("oz", "onzas")
)

var ownedAdjective = hashSet("new", "first", "final", "last", "latest", "nuevo", "nueva", "nuevos", "nuevas", "primer", "primera")

// politeLe: "Le recordamos", "Les invitamos", "le atiende en español", "le podemos ayudar": in
// Spanish "le" before a verb of telling, asking, serving or offering in the present is the polite "you" the practice writes to,
// not "him" or "her" ("le atendimos" stays "we saw him").
func (st *state) politeLe(i int) bool {
	h := st.toks[i].hash
	return (h == hLe || h == hLes) && i+1 < len(st.toks) && tellVerbs.has(st.toks[i+1].hash)
}

var (
	hLe, hLes = foldHash("le"), foldHash("les")
	hLo       = foldHash("lo")
	hDel      = foldHash("del")
	tellVerbs = hashSet("recordamos", "invitamos", "agradecemos", "pedimos", "informamos", "ofrecemos", "recomendamos",
		"deseamos", "enviamos", "mandamos", "escribimos", "sugerimos", "atiende", "atienden", "atendemos", "ayuda",
		"ayudan", "esperamos", "esperan", "damos", "podemos", "puedo", "queremos", "gustaría", "invito", "recomiendo",
		"sugiero", "agradezco")
)

// slotPerson reports a person named by their appointment: a weekday made ours or possessive
// ("our Wednesday 4:15", "Tuesday's last appointment") or a visit "del martes", with a clock time,
// or with a visit word in a sentence that tells what happened (a past verb, he or she).
func (st *state) slotPerson(all flag) bool {
	toks := st.toks
	told := all&(fPast|fPron3|fBehaviour) != 0 // what happened, not what is offered ("citas del lunes para vacunas")
	for i := range toks {
		if st.tf[i]&fWeekday == 0 {
			continue
		}
		prev := uint64(0)
		if i > 0 {
			prev = toks[i-1].hash
		}
		switch {
		case toks[i].sp&spPoss != 0 || prev == hOur || prev == hNuestro || prev == hNuestra:
			for k := i + 1; k < len(toks) && k <= i+4; k++ {
				if st.clockAt(k) {
					return true // "our Wednesday 4:15"
				}
				if told && toks[i].sp&spPoss != 0 && k <= i+3 && st.oneVisit(k) {
					return true // "Tuesday's last appointment of the day brought us..."; not "our Saturday appointment"
				}
			}
		case prev == hDel || prev == hDe:
			for k := max(0, i-4); k < i; k++ {
				if told && st.oneVisit(k) {
					return true // "la última cita del martes fue..."
				}
			}
		}
	}
	return false
}

// oneVisit: a visit word in the singular, "appointment" or "cita", not "appointments".
func (st *state) oneVisit(k int) bool {
	return st.tf[k]&fVisit != 0 && !strings.HasSuffix(st.word(k), "s")
}

// timedBefore reports a day's possessive in the six tokens before token i ("Thursday's 4 p.m.
// no-show", "yesterday's walkout").
func (st *state) timedBefore(i int) bool {
	for k := max(0, i-6); k < i; k++ {
		if st.tf[k]&(fWeekday|fRelDay) != 0 && st.toks[k].sp&spPoss != 0 {
			return true
		}
	}
	return false
}

// countAtLeast reports a written count of at least n ("300", "2,500").
func countAtLeast(s string, n int) bool {
	v := 0
	for i := 0; i < len(s); i++ {
		switch {
		case isDigit(s[i]):
			v = v*10 + int(s[i]-'0')
		case s[i] == ',':
		default:
			return false
		}
		if v >= n {
			return true
		}
	}
	return false
}

// cues reads the sentence's flags and settles who it is about.
func (st *state) cues(names []nameSpan) *cues {
	st.cue = cues{names: names, roles: st.cue.roles[:0], indefinite: -1}
	c := &st.cue
	toks := st.toks
	clinicalStrong, clinicalWeak := 0, 0
	le, spanish := false, st.spanish()
	for i := range toks {
		f := st.tf[i]
		if f&fGeneric != 0 && st.everyOccasion(i) {
			f &^= fGeneric // "before every game" tells how often, not to whom
		}
		c.all |= f
		if f&fClinical != 0 {
			if f&fWeak != 0 && !st.owned(i) {
				clinicalWeak++
			} else {
				clinicalStrong++
			}
		}
		if f&fPron3 != 0 {
			if toks[i].hash != hLe || st.person == refSubject || st.addressed && !(st.echo.question && st.echo.anyone) {
				c.pronoun = true
			} else {
				le = true // Spanish "le" is anyone's ("alguien te pide que le revises la espalda")...
			}
		}
		if spanish && (toks[i].hash == hLa || toks[i].hash == hLo) && i+1 < len(toks) && st.tf[i+1]&fCareVerb != 0 {
			c.pronoun = true // "la trajeron aquí primero", "lo operamos"
		}
		if f&fAnyone != 0 && f&fRelative == 0 && !(i > 0 && (possessive.has(toks[i-1].hash) || toks[i-1].sp&spPoss != 0 || tellWords.has(toks[i-1].hash))) &&
			!st.theOne(i) {
			c.antecedent = true // "a woman", "kids"; not "her granddaughter's quinceañera" or "don't tell anyone"
		}
		if !st.addressed && f&fRelative != 0 && i > 0 && st.tf[i-1]&fPron2 != 0 {
			c.antecedent = true // in a post, "your grandma" is every reader's grandma
		}
		if f&fHint != 0 && i+1 < len(toks) && lookWho.has(toks[i].hash) && whoWords.has(toks[i+1].hash) {
			c.subject = true // "Look who's climbing stairs...", "Guess who graduated...": one person the reader knows
		}
		if i+1 < len(toks) && st.tf[i+1]&fAnyone != 0 && st.tf[i+1]&fRelative == 0 && toks[i+1].sp&spPoss == 0 &&
			(demonstrative.has(toks[i].hash) || sameWords.has(toks[i].hash)) && singularPerson.has(toks[i+1].hash) {
			c.subject = true // "this guy is already squatting", "esta señora", "la misma señora"
		}
		if i+1 < len(toks) && (toks[i].hash == hA || toks[i].hash == hAn || toks[i].hash == hUn || toks[i].hash == hUna ||
			toks[i].hash == hAny || toks[i].hash == hEvery) &&
			(st.tf[i+1]&(fAnyone|fRelative|fPatient) != 0 || st.ageNoun(i+1) && st.hasWord(hypothetical)) {
			c.antecedent = true
			if toks[i].hash != hAny && toks[i].hash != hEvery && c.indefinite < 0 && c.all&(fGeneric|fFuture) == 0 &&
				!quantifiers.has(toks[i+1].hash) { // Spanish "A todos los niños" is "to all the children"
				c.indefinite = i // no "if" or "should" before it
			}
		} else if st.digits && c.indefinite < 0 && c.all&(fGeneric|fFuture) == 0 && indefArticles.has(toks[i].hash) {
			// "Tonsil stones removed from a 16 y/o this morning", "one very brave 9-year-old
			// goalie": one person, maybe a story
			if k := st.afterAdjectives(i + 1); k < len(toks) && (k > i+1 || toks[i].hash != hOne) && (st.ageNoun(k) || st.agedPerson(k)) {
				c.indefinite = i
			}
		}
		if f&fBehaviour != 0 && c.all&fGeneric == 0 && !strings.HasSuffix(st.word(i), "s") && st.timedBefore(i) {
			c.subject = true // "To Thursday's 4 p.m. no-show": one person, known by when
		}
		if toks[i].kind == tkNum && (st.isPunct(i+1, '%') && i+2 < len(toks) && (toks[i+2].hash == hOf || toks[i+2].hash == hDe) ||
			i+2 < len(toks) && toks[i+1].hash == hIn && toks[i+2].kind == tkNum) {
			c.aggregate = true // "38% of the people we saw", "1 in 4 adults we screened": a share, not a case
		}
		if toks[i].kind == tkNum && countAtLeast(st.word(i), 20) && !st.money(i) {
			j := i + 1
			if st.isPunct(j, '+') {
				j++ // "400+ sealants"
			}
			if j < len(toks) && (st.tf[j]&(fGeneric|fPatient|fClinical|fVisit|fAnyone) != 0 ||
				st.compoundModifier(j) && j+1 < len(toks) && st.tf[j+1]&(fClinical|fVisit) != 0) {
				c.aggregate = true // "300 implants", "2,500 patients", "3,412 pre-employment physicals": a count, not a case
			}
		}
		if i > 0 && st.tf[i-1]&fPron1 != 0 && superlatives.has(toks[i].hash) && ourWords.has(toks[i-1].hash) {
			c.subject = true // "our youngest was a 3-week-old": one person picked out of the count
		}
		if f&(fBehaviour|fVisit) != 0 && st.rate(i) {
			c.aggregate = true // "no-show rates", "tasas de cancelación": a practice's figures
		}
	}
	if st.digits && c.all&(fGeneric|fFuture) == 0 && c.all&(fRelDay|fPast) != 0 && st.childsBody() {
		c.subject = true // "pulled a LEGO out of a 4-year-old's nose this morning"
	}
	if c.all&fWeekday != 0 && c.all&fGeneric == 0 && st.slotPerson(c.all) {
		c.subject = true // "Our Wednesday 4:15 has graduated", "Tuesday's last appointment brought us..."
	}
	if le && c.all&(fPast|fRelDay) != 0 {
		c.pronoun = true // ...unless the sentence tells what happened: "tenía una fractura que nunca le diagnosticaron"
	}
	if c.all&fCount != 0 && !st.countedRole() || st.comparison(c.all) {
		c.aggregate = true
	}
	if st.toWhoever() {
		c.subject, c.antecedent = true, false // "To the young mom who came into the clinic last Thursday in labor"
	}
	if c.all&(fPast|fRelDay) != 0 && c.all&(fGeneric|fFuture) == 0 && st.fewPeople() {
		c.subject = true // "Two neighbors from Maple Court were both here for their shingles shots today"
	}
	// One of "our recovery group": being in it is the health information.
	member := c.indefinite >= 0 && c.all&fRelDay != 0 && st.patientGroup()
	if c.indefinite >= 0 && !c.aggregate && (c.all&fRelDay != 0 && c.all&(fPast|fCareVerb|fVisit) != 0 ||
		c.all&fWeekday != 0 && st.caredInPast() || st.weCared() || member ||
		st.oneOfTheDay(c) || st.whoDid(c)) {
		// "Had a kiddo today who...", "Last Thursday a 68-year-old walked in", "Hoy atendí a una
		// señora de 70 años", "Hoy despedimos a una persona de nuestro programa de
		// recuperación": one person the practice saw, told as a story, not "a woman" in general
		// advice.
		c.antecedent = false
		c.subject = true
	}
	ofThem := st.person == refSubject && st.toldOfThem()
	if ofThem {
		// "He's embarrassed that everyone knows about his colonoscopy complications", after
		// "the post about Mr. Oyelaran": "he" is that person, whatever "everyone" says.
		c.antecedent = false
	}
	c.generic = c.all&fGeneric != 0 && !(ofThem && st.onlyAnyoneGeneric()) || c.antecedent
	c.health = clinicalStrong > 0 || (clinicalWeak > 0 && (clinicalWeak > 1 || c.all&(fCareVerb|fVisit|fRelation) != 0)) || member
	c.care = c.all&(fCareVerb|fVisit|fBehaviour|fRelation|fCost) != 0
	c.timed = c.all&(fPast|fRelDay|fCareVerb|fRelation) != 0
	patient := c.all&fPatient != 0 && !c.antecedent && !c.generic && !c.aggregate && (c.health || c.care)
	if patient {
		st.person = refSubject
	}
	kin := false
	for _, ns := range names {
		if ns.role == refMaybe {
			continue
		}
		kin = kin || ns.role == refStaff && c.health && st.kinOf(ns)
		if ns.role == refSubject || kin {
			c.subject = true
			st.person = refSubject
		} else if (st.person != refSubject || ns.role == refStaff) && !(ns.role == refStaff && (st.pron3Before(ns.from) || st.objectOf(ns.from))) {
			// A colleague named after "she" or "his", or seen, thanked or hugged, is not who they
			// mean: "She finished her last round of chemo and stopped by to hug Dr. Okafor", "The
			// little cowpoke came to see Dr. Kim today for his broken wrist".
			st.person = ns.role
		}
	}
	if (st.digits || c.all&(fMonth|fRelDay|fRelative) != 0) && st.person != refStaff && !c.generic {
		// "Born 3/8 at 7 lbs 2 oz.", "nació a las 3:12", "born on Christmas Eve to first-time mom
		// Jasmine W.": a birth told of one baby, which is health information (a delivery); a
		// newborn's weight tells it in the past tense too.
		weighed := false
		if st.digits {
			_, _, weighed = st.birthWeight()
		}
		if weighed || c.all&fPast == 0 && st.hasWord(bornWords) && !st.bornPlural() {
			c.subject = true
			c.health = true
		}
	}
	c.roles = st.findRoles(c)
	if len(c.roles) > 0 && st.historical() {
		c.roles = c.roles[:0] // "In 1939 ... the luckiest man on the face of the earth"
	}
	if len(c.roles) > 0 {
		c.subject = true
		st.person = refSubject
	}
	if c.antecedent && !c.subject {
		st.person = refAnyone // later "she" means the same anyone
	}
	c.quoted = c.all&(fPron1|fPron2) == 0 && st.signedQuote()
	told := st.publicSent == st.sentIndex || c.quoted
	if told {
		c.roles = c.roles[:0] // told in public by the person it is about: no role singles out a patient
	}
	// Someone's own story, told by them or with their consent: a public figure's ("after his
	// publicly reported Achilles tear"), a colleague's ("Tanya's on month 3 of her own braces
	// journey"), or the writer's family with no care of ours in it ("Mi bebé cumplió seis meses y
	// ya le salió su primer diente"). "His" and "her" later mean them.
	if told || st.staffNamed(names) && st.hasWord(ownWords) && !kin || st.ownFamily(c) {
		st.person = refStaff
		c.subject, c.pronoun = false, false
	}
	// Answering someone, "his" is taken for the one answered, unless the sentence opens with a
	// colleague it is about: "Dr. Reyes did over 200 joint replacements ... over his career".
	pronounSpecific := c.pronoun && !c.antecedent && (st.person == refSubject || st.rev != nil && !(staffOpens(names) && c.all&fPron2 == 0) ||
		(st.person == refNone && (c.timed || !c.generic)))
	c.specific = c.subject || c.all&fRelation != 0 || pronounSpecific || patient
	return c
}

// everyOccasion: "every game", "each night": "every" before an occasion counts times, not people.
func (st *state) everyOccasion(i int) bool {
	h := st.toks[i].hash
	return (h == hEvery || h == hEach) && i+1 < len(st.toks) && occasions.has(st.toks[i+1].hash)
}

var (
	hEach     = foldHash("each")
	occasions = hashSet("game", "match", "practice", "meal", "morning", "night", "evening", "shift", "workout", "race", "meet")
)

var superlatives = hashSet("youngest", "oldest", "tiniest", "smallest", "bravest")

// compoundModifier: "pre-employment", "DOT": a hyphenated or capitalised modifier a count may
// carry before the care it counts ("3,412 pre-employment physicals", "1,108 DOT exams").
func (st *state) compoundModifier(j int) bool {
	t := &st.toks[j]
	return t.kind == tkWord && (t.shape&shUpper != 0 || strings.IndexByte(st.word(j), '-') > 0)
}

// money: "$4,800" is lexed "4", ",", "800": the digits after a currency sign or a thousands comma
// are an amount, not a count of people or procedures.
func (st *state) money(i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if st.isPunct(k, '$') {
			return true
		}
		if !st.isPunct(k, ',') && !st.isPunct(k, '.') && st.toks[k].kind != tkNum {
			return false
		}
	}
	return false
}

// inGeneral: a sentence that says it speaks in general ("In general, rest after an overuse injury
// is common", "Por lo general...") and tells nothing that happened.
func (st *state) inGeneral(c *cues) bool {
	return c.all&(fPast|fRelDay) == 0 && st.opensGeneral() || st.quizAnswer()
}

// quizAnswer: "the answer was the lower front tooth!!", "La respuesta: ...": the answer to a
// guessing game the post set, about a picture, not a person.
func (st *state) quizAnswer() bool {
	t := st.toks
	k := 0
	if len(t) > 1 && (t[0].hash == hThe || t[0].hash == hLa) {
		k = 1
	}
	return k+1 < len(t) && answerWords.has(t[k].hash)
}

var answerWords = hashSet("answer", "respuesta")

// opensGeneral: "In general", "Generally", "En general", "Por lo general" open the sentence.
func (st *state) opensGeneral() bool {
	t := st.toks
	switch {
	case len(t) > 1 && t[0].hash == hGenerally:
		return true
	case len(t) > 2 && (t[0].hash == hIn || t[0].hash == hEn) && t[1].hash == hGeneral:
		return true
	case len(t) > 3 && t[0].hash == hPor && t[1].hash == hLo && t[2].hash == hGeneral:
		return true
	}
	return false
}

var hGenerally, hGeneral, hPor = foldHash("generally"), foldHash("general"), foldHash("por")

// toWhoever: a sentence that opens "To the [young mom] who came in ...": a note to one person
// the writer will not name, known by the care they had.
func (st *state) toWhoever() bool {
	t := st.toks
	if len(t) < 5 || t[0].hash != hTo || t[1].hash != hThe {
		return false
	}
	for k := 2; k < len(t)-1 && k <= 5; k++ {
		if st.tf[k]&(fAnyone|fRelative|fEndear|fRole) != 0 || personNoun.has(t[k].hash) {
			// "came into", "was seen": care, not "To the parents who asked about flu shots"
			return k+2 < len(t) && !st.pluralNoun(k) && t[k+1].hash == hWho && st.tf[k+2]&(fCareVerb|fVisit) != 0
		}
	}
	return false
}

// fewPeople: two to four people counted ("two neighbors", "both sisters", "tres hermanitos"):
// a few the writer knows, not a statistic.
func (st *state) fewPeople() bool {
	for k := 0; k+1 < len(st.toks); k++ {
		j := k + 1
		if st.tf[j]&(fAnyone|fRelative|fRole) != 0 && fewWords.has(st.toks[k].hash) && st.pluralNoun(j) {
			return true
		}
	}
	return false
}

var fewWords = hashSet("two", "three", "four", "both", "dos", "tres", "cuatro", "ambos", "ambas")

// kinOf: "Tanya's dad", "our nurse's son": a colleague's relative is no colleague, and their
// care is theirs.
func (st *state) kinOf(ns nameSpan) bool {
	k := ns.to + 1
	return st.toks[ns.to].sp&spPoss != 0 && k < len(st.toks) && st.tf[k]&fRelative != 0
}

// hypothetical words set up a case no one had: "Quick quiz: a 7-year-old falls off his bike...".
var hypothetical = hashSet("quiz", "scenario", "imagine", "hypothetical", "trivia", "suppose", "say", "escenario",
	"imagina", "imaginen", "supongamos")

// tellWords: "don't tell anyone" keeps a secret; it does not bring in "anyone" to talk about.
var tellWords = hashSet("tell", "told", "telling", "digas", "digan")

// rate: "no-show rates", "visit rates": the word before is a practice's figure, not a person's.
func (st *state) rate(i int) bool {
	return i+1 < len(st.toks) && rateWords.has(st.toks[i+1].hash)
}

var rateWords = hashSet("rate", "rates", "tasa", "tasas")

// objectOf reports a name that is what someone does something to or with: "came to see Dr.
// Kim", "was seen by Dr. Reyes", "hugged Tanya", "vino a ver a la Dra. Torres".
func (st *state) objectOf(i int) bool {
	for k := max(0, i-2); k < i; k++ {
		if objectCue.has(st.toks[k].hash) {
			return true
		}
	}
	return false
}

var objectCue = hashSet("see", "saw", "seen", "seeing", "by", "with", "hug", "hugged", "thank", "thanked", "visit",
	"visited", "ver", "vio", "con", "por")

// staffOpens: the sentence opens with a colleague's name, titled or in full ("Dr. Reyes", "Tanya
// Brooks"); a first name alone may be a patient who shares it.
func staffOpens(names []nameSpan) bool {
	return len(names) > 0 && names[0].role == refStaff && !names[0].public && names[0].from <= 1 && names[0].to > names[0].from
}

// theOne: "I'm just the social media person", "the woman at the front desk": "the" and a
// singular noun for anyone name one person, not anyone.
func (st *state) theOne(i int) bool {
	if st.pluralNoun(i) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		if st.toks[k].hash == hThe {
			return true
		}
		if st.toks[k].kind != tkWord || st.tf[k]&(fPast|fCareVerb|fGeneric) != 0 || typicalWords.has(st.toks[k].hash) {
			return false // "the average person spends 38 days brushing"
		}
	}
	return false
}

// pluralNoun: "kids", "pacientes", "people", "children".
func (st *state) pluralNoun(i int) bool {
	w := st.word(i)
	return strings.HasSuffix(w, "s") || pluralPeople.has(st.toks[i].hash)
}

var (
	pluralPeople = hashSet("people", "children", "men", "women", "folk", "gente")
	typicalWords = hashSet("average", "typical", "normal", "healthy", "ideal", "right", "usual", "promedio", "típico", "típica")
)

// pron3Before reports "he", "she", "his", "her"... before token i in the sentence.
func (st *state) pron3Before(i int) bool {
	for k := 0; k < i; k++ {
		if st.tf[k]&fPron3 != 0 {
			return true
		}
	}
	return false
}

// staffNamed: a colleague (not a public figure) is named in the sentence.
func (st *state) staffNamed(names []nameSpan) bool {
	for _, ns := range names {
		if ns.role == refStaff && !ns.public {
			return true
		}
	}
	return false
}

// oneOfTheDay: "11 folks through urgent care on Saturday, incl. a 67-year-old harbor master
// with chest pain": one person picked out of the people a day brought in. "Anyone can get the
// flu, including a healthy 30-year-old" names no day.
func (st *state) oneOfTheDay(c *cues) bool {
	k := c.indefinite - 1
	if st.isPunct(k, '.') {
		k--
	}
	return k >= 0 && including.has(st.toks[k].hash) && c.all&(fWeekday|fRelDay|fPast) != 0
}

// whoDid: the one counted is told by what they did, in the past: "one very brave 9-year-old
// goalie from the U10 team who got 3 stitches". "A child who gets stitches should..." advises.
func (st *state) whoDid(c *cues) bool {
	for k := c.indefinite + 1; k+1 < len(st.toks) && k <= c.indefinite+12; k++ {
		if st.toks[k].hash == hWho {
			return st.tf[k+1]&fPast != 0
		}
	}
	return false
}

// toldOfThem: the sentence opens on "he" or "she" ("He's", "She is"), with no "if" in it.
func (st *state) toldOfThem() bool {
	return len(st.toks) > 2 && subjectPron.has(st.toks[0].hash) && !st.hasWord(conditionals)
}

// onlyAnyoneGeneric: the sentence's general words are all words for people ("everyone") or a
// "when" about them, not advice, a condition or a schedule ("should", "if", "every").
func (st *state) onlyAnyoneGeneric() bool {
	for k := range st.toks {
		if st.tf[k]&fGeneric != 0 && st.tf[k]&fAnyone == 0 && !(st.toks[k].hash == hWhen && k+1 < len(st.toks) && st.tf[k+1]&fPron3 != 0) {
			return false // "when he's ready for rehab" is his time, not a condition
		}
	}
	return true
}

var hWhen = foldHash("when")

var subjectPron = hashSet("he", "she", "he's", "she's", "él", "ella")

// afterAdjectives skips up to three lower-case words no list knows ("very brave") from i.
func (st *state) afterAdjectives(i int) int {
	for k := i; k < len(st.toks) && k < i+3; k++ {
		t := &st.toks[k]
		if t.kind != tkWord || t.shape&(shCap|shDigit) != 0 || st.tf[k] != 0 && st.tf[k]&fCommon == 0 {
			return k
		}
	}
	return i + 3
}

var (
	hOne          = foldHash("one")
	indefArticles = hashSet("a", "an", "un", "una", "one") // who the age after it counts
)

// agedPerson: "67-year-old man", "67-year-old harbor master": an age before a word for a person.
func (st *state) agedPerson(i int) bool {
	return i+1 < len(st.toks) && (st.tf[i+1]&(fAnyone|fRole) != 0 || personNoun.has(st.toks[i+1].hash)) && yearsOld(st.word(i))
}

var including = hashSet("including", "incl", "incluyendo", "incluida", "incluido")
