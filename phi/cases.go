package phi

// Context rules: when is a sentence about the health or care of one specific person?

import "strings"

var imperativeBefore = hashSet("bring", "book", "schedule", "call", "check", "ask", "verify", "update",
	"upload", "fill", "complete", "protect", "keep", "brush", "floss", "know", "learn", "understand",
	"review", "choose", "find", "manage", "improve", "if", "any", "about", "traiga", "llame", "revise",
	"pregúntele", "pregunte", "consulte", "hable", "llámenos", "programe", "agende", "lleve", "pida", "solicite", "haga")

const caseCue = fClinical | fVisit | fCareVerb | fBehaviour | fCost | fRelation | fRelative | fPhoto | fPatient |
	fDevice | fPresence

// findCases applies the context rules to the sentence and records the names it holds.
func (st *state) findCases(c *cues) {
	toks := st.toks
	strictTimed := c.all&(fPast|fRelDay|fCareVerb) != 0
	var rule string
	// "Para proteger su privacidad no podemos hablar de citas ni resultados": the sentence
	// declines, so its care words are the topic.
	refusing := st.addressed && c.all&fNegation != 0 && st.refusal()
	pointed, withUs := -1, -1
	if st.rev != nil {
		pointed = st.thatClinical()
		withUs = st.timeWithUs()
	}
	mFrom, mTo := st.milestone(c)
	doing := st.aboutThird(c)
	sFrom, sTo := st.seeAgain(c)
	switch {
	case c.all&fRelation != 0 && !c.aggregate && (!c.generic || strictTimed || st.strongRelation()) && !st.thanksReaders(c):
		rule = "case.relation"
	case c.specific && (c.subject || c.all&fPatient != 0) && (c.health || c.care):
		rule = "case.person"
	case c.all&fPresence != 0 && (c.subject || c.pronoun && !c.antecedent):
		rule = "case.relation" // "he's at our hospital and doing better"
	case c.specific && c.pronoun && (c.health || c.care && c.all&(fBehaviour|fCost) != 0) && (strictTimed || !c.generic):
		rule = "case.person"
	case st.practiceCare(c) && strictTimed && !c.aggregate:
		rule = "case.practice"
	case st.rev != nil && c.specific && c.pronoun && c.all&fClinical != 0:
		rule = "case.person" // "his breathing is better" answering "my son's asthma"
	case st.addressed && !st.echo.question && c.health && !c.generic && c.all&fEvent == 0 && (c.all&(fPast|fRelDay|fCareVerb) != 0 || st.specificDay()):
		rule = "case.reply" // "the strep test came back fast", "the same lower molar from February"
	case st.addressed && c.health && c.all&fEvent == 0 && !refusing && st.youSpecific():
		rule = "case.reply" // "progress with panic disorder takes more than the sessions you attended"
	case st.echo.incident && (c.health || c.care) && (c.pronoun || c.all&(fRelative|fRole|fPatient) != 0):
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
	case doing >= -1:
		rule = "case.person" // "is my neighbor ok??" answered "She's doing a lot better"
	case sFrom >= 0:
		rule = "case.relation" // "¡Nos vemos en seis meses!" to a reviewer
	case st.addressed && st.echo.visited && c.all&fBehaviour != 0 && c.all&fVisit != 0 && !c.generic && !refusing:
		rule = "case.reply" // "Three missed appointments in a row is our limit", to the patient it dropped
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
	ownedOnly := refusing || st.rev != nil && (c.generic && !st.echo.visited || st.hasWord(toEveryone) || st.imperativeStart())
	echo := st.rev != nil && st.echo.matches(st, ownedOnly)
	switch {
	case rule == "" && len(replySpans) == 0 && st.addressed && !st.echo.question && !refusing && (c.health || c.all&(fVisit|fBehaviour) != 0) && !c.aggregate:
		st.deferring = deferPending
		st.caseSpans("case.reply", c)
		st.deferring = deferNone
	case rule != "":
		st.caseSpans(rule, c)
		if pointed >= 0 && !st.spanned(int(toks[pointed].start), int(toks[st.end(pointed)].end)) {
			st.addTok(rule, pointed, st.end(pointed), Block, false) // a weak word ("the new glasses") too
		}
		if withUs >= 0 && !st.spanned(int(toks[withUs].start), int(toks[withUs+2].end)) {
			st.addTok(rule, withUs, withUs+2, Block, false) // "morning with us"
		}
		if mFrom >= 0 && !st.spanned(int(toks[mFrom].start), int(toks[mTo].end)) {
			st.addTok(rule, mFrom, mTo, Block, false) // the milestone clause itself
		}
		if sFrom >= 0 && !st.spanned(int(toks[sFrom].start), int(toks[sTo].end)) {
			st.addTok(rule, sFrom, sTo, Block, false)
		}
		if doing >= 0 && !st.spanned(int(toks[doing].start), int(toks[doing].end)) {
			st.addTok(rule, doing, doing, Block, false) // "recovering", "cleared"
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
	st.photos(c, isCase)
	for _, ns := range c.names {
		if ns.rule == "" {
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
		from := r
		for k := r - 1; k >= 0 && k >= r-4; k-- {
			if definites.has(toks[k].hash) || toks[k].hash == hA {
				from = k // "the high school football coach", "a local mail carrier"
				break
			}
		}
		effect := Review
		if isCase {
			effect = Block
		}
		e := st.roleEnd(r)
		st.addTok("role", from, e, effect, true)
		if k, to, ok := st.fromTown(e); ok {
			st.addTok("address.facility", k, to, Review, true) // "the twins from Coburg"
		}
	}
	if isCase || (c.health && !c.generic) {
		st.sents[st.sentIndex].health = true
	}
}

var patientCompound = hashSet("special", "specials", "offer", "offers", "exam", "packet", "paperwork",
	"intake", "appreciation", "day", "week", "month", "care", "portal", "coordinator", "experience", "satisfaction", "education",
	"advocate", "forms", "form", "lounge", "services", "safety", "records", "reviews", "testimonials",
	"stories", "resources", "center", "relations", "liaison", "navigator", "year")

// seeAgain: answering a reviewer, "See you in six months", "so happy to see that smile again",
// "¡Nos vemos en seis meses!" says they are a patient who comes back. "See you at the health fair"
// is an event anyone may come to. It returns the words, or -1, -1.
func (st *state) seeAgain(c *cues) (int, int) {
	if st.rev == nil || !st.echo.visited || st.echo.org || c.all&fEvent != 0 {
		return -1, -1
	}
	toks := st.toks
	for i := range toks {
		if !seeWords.has(toks[i].hash) {
			continue
		}
		for k := i + 1; k < len(toks) && k <= i+4; k++ {
			if againWords.has(toks[k].hash) || st.tf[k]&(fWeekday|fMonth|fRelDay) != 0 || timeUnits.has(toks[k].hash) {
				return i, k
			}
			if toks[k].kind != tkNum && !seeFiller.has(toks[k].hash) {
				break // "we'd love to see you apply again": another verb, not a visit
			}
		}
	}
	return -1, -1
}

var (
	seeWords   = hashSet("see", "vemos", "veremos", "esperamos")
	againWords = hashSet("again", "soon", "next", "back", "pronto", "próxima", "próximo", "nuevo", "vez")
	seeFiller  = hashSet("you", "u", "both", "all", "that", "those", "your", "smile", "face", "in", "on", "at", "the",
		"this", "en", "el", "la", "los", "las", "a", "an", "otra", "de", "dentro", "six", "seis", "tres", "three")
)

// aboutThird: answering someone who asks after another person ("is my boyfriend there?", "Can my
// point guard play Friday?"), a sentence about him or her with care or with how they are doing
// tells their health to someone the practice has not been authorised to tell. It returns the
// how-they-are-doing word, -1 when care words alone tell it, or -2.
func (st *state) aboutThird(c *cues) int {
	if !st.echo.third || st.rev == nil || !c.pronoun || c.antecedent {
		return -2
	}
	for i := range st.toks {
		if howDoing.has(st.toks[i].hash) {
			return i
		}
	}
	if c.health || c.care {
		return -1
	}
	return -2
}

// howDoing are the words for how someone is doing after care.
var howDoing = hashSet("recovering", "recovery", "healing", "healed", "better", "improving", "stable", "cleared",
	"discharged", "checked", "mejor", "mejorando", "recuperando", "recuperándose", "recuperación", "estable", "sanando")

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
		if firstPersonCare.has(st.toks[i].hash) {
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
var toEveryone = hashSet("if", "whenever", "anyone", "everyone", "everybody", "families", "si", "cualquier", "todos")

var beVerbs = hashSet("be", "been", "get", "got")

// thatClinical: in an answer, "that ingrown toenail", "esa infección", "glad the new glasses are
// working out": the words point at what the person has, not at a topic.
// It returns the token pointed at, or -1.
func (st *state) thatClinical() int {
	toks := st.toks
	for i := 0; i+1 < len(toks); i++ {
		k, owned := i+1, false
		switch {
		case pointing.has(toks[i].hash):
		case articles.has(toks[i].hash) && i+2 < len(toks) && i > 0 && glad.has(toks[i-1].hash):
			// "glad the new glasses...", "hope the stitches are holding up", "qué bueno que la
			// nueva corona..."
			k, owned = i+1, true
			if newWords.has(toks[i+1].hash) {
				k = i + 2
			}
		default:
			continue
		}
		next := st.end(k) + 1
		f := st.tf[k]
		if f&fClinical == 0 {
			continue
		}
		if owned && next < len(toks) && faring.has(toks[next].hash) || // "the new knee is holding up"
			!owned && f&fWeak == 0 && (next >= len(toks) || !topicAfter.has(toks[next].hash)) {
			return k
		}
	}
	return -1
}

var (
	pointing   = hashSet("that", "those", "ese", "esa", "esos", "esas")
	topicAfter = hashSet("season", "month", "awareness", "week", "day", "temporada", "mes", "semana")
	articles   = hashSet("the", "el", "la", "los", "las")
	newWords   = hashSet("new", "nuevo", "nueva", "nuevos", "nuevas")
	glad       = hashSet("glad", "hope", "happy", "que", "ojalá")
	faring     = hashSet("is", "are", "was", "were", "look", "looks", "fit", "fits", "feel", "feels", "está", "están",
		"quedó", "quedaron", "funciona", "funcionan")
)

// timeWithUs: answering someone, "a long morning with us", "your visit with us", "las sesiones con
// nosotros" says they spent that time here as a patient; "spending the day with us at the fair"
// does not. It returns where the words start, or -1.
func (st *state) timeWithUs() int {
	toks := st.toks
	for i := 1; i+2 < len(toks); i++ {
		if (st.tf[i]&fVisit != 0 || spentTime.has(toks[i].hash)) && !bareArticle.has(toks[i-1].hash) &&
			(toks[i+1].hash == hWith && toks[i+2].hash == hUs || toks[i+1].hash == hCon && toks[i+2].hash == hNosotros) {
			return i
		}
	}
	return -1
}

var (
	spentTime                   = hashSet("morning", "afternoon", "evening", "day", "mañana", "tarde")
	bareArticle                 = hashSet("the", "a", "an", "this", "that", "el", "la", "un", "una")
	hWith, hUs, hCon, hNosotros = foldHash("with"), foldHash("us"), foldHash("con"), foldHash("nosotros")
)

// youSpecific reports a "you" that is not general advice: not after "if" or an instruction, not
// before "can" or "will".
func (st *state) youSpecific() bool {
	toks := st.toks
	mayCond := st.sf&fGeneric != 0
	if st.imperativeStart() {
		return false
	}
	for i := range toks {
		if mayCond && st.conditional(i) {
			return false // "if pain shoots down your leg": anyone's leg
		}
		if st.tf[i]&fPron2 == 0 || toks[i].hash == hLe || toks[i].hash == hLes {
			continue // "Le informamos que...": the polite "you" is told something, it owns nothing
		}
		if i > 0 && imperativeBefore.has(toks[i-1].hash) || i > 1 && imperativeBefore.has(toks[i-2].hash) ||
			i+1 < len(toks) && (st.tf[i+1]&(fGeneric|fFuture) != 0 || interestWords.has(toks[i+1].hash)) {
			continue
		}
		return true
	}
	return false
}

// youCame: "you brought", "you came", "you visited": the second person with a past care verb.
func (st *state) youCame() bool {
	toks := st.toks
	for i := range toks {
		if st.tf[i]&fPron2 == 0 || i > 0 && imperativeBefore.has(toks[i-1].hash) { // "if you came", "bring your"
			continue
		}
		for k := i + 1; k < len(toks) && k <= i+2; k++ {
			if st.tf[k]&fCareVerb != 0 && st.tf[k]&fPast == 0 && pastCare.has(toks[k].hash) {
				return true
			}
		}
	}
	return false
}

var pastCare = hashSet("brought", "came", "visited", "attended", "came in", "brought in")

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
				if readersOwn.has(st.toks[k].hash) {
					return true // "trusting us with your care"
				}
			}
			return false
		}
	}
	return false
}

var readersOwn = hashSet("your", "tu", "tus")

// practiceCare: "I pulled", "we removed": the practice speaking about care it gave.
func (st *state) practiceCare(c *cues) bool {
	if c.all&fProcedure != 0 && c.all&fRelDay != 0 && st.hasWord(pastDay) {
		for _, ns := range c.names { // "Rhinoplasty done last week by Dr. Reyes": one dated procedure of ours
			if ns.role == refStaff && ns.from > 0 && byAgent.has(st.toks[ns.from-1].hash) {
				return true
			}
		}
	}
	return c.all&fCareVerb != 0 && (c.health || c.specific) && st.weCared()
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

// replyCase finds "your root canal", "your visit", "as your therapist explained", "you came in":
// the second person tied to care, in a text that speaks to one person. Instructions ("bring your
// insurance card") and first visits stay general.
func (st *state) replyCase(c *cues, refusing bool) [][2]int {
	if !st.addressed || c.all&fPron2 == 0 || st.echo.question && c.generic {
		return nil // answering "What SPF do you recommend for kids?": "your pediatrician can advise"
	}
	var out [][2]int
	toks := st.toks
	window := 6
	if refusing {
		window = 2 // "for your privacy we can't share appointment details": only "your appointment" is theirs
	}
	conditional, mayCond := false, c.all&fGeneric != 0 // "if", "whenever", "si" are generic words
	listed := st.imperativeStart()                     // "Bring a photo ID, your insurance card, and a list of any medications"
	for i := range toks {
		conditional = conditional || mayCond && st.conditional(i)
		if st.tf[i]&fPron2 == 0 || conditional || listed {
			continue // "if pain shoots down your leg": anyone's leg
		}
		if i > 0 && imperativeBefore.has(toks[i-1].hash) || i > 1 && imperativeBefore.has(toks[i-2].hash) {
			continue
		}
		if i+1 < len(toks) && st.tf[i+1]&(fGeneric|fFuture) != 0 {
			continue // "you can request records", "you will need"
		}
		for k := i + 1; k < len(toks) && k <= i+window; k++ {
			if replyStops.has(toks[k].hash) || interestWords.has(toks[k].hash) || st.tf[k]&fPron2 != 0 ||
				toks[k].kind == tkPunct && (toks[k].ch == ',' || toks[k].ch == ';') {
				break
			}
			f := st.tf[k]
			if f&(caseCue|fProvider) == 0 || (f&fClinical != 0 && f&fWeak != 0 && !c.health && k > i+2) {
				continue // "your crown" is care; "your back to school" is not
			}
			if refusing && f&(fClinical|fRelative) == 0 {
				continue // "please don't post your insurance details here": advice, not their bill
			}
			if f&(fRelative|fProvider) != 0 && k > i+2 {
				continue // "you and your family" stays general; "your daughter" does not
			}
			if st.futureAfter(k) {
				break // "your surgeon and PT will set milestones": how things go, not what happened
			}
			out = append(out, [2]int{i, st.end(k)})
			break
		}
	}
	return out
}

// imperativeStart: the sentence opens with an instruction ("Bring...", "Please call...",
// "Traiga..."): the "your" it lists are whoever follows it.
func (st *state) imperativeStart() bool {
	for i := range st.toks {
		h := st.toks[i].hash
		switch {
		case st.toks[i].kind != tkWord || politeOpeners.has(h):
			continue
		case h == hIf || h == hAny || h == hAbout:
			return false
		}
		return imperativeBefore.has(h)
	}
	return false
}

var politeOpeners = hashSet("please", "just", "also", "and", "y", "favor", "por", "también")

var hIf, hAbout = foldHash("if"), foldHash("about")

// conditional: "if", "whenever", "si" open advice to anyone; "si" only as written without an
// accent ("sí" is yes).
func (st *state) conditional(i int) bool {
	return conditionals.has(st.toks[i].hash) && st.toks[i].end-st.toks[i].start != 3
}

// replyStops end the words a "your" reaches: a first visit is everyone's ("your first visit",
// "su primera cita"), and what follows "our" is the practice's ("we remind you that our vaccine
// clinic..."). interestWords end them too: "su interés en blanqueamiento dental" is a topic.
var replyStops = hashSet("first", "primera", "primer", "our", "nuestro", "nuestra")

var interestWords = hashSet("interest", "interés", "question", "questions", "pregunta", "preguntas", "curiosity")

var conditionals = hashSet("if", "whenever", "si")

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

// tagWords are how "tag yourself" and "etiquétate" are written, lower case, capitalised or in
// capitals (strings.Contains is far cheaper than a case-blind search).
var tagWords = []string{"ag your", "AG YOUR", "tiquet", "tiquét", "TIQUET", "TIQUÉT"}

var photoNoun = hashSet("photo", "photos", "pic", "pics", "picture", "pictures", "gallery", "shots",
	"images", "image", "video", "videos", "fotos", "foto", "album", "albums", "álbum", "álbumes")

// eventPhoto: "pics from our 5K", "fotos de la feria", "health fair photos".
func (st *state) eventPhoto(i int) bool {
	if i > 0 && st.tf[i-1]&fEvent != 0 {
		return true
	}
	if i+2 < len(st.toks) && st.plain[i+1] && st.toks[i+1].shape&shCap == 0 && st.tf[i+1] == 0 {
		i++ // "el álbum completo de la feria"
	}
	if i+1 < len(st.toks) && (st.toks[i+1].hash == hFrom || st.toks[i+1].hash == hOf || st.toks[i+1].hash == hDe || st.toks[i+1].hash == hAt) {
		for k := i + 2; k < len(st.toks) && k <= i+5; k++ {
			if st.tf[k]&fEvent != 0 {
				return true
			}
		}
	}
	return false
}

// tagsReaders: "tag yourself", "etiquétense", anywhere in the post: the photos show the people who
// read it. Asked only once a photo word appears, and then of the whole text once.
func (st *state) tagsReaders() bool {
	if st.tagged == tagUnknown {
		st.tagged = tagNo
		for _, s := range tagWords {
			if strings.Contains(st.text, s) {
				st.tagged = tagYes
				break
			}
		}
	}
	return st.tagged == tagYes
}

// pictured reads a photo's description, as alt text or a caption gives it: "[photo: about a
// dozen families with kids posing in front of our balloon arch]". People in it need a release;
// a child by age or anyone with a clinical word is a patient.
func (st *state) pictured(i int) (people, patient bool) {
	toks := st.toks
	if i+1 < len(toks) && toks[i+1].kind == tkNum {
		i++ // "[Photo 2: families at the bounce house]"
	}
	if !st.isPunct(i+1, ':') {
		return false, false
	}
	for k := i + 2; k < len(toks) && k <= i+16 && !st.isPunct(k, ']') && !st.isPunct(k, ')'); k++ {
		f := st.tf[k]
		switch {
		case st.ageNoun(k) || f&(fPatient|fClinical) != 0 && (f&fWeak == 0 || people):
			patient = true // "[foto: ... un adolescente con frenos recién retirados]"
		case f&(fAnyone|fRelative|fRole) != 0:
			people = true
		}
	}
	return people || patient, patient
}

// patientGroup: "our Tuesday cardiac rehab crew", "nuestro grupo de recuperación": a group of
// the practice's patients named by their care; a picture of them shows patients.
func (st *state) patientGroup() bool {
	toks := st.toks
	for k := range toks {
		if !groupNoun.has(toks[k].hash) && !manyPatients.has(toks[k].hash) {
			continue
		}
		our, clinical := false, false
		if manyPatients.has(toks[k].hash) {
			clinical = true // "our Saturday patients": a group of patients needs no clinical word
		}
		for j := max(0, k-5); j < min(len(toks), k+4); j++ {
			h := toks[j].hash
			our = our || j < k && (h == hOur || h == hNuestro || h == hNuestra)
			clinical = clinical || st.tf[j]&fClinical != 0 && (j < k || k+1 < len(toks) && toks[k+1].hash == hDe)
		}
		if our && clinical {
			return true
		}
	}
	return false
}

var groupNoun = hashSet("crew", "group", "class", "program", "grupo", "clase", "programa")

// patientsPhoto: "our patients' photos", "this X-ray from today's shift".
func (st *state) patientsPhoto(i int, c *cues) bool {
	for k := range st.toks {
		if st.tf[k]&fPatient != 0 && st.toks[k].sp&spPoss != 0 {
			return true
		}
	}
	if i > 0 && (st.toks[i-1].hash == hThis || st.toks[i-1].hash == hThese) {
		return c.all&fRelDay != 0 || c.health && c.all&fPast != 0
	}
	return false
}

// photos: an image of a patient. Before-and-after pictures are always of patients.
func (st *state) photos(c *cues, isCase bool) {
	for i := range st.toks {
		if st.tf[i]&fPhoto == 0 || st.photoID(i) {
			continue
		}
		end := st.end(i)
		// A phrase ("before and after", "smile makeover") or the one hyphenated word that is one.
		beforeAfter := (end > i || st.toks[i].hash == hBeforeAfter) && (end+1 >= len(st.toks) || st.toks[end+1].kind == tkPunct ||
			photoNoun.has(st.toks[end+1].hash) || c.health)
		people, patient := st.pictured(i)
		switch {
		case isCase || c.specific && (c.subject || c.pronoun || c.all&fRelation != 0) || st.patientsPhoto(i, c) || st.patientGroup() || patient:
			st.addTok("photo.patient", i, end, Block, false)
		case beforeAfter:
			st.addTok("photo.beforeafter", i, end, Review, true)
		case photoNoun.has(st.toks[i].hash) && (st.eventPhoto(i) || st.tagsReaders()) || people:
			st.addTok("photo.event", i, end, Review, true)
		}
	}
}

var hBeforeAfter = foldHash("before-and-after")

// photoID: "bring a photo ID", "identificación con foto": a document the reader carries.
func (st *state) photoID(i int) bool {
	toks := st.toks
	return i+1 < len(toks) && idWords.has(toks[i+1].hash) || i > 1 && toks[i-1].hash == hCon && idWords.has(toks[i-2].hash)
}

var idWords = hashSet("id", "ids", "identification", "identificación", "identificacion")
