package phi

// Context rules: when is a sentence about the health or care of one specific person?

import "strings"

var imperativeBefore = hashSet("bring", "book", "schedule", "call", "check", "double-check", "ask", "verify", "update",
	"upload", "fill", "complete", "protect", "keep", "brush", "floss", "know", "learn", "understand",
	"review", "choose", "find", "manage", "improve", "if", "any", "about", "traiga", "llame", "revise",
	"pregúntele", "pregunte", "consulte", "hable", "llámenos", "programe", "agende", "lleve", "pida", "solicite", "haga",
	"llámanos", "escríbenos", "pregúntanos", "llama", "trae", "agenda", "envíanos", "mándanos",
	"checking", "contacting", "calling", "asking", "make", "hacer", "agendar", "programar", "reservar", "sacar",
	"have", "tenga", "tengan", "ten")

const caseCue = fClinical | fVisit | fCareVerb | fBehaviour | fCost | fRelation | fRelative | fPhoto | fPatient |
	fDevice | fPresence

// findCases applies the context rules to the sentence and records the names it holds.
func (st *state) findCases(c *cues) {
	toks := st.toks
	if st.publicSent >= 0 && (st.publicSent == st.sentIndex || c.all&(fPron2|fRelation|fVisit|fCareVerb|fPresence|fPatient) == 0) ||
		c.quoted {
		// Health news its subject made public, and the advice that follows it ("A good
		// reminder that Achilles injuries can happen to anyone"), tell no patient's care.
		st.people(c, false)
		return
	}
	strictTimed := c.all&(fPast|fRelDay|fCareVerb) != 0
	var rule string
	// "Para proteger su privacidad no podemos hablar de citas ni resultados": the sentence
	// declines, so its care words are the topic.
	refusing := st.addressed && (c.all&fNegation != 0 || st.hasWord(privacyWords)) && st.refusal()
	pointed, withUs := -1, -1
	if st.rev != nil {
		pointed = st.thatClinical()
		withUs = st.timeWithUs()
	}
	mFrom, mTo := st.milestone(c)
	doing, third := st.aboutThird(c)
	sFrom, sTo := st.seeAgain(c)
	theirs := st.theirThing(c)
	rFrom, rTo := -1, -1
	if c.all&fWeekday != 0 && !st.hasWord(conditionals) {
		rFrom, rTo = st.regular(c.all)
	}
	switch {
	case c.all&fRelation != 0 && !c.aggregate && (!c.generic || strictTimed || st.strongRelation()) && !st.thanksReaders(c) &&
		!(refusing && st.refusedRelation()):
		rule = "case.relation"
	case c.specific && (c.subject || c.all&fPatient != 0 && !c.aggregate) && (c.health || c.care):
		rule = "case.person"
	case c.all&fPresence != 0 && (c.subject || c.pronoun && !c.antecedent):
		rule = "case.relation" // "he's at our hospital and doing better"
	case c.specific && c.pronoun && (c.health || c.care && c.all&(fBehaviour|fCost) != 0) && (strictTimed || !c.generic):
		rule = "case.person"
	case st.practiceCare(c) && strictTimed && !c.aggregate:
		rule = "case.practice"
	case st.rev != nil && c.specific && c.pronoun && c.all&fClinical != 0 && !c.aggregate:
		rule = "case.person" // "his breathing is better" answering "my son's asthma"
	case st.addressed && !st.echo.question && c.health && !c.generic && !c.aggregate && c.all&fEvent == 0 && !st.inGeneral(c) &&
		(c.all&(fPast|fRelDay|fCareVerb) != 0 || st.specificDay() && c.all&fFuture == 0 && !st.hasWord(willWords)):
		rule = "case.reply" // "the strep test came back fast", "the same lower molar from February"
	case st.addressed && !(st.echo.question && st.generalAnswer(c)) && c.health && c.all&fEvent == 0 && !refusing && !st.declined && !st.inGeneral(c) &&
		st.youSpecific(c):
		rule = "case.reply" // "progress with panic disorder takes more than the sessions you attended"
	case st.echo.incident && !refusing && (c.health || c.care) && (c.pronoun || c.all&(fRelative|fRole|fPatient) != 0 || st.hasWord(theyWords) ||
		c.all&fPresence != 0): // "The little boy is ok!! 4 stitches and a tetanus shot at our urgent care.
		rule = "case.person" // answering news of a crash: "both boys are stable"
	case st.addressed && st.weCaredForYou():
		rule = "case.relation"
	case pointed >= 0:
		rule = "case.reply" // "Thanks, Mrs. Delgado! That ingrown toenail should heal in two weeks."
	case withUs >= 0:
		rule = "case.relation" // "Hope the drive home went OK after such a long morning with us!"
	case st.youCame():
		rule = "case.relation" // "you brought your daughter in", even in a post
	case mFrom >= 0:
		rule = "case.person" // "He drove himself home for the first time in a year today."
	case third:
		rule = "case.person" // "is my neighbor ok??" answered "She's doing a lot better"
	case sFrom >= 0:
		rule = "case.relation" // "¡Nos vemos en seis meses!" to a reviewer
	case rFrom >= 0:
		rule = "case.relation" // "our 8:15 Thursday friend"
	case st.congratsOn(c):
		rule = "case.reply" // "omg congrats on being cancer free!!" under "1 yr since my last chemo"
	case theirs >= 0:
		rule = "case.reply" // "envíenos una foto de la herida", to who told of their stitches
	case st.person == refSubject && c.pronoun && !c.generic && !st.addressed && st.hasWord(howDoing):
		rule = "case.person" // after "the twins from the Hwy 126 crash": "how fast they're healing"
	case c.all&fProcedure != 0 && c.all&fRelDay != 0 && !c.generic && st.hasWord(soloWords) && st.hasWord(firstWords):
		rule = "case.practice" // "First IUD insertion solo today!!": one patient's procedure, dated
	case st.addressed && st.echo.visited && !st.echo.question && c.all&fBehaviour != 0 && c.all&fVisit != 0 && !c.generic && !refusing:
		rule = "case.reply" // "Three missed appointments in a row is our limit", to the patient it dropped
	case st.rev != nil && st.echo.personal && c.pronoun && c.all&fPast != 0 && !c.generic && !refusing && st.ownedVisit():
		rule = "case.reply" // "So glad she did great at her first visit!", to the parent who told of it
	}
	if rule == "" && c.all&fIncident != 0 && c.all&fEvent == 0 && (c.all&fPresence != 0 || c.all&fVisit != 0 && c.all&fPron1 != 0) {
		// "Crazy night in our ER after the bus crash": not a case yet, but someone should look.
		for i := range toks {
			if st.tf[i]&(fVisit|fPresence) != 0 {
				st.addTok("case.incident", i, st.end(i), Review, true)
				break
			}
		}
	}
	replySpans := st.replyCase(c, refusing)
	// Declining to discuss results, advice to everyone ("if you ever have questions about hearing
	// health"), or general words to someone who never said they were seen here ("getting used to
	// hearing aids can take weeks") name the topic; only "your hearing" is still the reviewer's.
	// A direct message speaks to one person: there, "so Dr. Okafor can check the incision" is theirs.
	// After declining ("For your privacy we don't share health information here. You can see results
	// in the patient portal"), a sentence that tells nothing that happened names the topic too.
	ownedOnly := refusing || st.declined && c.all&(fPast|fRelDay) == 0 ||
		st.rev != nil && (c.generic && !st.echo.visited && (st.ctx != Message || st.echo.org) || st.hasWord(toEveryone) || st.imperativeStart())
	st.declined = st.declined || refusing
	// An organisation is no patient, unless it tells of someone ("Oremos por nuestro padre Miguel").
	aboutNoOne := st.echo.org && !st.echo.third && len(st.echo.names) == 0
	echo := st.rev != nil && !aboutNoOne && st.publicSent < 0 && st.echo.matches(st, ownedOnly)
	switch {
	case rule == "" && len(replySpans) == 0 && st.addressed && !st.echo.question && !refusing && (c.health || c.all&(fVisit|fBehaviour) != 0) && !c.aggregate &&
		!st.offerQuestion():
		st.deferring = deferPending
		st.caseSpans("case.reply", c)
		st.deferring = deferNone
	case rule != "":
		st.caseSpans(rule, c)
		if pointed >= 0 {
			st.addUnspanned(rule, pointed, st.end(pointed)) // a weak word ("the new glasses") too
		}
		if withUs >= 0 {
			st.addUnspanned(rule, withUs, withUs+2) // "morning with us"
		}
		st.addUnspanned(rule, mFrom, mTo) // the milestone clause itself
		st.addUnspanned(rule, sFrom, sTo)
		st.addUnspanned(rule, rFrom, rTo)
		st.addUnspanned(rule, doing, doing) // "recovering", "cleared"
		if st.digits && c.subject {
			if from, to, ok := st.birthWeight(); ok {
				st.addUnspanned(rule, from, to) // "8 lb 2 oz"
			}
		}
	case len(replySpans) > 0:
		for _, sp := range replySpans {
			st.addTok("case.reply", sp[0], sp[1], Block, false)
		}
		st.caseSpans("case.reply", c)
	case (c.health || c.care || c.all&(fCost|fPatient|fRelative) != 0) && !c.aggregate:
		st.deferring = deferLater
		st.caseSpans("case.person", c)
		st.deferring = deferNone
	}
	if echo {
		st.echo.emit(st, ownedOnly)
	}
	isCase := rule != "" || len(replySpans) > 0 || st.anyCaseIn(st.sentIndex)
	st.people(c, isCase)
	if isCase || (c.health && !c.generic) {
		st.sents[st.sentIndex].health = true
	}
}

