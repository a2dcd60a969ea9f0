package phi

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Whose a name is, once found: a colleague's (the profile's staff, a title, a team), a public
// figure's or an elected official's told in public, a quote's author, history's, or someone who
// may be a patient. settleName decides; the verdict follows from it.

// settleName decides whose name it is: the practice's (dropped), a colleague's or an author's
// (kept, allowed) or someone who may be a patient.
func (st *state) settleName(ns *nameSpan) {
	p := st.s.profile
	staff, practice, words := true, true, false
	for k := ns.from; k <= ns.to; k++ {
		t := &st.toks[k]
		if first, surname, ok := st.tagName(k); ok {
			h1, h2 := foldHash(first), foldHash(surname)
			staff = staff && p.staffWords[h1] && p.staffWords[h2]
			practice = practice && p.nameWords[h1] && p.nameWords[h2]
			words = true
			continue
		}
		if t.kind != tkWord || st.tf[k]&fTitle != 0 || t.end-t.start <= 1 {
			continue
		}
		staff = staff && p.staffWords[t.hash]
		practice = practice && p.nameWords[t.hash]
		words = true
	}
	if !words {
		staff, practice = false, false // a lone initial ("M.") is nobody's on the staff list
	}
	introduced := !staff && words && st.knownColleague(ns)
	if staff && st.civilTitle(ns.from) {
		// "Mrs. Kim", "Mr. Patel": the staff list's Dr. Kim and Dr. Patel are not called so.
		for k := ns.from; k <= ns.to && staff; k++ {
			staff = st.tf[k]&fTitle != 0 || st.toks[k].kind != tkWord || !p.doctorOnly[st.toks[k].hash]
		}
	}
	public := st.publicName(ns.from) || st.publicSent == st.sentIndex
	switch {
	case public && !st.authorsName(ns.from):
		// "Simone Biles ha hablado públicamente...", answering someone who mentioned her: a
		// public figure, not the reviewer.
		ns.role, ns.public = refStaff, true
		if ns.rule == "name.reviewer" {
			ns.rule = "name.person"
		}
	case st.echo.hasName(st, ns.from, ns.to):
		ns.rule = "name.reviewer"
		ns.role = refSubject
	case public || st.officialName(ns.from):
		ns.role, ns.public = refStaff, true // a public figure's own story, told in public
	case st.madeUp:
		ns.role = refStaff // an example the post made up, and says so
	case staff || practice:
		ns.role = refStaff
		ns.rule = ""
	case introduced:
		ns.role = refStaff // "Brianna loves trail running", after "Meet Brianna Cole, our new hygienist!"
	case st.attribution(ns.from) && !st.testimonial(ns.to) && !(ns.to > ns.from && st.endsInInitial(ns.from, ns.to)):
		// "— Derek H." signs as patients do, not as sages: a first name and an initial.
		ns.role = refStaff
		ns.rule = ""
		st.rememberSage(ns)
	case st.historical():
		ns.role = refStaff // "In 1796 Edward Jenner inoculated James Phipps": history, not a patient
	case st.tf[ns.from]&fTitle != 0 && st.professionalTitle(ns.from) && ns.rule != "name.greeting":
		ns.role = refStaff
	case st.staffContext(ns.from, ns.to):
		ns.role = refStaff
		st.rememberColleague(ns)
	case ns.rule == "name.model":
		ns.role = refMaybe
	default:
		ns.role = refSubject
	}
}

// authorsName: the name's first word is in the name of whoever wrote what is being answered.
func (st *state) authorsName(from int) bool {
	return st.rev != nil && strings.Contains(strings.ToLower(st.rev.Author), strings.ToLower(st.word(from)))
}

