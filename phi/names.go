package phi

import "strings"

// nameSpan is a run of tokens that names a person.
type nameSpan struct {
	from, to int // token indices, inclusive
	rule     string
	role     personRef // refStaff: a colleague or public author; refSubject: possibly a patient
	public   bool      // a public figure: not a colleague, so names listed beside it keep their role
}

// cueFlags are the categories that make a word a cue rather than a name, unless a title or a
// greeting says otherwise ("Hi Bill," is a name; "the bill" is not).
const cueFlags = fTitle | fGreeting | fRelative | fPron3 | fPron2 | fPron1 | fPatient | fCareVerb | fVisit |
	fClinical | fProvider | fBehaviour | fCost | fPhoto | fEvent | fStaffCue | fAttrib | fMonth | fWeekday |
	fRelDay | fFuture | fNegation | fRole | fVehicle | fBiometric | fDevice | fFacility | fStreet |
	fApartment | fStopEN | fStopES | fFamily | fRelation | fGeneric | fPlace | fOrg | fState

// wordAt reports a word a name could be made of here: letters written as one word, not a phrase
// part, not read by an identifier matcher. prepare and markUsed keep st.plain.
func (st *state) wordAt(i int) bool { return i >= 0 && i < len(st.plain) && st.plain[i] }

func (st *state) capital(i int) bool { return st.wordAt(i) && st.toks[i].shape&shCap != 0 }

// acronym: "ADA", "RDH", "EE": short all-capital words are abbreviations, not names.
func (st *state) acronym(i int) bool {
	t := &st.toks[i]
	return t.shape&shUpper != 0 && t.end-t.start <= 4
}

// knownName: a dictionary name that is not an everyday word or a cue.
func (st *state) knownName(i int) bool {
	if !st.wordAt(i) || st.acronym(i) {
		return false
	}
	f := st.tf[i]
	return f&(fFirst|fSurname) != 0 && f&(fCommon|cueFlags) == 0
}

// unknownWord: a capitalised word no list knows; beside a known name it is part of the name.
func (st *state) unknownWord(i int) bool {
	return st.capital(i) && !st.acronym(i) && st.tf[i]&(fCommon|cueFlags|fFirst|fSurname) == 0
}

// diminutive: "Mateíto" (Mateo), "Juanito" (Juan), "Carlitos" (Carlos), "Anita" (Ana): a word
// that, less a diminutive ending and given back its last vowel, is a given name.
func (st *state) diminutive(i int) bool {
	w := st.word(i)
	if n := len(w); n < 5 || !diminutiveTail(w[n-3]|0x20, w[n-2]|0x20, w[n-1]|0x20) {
		return false // most words end otherwise
	}
	for _, suf := range diminutiveEndings {
		n := len(w) - len(suf)
		if n < 2 || !strings.EqualFold(w[n:], suf) {
			continue
		}
		h := foldHash(w[:n])
		for _, back := range givenBack {
			k := h
			for _, r := range back {
				k = hashRune(k, r)
			}
			if f := st.s.rules.lex.words.get(k); f&fFirst != 0 && f&(fCommon|cueFlags) == 0 {
				return true
			}
		}
	}
	return false
}

// diminutiveTail: the last three bytes of every ending below ("ito", "tas", "íto" ends "to").
func diminutiveTail(a, b, c byte) bool {
	return b == 't' && (c == 'o' || c == 'a') || a == 't' && (b == 'o' || b == 'a') && c == 's'
}

var (
	diminutiveEndings = []string{"ítos", "itos", "ítas", "itas", "íto", "ito", "íta", "ita", "cito", "cita"}
	givenBack         = []string{"", "o", "a", "os", "e"}
)