// namesOrg: a name made only of the words of the organisation being answered ("Thank you,
// Bayline!" to Bayline Stevedoring's review) is the organisation, not a person.
func (st *state) namesOrg(ns nameSpan) bool {
	if len(st.echo.orgWords) == 0 {
		return false
	}
	for k := ns.from; k <= ns.to; k++ {
		if st.toks[k].kind == tkWord && !st.echo.orgWords[st.toks[k].hash] {
			return false
		}
	}
	return true
}

// addUnspanned adds tokens from..to to the case unless a finding already covers them; a from
// of -1 is nothing found.
func (st *state) addUnspanned(rule string, from, to int) {
	if from >= 0 && !st.spanned(int(st.toks[from].start), int(st.toks[to].end)) {
		st.addTok(rule, from, to, Block, false)
	}
}

// people adds the sentence's photos, names and roles, each blocking when the sentence is a case.
func (st *state) people(c *cues, isCase bool) {
	toks := st.toks
	st.photos(c, isCase)
	for _, ns := range c.names {
		if ns.rule == "" || st.namesOrg(ns) {
			continue
		}
		switch {
		case ns.role == refStaff:
			st.addTok(ns.rule, ns.from, ns.to, Allow, false)
		case ns.role == refMaybe:
			effect := Allow
			if isCase {
				effect = Block // in a sentence about someone's care, a likely name is theirs
			}
			st.addTok(ns.rule, ns.from, ns.to, effect, false)
		case ns.rule == "name.reviewer" || st.ctx == Reply || (st.rev != nil && st.ctx != Post):
			st.addTok(ns.rule, ns.from, ns.to, Block, false)
			st.subject = true
		default:
			st.addTok(ns.rule, ns.from, ns.to, Review, true)
			if st.addressed && ns.rule == "name.greeting" {
				st.subject = true
			}
		}
	}
	for _, r := range c.roles {
		from, e := r, r+1 // "#22"
		if !st.jersey(r) {
			for k := r - 1; k >= 0 && k >= r-4; k-- {
				if definites.has(toks[k].hash) || toks[k].hash == hA {
					from = k // "the high school football coach", "a local mail carrier"
					break
				}
			}
			e = st.roleEnd(r)
		}
		effect := Review
		if isCase {
			effect = Block
		}
		st.addTok("role", from, e, effect, true)
		st.subject = true // one person: care told later in the text is theirs
		if k, to, ok := st.fromTown(e); ok {
			st.addTok("address.facility", k, to, Review, true) // "the twins from Coburg"
		}
	}
}

