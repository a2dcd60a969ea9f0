package phi

import "strings"

// What an answer to a review, comment or message says about the person it answers: "your root
// canal", "hope the stitches are holding up", "see you in six months", and, answering someone who
// asks after another person, how that person is doing. Instructions ("bring your insurance card"),
// conditions ("if pain shoots down your leg") and first visits stay general.

// generalAnswer: in public, answering a question that told nothing of the asker ("How much is
// the deposit for filler?", "Do you take walk-ins for lice checks?"), a sentence with no past
// visit and no day answers everyone, unless the answer has named the asker ("¡Sí, Pedro! ... lo
// esperamos el lunes para su dosis"). A direct message speaks to one person, whose "¿Tengo
// alguna cita pronto?" is their own.
func (st *state) generalAnswer(c *cues) bool {
	return st.ctx != Message && !st.echo.personal && !st.subject && c.all&(fPast|fRelDay|fWeekday|fMonth) == 0
}

// generalOpener reports a reply that opens by saying it answers in general: "Great question!",
// "General rule:", "¡Buena pregunta!", "En general...".
func generalOpener(text string) bool {
	t := strings.TrimLeft(text, " ¡¿\"'")
	if len(t) > 24 {
		t = t[:24]
	}
	t = strings.ToLower(t)
	for _, p := range generalOpeners {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

var generalOpeners = []string{"great question", "good question", "great tip", "good tip", "great point", "good point",
	"buena pregunta", "excelente pregunta", "buen consejo",
	"general rule", "as a general rule", "in general", "generally", "en general", "por lo general"}

// caredForYou: care already given to the one answered, "Dr. Patel just started you on Lantus",
// which no general answer says, whatever "can" or "may" the sentence also holds.
func (st *state) caredForYou() bool {
	toks := st.toks
	for i := 0; i+1 < len(toks); i++ {
		if st.tf[i]&fCareVerb != 0 && toks[i+1].hash == hYou && st.pastTense(i) {
			return true
		}
	}
	return false
}

var hYou = foldHash("you")

// replyCase finds "your root canal", "your visit", "as your therapist explained", "you came in":
// the second person tied to care, in a text that speaks to one person. Instructions ("bring your
// insurance card") and first visits stay general.
func (st *state) replyCase(c *cues, refusing bool) [][2]int {
	if !st.addressed || c.all&fPron2 == 0 || st.echo.question && (c.generic || st.generalAnswer(c)) && !st.caredForYou() || st.inGeneral(c) {
		// Answering "What SPF do you recommend for kids?": "your pediatrician can advise"; "How
		// much is the deposit for filler?": "it goes toward your treatment".
		return nil
	}
	var out [][2]int
	toks := st.toks
	window := 6
	if refusing {
		window = 2 // "for your privacy we can't share appointment details": only "your appointment" is theirs
	}
	conditional, mayCond := false, c.all&fGeneric != 0 // "if", "whenever", "si" are generic words
	// "Bring a photo ID, your insurance card, and a list of any medications"; "one of the best
	// things you can do for your heart": a "you" that may, with no day, is anyone.
	listed := st.imperativeStart() || (st.youMay() || st.anyoneMay()) && c.all&(fPast|fRelDay|fWeekday|fMonth) == 0
	for i := range toks {
		conditional = conditional || mayCond && st.conditional(i)
		if st.tf[i]&fPron2 == 0 || conditional || listed {
			continue // "if pain shoots down your leg": anyone's leg
		}
		if h := toks[i].hash; h == hLe || h == hLes {
			continue // "le informamos: la jornada de vacunación es...": told to them, not theirs ("su cita" is)
		}
		if st.bidding(i-1) || st.bidding(i-2) {
			continue
		}
		if i+1 < len(toks) && (st.tf[i+1]&(fGeneric|fFuture) != 0 || wishWords.has(toks[i+1].hash)) {
			continue // "you can request records", "you will need", "would you like to book a consult?"
		}
		if i > 1 && topicWords.has(toks[i-1].hash) && (interestWords.has(toks[i-2].hash) || writtenPieces.has(toks[i-2].hash)) {
			continue // "¿Tienes preguntas sobre tu factura?", "for your piece on perinatal depression"
		}
		if e := st.end(i); e > i && st.tf[i]&caseCue != 0 && !refusing {
			out = append(out, [2]int{i, e}) // "su cita", one phrase: the visit is theirs
			continue
		}
		for k := i + 1; k < len(toks) && k <= i+window; k++ {
			// A first visit told as past ("your first Krystexxa infusion yesterday") is theirs.
			if replyStops.has(toks[k].hash) && !(firstWords.has(toks[k].hash) && c.all&(fPast|fRelDay) != 0) ||
				interestWords.has(toks[k].hash) || st.tf[k]&fPron2 != 0 ||
				toks[k].kind == tkPunct && (toks[k].ch == ',' || toks[k].ch == ';') {
				break
			}
			f := st.tf[k]
			near := k - i
			if st.clockAt(i + 1) {
				near -= 2 // "your 4:15 adjustment": a clock time is one word
			}
			if f&(caseCue|fProvider) == 0 || (f&fClinical != 0 && f&fWeak != 0 && !c.health && near > 2) || st.rate(k) {
				continue // "your crown" is care; "your back to school" and "your post about no-show rates" are not
			}
			if refusing && f&(fClinical|fRelative) == 0 {
				continue // "please don't post your insurance details here": advice, not their bill
			}
			if f&(fRelative|fProvider) != 0 && k > i+2 {
				continue // "you and your family" stays general; "your daughter" does not
			}
			if f&fPatient != 0 && st.needNotBe(k) || st.futureAfter(k) || st.anUpcoming(k) {
				break // "your surgeon and PT will set milestones": how things go, not what happened
			}
			out = append(out, [2]int{i, st.end(k)})
			break
		}
	}
	return out
}

// imperativeStart: the sentence opens with an instruction ("Bring...", "Please call...",
// "Traiga..."), perhaps after an opening phrase ("For a first visit, please bring...", "Para su
// primera consulta, traiga..."): the "your" it lists are whoever follows it.
func (st *state) imperativeStart() bool {
	toks := st.toks
	from := 0
	if len(toks) > 0 && introWords.has(toks[0].hash) {
		for from < len(toks) && !st.isPunct(from, ',') {
			from++
		}
		if from == len(toks) {
			from = 0 // no scene set: "Por favor llámanos..."
		}
	}
	for i := from; i < len(toks); i++ {
		h := toks[i].hash
		switch {
		case toks[i].kind != tkWord || politeOpeners.has(h):
			continue
		case h == hIf || h == hAny || h == hAbout:
			return false
		case st.tf[i]&fNegation != 0 && i+1 < len(toks):
			// "Please don't send photos of your results here", "Por seguridad, no envíe fotos de
			// sus resultados": what no one should send, not what this person has.
			return imperativeBefore.has(toks[i+1].hash) || sendVerbs.has(toks[i+1].hash)
		}
		return imperativeBefore.has(h)
	}
	return false
}

// introWords open a phrase that sets the scene before an instruction.
var introWords = hashSet("for", "before", "after", "para", "antes", "después", "al", "por")

var sendVerbs = hashSet("send", "post", "share", "upload", "text", "envíe", "envíen", "envíes", "mande", "manden",
	"mandes", "suba", "suban", "publique", "publiquen", "comparta", "compartan")

var politeOpeners = hashSet("please", "just", "also", "and", "y", "favor", "por", "también")

var hIf, hAbout = foldHash("if"), foldHash("about")

// conditional: "if", "whenever", "si" open advice to anyone.
func (st *state) conditional(i int) bool {
	return conditionals.has(st.toks[i].hash) && !st.yes(i)
}

// yes: "sí" as written with its accent is yes, not "si" (if), which the folded hash cannot tell.
func (st *state) yes(i int) bool {
	return st.toks[i].end-st.toks[i].start == 3 && st.toks[i].hash == hSi
}

var hSi = foldHash("si")

// replyStops end the words a "your" reaches: a first visit is everyone's ("your first visit",
// "su primera cita"), and what follows "our" is the practice's ("we remind you that our vaccine
// clinic..."). interestWords end them too: "su interés en blanqueamiento dental" is a topic.
var replyStops = hashSet("first", "primera", "primer", "our", "nuestro", "nuestra")

// youMay: "you" followed by "can", "may", "will": what anyone may do.
func (st *state) youMay() bool {
	for i := 0; i+1 < len(st.toks); i++ {
		if st.toks[i].hash == hYou && st.tf[i+1]&(fGeneric|fFuture) != 0 {
			return true
		}
	}
	return false
}

// anyoneMay: "Anyone can sign up ..., all you need is ... your photo ID": said to everyone.
func (st *state) anyoneMay() bool {
	for i := 0; i+1 < len(st.toks); i++ {
		if st.tf[i+1]&(fGeneric|fFuture) != 0 && anyoneCan.has(st.toks[i].hash) {
			return true
		}
	}
	return false
}

var anyoneCan = hashSet("anyone", "everyone", "anybody", "everybody", "cualquiera", "todos")

// wishWords after "you" ask what someone wants: an offer, not their care.
var wishWords = hashSet("like", "want", "interested", "gustaría", "gustaria", "interesa", "interesaría", "quieres",
	"quiere", "desea", "deseas")

// offerQuestion: "which procedure are you interested in?", "¿Te gustaría agendar una consulta?":
// a question about what the person wants.
func (st *state) offerQuestion() bool {
	n := len(st.toks)
	if n < 3 || !st.isPunct(n-1, '?') {
		return false
	}
	for i := 0; i+1 < n; i++ {
		if st.tf[i]&fPron2 != 0 && wishWords.has(st.toks[i+1].hash) {
			return true
		}
	}
	return false
}

var interestWords = hashSet("interest", "interés", "question", "questions", "pregunta", "preguntas", "curiosity", "dudas")

// writtenPieces: what a reporter writes about a topic: "your piece on perinatal depression".
var writtenPieces = hashSet("piece", "article", "story", "segment", "series", "reportaje", "artículo", "nota")

var conditionals = hashSet("if", "whenever", "si")

// youSpecific reports a "you" that is not general advice: not after "if" or an instruction, not
// before "can" or "will".
func (st *state) youSpecific(c *cues) bool {
	toks := st.toks
	mayCond := st.sf&fGeneric != 0
	if st.imperativeStart() || st.youMay() && c.all&(fPast|fRelDay|fWeekday|fMonth) == 0 {
		return false // "one of the best things you can do for your heart"
	}
	for i := range toks {
		if mayCond && st.conditional(i) {
			return false // "if pain shoots down your leg": anyone's leg
		}
		if st.tf[i]&fPron2 == 0 || toks[i].hash == hLe || toks[i].hash == hLes {
			continue // "Le informamos que...": the polite "you" is told something, it owns nothing
		}
		if st.bidding(i-1) || st.bidding(i-2) ||
			i+1 < len(toks) && (st.tf[i+1]&(fGeneric|fFuture) != 0 || interestWords.has(toks[i+1].hash) || wishWords.has(toks[i+1].hash)) {
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
		if st.tf[i]&fPron2 == 0 || st.bidding(i-1) { // "if you came", "bring your"
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

// hadBefore: "I had a mom come in": "had" a few words before a bare care verb puts it in the past.
func (st *state) hadBefore(k int) bool {
	for j := max(0, k-4); j < k; j++ {
		if st.toks[j].hash == hHad {
			return true
		}
	}
	return false
}

var hHad = foldHash("had")

// caredInPast: a care verb in the past ("came in", "walked in", "treated"): with a weekday, "Last
// Thursday a 68-year-old walked in" is one visit, where "On Thursdays a nurse comes in" is a
// schedule.
func (st *state) caredInPast() bool {
	for k := range st.toks {
		if st.tf[k]&fCareVerb != 0 && (st.pastTense(k) || pastCare.has(st.toks[k].hash) || st.hadBefore(k)) {
			return true
		}
	}
	return false
}

// thatClinical: in an answer, "that ingrown toenail", "esa infección", "glad the new glasses are
// working out": the words point at what the person has, not at a topic.
// It returns the token pointed at, or -1.
func (st *state) thatClinical() int {
	toks := st.toks
	for i := 0; i+1 < len(toks); i++ {
		k, owned := i+1, false
		switch {
		case pointing.has(toks[i].hash):
		case articles.has(toks[i].hash) && i+2 < len(toks) && i > 0 && (glad.has(toks[i-1].hash) || st.howIs(i-1)):
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
		"quedó", "quedaron", "funciona", "funcionan", "holding", "doing", "treating", "working")
	hHow     = foldHash("how")
	howWords = hashSet("how", "cómo")
	howVerbs = hashSet("is", "are", "was", "va", "van", "sigue", "siguen", "está", "están")
)

// howIs: "How's the new implant holding up?", "How is the cast?", "¿Cómo va la nueva corona?":
// asking after one person's care.
func (st *state) howIs(k int) bool {
	return st.toks[k].hash == hHow && st.toks[k].sp&spPoss != 0 || k > 0 && howWords.has(st.toks[k-1].hash) && howVerbs.has(st.toks[k].hash)
}

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
		// "especially since you've been with us since 2015": the reviewer, a patient for years.
		if toks[i].hash == hBeen && toks[i+1].hash == hWith && toks[i+2].hash == hUs && st.tf[i-1]&fPron2 != 0 {
			return i
		}
	}
	return -1
}

var (
	spentTime                   = hashSet("morning", "afternoon", "evening", "day", "mañana", "tarde")
	bareArticle                 = hashSet("the", "a", "an", "this", "that", "el", "la", "un", "una")
	hWith, hUs, hCon, hNosotros = foldHash("with"), foldHash("us"), foldHash("con"), foldHash("nosotros")
	hBeen                       = foldHash("been")
)

// theirThing: in a direct message to someone who told of their own care ("Me quitaron los puntos
// ayer"), "the wound", "la herida" is theirs: "envíenos una foto de la herida". It returns the
// clinical word, or -1.
func (st *state) theirThing(c *cues) int {
	if st.ctx != Message || len(st.echo.health) == 0 || st.echo.org || c.generic {
		return -1 // "Si tiene fiebre o la cara hinchada, acuda a urgencias" is advice
	}
	toks := st.toks
	for i := 1; i < len(toks); i++ {
		if st.tf[i]&fClinical != 0 && st.cover[i] < 0 && articles.has(toks[i-1].hash) && !strings.HasSuffix(st.word(i), "s") {
			return i
		}
	}
	return -1
}

// congratsOn: answering someone, "congrats on being cancer free!!", "felicidades por terminar la
// quimio": the congratulations are for their health.
func (st *state) congratsOn(c *cues) bool {
	if !st.addressed || st.rev == nil || !c.health || c.generic {
		return false
	}
	for i := 0; i+1 < len(st.toks); i++ {
		if congrats.has(st.toks[i].hash) && forWords.has(st.toks[i+1].hash) {
			return true
		}
	}
	return false
}

var (
	congrats = hashSet("congrats", "congratulations", "felicidades", "felicitaciones", "kudos")
	forWords = hashSet("on", "for", "por")
)

// seeAgain: answering a reviewer, "See you in six months", "so happy to see that smile again",
// "¡Nos vemos en seis meses!" says they are a patient who comes back. "See you at the health fair"
// is an event anyone may come to. It returns the words, or -1, -1.
func (st *state) seeAgain(c *cues) (int, int) {
	if st.rev == nil || !st.echo.visited || st.echo.org || st.echo.event || c.all&fEvent != 0 {
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

// seeYouThere: "See you on Main St", "see you at the Lincoln Park fair": a place, where readers
// will meet, not a visit.
func (st *state) seeYouThere(i, end int) bool {
	if !seeWords.has(st.toks[i].hash) {
		return false
	}
	// "See you in the new year!" in a post is to every reader.
	for k := end + 1; st.rev == nil && k < len(st.toks) && k <= end+2; k++ {
		if seasons.has(st.toks[k].hash) {
			return true
		}
	}
	// Asked while the sentence is being prepared, so only what the lexer knows of the words after
	// it is read (the per-sentence flags there are not set yet).
	for k := end + 1; k < len(st.toks) && k <= end+4 && st.toks[k].kind == tkWord && st.toks[k].shape&shCap != 0; k++ {
		if st.toks[k].lex&(fStreet|fPlace|fOrg|fState) != 0 {
			return true
		}
	}
	return false
}

var (
	seasons    = hashSet("new", "año", "spring", "summer", "fall", "autumn", "winter", "primavera", "verano", "otoño", "invierno")
	seeWords   = hashSet("see", "vemos", "veremos", "esperamos")
	againWords = hashSet("again", "soon", "next", "back", "pronto", "próxima", "próximo", "nuevo", "vez")
	seeFiller  = hashSet("you", "u", "both", "all", "that", "those", "your", "smile", "face", "in", "on", "at", "the",
		"this", "en", "el", "la", "los", "las", "a", "an", "otra", "de", "dentro", "six", "seis", "tres", "three")
)

// aboutThird: answering someone who asks after another person ("is my boyfriend there?", "Can my
// point guard play Friday?"), a sentence about him or her with care or with how they are doing
// tells their health to someone the practice has not been authorised to tell. It returns the
// how-they-are-doing word (or -1 when care words alone tell it) and whether the sentence tells.
func (st *state) aboutThird(c *cues) (int, bool) {
	if !st.echo.third || st.rev == nil || c.antecedent || !c.pronoun && !(st.spanish() && st.hasWord(herState)) {
		return -1, false
	}
	for i := range st.toks {
		if howDoing.has(st.toks[i].hash) || ourPlace.has(st.toks[i].hash) {
			return i, true // "she's okay", "tell him the quiet room will be ready for him next time"
		}
	}
	return -1, c.health || c.care
}

// ourPlace: the rooms, desks and forms a practice keeps ready for its patients.
var ourPlace = hashSet("room", "desk", "bay", "chair", "forms", "cuarto", "sala", "silla", "formularios")

// herState: Spanish leaves the person out of "¡Está muy bien! Ya terminó con nosotros".
var herState = hashSet("está", "sigue", "terminó", "anda", "quedó", "salió", "pasó")

// howDoing are the words for how someone is doing after care.
var howDoing = hashSet("recovering", "recovery", "healing", "healed", "better", "improving", "stable", "cleared", "okay", "fine",
	"discharged", "checked", "resting", "comfortable", "comfortably", "normal", "normales", "descansando", "mejor",
	"mejorando", "recuperando", "recuperándose", "recuperación", "estable", "sanando")

// clockAt: a clock time starts at i ("4:15").
func (st *state) clockAt(i int) bool {
	return i+2 < len(st.toks) && st.toks[i].kind == tkNum && st.isPunct(i+1, ':') && st.toks[i+2].kind == tkNum
}

// subjects before a verb make it a statement, not an instruction: "we know your 4:15 ran behind",
// "you have your crown fitting Tuesday".
var subjects = hashSet("we", "i", "they", "he", "she", "you")

// bidding: the word at j asks the reader to do something with what follows ("bring your card",
// "know your numbers", "if your"); "We know your..." tells.
func (st *state) bidding(j int) bool {
	if j < 0 || !imperativeBefore.has(st.toks[j].hash) {
		return false
	}
	if st.toks[j].hash == hAbout {
		// "Questions about your bill?" asks anyone; "we called Rite Aid about your Mounjaro"
		// tells what was done for this person.
		for k := 0; k < j; k++ {
			if contacted.has(st.toks[k].hash) {
				return false
			}
		}
		return true
	}
	if st.toks[j].hash == hHave {
		// "Have your card handy", "Please have your mom call us"; not "we still have your night
		// guard impressions" or "we'd love to have you back".
		return j == 0 || st.toks[j-1].kind == tkPunct || politeOpeners.has(st.toks[j-1].hash)
	}
	return !(j > 0 && subjects.has(st.toks[j-1].hash))
}

var hHave = foldHash("have")

// contacted: reaching someone about their care ("we called Rite Aid about your Mounjaro").
var contacted = hashSet("called", "emailed", "texted", "messaged", "wrote", "spoke", "talked", "reached", "contacted",
	"tried", "faxed", "llamamos", "hablamos", "escribimos")

// anUpcoming: "You have an upcoming appointment": a reminder that names no day, time or kind of
// visit, the least a text to the patient can say.
func (st *state) anUpcoming(k int) bool {
	return k >= 2 && st.toks[k-1].hash == hUpcoming && (st.toks[k-2].hash == hAn || st.toks[k-2].hash == hA) &&
		(k+1 == len(st.toks) || st.toks[k+1].kind == tkPunct)
}

var hUpcoming = foldHash("upcoming")