// staffFamily: a name a few words after a relative ("his daughters' (Sofia", "mamá de Emilia")
// in a post's sentence with no care in it, told of a colleague named here or in the sentences
// before: a staff bio. Answering "who was the cute baby in your last post?" with "Dr. Kim's
// nephew Oliver" still names someone a person should look at.
func (st *state) staffFamily(before []nameSpan, from int) bool {
	if st.ctx != Post || st.rev != nil || st.sf&(fClinical|fCareVerb|fVisit|fPatient|fRelation|fPresence) != 0 {
		return false
	}
	if st.person != refStaff && !st.staffNamed(before) {
		return false
	}
	for k := from - 1; k >= 0 && k >= from-7; k-- { // "his daughters' (Sofia, 9, and Lucy"
		if st.tf[k]&fRelative != 0 {
			return true
		}
	}
	return false
}

// publicName: a public figure's full name starts at token from, or a few tokens before it and
// reaches it ("Michael J." and "Fox" may be found as two names), in a sentence that does not put
// them in anyone's care: "Tom Hanks came in for a crown today" is about a patient.
func (st *state) publicName(from int) bool {
	if len(st.s.rules.public) == 0 || st.sf&(fCareVerb|fVisit|fRelation|fPresence) != 0 {
		return false
	}
	for k := from; k >= 0 && k >= from-3; k-- {
		if st.publicFigure(k) > int(st.toks[from].start) {
			return true
		}
	}
	return false
}

// officialName: "Thank you to ... Mayor Linda Harrow for joining Saturday's car-seat check": an
// elected official named by their office, thanked or greeted at a public event, in a sentence
// with no care or health in it.
func (st *state) officialName(from int) bool {
	office := officials.has(st.toks[from].hash) || from > 0 && officials.has(st.toks[from-1].hash)
	if !office || st.sf&(fVisit|fRelation|fPresence) != 0 {
		return false
	}
	// "Mayor Hutchins announced at Tuesday's council meeting that she's recovering from knee
	// surgery": the official's own news, told by them in public.
	return st.sf&(fCareVerb|fClinical) == 0 && st.sf&(fGreeting|fEvent) != 0 || st.hasWord(announced)
}

var announced = hashSet("announced", "announces", "shared", "told", "posted", "anunció", "compartió", "dijo")

var officials = hashSet("mayor", "senator", "governor", "congresswoman", "congressman", "principal", "superintendent", "alcalde", "alcaldesa",
	"gobernador", "gobernadora", "senador", "senadora")

// historical reports a sentence set in a year before 1950 ("In 1939 Lou Gehrig..."). Its people are
// history: health information about someone dead more than 50 years is not PHI (45 CFR 160.103), and
// a year three generations back is far enough that no living patient is being described.
func (st *state) historical() bool {
	if !st.digits {
		return false
	}
	for i := 1; i < len(st.toks); i++ {
		t := &st.toks[i]
		if t.kind == tkNum && t.end-t.start == 4 && historyPrep.has(st.toks[i-1].hash) {
			if y := st.word(i); y >= "1000" && y < "1950" && strings.Trim(y, "0123456789") == "" { // not "an A1C of 11.2"
				return true
			}
		}
	}
	return false
}

// welcomeAboard: "Welcome to the team": a new colleague is greeted.
func (st *state) welcomeAboard(k int) bool {
	return k >= 3 && st.toks[k-1].hash == hThe && st.toks[k-2].hash == hTo && welcomeWords.has(st.toks[k-3].hash)
}

var welcomeWords = hashSet("welcome", "bienvenida", "bienvenido")

// rememberColleague keeps the words of a name the text shows is a colleague's, when the sentence
// names a job on the team ("our new hygienist", "the front desk"); "Dana Whitfield, our October
// referral contest winner" is not remembered.
func (st *state) rememberColleague(ns *nameSpan) {
	if st.sf&(fStaffCue|fProvider) == 0 {
		return
	}
	for k := ns.from; k <= ns.to; k++ {
		if st.toks[k].kind == tkWord && st.tf[k]&fTitle == 0 && st.toks[k].end-st.toks[k].start > 1 {
			st.colleagues = append(st.colleagues, st.toks[k].hash)
		}
	}
}