var patientCompound = hashSet("special", "specials", "offer", "offers", "exam", "packet", "paperwork", "communications",
	"communication", "engagement", "access", "outreach", "financial",
	"intake", "appreciation", "day", "week", "month", "care", "portal", "coordinator", "experience", "satisfaction", "education",
	"advocate", "forms", "form", "lounge", "services", "safety", "records", "reviews", "testimonials",
	"stories", "resources", "center", "relations", "liaison", "navigator", "year", "assistance", "survey", "surveys",
	"advisory", "council", "ambassador", "ambassadors")

// willWords tell what the writer will do: "we'll bring the van to the hep C screening on June 7"
// names a day ahead, not a visit had.
var willWords = hashSet("we'll", "i'll", "we're", "vamos")

// ownedVisit: a visit word made someone's ("her first visit", "his appointment").
func (st *state) ownedVisit() bool {
	for i := range st.toks {
		if st.tf[i]&fVisit != 0 && st.owned(i) {
			return true
		}
	}
	return false
}

// theyWords: answering news of a fire, "three of them were" speaks of its people.
var theyWords = hashSet("they", "them", "ellos", "ellas")

// soloWords and firstWords: a clinician's first procedure done alone, told in a post about their
// day ("First IUD insertion solo today!!", "¡Primera extracción yo sola hoy!").
var (
	soloWords  = hashSet("solo", "sola", "myself", "unassisted")
	firstWords = hashSet("first", "primera", "primer")
)