// hyphenGiven: "Min-jun", "Seo-yeon": a capitalised word of two short lower-case halves joined by
// a hyphen, as Korean and Chinese given names are romanised.
func (st *state) hyphenGiven(i int) bool {
	w := st.word(i)
	a, b, ok := strings.Cut(w, "-")
	return ok && len(a) >= 2 && len(a) <= 5 && len(b) >= 2 && len(b) <= 5 && isLowerASCII(a[1:]) && isLowerASCII(b)
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// placeLike: capitalised words after "in", "from", "en" are places unless they are first names,
// and a run that ends in an organisation word ("Island Park", "Red Cross") is not a person.
func (st *state) placeLike(i, e int) bool {
	if i > 0 && st.tf[i-1]&fLocative != 0 && st.tf[i]&fFirst == 0 {
		return true
	}
	return st.orgLike(i, e)
}

// firstNamedPlace: a place that is also a first name, after a preposition that takes places and
// not followed by a surname or a possessive ("in Paris", not "in Jordan's case").
func (st *state) firstNamedPlace(i int) bool {
	t := &st.toks[i]
	if st.tf[i]&fPlaceName == 0 || i == 0 || t.sp&spPoss != 0 {
		return false
	}
	if st.streetCity(i) {
		return true
	}
	if i >= 2 && (st.isPunct(i-1, ',') || andOr.has(st.toks[i-1].hash)) && st.capital(i-2) && st.tf[i-2]&fPlace != 0 {
		return true // "serve Springfield, Eugene and nearby towns": one more town in a list of them
	}
	k := i - 1
	if i >= 3 && andOr.has(st.toks[k].hash) && st.capital(i-2) && st.tf[i-2]&(fPlace|fPlaceName|fState) != 0 {
		k = i - 3 // "en Springfield y Eugene": a second place after the first
	}
	if !placePrep.has(st.toks[k].hash) {
		return false
	}
	return !st.capital(i+1) || st.tf[i+1]&(fPlace|fState|fOrg) != 0
}

// notAPerson: a word the dictionary and the model would both take for a name, that the words
// around it show is a place, a pet, or a Spanish verb.
func (st *state) notAPerson(i int) bool {
	_, place := st.placeName(i)
	return place || st.petName(i) || st.spanishCommand(i) || st.afterClitic(i) || st.saintOrTeam(i) || st.namesEvent(i) ||
		st.ourSite(i) || st.scheduleStop(i)
}

// eponym: "Wagner grade 3", "Apgar score", "a Cochrane review": a name before the scale, test,
// sign or study named after someone is no person in the text. Asked only of words taken for names.
func (st *state) eponym(i int) bool {
	k := i + 1
	return k < len(st.toks) && st.toks[i].sp&spPoss == 0 && st.toks[k].shape&shCap == 0 && eponymNouns.has(st.toks[k].hash)
}

var eponymNouns = hashSet("score", "scores", "grade", "scale", "stage", "classification", "criteria", "maneuver",
	"manoeuvre", "sign", "syndrome", "procedure", "technique", "method", "protocol", "review", "study", "trial")

// scheduleStop: "Mon Gervais, Wed Woodburn": a word right after a weekday and before a comma or
// the end, as a van's or a clinic's schedule lists its towns.
func (st *state) scheduleStop(i int) bool {
	k := i + 1
	return i > 0 && st.tf[i-1]&fWeekday != 0 && (k == len(st.toks) || st.toks[k].kind != tkWord && st.toks[k].sp&spPoss == 0)
}

// ourSite: "our McKenzie satellite clinic", "our Thurston office": a name between "our" and a
// lower-case place noun a word or two on is where the practice works, not a person.
func (st *state) ourSite(i int) bool {
	if i == 0 || st.tf[i-1]&fPron1 == 0 || !ourWords.has(st.toks[i-1].hash) || st.toks[i].sp&spPoss != 0 {
		return false // "our", "my", "nuestra" are first-person words: the flag is asked first
	}
	for k := i + 1; k <= i+2 && st.wordAt(k) && st.toks[k].shape&shCap == 0; k++ {
		if st.tf[k]&(fOrg|fFacility) != 0 {
			return true
		}
	}
	return false
}

// namesEvent: "Thurston tournaments", "Eugene fair": a name before a lower-case event noun names
// the event's town or school.
func (st *state) namesEvent(i int) bool {
	k := i + 1
	return k < len(st.toks) && st.toks[i].sp&spPoss == 0 && st.toks[k].shape&shCap == 0 && eventNouns.has(st.toks[k].hash)
}

var eventNouns = hashSet("tournament", "tournaments", "fair", "festival", "fundraiser", "classic", "invitational",
	"jamboree", "torneo", "torneos", "feria")

// saintOrTeam: "la Iglesia San Juan Diego" names a saint, and "Hi Henry Schein team" a company's
// people.
func (st *state) saintOrTeam(i int) bool {
	toks := st.toks
	if i > 0 {
		k := i - 1
		if st.cover[k] >= 0 {
			k = int(st.cover[k]) // "San Juan", a place phrase, before "Diego"
		}
		if saints.has(toks[k].hash) || k > 0 && saints.has(toks[k-1].hash) && st.capital(k) {
			return true
		}
		if k > 0 && st.isPunct(k, '.') && (toks[k-1].hash == hSt || toks[k-1].hash == hMt) && st.capital(k-1) {
			return true // "St. Joseph's parish hall", "St. Alice Parish", "Mt. Angel"
		}
		// "Nuestra Señora de Guadalupe", "Our Lady of Lourdes", "la Virgen del Carmen"
		if i > 1 && marianOf.has(toks[i-1].hash) && (toks[i-2].hash == hVirgen || st.marianTitle(i-2)) {
			return true // not "la Señora de Jiménez", a married name
		}
	}
	if toks[i].hash == hVirgen && i+2 < len(toks) && marianOf.has(toks[i+1].hash) && st.capital(i+2) {
		return true
	}
	return i+1 < len(toks) && (teamWords.has(toks[i+1].hash) || i+2 < len(toks) && teamWords.has(toks[i+2].hash) && st.capital(i+1))
}

// marianTitle: "Señora" in "Nuestra Señora de Guadalupe", "Lady" in "Our Lady of Lourdes": a
// church's name, not a woman.
func (st *state) marianTitle(i int) bool {
	return i > 0 && i+2 < len(st.toks) && marian.has(st.toks[i].hash) && ourWords.has(st.toks[i-1].hash) &&
		marianOf.has(st.toks[i+1].hash) && st.capital(i+2)
}

var (
	saints   = hashSet("san", "santa", "santo", "saint", "sainte")
	hMt      = foldHash("mt")
	marian   = hashSet("señora", "lady")
	hVirgen  = foldHash("virgen")
	marianOf = hashSet("de", "del", "of")
)

// spanishCommand: "Dale like a esta publicación", "Mira nada más": in Spanish text these are
// commands that English lists as first names, when a lower-case word follows.
func (st *state) spanishCommand(i int) bool {
	return st.spanish() && commandNames.has(st.toks[i].hash) && i+1 < len(st.toks) &&
		st.toks[i+1].kind == tkWord && st.toks[i+1].shape&(shCap|shUpper) == 0
}

// afterClitic: in Spanish, a lower-case word after "le", "se", "nos"... is a verb: "un gerente le
// dará seguimiento", not Dara.
func (st *state) afterClitic(i int) bool {
	return i > 0 && st.toks[i].shape&(shCap|shUpper) == 0 && st.spanish() && clitics.has(st.toks[i-1].hash)
}

var clitics = hashSet("le", "les", "lo", "los", "se", "me", "te", "nos")

var commandNames = hashSet("dale", "mira", "toma", "pasa", "ven", "miren", "cierra", "corre", "marque", "atiende", "llama",
	"lleva", "trae", "cuida", "vea", "mande", "intente")

// namedBusiness: "la Panadería La Estrella", "Taquería El Güero", "la escuela Lincoln", "la
// Escuela Guadalupe": Spanish puts the business's or the school's noun first, then its name.
func (st *state) namedBusiness(i int) bool {
	return i > 1 && st.tf[i-2]&fOrg != 0 && st.capital(i-1) && spanishArticle.has(st.toks[i-1].hash) ||
		i > 0 && st.tf[i-1]&fOrg != 0 && st.spanish() || st.orgOfName(i)
}

// orgOfName: "el valle del McKenzie", "el río del Oso": a place noun, "del", then its name.
func (st *state) orgOfName(i int) bool {
	return i > 1 && st.toks[i-1].hash == hDel && st.tf[i-2]&fOrg != 0 && st.spanish()
}

// streetCity: "796 W 13th Ave, Eugene": the city of a street address. Other towns that are first
// names stay with the model ("saludos a tu familia en Eugene" tells where someone lives).
func (st *state) streetCity(i int) bool {
	return i > 1 && st.tf[i]&fPlaceName != 0 && st.isPunct(i-1, ',') && st.tf[i-2]&fStreet != 0
}

var (
	losLas = hashSet("los", "las")
	hTodos = foldHash("todos") // "Todos los Santos" is a holiday
)

var (
	placePrep = hashSet("in", "from", "near", "en", "desde")
	andOr     = hashSet("and", "or", "y", "o", "&")
)

// petName: "his dog Max", "our office cat, Luna", "su perro Toby": a pet's name is not PHI.
func (st *state) petName(i int) bool {
	k := i - 1
	if st.isPunct(k, ',') {
		k--
	}
	return k >= 0 && pets.has(st.toks[k].hash)
}

var pets = hashSet("dog", "cat", "puppy", "kitten", "pup", "horse", "pony", "bunny", "rabbit", "parrot",
	"hamster", "goldfish", "perro", "perrito", "perrita", "gato", "gatito", "gatita", "mascota", "pet")

// orgLike: a run that holds or ends in an organisation or place word ("Island Park").
func (st *state) orgLike(i, e int) bool {
	firstName := st.tf[i]&fFirst != 0 && e > i
	for k := i; k <= e+1 && k < len(st.toks); k++ {
		if st.tf[k]&(fOrg|fPlace) != 0 && (k <= e || st.capital(k)) {
			return !(firstName && k == e && st.tf[k]&fTopSurname != 0) // "Jenny Park" is a person
		}
		if k > i && st.tf[k]&(fClinical|fProvider) != 0 && st.capital(k) && !st.sentenceStart(k) &&
			!(k == e+1 && st.toks[e].sp&spPoss != 0 && !st.capital(k+1)) { // "Gloria Lopez's MRI" is hers
			return true // "McKenzie Pediatric Therapy", "Smith Dental": a practice's name
		}
	}
	return false
}

// initial reports a single capital letter, optionally followed by '.': "T." in "Mike T.". A bare
// "I" is the pronoun ("so I can't help").
func (st *state) initial(i int) (end int, ok bool) {
	if !st.capital(i) || st.toks[i].end-st.toks[i].start != 1 {
		return 0, false
	}
	if st.isPunct(i+1, '.') {
		return i + 1, true
	}
	return i, st.text[st.toks[i].start] != 'I'
}

// initials finds a person written as initials: "J.R." after "to", "for", "with", a greeting or a
// dash, "J.M.'s school form", "J.M. is doing great", "J.T. from Thurston", and an initial before a
// surname, "C. Delgado". Dotted abbreviations ("U.S.", "P.M.", "R.N.") are not initials.
func (st *state) initials(i int) (int, bool) {
	e, ok := st.initial(i)
	if !ok || e != i+1 || i > 0 && st.toks[i].sp&spSpace == 0 && (st.toks[i-1].kind != tkPunct || strings.IndexByte("&/-+", st.toks[i-1].ch) >= 0) {
		return 0, false // "Q&A. Light snacks"; not “D. Kowalski” after a quote mark
	}
	if st.capital(e+1) && st.toks[e+1].sp&spSpace != 0 && st.tf[e+1]&fSurname != 0 && st.tf[e+1]&cueFlags&^fSpanish == 0 &&
		(st.tf[e+1]&fCommon == 0 || st.tf[e+1]&fTopSurname != 0) {
		return st.extend(e + 1), true // "C. Delgado"
	}
	letters := 1
	for k := e + 1; k+1 < len(st.toks) && st.toks[k].sp == 0 && st.toks[k].end-st.toks[k].start == 1 && st.capital(k) && st.isPunct(k+1, '.'); k += 2 {
		letters++
		e = k + 1
	}
	if letters < 2 || letters > 3 || dottedAbbrevs.has(st.initialsHash(i, e)) {
		return 0, false
	}
	dash := i > 0 && st.toks[i-1].kind == tkPunct && isDash(st.word(i-1)) // "– J.T., driver on route 14"
	k := e + 1
	if dash && st.capital(k) && st.toks[k].sp&spSpace != 0 {
		return st.extend(k), true // "— A.A. Milne": the initials and the surname, one signature
	}
	poss := st.isPunct(k, '\'') && k+1 < len(st.toks) && st.toks[k+1].sp == 0 && st.word(k+1) == "s"
	after := k < len(st.toks) && initialsAfter.has(st.toks[k].hash) // "J.M. is doing great", "J.T. from Thurston"
	return e, poss || after || dash || i > 0 && (initialsBefore.has(st.toks[i-1].hash) || st.tf[i-1]&fGreeting != 0)
}

// isDash reports a dash that opens an attribution.
func isDash(w string) bool {
	switch w {
	case "-", "—", "–", "~", "―":
		return true
	}
	return false
}

// initialsHash hashes the letters of the initials i..e: "J.R." is "jr".
func (st *state) initialsHash(i, e int) uint64 {
	h := uint64(fnvOffset)
	for k := i; k <= e; k += 2 {
		h = hashRune(h, rune(st.text[st.toks[k].start]|0x20))
	}
	return h
}

var (
	initialsBefore = hashSet("to", "for", "with", "and", "from", "para", "con", "y")
	initialsAfter  = hashSet("is", "was", "has", "had", "from", "está", "estuvo", "de")
	dottedAbbrevs  = hashSet("us", "uk", "am", "pm", "dc", "md", "rn", "np", "pa", "bs", "ba", "ma", "ms", "iv", "er", "or",
		"pt", "ot", "tv", "ps", "ad", "bc", "ok", "la", "ny", "nj", "vs", "eg", "ie", "do", "gp", "ob", "ceo", "usa", "rip",
		"cpr", "ent", "ems", "emt", "dds", "dmd", "phd", "lpn", "aka", "asap", "rsvp", "dvm", "od", "ee", "uu")
)

// endsInInitial reports a name i..e that ends in an initial: "Mike T."
func (st *state) endsInInitial(i, e int) bool {
	if st.isPunct(e, '.') {
		e--
	}
	return e > i && st.toks[e].end-st.toks[e].start == 1 && st.toks[e].shape&shCap != 0
}

// pluralSurname: "Thompsons", "Garcias".
func (st *state) pluralSurname(i int) bool {
	w := st.word(i)
	if len(w) < 4 || w[len(w)-1] != 's' {
		return false
	}
	f := st.stemFlags(i, 1)
	return f&fSurname != 0 && f&(cueFlags|fCommon) == 0
}

// extend grows a name from token i over the following name parts and returns the last index.
func (st *state) extend(i int) int {
	end := i
	for k := i + 1; k < len(st.toks) && k <= i+3; k++ {
		if st.toks[k].sp&spLine != 0 || st.toks[k-1].sp&spPoss != 0 {
			break
		}
		if e, ok := st.initial(k); ok {
			end = e
			break
		}
		if st.capital(k) && (st.tf[k]&(fFirst|fSurname) != 0 || st.unknownWord(k)) && st.tf[k]&(cueFlags&^(fCommon)) == 0 {
			end = k
			continue
		}
		if k == i+1 && st.capital(k) && st.tf[i]&fFirst != 0 && st.tf[k]&fTopSurname != 0 &&
			st.tf[k]&(cueFlags&^(fCommon|fOrg|fPlace)) == 0 && st.tf[i]&(cueFlags&^fCommon) == 0 {
			end = k // "Jenny Park", "Susan Cross": a first name makes the next word a surname
			continue
		}
		if st.wordAt(k) && st.toks[k].shape&shCap == 0 && st.toks[i].shape&shCap == 0 && st.tf[k]&fSurname != 0 && st.tf[k]&cueFlags == 0 {
			end = k // "ryan smith": lower case first name, lower case surname
			continue
		}
		break
	}
	return end
}

// sentenceStart reports whether token i is the first word of its sentence.
func (st *state) sentenceStart(i int) bool { return st.toks[i].sp&spFirst != 0 }

// findNames finds the names in the sentence and settles who each one is.
func (st *state) findNames() []nameSpan {
	out := st.names[:0]
	toks := st.toks
	n := len(toks)
	for i := 0; i < n; i++ {
		f := st.tf[i]
		if toks[i].kind == tkTag {
			if _, _, ok := st.tagName(i); ok || st.tagOwner(i) {
				out = append(out, nameSpan{from: i, to: i, rule: "name.hashtag"})
			}
			continue
		}
		// "sharma ji", "Rahim bhai", "Iqbal sahab": a name before a South Asian honorific, in
		// whatever case it is typed.
		if st.sf&fHint != 0 && i+1 < n && honorificAfter.has(toks[i+1].hash) && st.wordAt(i) && toks[i].end-toks[i].start >= 3 &&
			f&(cueFlags|fCommon|fSpanish|fStopEN|fStopES|fPron1|fPron2|fPron3) == 0 && toks[i].shape&shDigit == 0 {
			out = append(out, nameSpan{from: i, to: i + 1, rule: "name.title"})
			i++
			continue
		}
		if toks[i].shape&shCap == 0 && f&(fFirst|fSurname|fTitle|fGreeting|fFamily) == 0 && st.rev == nil {
			continue // the common case: an everyday lower-case word
		}
		if !st.wordAt(i) && !(st.toks[i].pend >= 0 && st.tf[i]&fGreeting != 0) {
			continue
		}
		switch {
		case f&fTitle != 0 && toks[i].pend < 0 && (toks[i].shape&shCap != 0 || !ambiguousTitle.has(toks[i].hash)):
			j := i + 1
			if st.isPunct(j, '.') {
				j++
			}
			if e, ok := st.initial(j); ok {
				out = append(out, nameSpan{from: i, to: e, rule: "name.title"})
				i = e
				continue
			}
			if st.capital(j) && (st.tf[j]&(cueFlags&^(fCommon|fRole)) == 0 || st.tf[j]&fFirst != 0 && st.tf[j]&(fPron1|fPron2|fPron3|fStopEN|fStopES) == 0) ||
				st.wordAt(j) && st.tf[j]&(fFirst|fSurname) != 0 && st.tf[j]&cueFlags == 0 ||
				st.capital(j) && st.tf[j]&fSurname != 0 && st.tf[j]&(cueFlags&^(fCommon|fRole|fPlace)) == 0 { // "Mr. Castellano", "Mrs. Holland"
				e := st.extend(j)
				out = append(out, nameSpan{from: i, to: e, rule: "name.title"})
				i = e
			}
			continue
		case f&fGreeting != 0 && st.nearStart(i):
			j := st.end(i) + 1
			for st.isPunct(j, ',') || st.isPunct(j, '!') || st.isPunct(j, ':') {
				j++
			}
			if j < n && (toks[j].hash == hTo || toks[j].hash == hA && st.spanish()) && st.capital(j+1) {
				j++ // "thanks to Bob", "gracias a Pedro"
			}
			if st.greetable(j) {
				// "Hey Lakeview team!" greets a place's people, not a person.
				if e := st.extend(j); !st.orgLike(j, e) && !(e+1 < n && teamWords.has(toks[e+1].hash)) {
					out = append(out, nameSpan{from: j, to: e, rule: "name.greeting"})
					i = e
				}
			}
			continue
		}
		if !st.wordAt(i) {
			continue
		}
		// The reviewer's own name, however it is written.
		vocativePos := st.capital(i) && (st.isPunct(i+1, ',') || st.isPunct(i+1, '!') || st.isPunct(i-1, ',')) ||
			st.nearStart(i) && f&(fPron1|fPron2|fPron3|fStopEN|fStopES|fGreeting) == 0
		if st.rev != nil && st.echo.names[toks[i].hash] && (f&(cueFlags&^fCommon) == 0 || vocativePos) &&
			(st.capital(i) || f&fCommon == 0 || vocativePos) && toks[i].end-toks[i].start >= 2 {
			e := st.extend(i)
			out = append(out, nameSpan{from: i, to: e, rule: "name.reviewer"})
			i = e
			continue
		}
		// "the Thompsons": a family by its surname in the plural.
		if st.capital(i) && i > 0 && toks[i-1].hash == hThe && f&(cueFlags|fCommon|fSurname) == 0 && st.pluralSurname(i) {
			out = append(out, nameSpan{from: i - 1, to: i, rule: "name.family"})
			continue
		}
		// "la gemelita de los Hernández": Spanish names a family by its surname after "los" (a common
		// surname: "fan de los Timbers" is a team).
		if st.capital(i) && i > 0 && losLas.has(toks[i-1].hash) && f&fTopSurname != 0 && f&(cueFlags&^fCommon) == 0 &&
			st.spanish() && !st.capital(i+1) && !(i > 1 && toks[i-2].hash == hTodos) {
			out = append(out, nameSpan{from: i, to: i, rule: "name.family"})
			continue
		}
		// "the Rios baby", "the Nguyen kids": a surname before a relative.
		if st.capital(i) && i > 0 && toks[i-1].hash == hThe && i+1 < n && st.tf[i+1]&fRelative != 0 &&
			f&(fFirst|fSurname) != 0 && f&(cueFlags&^fCommon) == 0 {
			out = append(out, nameSpan{from: i, to: i, rule: "name.family"})
			continue
		}
		// "We see you, M.", "Proud of you, G.!": an initial spoken to, a name kept half back.
		if toks[i].end-toks[i].start == 1 && st.sf&fPron2 != 0 && st.isPunct(i-1, ',') && toks[i].shape&shCap != 0 &&
			st.text[toks[i].start] != 'I' && st.isPunct(i+1, '.') && (i+2 == n || toks[i+2].kind != tkWord || st.capital(i+2)) {
			out = append(out, nameSpan{from: i, to: i + 1, rule: "name.initial"})
			i++
			continue
		}
		// "April Johnson", "el expediente de Julio Medina": a month that is also a first name,
		// capitalised before a surname, is the first name.
		if f&fMonth != 0 && f&fFirst != 0 && st.capital(i) && st.capital(i+1) && st.tf[i+1]&(fSurname|fTopSurname) != 0 &&
			st.tf[i+1]&(fMonth|fWeekday|fCommon) == 0 {
			e := st.extend(i + 1)
			out = append(out, nameSpan{from: i, to: e, rule: "name.person"})
			i = e
			continue
		}
		// "nuestra querida Yesi", "our sweet Maya": a word of affection after "our" names someone.
		if i > 1 && st.capital(i) && fondWords.has(toks[i-1].hash) && ourWords.has(toks[i-2].hash) &&
			f&(cueFlags&^(fCommon|fGreeting)) == 0 && toks[i].shape&shUpper == 0 {
			e := st.extend(i)
			out = append(out, nameSpan{from: i, to: e, rule: "name.person"})
			i = e
			continue
		}
		// "our friend 'Cowboy'", "celebrating with 'J'": a nickname in quotes after a word for a
		// person or "with" is what the person is called.
		if st.quotedNickname(i) {
			out = append(out, nameSpan{from: i, to: i, rule: "name.person"})
			continue
		}
		// "los gemelos Ramírez", "la bebé Sofía": Spanish puts the name after the relative.
		if i > 1 && st.tf[i-1]&fRelative != 0 && st.capital(i) && spanishArticle.has(toks[i-2].hash) &&
			f&(fFirst|fSurname) != 0 && f&(cueFlags&^fCommon) == 0 {
			e := st.extend(i)
			out = append(out, nameSpan{from: i, to: e, rule: "name.family"})
			i = e
			continue
		}
		// "Karen, we're sorry..." and "..., Karen!": a name spoken to.
		if st.vocative(i) {
			e := st.extend(i)
			out = append(out, nameSpan{from: i, to: e, rule: "name.greeting"})
			i = e
			continue
		}
		// "the Garcia family", "la familia López"; not "Best Family Dentist", a title.
		if st.capital(i) && f&(cueFlags&^fFamily) == 0 && i+1 < n && st.tf[i+1]&fFamily != 0 && i > 0 && !st.capital(i+2) &&
			(households.has(toks[i+1].hash) || toks[i+1].shape&shCap == 0 && (toks[i-1].hash == hThe || toks[i-1].hash == hAnd)) {
			out = append(out, nameSpan{from: i, to: i, rule: "name.family"})
			continue
		}
		if toks[i].hash == hFamilia && st.capital(i+1) && st.tf[i+1]&cueFlags == 0 && st.tf[i+1]&(fFirst|fSurname) != 0 {
			out = append(out, nameSpan{from: i + 1, to: i + 1, rule: "name.family"})
			i++
			continue
		}
		if st.capital(i) && toks[i].sp&spPoss != 0 && st.possessiveName(i) {
			out = append(out, nameSpan{from: i, to: i, rule: "name.possessive"})
			continue
		}
		if toks[i].end-toks[i].start == 1 { // an initial is one letter: most words are not asked
			if e, ok := st.initials(i); ok {
				out = append(out, nameSpan{from: i, to: e, rule: "name.initial"})
				i = e
				continue
			}
		}
		if e, ok := st.dictionaryName(i); ok {
			rule := "name.person"
			if st.endsInInitial(i, e) {
				rule = "name.initial"
			}
			out = append(out, nameSpan{from: i, to: e, rule: rule})
			i = e
		}
	}
	out = st.modelNames(out)
	for k := range out {
		greeting := out[k].rule == "name.greeting"
		st.settleName(&out[k])
		if out[k].role == refSubject && out[k].rule != "name.reviewer" && st.staffFamily(out[:k], out[k].from) {
			out[k].role = refStaff // "coaches his daughters' (Sofia, 9, and Lucy, 6) soccer team" in a staff bio
		}
		// "Hi Karen," speaks to someone who may be a patient; "Happy birthday, Luis Ortega!" to a
		// colleague does not. A first name alone may be a patient who shares it.
		if greeting && (out[k].role != refStaff || out[k].from == out[k].to) || out[k].rule == "name.reviewer" ||
			out[k].role == refSubject && st.thankedBefore(out[k].from) {
			// Also "We're rooting for you, Dan!" under a club's post about Dan, and a post that
			// thanks or congratulates someone: "A heartfelt thank-you to the Delgado family",
			// "¡Feliz cumpleaños a nuestro pacientito Mateo!". Its "your" is theirs.
			st.addressTo(out)
		}
	}
	if !st.addressed && st.greetsFondly() {
		st.addressTo(out) // "¡Ánimo, campeón!", "Hey champ": someone is spoken to, unnamed
	}
	// "by Lauersen, Bertelsen and Andersen", "Congrats Megan & Jordan": names in one list share the
	// role of any of them.
	for pass := 0; pass < 2; pass++ {
		for k := 1; k < len(out); k++ {
			a, b := &out[k-1], &out[k]
			listed := b.from-a.to == 1 || b.from-a.to == 2 && (st.isPunct(a.to+1, ',') || st.isPunct(a.to+1, '&') ||
				st.toks[a.to+1].hash == hAnd || st.toks[a.to+1].hash == hY)
			staffA, staffB := a.role == refStaff && !a.public, b.role == refStaff && !b.public
			// "Hi Carla, Dr. Patel got your message", "Hi Jenny, Tanya here!": a greeting's comma
			// ends it; a titled colleague, or one introducing themself, is not listed with the one
			// greeted.
			greetedThenWriter := a.rule == "name.greeting" && (st.tf[b.from]&fTitle != 0 ||
				b.to+1 < len(st.toks) && introHere.has(st.toks[b.to+1].hash))
			if listed && !greetedThenWriter && a.rule != "name.reviewer" && b.rule != "name.reviewer" && (staffA || staffB) {
				a.role, b.role = refStaff, refStaff
			}
		}
	}
	st.names = out
	return out
}

// nearStart: the word is the sentence's first, perhaps after an emoji or a quote mark.
func (st *state) nearStart(i int) bool {
	for k := 0; k < i; k++ {
		if st.toks[k].kind != tkPunct {
			return false
		}
	}
	return true
}

// greetable: the word after a greeting is a name unless it is an everyday word ("Hi everyone").
func (st *state) greetable(j int) bool {
	if !st.wordAt(j) {
		return false
	}
	f := st.tf[j]
	if st.toks[j].shape&shCap != 0 {
		if f&fMonth != 0 && f&fFirst != 0 && st.isPunct(j+1, ',') && j > 0 && personalGreeting.has(st.toks[j-1].hash) {
			return true // "Hi June," greets a June; "Hello June!" and "Welcome, May" greet the month
		}
		return f&fFirst != 0 && f&(fPron1|fPron2|fPron3|fStopEN|fStopES|fGeneric|fMonth|fWeekday|fTitle) == 0 || f&fSurname != 0 && f&(cueFlags|fCommon) == 0 ||
			f&(fCommon|cueFlags|fFirst|fSurname) == 0 && !st.acronym(j) && !strings.HasSuffix(st.word(j), "ians") // "Thank you, Rotarians!": a club's people
	}
	// lower case: an unambiguous first name, or one that closes the greeting ("hola maría,"), or
	// in a message a word no list knows after an English greeting ("hey maricel!"; the Spanish
	// list lacks "mija" and "vecinos")
	next := j + 1
	closes := next >= len(st.toks) || st.toks[next].kind == tkPunct
	long := st.toks[j].end-st.toks[j].start >= 3
	return f&fFirst != 0 && f&cueFlags == 0 && (f&fCommon == 0 || closes) && long ||
		st.addressed && closes && long && f&(fCommon|fSpanish|cueFlags|fSurname) == 0 && st.toks[j].shape&shDigit == 0 &&
			j > 0 && st.tf[j-1]&fGreeting != 0 && st.tf[j-1]&fSpanish == 0
}

// pluralOfWord: "Caregivers, this one's for you": an unknown word that is the plural of a listed
// one speaks to a group.
func (st *state) pluralOfWord(i int) bool {
	w := st.word(i)
	return st.unknownWord(i) && len(w) > 4 && w[len(w)-1] == 's' && st.stemFlags(i, 1) != 0
}

// vocative: a name followed by a comma at the start of a sentence, or after a comma at its end.
func (st *state) vocative(i int) bool {
	if !st.capital(i) || !(st.tf[i]&(fFirst|fSurname) != 0 || st.unknownWord(i)) || st.tf[i]&(cueFlags&^fCommon) != 0 {
		return false
	}
	if st.tf[i]&fCommon != 0 && st.tf[i]&fFirst == 0 || st.acronym(i) || st.pluralOfWord(i) || st.spanish() && commandNames.has(st.toks[i].hash) {
		return false // "¡Corre, camina o rueda con nosotros!"
	}
	if !st.addressed && st.tf[i]&(fFirst|fSurname) == 0 {
		return false // in a post, only a dictionary name is spoken to
	}
	e := st.extend(i)
	if st.placeLike(i, e) {
		return false
	}
	if st.nearStart(i) && st.isPunct(e+1, ',') {
		return st.addressed || st.tf[i]&fCommon == 0
	}
	last := e + 1
	if st.isPunct(i-1, ',') && (last == len(st.toks) || st.isPunct(last, '!') || st.isPunct(last, '.') || st.isPunct(last, '?')) {
		return st.addressed || st.tf[i]&fCommon == 0
	}
	return false
}

var spanishArticle = hashSet("el", "la", "los", "las")

// introHere: a writer introducing themself after the greeting: "Hi Jenny, Tanya here", "Tanya from Riverside".
var introHere = hashSet("here", "from", "at", "aquí", "aqui", "de")

var (
	honorifics     = []string{"ji", "jee", "bhai", "bhaiya", "sahab", "saheb", "sahib", "didi", "bhabhi"}
	honorificAfter = hashSet(honorifics...)
)

// possessiveName: "Emma's smile", "Grace's braces": a capitalised possessive before a person's
// things is a name even when the word is also an everyday one.
func (st *state) possessiveName(i int) bool {
	f := st.tf[i]
	if f&(cueFlags&^fCommon) != 0 || st.capital(i+1) && st.tf[i+1]&fOrg != 0 || st.saintOrTeam(i) {
		return false // "Pete's Gym" is a business, "St. Joseph's" a parish
	}
	if st.knownName(i) {
		return true
	}
	for k := i + 1; k < len(st.toks) && k <= i+3; k++ {
		if st.tf[k]&(fClinical|fPhoto|fRelative|fVisit|fCost) != 0 || personalThing.has(st.toks[k].hash) {
			strong := st.tf[k]&(fClinical|fRelative) != 0 && st.tf[k]&fWeak == 0
			// An everyday word that is only a surname needs strong care after it: "App's back up!"
			return f&fFirst != 0 || f&fSurname != 0 && (f&fCommon == 0 || strong) || f&fCommon == 0 && (!st.sentenceStart(i) || strong)
		}
	}
	return false
}

// ambiguousTitle: "miss", "don", "madam" are titles only when capitalised ("we'll miss her").
var ambiguousTitle = hashSet("miss", "don", "madam", "mister", "coach", "pastor", "officer", "judge", "deputy")

var personalThing = hashSet("smile", "sonrisa", "journey", "progress", "recovery", "story", "case", "new",
	"first", "transformation", "results", "birthday")

// personAfter: "the Whitfield boy", "the Nguyen kids": a surname before a word for a person.
func (st *state) personAfter(i int) bool {
	return i+1 < len(st.toks) && (st.tf[i+1]&(fRelative|fFamily|fRole|fPatient|fAnyone) != 0 || personNoun.has(st.toks[i+1].hash))
}

// dictionaryName finds a name from the census lists, with the context an ambiguous one needs.
func (st *state) dictionaryName(i int) (int, bool) {
	t := &st.toks[i]
	f := st.tf[i]
	if f&(fFirst|fSurname) == 0 || t.end-t.start < 2 {
		if st.unknownWord(i) && !st.sentenceStart(i) && st.knownName(i+1) && st.capital(i+1) && (t.shape&shUpper == 0 || st.toks[i+1].shape&shUpper != 0) {
			// "Dikembe Mutombo" when the surname is known; not "our IBCLC Megan Walsh", a credential
			return st.extend(i), true
		}
		if st.unknownWord(i) && st.hyphenGiven(i) && st.capital(i+1) && st.tf[i+1]&fTopSurname != 0 {
			return i + 1, true // "Min-jun Park", "Ji-woo Lee": a romanised given name and a common surname
		}
		if st.unknownWord(i) && !st.sentenceStart(i) && st.diminutive(i) {
			return i, true // "con Mateíto", "Juanito": a Spanish given name made small
		}
		return 0, false
	}
	if st.notAPerson(i) || st.firstNamedPlace(i) {
		return 0, false // "Oak Hill nursing home", "Maple Street", "a conference in Paris", "Dale like"
	}
	e := st.extend(i)
	if st.placeLike(i, e) || st.eponym(e) || st.acronym(i) || st.namedBusiness(i) || e == i && i > 0 && st.toks[i-1].hash == hThe && !st.personAfter(i) {
		return 0, false // "fly fishing on the McKenzie", "kayaking the McKenzie": no one is "the" Jones
	}
	if t.shape&shUpper != 0 { // shouting: only unmistakable names
		if st.knownName(i) && f&fFirst != 0 || e > i && st.knownName(i) && st.knownName(e) {
			return e, true
		}
		return 0, false
	}
	if st.endsInInitial(i, e) && f&fFirst != 0 && f&(cueFlags&^fCommon) == 0 && t.shape&shCap != 0 {
		return e, true // "Mike T."
	}
	switch {
	case e == i && wordNames.has(t.hash) && (st.midSentenceAlone(i) || st.subjectAtStart(i)):
		return e, true // "So proud of Mason for...", "Mike was our 100th bell ringer": mostly a name
	case t.shape&shCap == 0: // lower case: only an unambiguous first name, not after a quantity ("2hr max")
		if f&fFirst != 0 && st.knownName(i) && t.end-t.start >= 3 && !(st.spanish() && (f&fSpanish != 0 || st.spanishInflected(i) || st.spanishVerb(i))) &&
			(i == 0 || st.toks[i-1].shape&shDigit == 0) {
			return e, true
		}
		return 0, false
	case st.knownName(i):
		if e == i && st.spanish() && (f&fFirst == 0 || st.sentenceStart(i) && (f&fSpanish != 0 || st.spanishInflected(i))) {
			// Spanish capitalises few words: a lone surname, or a sentence's first word that is also
			// a Spanish word ("Milagros no..."), needs a title or a greeting.
			return 0, false
		}
		if !st.sentenceStart(i) || f&fFirst != 0 || e > i || t.shape&shUpper != 0 {
			return e, true
		}
		return 0, false
	case e > i && f&fFirst != 0 && f&(cueFlags&^fCommon) == 0:
		// "Grace Nguyen", "Jenny Park": an everyday word starts a full name.
		if st.knownName(e) || e == i+1 && st.tf[e]&fTopSurname != 0 && st.tf[e]&(fOrg|fPlace) != 0 {
			return e, true
		}
	}
	return 0, false
}

// wordNames are given names that are also everyday words, and that the SSA counted more than
// 50,000 times since 1960: capitalised alone mid-sentence, they are the name. Words also capitalised
// as virtues, seasons, banks or body parts ("Hope", "Summer", "Chase", "Iris") are left out.
var wordNames = hashSet("mason", "jack", "heather", "amber", "crystal", "peter", "hunter", "dawn", "robin", "frank",
	"victor", "holly", "lily", "martin", "carol", "derrick", "sherry", "cooper", "jay", "dean", "brandy", "ruby",
	"jade", "miles", "rose", "sierra", "tanner", "mike", "melody", "lance", "daisy", "violet", "misty", "drew",
	"hazel", "ivy", "maverick", "gage", "penny", "warren", "willow", "harry", "ray", "amir", "wade", "sandy")

// nicknamers come before a nickname in quotes.
var nicknamers = hashSet("friend", "buddy", "pal", "guy", "patient", "with", "named", "called", "aka", "amigo", "amiga",
	"llamado", "llamada", "apodado", "apodada")

// quotedNickname: one capitalised word or letter between quote marks, after a nickname's cue.
func (st *state) quotedNickname(i int) bool {
	toks := st.toks
	return i > 1 && i+1 < len(toks) && toks[i].kind == tkWord && toks[i].shape&shCap != 0 &&
		toks[i-1].kind == tkPunct && toks[i+1].kind == tkPunct &&
		isQuoteMark(st.word(i-1)) && isQuoteMark(st.word(i+1)) && nicknamers.has(toks[i-2].hash) &&
		st.tf[i]&(cueFlags&^(fCommon|fFirst|fSurname)) == 0
}

func isQuoteMark(w string) bool {
	switch w {
	case "'", "\"", "‘", "’", "“", "”":
		return true
	}
	return false
}

var littleOnes = hashSet("little", "baby", "sweet", "big")

// nameVerbs follow a person who opens a sentence: "Mike was...", "Mason just finished...".
var nameVerbs = hashSet("was", "is", "has", "had", "just", "finished", "completed", "came", "got", "rang", "did")

// subjectAtStart: a capitalised word opens the sentence and a verb a person takes follows it.
func (st *state) subjectAtStart(i int) bool {
	t := &st.toks[i]
	return st.sentenceStart(i) && t.shape&shCap != 0 && t.shape&shUpper == 0 && t.sp&spPoss == 0 &&
		i+1 < len(st.toks) && nameVerbs.has(st.toks[i+1].hash)
}

// midSentenceAlone: capitalised after a lower-case word (not an article), "Little" or a comma, and not
// followed by another capitalised word, as a name is and a title-case heading ("Summer Safety
// Tips") is not.
func (st *state) midSentenceAlone(i int) bool {
	if i == 0 || st.sentenceStart(i) || st.toks[i].shape&shCap == 0 || st.toks[i].shape&shUpper != 0 || st.capital(i+1) {
		return false
	}
	p := &st.toks[i-1]
	if p.hash == hA || p.hash == hAn || p.hash == hThe {
		return false // "a Mason jar"
	}
	return p.kind == tkWord && (p.shape&(shCap|shUpper) == 0 || littleOnes.has(p.hash)) || st.isPunct(i-1, ',')
}

// addressTo marks the text as spoken to someone from this sentence on. The sentence was prepared
// before its names were known, so its Spanish "su" becomes usted's here ("Gracias a la familia
// Hernández por ... los frenos de sus tres hijos"), unless a colleague named before it owns it.
func (st *state) addressTo(names []nameSpan) {
	if !st.addressed && st.spanish() {
		for k := range st.toks {
			if st.ustedSu(k) && st.cover[k] < 0 && !staffBefore(names, k) {
				st.tf[k] |= fPron2
				st.sf |= fPron2
			}
		}
	}
	st.addressed = true
}

// greetsFondly: the sentence opens with a greeting and a word of endearment.
func (st *state) greetsFondly() bool {
	i := 0
	for i < len(st.toks) && st.toks[i].kind != tkWord {
		i++
	}
	if i+1 >= len(st.toks) || st.tf[i]&fGreeting == 0 {
		return false
	}
	k := st.end(i) + 1
	if st.isPunct(k, ',') {
		k++
	}
	return k < len(st.toks) && st.toks[k].lex&fEndear != 0
}

// staffBefore: a colleague is named before token k: "nuestra Dra. Torres celebra el primer día de
// kínder de su hija" is the colleague's daughter, whoever the post then greets.
func staffBefore(names []nameSpan, k int) bool {
	for _, ns := range names {
		if ns.role == refStaff && !ns.public && ns.to < k {
			return true
		}
	}
	return false
}

var (
	fondWords = hashSet("dear", "sweet", "favorite", "favourite", "beloved", "brave", "little", "querida", "querido",
		"adorada", "adorado", "valiente", "linda", "lindo", "pequeña", "pequeño", "consentida", "consentido")
	ourWords = hashSet("our", "my", "nuestra", "nuestro", "mi")
)

var personalGreeting = hashSet("hi", "hey", "dear", "thanks")

// thankedBefore: a greeting, thanks or congratulations earlier in the sentence than token i.
func (st *state) thankedBefore(i int) bool {
	for k := 0; k < i; k++ {
		if st.tf[k]&fGreeting != 0 || thankNouns.has(st.toks[k].hash) {
			return true
		}
	}
	return false
}

var thankNouns = hashSet("thank-you", "cumpleaños")

var (
	hTo      = foldHash("to")
	hAnd     = foldHash("and")
	hY       = foldHash("y")
	hFamilia = foldHash("familia")
	// households name a family capitalised too ("the Garcia Family"); "twins", "brothers",
	// "families" only in lower case after "the" or "and" ("the Okonkwo and Lindqvist families"),
	// as a band's or a company's name is not.
	households = hashSet("family", "familia", "household", "clan")
	hDr        = foldHash("dr")
	hProf      = foldHash("prof")
	hProfessor = foldHash("professor")
	hOur       = foldHash("our")
)

// modelThreshold is the perceptron score above which a word the rules left open is a name. The
// model is less sure than the rules (on the tweet development sets: precision 0.77, recall 0.55 with
// the rules), so its names are shown to the user but do not by themselves change the verdict.
const modelThreshold = 0

// modelNames asks the learned recogniser about capitalised words and dictionary names that no rule
// settled, and adds the runs it calls names.
func (st *state) modelNames(out []nameSpan) []nameSpan {
	m := st.s.rules.model
	toks := st.toks
	taken := st.taken[:len(toks)] // the tokens inside a name the rules found
	clear(taken)
	for _, ns := range out {
		for k := ns.from; k <= ns.to; k++ {
			taken[k] = true
		}
	}
	var fs featureSet
	prev := false
	start := -1
	added := st.added[:0]
	for i := range toks {
		t := &toks[i]
		isName := false
		switch {
		case taken[i]:
			isName = true
		case candidateWord(t) && st.cover[i] < 0 && !t.used && st.tf[i]&(cueFlags&^(fCommon|fPlace|fOrg|fState|fSpanish)) == 0 &&

			(t.shape&(shCap|shUpper) != 0 && !(t.sp&spFirst != 0 && st.tf[i]&fCommon != 0) || st.tf[i]&fFirst != 0 && st.tf[i]&fCommon == 0):
			if st.notAPerson(i) || st.placeLike(i, i) || st.streetCity(i) || st.orgOfName(i) {
				break
			}
			features(&fs, st.text, toks, st.tf, i, prev)
			isName = m.score(&fs) > modelThreshold && !st.eponym(i)
			if isName && start < 0 {
				start = i
			}
			if isName {
				prev = true
				continue
			}
		}
		if start >= 0 {
			added = append(added, nameSpan{from: start, to: i - 1, rule: "name.model"})
			start = -1
		}
		prev = isName
	}
	if start >= 0 {
		added = append(added, nameSpan{from: start, to: len(toks) - 1, rule: "name.model"})
	}
	st.added = added
	return append(out, added...)
}