// rememberSage keeps a quoted author's first name and its first three letters, so that "Ben
// would've loved a walk-in flu shot", after "— Benjamin Franklin", is the same sage.
func (st *state) rememberSage(ns *nameSpan) {
	if ns.to == ns.from || st.toks[ns.from].kind != tkWord {
		return
	}
	w := st.word(ns.from)
	st.colleagues = append(st.colleagues, st.toks[ns.from].hash)
	if len(w) > 3 {
		st.colleagues = append(st.colleagues, foldHash(w[:3]))
	}
}

// knownColleague: every word of the name belongs to a colleague the text introduced.
func (st *state) knownColleague(ns *nameSpan) bool {
	if len(st.colleagues) == 0 {
		return false
	}
	for k := ns.from; k <= ns.to; k++ {
		if st.toks[k].kind != tkWord || st.tf[k]&fTitle != 0 || st.toks[k].end-st.toks[k].start <= 1 {
			continue
		}
		if !slices.Contains(st.colleagues, st.toks[k].hash) {
			return false
		}
	}
	return true
}

var attribVerbs = hashSet("shows", "show", "wrote", "writes", "found", "encontró", "led", "confirms")

var historyPrep = hashSet("in", "en", "around", "circa", "of", "de")

// attribution: a name after a dash that opens a line or follows a quote ("- Hippocrates").
func (st *state) attribution(i int) bool {
back:
	for {
		switch {
		case i > 0 && st.capital(i-1) || i > 1 && nameParticles.has(st.toks[i-1].hash) && st.capital(i-2):
			i-- // "— Leonardo da Vinci", "— Ludwig van Beethoven"
		case i > 1 && st.isPunct(i-1, '.') && st.capital(i-2) && st.toks[i-2].end-st.toks[i-2].start == 1:
			i -= 2 // "— A.A. Milne", "— C. S. Lewis"
		default:
			break back
		}
	}
	if st.workBy(i) {
		return true
	}
	k := i - 1
	if k < 0 || st.toks[k].kind != tkPunct {
		return false
	}
	switch w := st.word(k); {
	case w == ",": // "— Miguel de Cervantes, Don Quixote": the work after the author's name; not "— Alicia, Eugene"
		return k > 0 && st.capital(k-1) && st.tf[i]&(fPlace|fPlaceName|fState) == 0 && st.attribution(k-1) && !st.testimonial(k-1)
	case isDash(w):
	case w == "(": // '"...the first step." (Martin Luther King Jr.)'
		return k > 0 && (st.isPunct(k-1, '"') || st.word(k-1) == "”") || st.nearStart(k) && st.quoteBefore()
	default:
		return false
	}
	return st.nearStart(k) || st.toks[k].sp&spLine != 0 || st.isPunct(k-1, '"') || st.word(k-1) == "”"
}

var nameParticles = hashSet("da", "de", "di", "del", "van", "von", "der", "du", "le", "la", "bin", "ibn")

// workBy: the name after "by" or "de" that follows a quoted title or a word for a work: "'Espresso'
// by Sabrina Carpenter", "the song by", "el libro de".
func (st *state) workBy(i int) bool {
	if i >= 2 && st.toks[i-1].hash == hTo && attributed.has(st.toks[i-2].hash) {
		return true // "(often attributed to Zig Ziglar)"
	}
	if i < 2 || !byAuthor.has(st.toks[i-1].hash) {
		return false
	}
	p := st.toks[i-2]
	return p.kind == tkPunct && (p.ch == '\'' || p.ch == '"' || st.word(i-2) == "’" || st.word(i-2) == "”") ||
		workNouns.has(p.hash)
}

var (
	attributed = hashSet("attributed", "credited", "atribuida", "atribuido")
	byAuthor   = hashSet("by", "de", "por")
	workNouns  = hashSet("song", "track", "album", "book", "novel", "poem", "podcast", "film", "movie", "canción", "libro",
		"poema", "película")
)