// specificDay: "on Monday", "last March", "from February": one day, not a schedule.
func (st *state) specificDay() bool {
	for i := 1; i < len(st.toks); i++ {
		if st.tf[i]&(fMonth|fWeekday) != 0 {
			switch st.toks[i-1].hash {
			case hOn, hLast, hFrom, hThis, hEl, hSince:
				return true
			case hDe:
				if i > 1 && st.toks[i-2].kind == tkNum {
					return true // "el 3 de abril"
				}
			}
		}
	}
	return false
}

// futureAfter reports "will" or "can" within three words after token k.
func (st *state) futureAfter(k int) bool {
	for j := k + 1; j < len(st.toks) && j <= k+4; j++ {
		if st.tf[j]&(fFuture|fGeneric) != 0 && st.tf[j]&fPron2 == 0 {
			return true
		}
	}
	return false
}

// weCared: the speaker cared for someone: "I saw", "we treated", "atendí", "vimos".
func (st *state) weCared() bool {
	for i := range st.toks {
		if st.tf[i]&fCareVerb == 0 {
			continue
		}
		if firstPersonCare.has(st.toks[i].hash) || i == 0 && st.diaryCare() {
			return true
		}
		for k := max(0, i-3); k < i; k++ {
			if st.tf[k]&fPron1 != 0 {
				return true
			}
		}
	}
	return false
}

// diaryCare: a sentence that drops its subject, as a clinician's post does, and opens on care
// given to someone counted: "Treated four crew for hypothermia", "Saw a kid with a broken arm".
// "Diagnosed with diabetes? Join our class" asks everyone; "Seen on TV" counts no one.
func (st *state) diaryCare() bool {
	toks := st.toks
	if len(toks) < 3 || toks[0].shape&shCap == 0 || st.question() {
		return false
	}
	return st.pastTense(0) && (toks[1].kind == tkNum || someone.has(toks[1].hash))
}

// pastTense: a care verb told as done ("treated", "saw"), not "see" or "treating".
func (st *state) pastTense(i int) bool {
	return strings.HasSuffix(st.word(i), "ed") || st.toks[i].hash == hSaw
}

var (
	hSaw    = foldHash("saw")
	someone = hashSet("a", "an", "another", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "this",
		"one", "our")
)

// firstPersonCare are Spanish care verbs whose ending says who cared: the speaker. Forms that are
// also the present ("tratamos", "operamos": we treat) are left out, and so are those that, with
// accents folded, are another word: "revisé" is "revise" (please check), "examiné" is "examine".
var firstPersonCare = hashSet("atendí", "atendimos", "vimos", "extrajimos", "cosimos", "cosí", "extraje", "pusimos")

// weCaredForYou: "we've been caring for your family", "we treated you".
func (st *state) weCaredForYou() bool {
	toks := st.toks
	for i := range toks {
		if st.tf[i]&fCareVerb == 0 || i > 0 && beVerbs.has(toks[i-1].hash) && !strings.HasSuffix(st.word(i), "ing") {
			continue // "we'd be lost without you": a state, not care given ("we'll be seeing you" is)
		}
		speaker, you := false, false
		for k := max(0, i-3); k < i; k++ {
			speaker = speaker || st.tf[k]&fPron1 != 0
		}
		for k := i + 1; k < len(toks) && k <= i+2; k++ {
			you = you || st.tf[k]&fPron2 != 0
		}
		if speaker && you {
			return true
		}
	}
	return false
}

// toEveryone turns a sentence to every reader: "if you ever have questions about hearing health",
// "reminder for all families". "Asthma can be scary" still speaks to the reviewer.
var toEveryone = hashSet("if", "whenever", "anyone", "everyone", "everybody", "families", "si", "cualquier", "todos",
	"nobody", "nadie", "toda")

var beVerbs = hashSet("be", "been", "get", "got")

// clinicalTag reports a hashtag that is a clinical word or phrase ("#lipfiller", "#rotatorcuff"),
// or starts or ends with one ("#bracesoff", "#myinvisalign"). Only asked in a sentence about a case.
func (st *state) clinicalTag(i int) bool {
	if st.toks[i].kind != tkTag {
		return false
	}
	if st.tf[i]&fClinical != 0 && st.tf[i]&fWeak == 0 {
		return true
	}
	w := st.word(i)[1:]
	if len(w) > 32 {
		return false
	}
	words := st.s.rules.lex.words
	for k := 4; k <= len(w)-2; k++ {
		if f := words.get(foldHash(w[:k])); f&fClinical != 0 && f&fWeak == 0 {
			return true
		}
		if f := words.get(foldHash(w[len(w)-k:])); f&fClinical != 0 && f&fWeak == 0 {
			return true
		}
	}
	return false
}

