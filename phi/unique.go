package phi

// "As the only pediatric oncologist in Bend, I...": a superlative of uniqueness tied to a place
// names one person as surely as a name does, whatever their job. The role lexicon cannot list
// every profession, so the shape of the phrase decides.

var (
	uniqueWords  = hashSet("only", "sole", "first", "único", "única", "unico", "unica", "primer", "primera")
	uniqueBefore = hashSet("the", "el", "la", "our", "your", "my", "their", "his", "her", "town's", "city's")
	uniqueScope  = hashSet("in", "at", "on", "of", "en", "de", "del")
	// uniqueTown: "the only female dentist in town", with no capitalised place.
	uniqueTown = hashSet("town", "city", "county", "state", "district", "school", "team", "village", "valley",
		"area", "region", "island", "pueblo", "ciudad", "condado", "escuela", "equipo", "barrio", "colonia")
	// uniqueThing: the head noun of something that is not a person.
	uniqueThing = hashSet("practice", "office", "clinic", "place", "one", "ones", "thing", "time", "way",
		"option", "provider", "practices", "offices", "clinics", "dentist's", "center", "hospital", "reason",
		"day", "days", "visit", "appointment", "question", "clínica", "consultorio", "lugar", "vez", "opción",
		"call", "calls", "job", "shift", "week", "month", "year", "race", "marathon", "ironman", "triathlon", "5k", "10k",
		"game", "match", "tournament", "season", "trip", "carrera", "maratón", "partido", "torneo")
)

// findUnique reports "the only X in <place>" about a person: the speaker ("I", "as the only",
// "soy la única") or someone described, never the practice ("we are the only practice in Bend").
func (st *state) findUnique() {
	toks := st.toks
	for i := 1; i+2 < len(toks); i++ {
		if !uniqueWords.has(toks[i].hash) || !uniqueBefore.has(toks[i-1].hash) || st.cover[i] >= 0 {
			continue
		}
		scope := -1
		for k := i + 1; k < len(toks) && k <= i+5; k++ {
			if toks[k].kind != tkWord {
				break
			}
			if uniqueScope.has(toks[k].hash) && k > i+1 {
				scope = k
				break
			}
		}
		if scope < 0 || scope+1 >= len(toks) {
			continue
		}
		head := scope - 1
		if uniqueThing.has(toks[head].hash) || st.tf[head]&(fFacility|fOrg|fGeneric|fEvent) != 0 {
			continue
		}
		place := scope + 1
		if place < len(toks) && (toks[place].hash == hThe || definites.has(toks[place].hash)) {
			place++
		}
		if place >= len(toks) || toks[place].kind != tkWord || !(st.capital(place) || uniqueTown.has(toks[place].hash)) ||
			st.tf[place]&(fWeekday|fMonth|fRelDay) != 0 {
			continue // "his first half marathon on Sunday": a when, not a where
		}
		if !st.uniquePerson() {
			continue
		}
		from := i - 1
		if from > 0 && toks[from-1].hash == foldHash("as") {
			from-- // keep "As the only..." whole in the finding
		}
		st.addTok("role.unique", from, st.end(place), Review, true)
	}
}

var (
	uniqueSelf = hashSet("i", "i'm", "im", "me", "my", "myself", "yo", "soy", "mí", "husband", "wife", "son",
		"daughter", "mother", "father", "mom", "dad", "esposo", "esposa", "hijo", "hija")
	uniqueUs = hashSet("we", "we're", "us", "our", "nosotros", "somos", "nuestro", "nuestra")
)

// uniquePerson reports whether the sentence speaks of a person, not the practice: "As the only
// pediatric dentist in Bend, we..." is the practice advertising.
func (st *state) uniquePerson() bool {
	person := false
	for k := range st.toks {
		h := st.toks[k].hash
		if uniqueSelf.has(h) || st.tf[k]&(fPron3|fRelative|fRole|fPatient) != 0 && !uniqueUs.has(h) {
			person = true
		}
	}
	return person
}