// quoteBefore reports a closing quote mark just before this sentence: the name that opens it in
// parentheses signs the quote.
func (st *state) quoteBefore() bool {
	at := int(st.toks[0].start)
	for at > 0 && (st.text[at-1] == ' ' || st.text[at-1] == '\t') {
		at--
	}
	return at > 0 && (st.text[at-1] == '"' || strings.HasSuffix(st.text[:at], "”"))
}

// signedQuote: the sentence is a quotation that an attribution signs ("“The great physician treats
// the patient who has the disease.” — William Osler"): a sage's words, about no patient.
func (st *state) signedQuote() bool {
	n := len(st.toks)
	if n == 0 {
		return false
	}
	if !st.isPunct(0, '"') && st.word(0) != "“" && !st.quoteBefore() {
		return false // most sentences: no quotation mark opens them
	}
	rest := strings.TrimLeft(st.text[st.toks[n-1].end:], ".!?;,\"')” \t")
	_, size := utf8.DecodeRuneInString(rest)
	return size > 0 && isDash(rest[:size])
}

// testimonial: a quote's attribution that goes on to tell of care or of a town ("— R.T., six
// weeks into physical therapy for knee arthritis", "— Alicia, Eugene") signs a patient's words,
// not a sage's.
func (st *state) testimonial(to int) bool {
	from := to + 2 // "— Alicia, Eugene"
	if !st.isPunct(to+1, ',') {
		if to+1 >= len(st.toks) || !afterCare.has(st.toks[to+1].hash) {
			return false
		}
		from = to + 1 // "— Ahmad R. after his implant consult with Dr. Okafor"
	}
	told := false
	for k := from; k < len(st.toks) && k <= to+10; k++ {
		if st.tf[k]&fPatient != 0 {
			return true // "— Linda P., breast reconstruction patient and Patient Ambassador"
		}
		if sageWords.has(st.toks[k].hash) || st.tf[k]&(fProvider|fRole) != 0 {
			return false // "— Dame Cicely Saunders, founder of the modern hospice movement"
		}
		told = told || st.tf[k]&(fClinical|fVisit|fCareVerb|fPatient|fPlaceName|fPlace|fRelative) != 0 || st.capital(k) && k == to+2 && st.tf[k]&fTitle == 0
		if told && from == to+1 {
			return true // the care comes before "with Dr. Okafor", who gave it
		}
	}
	return told
}

// aboutTheirs: the name is followed by "about his ...": "a quote from Jamal Price about his
// prostate cancer journey" tells his care, whoever is quoted.
func (st *state) aboutTheirs(to int) bool {
	return to+2 < len(st.toks) && topicWords.has(st.toks[to+1].hash) && possessive.has(st.toks[to+2].hash)
}

// afterCare: an attribution that goes on to say what the person came for.
var afterCare = hashSet("after", "following", "post", "después", "tras")

// sageWords tell what made a quoted person known.
var sageWords = hashSet("founder", "author", "president", "director", "professor", "poet", "writer", "activist",
	"scientist", "philosopher", "ceo", "fundador", "fundadora", "autor", "autora", "escritor", "escritora")

// professionalTitle: "Dr." and "Prof." name clinicians and researchers, not patients.
// civilTitle reports "Mr.", "Mrs.", "Sra.", "Don" at token i or just before it.
func (st *state) civilTitle(i int) bool {
	for k := max(0, i-1); k <= i; k++ {
		if st.tf[k]&fTitle != 0 && civilTitles.has(st.toks[k].hash) {
			return true
		}
	}
	return false
}

var (
	civilTitles = hashSet("mr", "mrs", "ms", "miss", "mx", "sr", "sra", "srta", "don", "doña", "señor", "señora", "señorita", "mister", "madam")
	doctorTitle = hashSet("dr", "dr.", "dra", "dra.", "doctor", "doctora")
)