// strongRelation: "our patient", "this patient", "came to my office" are never general advice.
func (st *state) strongRelation() bool {
	for i := range st.toks {
		if st.tf[i]&fRelation != 0 && st.toks[i].hash != hThe {
			return true
		}
	}
	return false
}

// thanksReaders: a post that thanks everyone who reads it, "thank you for trusting us with your
// smiles since 2010", confirms no one's care; said to one person ("..., Nadia!") it does.
func (st *state) thanksReaders(c *cues) bool {
	if st.addressed || c.subject || c.pronoun || len(c.names) > 0 || c.all&(fRelDay|fPast|fMonth|fWeekday) != 0 {
		return false
	}
	for i := range st.toks {
		if st.tf[i]&fRelation != 0 {
			for k := i + 1; k <= st.end(i)+1 && k < len(st.toks); k++ {
				if readersOwn.has(st.toks[k].hash) || st.toks[k].hash == hThe && thanksOpen.has(st.toks[0].hash) {
					return true // "trusting us with your care", "Thank you for trusting us with the most important days"
				}
			}
			return false
		}
	}
	return false
}

var (
	readersOwn = hashSet("your", "tu", "tus")
	thanksOpen = hashSet("thank", "thanks", "gracias")
)

// practiceCare: "I pulled", "we removed": the practice speaking about care it gave.
func (st *state) practiceCare(c *cues) bool {
	if c.all&fProcedure != 0 && c.all&fRelDay != 0 && st.hasWord(pastDay) {
		for _, ns := range c.names { // "Rhinoplasty done last week by Dr. Reyes": one dated procedure of ours
			if ns.role == refStaff && ns.from > 0 && byAgent.has(st.toks[ns.from-1].hash) {
				return true
			}
		}
	}
	// "Our team treated three of the workers from the warehouse fire tonight": people from an
	// incident are known ones.
	return c.all&fCareVerb != 0 && (c.health || c.specific || c.all&fIncident != 0) && st.weCared()
}

var byAgent = hashSet("by", "por")

// pastDay are the words that put a relative day behind us: "last week", "yesterday", "ayer".
var pastDay = hashSet("last", "yesterday", "ayer", "pasada", "pasado")

// hasWord reports whether the sentence holds one of the words.
func (st *state) hasWord(set wordSet) bool {
	for i := range st.toks {
		if set.has(st.toks[i].hash) {
			return true
		}
	}
	return false
}

// caseSpans records a CASE finding on each clinical, care, visit or relationship phrase of the
// sentence, so that the highlight sits on the words that disclose.
func (st *state) caseSpans(rule string, c *cues) {
	toks := st.toks
	for i := 0; i < len(toks); i++ {
		f := st.tf[i]
		if st.isPunct(i, '$') && i+1 < len(toks) && toks[i+1].kind == tkNum && toks[i+1].sp&spSpace == 0 {
			st.addTok(rule, i, i+1, Block, false) // what a person paid or owes
			i++
			continue
		}
		if toks[i].kind == tkTag && st.clinicalTag(i) {
			st.addTok(rule, i, i, Block, false) // "#bracesoff", "#rotatorcuff"
			continue
		}
		weakOK := c.health || c.subject || c.all&(fPron2|fPron3) != 0 || st.deferring == deferPending
		ownedProvider := f&fProvider != 0 && i > 0 && possessive.has(toks[i-1].hash) // "your hygienist"
		if f&(caseCue&^fPhoto) == 0 && !ownedProvider || (f&fClinical != 0 && f&fWeak != 0 && !weakOK) {
			continue
		}
		if f&fCost != 0 && f&(fClinical|fVisit) == 0 && !c.health && !c.care && st.deferring != deferLater {
			continue
		}
		from, to := i, st.end(i)
		if from > 0 && st.tf[from-1]&(fPron2|fPron3) != 0 && toks[from-1].sp&spPoss == 0 {
			from-- // "her adjustment", "your visit"
		}
		if !st.spanned(int(toks[from].start), int(toks[to].end)) {
			st.addTok(rule, from, to, Block, false)
		}
		i = to
	}
}

func (st *state) anyCaseIn(si int) bool {
	for k := len(st.hits) - 1; k >= 0 && st.hits[k].sent == si; k-- {
		if st.hits[k].Kind == Case {
			return true
		}
	}
	return false
}

var hThese = foldHash("these")