func (st *state) professionalTitle(i int) bool {
	switch st.toks[i].hash {
	case hDr, hProf, hProfessor:
		return true
	}
	return false
}

var teamWords = hashSet("team", "staff", "equipo")

// ours reports "our" or "nuestro" in the two words before token k.
func (st *state) ours(k int) bool {
	for b := max(0, k-2); b < k; b++ {
		switch st.toks[b].hash {
		case hOur, hNuestro, hNuestra, hMy:
			return true
		}
	}
	return false
}

var credentials = hashSet("md", "do", "dds", "dmd", "rdh", "rn", "np", "pa", "pa-c", "lcsw", "lpc", "lmft",
	"dpt", "pt", "ot", "od", "dc", "phd", "psyd", "aprn", "fnp", "fnp-c", "cnm", "crna", "pharmd", "msw",
	"rd", "aud", "ms", "cma", "cda", "lpn", "ocs", "facs", "faap", "lmhc", "lac", "bcba", "mft", "ccc-slp")

// staffContext: the name is a colleague's or an author's: a credential after it ("Grace Nguyen,
// LCSW"), a role in apposition ("Bill Thompson, our new billing coordinator"), a staff word near it
// ("Jordan joins our team", "hygienist Jordan Ellis"), or research words ("a Cochrane review").
func (st *state) staffContext(from, to int) bool {
	toks := st.toks
	var all flag
	for k := range toks {
		all |= st.tf[k]
	}
	k := to + 1
	if st.isPunct(k, ',') {
		k++
	}
	if k < len(toks) && credentials.has(toks[k].hash) && toks[to].sp&spPoss == 0 {
		return true // "Megan Walsh, OT"; "Ava's OT" is Ava's therapist
	}
	if k+1 < len(toks) && (toks[k].hash == hOur || toks[k].hash == hNuestro || toks[k].hash == hNuestra) {
		// "Megan, our hygienist"; not "Ernesto, nuestro vecino" or "Ana, our bravest patient".
		return st.tf[k+1]&(fRole|fRelative|fPatient|fEndear) == 0
	}
	if from > 0 && st.tf[from-1]&fProvider != 0 {
		return true
	}
	caring := all&(fRelation|fCareVerb|fClinical|fVisit) != 0
	for k := max(0, from-5); k <= min(len(toks)-1, to+5); k++ {
		if k >= from && k <= to {
			continue
		}
		// "tell Addie we said" and "Happy to report Mr. Okoye is resting" are ours, and "Jun
		// Takahashi's lipid panel shows" the panel's, not an attribution to the name.
		// "Shows" attributes ("a study shows") only where no one's care is told: "Gary shows the
		// exercises he learned after his surgery" is Gary's care. "Said" and "reports" still
		// attribute there: a public figure's own words ("said on his podcast that therapy...").
		if st.tf[k]&fAttrib != 0 && !(k > 0 && (st.tf[k-1]&fPron1 != 0 || st.toks[k-1].hash == hTo)) && (k < from || st.toks[to].sp&spPoss == 0) &&
			!(caring && (attribVerbs.has(toks[k].hash) || k < from && st.aboutTheirs(to))) {
			return true
		}
		if st.tf[k]&fStaffCue != 0 && !caring && (!teamWords.has(toks[k].hash) || st.ours(k) || st.welcomeAboard(k)) && !st.toTheWorld(k) {
			return true // "our team", "Welcome to the team, Brianna!"; not "su equipo"
		}
	}
	return false
}

// toTheWorld: "¡Bienvenida al mundo, Valeria!" welcomes a newborn, not a colleague.
func (st *state) toTheWorld(k int) bool {
	toks := st.toks
	return k+2 < len(toks) && (toks[k+1].hash == hAl && toks[k+2].hash == hMundo ||
		k+3 < len(toks) && toks[k+1].hash == hTo && toks[k+2].hash == hThe && toks[k+3].hash == hWorld)
}

var hAl, hMundo, hWorld = foldHash("al"), foldHash("mundo"), foldHash("world")

// toldInPublic: the sentence retells health news its subject made public: "his publicly reported
// Achilles tear", "the Ducks' head coach on KEZI last night talking about his own melanoma
// scare", "a pro quarterback talk openly about his dental anxiety on a podcast". Such news is
// the person's own telling, not the practice's disclosure.
func (st *state) toldInPublic() bool {
	return st.hasWord(publicly) || st.hasWord(ownWords) && st.talked() || st.wentPublic() || st.toThePress()
}

// talked: someone talks or shares; not the opening exclamation "Talk about trust: the school
// nurse brought her own son in today".
func (st *state) talked() bool {
	for i := range st.toks {
		if talkWords.has(st.toks[i].hash) && !(st.nearStart(i) && i+1 < len(st.toks) && st.toks[i+1].hash == hAbout) {
			return true
		}
	}
	return false
}

// toThePress: "said at Tuesday's press conference", "told reporters", "en conferencia de prensa".
func (st *state) toThePress() bool {
	for i := 1; i < len(st.toks); i++ {
		h, prev := st.toks[i].hash, st.toks[i-1].hash
		if prev == hPress && pressEvents.has(h) || h == hPrensa && prev == hDe || h == hReporters && prev == hTold {
			return true
		}
	}
	return false
}

// wentPublic: "went public this week about her postpartum depression".
func (st *state) wentPublic() bool {
	for i := 1; i < len(st.toks); i++ {
		if st.toks[i].hash == hPublic && goWords.has(st.toks[i-1].hash) {
			return true
		}
	}
	return false
}

var (
	hPress, hPrensa = foldHash("press"), foldHash("prensa")
	hReporters      = foldHash("reporters")
	hTold           = foldHash("told")
	pressEvents     = hashSet("conference", "conferences", "briefing", "release")
	hPublic         = foldHash("public")
	goWords         = hashSet("went", "gone", "going", "goes", "go")
	publicly        = hashSet("publicly", "públicamente", "publicamente", "openly", "abiertamente")
	ownWords        = hashSet("own", "propia", "propio")
	talkWords       = hashSet("talk", "talking", "talked", "talks", "spoke", "speaks", "shared", "opened", "opens", "habló", "hablando",
		"compartió")
)

// notReal: "(not a real person)", "not an actual patient", "(let's call her Maria)": the text's
// person is an example.
func (st *state) notReal() bool {
	toks := st.toks
	fiction := st.sf&fGeneric != 0                                   // "imaginary", "ficticio" are generic words
	notReal := st.sf&fNegation != 0 && st.sf&(fAnyone|fPatient) != 0 // "not a real person"
	for i := 0; i+2 < len(toks); i++ {
		if fiction && fictional.has(toks[i].hash) {
			return true // "Sam is an imaginary 8-year-old", "paciente ficticio"
		}
		if (toks[i].hash == hLets || toks[i].hash == hLet && toks[i].sp&spPoss != 0) && toks[i+1].hash == hCall &&
			toks[i+2].lex&fPron3 != 0 {
			return true
		}
		if notReal && i+3 < len(toks) && notWords.has(toks[i].hash) && (toks[i+1].hash == hA || toks[i+1].hash == hAn) &&
			realWords.has(toks[i+2].hash) && st.tf[i+3]&(fAnyone|fPatient) != 0 {
			return true
		}
	}
	return false
}

var (
	fictional   = hashSet("imaginary", "fictional", "fictitious", "hypothetical", "made-up", "ficticio", "ficticia", "imaginario", "imaginaria")
	realWords   = hashSet("real", "actual")
	hLets, hLet = foldHash("let's"), foldHash("let")
	hCall       = foldHash("call")
)
