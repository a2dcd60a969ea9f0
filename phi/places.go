package phi

// Places, roles, vehicles and biometrics: what points at one person without naming them.

import "strings"

var (
	hFrom = foldHash("from")
	hAt   = foldHash("at")
	hWho  = foldHash("who")
	hZip  = foldHash("zip")
)

// findPlaces finds street addresses, apartments, ZIP codes, and the homes, schools and
// facilities that locate a person in a sentence about them.
func (st *state) findPlaces(c *cues) {
	toks := st.toks
	p := st.s.profile
	aboutSomeone := c.specific || st.anyCaseIn(st.sentIndex) || c.all&(fFamily|fRelative|fRole) != 0
	about := aboutSomeone || st.addressed
	// A named place locates a person only in a sentence with someone in it: in a reply, "your
	// house on Maple Street", not "free parking off Q Street".
	someone := about && (!st.addressed || c.specific || c.all&(fFamily|fRelative|fPron2|fPron3) != 0 || len(c.roles) > 0 ||
		st.anyCaseIn(st.sentIndex))
	for _, ns := range c.names {
		someone = someone || about && ns.role != refStaff // not "... for inviting Dr. Okafor"
	}
	// In a post that speaks of no one, a street address beside a day, an event or an institution
	// is where something happens: a flu clinic at the library, 225 5th St.
	// So is one given in answer to a general question ("where's the blood drive?").
	asked := st.rev != nil && st.echo.where && !st.echo.third && !st.echo.incident && len(st.echo.health) == 0
	venue := (!about && st.rev == nil && st.ctx == Post || !aboutSomeone && asked) && st.person != refSubject && len(c.names) == 0 &&
		c.all&(fEvent|fWeekday|fMonth|fOrg) != 0
	for i := 0; i < len(toks); i++ {
		if toks[i].used {
			continue
		}
		from, to, rule := -1, -1, ""
		switch {
		case toks[i].kind == tkNum && len(st.word(i)) <= 6 && !st.isPunct(i-1, '$') && !venue:
			// "1423 Maple Street", "22 W 5th Ave"
			if e, ok := st.streetAfter(i + 1); ok {
				from, to, rule = i, st.addressTail(e), "address.street"
			}
		case st.tf[i]&fApartment != 0 && i+1 < len(toks) && (toks[i+1].kind == tkNum || toks[i+1].shape&shDigit != 0 ||
			st.isPunct(i+1, '#') && i+2 < len(toks) && toks[i+2].shape&shDigit != 0):
			to = i + 1
			if st.isPunct(i+1, '#') {
				to = i + 2
			}
			from, rule = i, "address.unit"
		case st.tf[i]&fState != 0 && i+1 < len(toks) && toks[i+1].kind == tkNum && zip(st.word(i+1)) &&
			(toks[i].shape&shUpper != 0 || toks[i].shape&shCap != 0):
			from, to, rule = i+1, i+1, "address.zip"
		case toks[i].kind == tkNum && i > 0 && st.tf[i-1]&fLocative != 0 && zip(st.word(i)) && about:
			from, to, rule = i, i, "address.zip" // "the only family in 97489"
		case toks[i].hash == hZip && i+2 < len(toks) && zip(st.word(i+2)):
			from, to, rule = i+2, i+2, "address.zip"
		case toks[i].hash == hZip && i+1 < len(toks) && zip(st.word(i+1)):
			from, to, rule = i+1, i+1, "address.zip"
		case about && st.tf[i]&fStreet != 0 && st.tf[i]&fTitle == 0 && i+1 < len(toks) && i > 0 && st.tf[i-1]&fLocative != 0 && !st.saint(i) &&
			(toks[i+1].kind == tkNum || st.capital(i+1) && toks[i].shape&shCap == 0 || st.isPunct(i+1, '.') && st.capital(i+2)):
			// "on Highway 9", "en la carretera 99", "de la calle Olmo 214"
			from, to, rule = i, i+1, "address.facility"
			if st.isPunct(i+1, '.') && st.capital(i+2) {
				to = i + 2 // "Av. Hidalgo"
			}
			if to+1 < len(toks) && toks[to+1].kind == tkNum {
				to = st.addressTail(to + 1)
			}
		case about && st.tf[i]&fStreet != 0 && i+1 < len(toks) && i > 1 && st.tf[i-2]&fLocative != 0 &&
			(toks[i+1].kind == tkNum || st.capital(i+1)) && st.tf[i-1]&fStopES != 0:
			from, to, rule = i, i+1, "address.facility"
		case (someone && st.capital(i) && !st.sentenceStart(i) || someone && st.capital(i) && i > 0 && (toks[i-1].hash == hOn || toks[i-1].hash == hFrom)) &&
			!(i > 1 && thingPlaces.has(toks[i-2].hash)):
			// "lives on Maple Street", "from Oak Hill nursing home", "on Highway 9"; not "the
			// overflow lot on Mill Street", which places a lot
			if e, ok := st.placeName(i); ok {
				from, to, rule = i, e, "address.facility"
			}
		case st.tf[i]&fStreet != 0 && spanishStreet.has(toks[i].hash) && st.streetFirst(i) > i:
			from, to, rule = i, st.streetFirst(i), "address.street" // "calle Pino 214", "Av. Hidalgo 45, depto. 3"
		case someone && toks[i].kind == tkWord && toks[i].shape&shDigit != 0 && i+1 < len(toks) && st.tf[i+1]&fStreet != 0 &&
			toks[i+1].shape&shCap != 0:
			from, to, rule = i, i+1, "address.facility" // "14th Street"
		}
		if rule == "" {
			continue
		}
		s, e := int(toks[from].start), int(toks[to].end)
		if p.ownsAddress(st.text[s:e]) || st.spanned(s, e) {
			i = to
			continue
		}
		st.add(rule, s, e, Review, true)
		i = to
	}
}

// thingPlaces are places a street locates that are no one's home: "the overflow lot on Mill Street".
// A store or a shop is left out: "the owner of the hardware store on A Street" is one person.
var thingPlaces = hashSet("lot", "garage", "parking", "entrance", "building", "campus", "door", "stop", "station",
	"estacionamiento")

var spanishStreet = hashSet("calle", "avenida", "av", "avda", "carretera", "camino", "callejón", "privada", "calzada")

// streetFirst accepts the Spanish order, street type first: "calle Pino 214", "Av. Hidalgo 45,
// depto. 3". It returns the last token, or i when there is no address.
func (st *state) streetFirst(i int) int {
	k := i + 1
	if st.isPunct(k, '.') {
		k++
	}
	if !st.capital(k) {
		return i
	}
	for k+1 < len(st.toks) && st.capital(k+1) {
		k++
	}
	if k+1 >= len(st.toks) || st.toks[k+1].kind != tkNum {
		return i
	}
	e := k + 1
	// ", depto. 3", ", apt 4B"
	j := e + 1
	if st.isPunct(j, ',') {
		j++
	}
	if j < len(st.toks) && st.tf[j]&fApartment != 0 {
		j++
		if st.isPunct(j, '.') {
			j++
		}
		if j < len(st.toks) && st.toks[j].shape&shDigit != 0 {
			e = j
		}
	}
	return e
}

// streetAfter accepts one to four words of a street name and a street type: "Maple Street".
func (st *state) streetAfter(j int) (int, bool) {
	for k := j; k < len(st.toks) && k < j+5; k++ {
		t := &st.toks[k]
		if t.kind == tkPunct && t.ch != '.' {
			return 0, false
		}
		if k > j && st.tf[k]&fStreet != 0 && t.shape&shCap != 0 {
			if st.isPunct(k+1, '.') {
				return k + 1, true
			}
			return k, true
		}
		if t.kind == tkWord && t.shape&(shCap|shDigit) == 0 {
			return 0, false
		}
	}
	return 0, false
}

// addressTail extends an address over ", Apt 4B" and ", Springfield, OR 97477".
func (st *state) addressTail(e int) int {
	toks := st.toks
	k := e + 1
	if st.isPunct(k, ',') {
		k++
	}
	if k+1 < len(toks) && st.tf[k]&fApartment != 0 && toks[k+1].shape&shDigit != 0 {
		e = k + 1
	}
	return e
}

func zip(s string) bool {
	if len(s) == 10 && s[5] == '-' {
		s = s[:5]
	}
	if len(s) != 5 {
		return false
	}
	for i := 0; i < 5; i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// placeName accepts capitalised words ending in a facility or street type: "Oak Hill nursing
// home", "Lincoln Elementary", "Maple Street".
func (st *state) placeName(i int) (int, bool) {
	for k := i; k < len(st.toks) && k < i+5; k++ {
		f := st.tf[k]
		if f&(fFacility|fStreet) != 0 && k > i {
			if f&fStreet != 0 && (st.toks[k].shape&shCap == 0 || groupActivity.has(st.toks[k-1].hash)) ||
				k+1 < len(st.toks) && st.tf[k+1]&fOrg != 0 {
				return 0, false // "Caregiver Support Circle" is a group, not a street
			}
			return st.end(k), true
		}
		if !st.capital(k) || f&(cueFlags&^(fCommon|fFacility|fStreet|fPlace|fOrg|fState)) != 0 {
			return 0, false
		}
	}
	return 0, false
}

// groupActivity: what a group does, before "Circle": "Support Circle", "Prayer Circle".
var groupActivity = hashSet("support", "prayer", "healing", "sharing", "reading", "sewing", "drum", "knitting",
	"quilting", "story", "talking", "grief", "wellness")

// findRoles finds descriptions that single out one person: "the mayor's wife", "the driver from
// yesterday's crash", "our town's football coach". Only in a sentence about care or an incident.
func (st *state) findRoles(c *cues) []int {
	out := c.roles[:0]
	incident := c.health || c.care || c.all&(fRelDay|fPast|fPhoto|fIncident|fPresence|fGreeting) != 0 || st.anyCase
	// Kin are a role beside care or an incident: "the twins from the Hwy 126 crash".
	kinCase := c.all&fRelative != 0 && (c.health || c.care && st.lowerCare() || c.all&fIncident != 0)
	if c.all&fRole == 0 && !kinCase && !(st.digits && incident) { // without role words, only "the 19-year-old who came in"
		return out
	}
	toks := st.toks
	for i := range toks {
		// Every person noun is a role word; the set is asked only about those.
		person := toks[i].lex&fRole != 0 && personNoun.has(toks[i].hash) || st.ageNoun(i)
		e := st.end(i)
		// "the twins from Coburg", "both brothers from the Springfield High swim team": kin
		// placed in a town beside care are as identifying as a role.
		kin := false
		if kinCase && st.tf[i]&fRelative != 0 && (i == 0 || toks[i-1].sp&spPoss == 0) {
			_, _, kin = st.fromTown(e)
		}
		if st.jersey(i) && incident {
			out = append(out, i) // "#22 for the Thurston Colts": the player who wears it
			continue
		}
		if st.tf[i]&fRole == 0 && !person && !kin || st.cover[i] >= 0 || st.marianTitle(i) || st.ourTitle(i) || st.roleOffice(e) ||
			st.tf[i]&fPatient == 0 && toks[i].lex&fPatient != 0 || // "the patient portal" is no one
			c.aggregate && st.tf[i]&fPatient != 0 { // "312 reconstructions, 41% of them with the patient's own tissue"
			continue
		}
		// "a Thurston High linebacker with a dislocated shoulder": the school or team names
		// which one, as "the" would.
		definite := (c.health || c.care) && i >= 2 && st.capital(i-1) && st.tf[i-1]&(fFacility|fOrg) != 0 && st.capital(i-2)
		everyone := false // "to every brave kid who got a shot", "a todos los niños"
		for k := max(0, i-4); k < i; k++ {
			if definites.has(toks[k].hash) || toks[k].sp&spPoss != 0 {
				definite = true
			}
			everyone = everyone || quantifiers.has(toks[k].hash)
			if exceptWords.has(toks[k].hash) {
				everyone = false // "Todos aprobados excepto nuestro lanzador estrella": the one left out
			}
		}
		if everyone || st.conditionalBefore(i) || st.ourPlural(i) || st.isPunct(i-1, ',') && toks[i].shape&shCap == 0 && st.tf[i]&fTitle == 0 &&
			(e+1 == len(toks) || toks[e+1].kind == tkPunct) {
			// "if the athlete is under 18"; "thanks to our nurses, drivers and volunteers";
			// "Thanks for the recommendation, neighbor!" speaks to someone, it names no one ("Coach,"
			// capitalised, is a known person)
			continue
		}
		q := e + 1
		if q < len(toks) && st.tf[q]&fRelDay != 0 {
			q = st.end(q) + 1 // "the lady yesterday who..."
		}
		if st.heroAfterAge(i) {
			q++
		}
		follows := q < len(toks) && roleQualifier.has(toks[q].hash) || toks[e].sp&spPoss != 0
		if !definite && person && c.all&(fPast|fCareVerb) != 0 {
			for k := e + 1; k < len(toks) && k <= e+4; k++ {
				if toks[k].hash == hWho {
					definite = true // "an elderly man with dementia who walked away"
					q = k
					break
				}
				if toks[k].kind == tkPunct {
					break
				}
			}
		}
		if definite && (follows && (incident || q < len(toks) && toks[q].hash == hWho) || incident && !person) {
			out = append(out, i)
		}
	}
	return out
}

// conditionalBefore: "if the athlete is under 18": an "if" right before the role's article
// makes the role anyone who fits.
func (st *state) conditionalBefore(i int) bool {
	k := i - 1
	for k > 0 && (definites.has(st.toks[k].hash) || st.toks[k].hash == hA || st.toks[k].hash == hAn) {
		k--
	}
	return k >= 0 && k < i-1 && conditionals.has(st.toks[k].hash) && st.toks[k].hash != hSi
}

// ourPlural: "our nurses, drivers and volunteers": plural people named after "our" are the
// practice's staff, one list of them.
func (st *state) ourPlural(i int) bool {
	if !st.pluralNoun(i) {
		return false
	}
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		if ourWords.has(st.toks[k].hash) {
			return true
		}
	}
	return false
}

// ourTitle: "our Medical Review Officer", "nuestra Directora Médica": a job title the practice
// gives one of its own, capitalised as titles are.
func (st *state) ourTitle(i int) bool {
	if !st.capital(i) || st.toks[i].shape&shUpper != 0 { // "our QB" is the team's
		return false
	}
	k := i
	for k > 0 && st.capital(k-1) && !st.sentenceStart(k) {
		k--
	}
	return k > 0 && ourOwn.has(st.toks[k-1].hash)
}

var ourOwn = hashSet("our", "nuestra", "nuestro")

// roleOffice: "the Lane County Sheriff's Office", "the Mayor's Office": an organisation named
// after its head; and a capitalised role's name for a program, "our free Runner's Check-Up".
func (st *state) roleOffice(e int) bool {
	return st.toks[e].sp&spPoss != 0 && e+1 < len(st.toks) && st.capital(e+1) &&
		(st.tf[e+1]&fOrg != 0 || offices.has(st.toks[e+1].hash) ||
			st.capital(e) && !st.sentenceStart(e) && (st.toks[e].shape|st.toks[e+1].shape)&shUpper == 0) // not "the QB's MRI"
}

var offices = hashSet("office", "oficina", "dept", "association")

// jersey: a number worn for a team, "#22 for the Thurston Colts", "el #10 de los Tigres".
func (st *state) jersey(i int) bool {
	toks := st.toks
	if !st.isPunct(i, '#') || i+3 >= len(toks) || toks[i+1].kind != tkNum || len(st.word(i+1)) > 2 {
		return false
	}
	k := i + 3
	if definites.has(toks[k].hash) && k+1 < len(toks) {
		k++
	}
	return teamOf.has(toks[i+2].hash) && st.capital(k)
}

var teamOf = hashSet("for", "of", "from", "de", "del", "con")

var quantifiers = hashSet("every", "all", "any", "each", "todos", "todas", "cada", "cualquier")

var roleQualifier = hashSet("from", "at", "of", "who", "de", "del", "in", "with", "w", "w/", "on", "que", "hit", "injured")

var definites = hashSet("the", "certain", "both", "ambos", "ambas", "local", "el", "la", "ese", "esa", "este", "esta", "that", "this", "our", "aquel",
	"al", "del", "los", "las", "nuestra", "nuestro")

// fromTown finds "from" or "de" after token e and then, perhaps after "the", capitalised words: a
// town, a school, a team. It returns their first and last token.
func (st *state) fromTown(e int) (from, to int, ok bool) {
	toks := st.toks
	k := e + 1
	if k >= len(toks) || toks[k].hash != hFrom && toks[k].hash != hDe {
		return 0, 0, false
	}
	k++
	if k < len(toks) && (toks[k].hash == hThe || toks[k].hash == hEl || toks[k].hash == hLa) {
		k++
	}
	notPlace := fWeekday | fMonth | fClinical | fVisit
	if !st.capital(k) || st.tf[k]&notPlace != 0 {
		return 0, 0, false // "from the ER Saturday"
	}
	to = k
	for to+1 < len(toks) && to < k+3 && st.capital(to+1) && st.tf[to+1]&notPlace == 0 {
		to++
	}
	return k, to, true
}

// lowerCare reports a care word that is not part of a proper name: "missed a cleaning", not
// "Springfield High".
func (st *state) lowerCare() bool {
	for i := range st.toks {
		if st.tf[i]&(fCareVerb|fVisit|fBehaviour|fRelation|fCost) != 0 && st.toks[i].shape&shCap == 0 {
			return true
		}
	}
	return false
}

// yearsOld: "19-year-old", "6-month-old".
func yearsOld(w string) bool {
	return strings.HasSuffix(w, "-year-old") || strings.HasSuffix(w, "-month-old")
}

// heroAfterAge: "our 8-year-old hero from Veneta": an age, one lower-case word, then "from", "who"...
func (st *state) heroAfterAge(i int) bool {
	toks := st.toks
	q := st.end(i) + 1
	return st.ageNoun(i) && q+1 < len(toks) && toks[q].kind == tkWord && toks[q].shape&shCap == 0 &&
		roleQualifier.has(toks[q+1].hash)
}

// ageNoun: "the 19-year-old who came in": an age that stands for the person, with no noun after it;
// after "a" in a quiz it is anyone of that age ("Quick quiz: A 7-year-old falls off his bike...").
func (st *state) ageNoun(i int) bool {
	t := &st.toks[i]
	toks := st.toks
	if t.kind == tkNum && i+3 < len(toks) && toks[i+1].hash == hY && st.isPunct(i+2, '/') && toks[i+3].hash == hO {
		return !st.wordAt(i+4) || st.tf[i+4]&(fRole|fAnyone|fPatient) == 0 && !personNoun.has(toks[i+4].hash) // "a 16 y/o"
	}
	if t.kind == tkNum && i+2 < len(toks) && ageUnits.has(toks[i+1].hash) && toks[i+2].hash == hOld {
		return !st.wordAt(i+3) || st.tf[i+3]&(fRole|fAnyone|fPatient) == 0 && !personNoun.has(toks[i+3].hash) // "a 2 year old"
	}
	if t.shape&shDigit == 0 || t.kind != tkWord {
		return false
	}
	if !yearsOld(st.word(i)) {
		return false
	}
	return !st.wordAt(i+1) || st.tf[i+1]&(fRole|fAnyone|fPatient) == 0 && !personNoun.has(st.toks[i+1].hash)
}

var ageUnits = hashSet("year", "yr", "month", "week")

// personNoun: "the woman", "the boy" single someone out only with "who", "from", "at", "of".
var personNoun = hashSet("gentleman", "lady", "guy", "woman", "man", "boy", "girl", "kid", "teen",
	"teenager", "student", "muchacho", "muchacha", "señora", "señor", "doña", "joven", "niño", "niña", "hombre",
	"mujer", "resident", "victim", "passenger", "patient", "paciente", "adolescente", "adolescent")

// roleEnd extends a role over "'s wife" or "from yesterday's crash", stopping before a capitalised
// place (reported as an address) and dropping a dangling "on" or "the".
func (st *state) roleEnd(r int) int {
	toks := st.toks
	e := st.end(r)
	if toks[e].sp&spPoss != 0 && e+1 < len(toks) && st.tf[e+1]&fRelative != 0 {
		return e + 1
	}
	if st.heroAfterAge(r) {
		e++
	}
	if e+1 < len(toks) && roleQualifier.has(toks[e+1].hash) && toks[e+1].hash != hWho {
		last := e
		for k := e + 1; k < len(toks) && k <= e+6; k++ {
			t := &toks[k]
			if t.kind != tkWord || t.shape&(shCap|shDigit) != 0 || st.tf[k]&fRelDay != 0 && t.sp&spPoss == 0 || roleVerbs.has(t.hash) {
				break
			}
			last = k
		}
		for last > e && (st.tf[last]&fLocative != 0 || definites.has(toks[last].hash) || roleQualifier.has(toks[last].hash) ||
			toks[last].hash == hAnd || toks[last].hash == hY) {
			last--
		}
		e = last
	}
	return e
}

var exceptWords = hashSet("except", "excepto", "menos", "salvo")

// roleVerbs end a role's qualifier: "the boy with the broken femur | was so brave".
var roleVerbs = hashSet("was", "is", "were", "are", "has", "had", "will", "got", "came", "just")

var drives = hashSet("drives", "drove", "driving", "drive", "with", "maneja", "manejaba", "own", "owns",
	"su", "sus", "whose", "del")

var colors = hashSet("red", "blue", "green", "black", "white", "silver", "gray", "grey", "yellow", "orange",
	"brown", "gold", "maroon", "purple", "pink", "beige", "tan", "old", "new", "beat-up", "rojo", "azul",
	"blanco", "negro", "gris", "verde", "amarillo")

var parking, forWhom = hashSet("parking", "estacionamiento", "parqueo"), hashSet("for", "para")

// parkingFor: "hay estacionamiento gratis para su carro", "free parking for your car": the car of
// whoever comes, not of someone who came ("caminó solo hasta su camioneta en el estacionamiento").
func (st *state) parkingFor(owner int) bool {
	return owner > 0 && forWhom.has(st.toks[owner-1].hash) && possessive.has(st.toks[owner].hash) && st.hasWord(parking)
}

// findPeopleDetails finds a person's vehicle ("his red Ford F-150") and biometrics ("her
// fingerprints").
func (st *state) findPeopleDetails(c *cues) {
	toks := st.toks
	for i := range toks {
		f := st.tf[i]
		switch {
		case f&fVehicle != 0 && st.cover[i] < 0:
			owner := -1
			for k := i - 1; k >= 0 && k >= i-3; k-- {
				if st.tf[k]&(fPron3|fPron2) != 0 || toks[k].sp&spPoss != 0 && st.capital(k) || drives.has(toks[k].hash) {
					owner = k // "his red Ford", "drives the red Ford", "the lady with the yellow VW"
					break
				}
				if !(colors.has(toks[k].hash) || toks[k].hash == hThe || toks[k].hash == hA || st.tf[k]&fVehicle != 0) {
					break
				}
			}
			if owner < 0 || st.tf[owner]&fPron2 != 0 && (!st.addressed || st.youMay()) || st.parkingFor(owner) {
				continue // "so you can wait in your car": anyone's car
			}
			e := st.end(i)
			for e+1 < len(toks) && (st.tf[e+1]&fVehicle != 0 || toks[e+1].shape&shDigit != 0 && toks[e+1].kind == tkWord ||
				colors.has(toks[e+1].hash) || st.capital(e+1) && st.tf[e+1]&cueFlags == 0 || toks[e+1].end-toks[e+1].start == 1 && st.capital(e+1)) {
				e = st.end(e + 1) // "Tesla Model Y", "camioneta roja"
			}
			if e+1 < len(toks) && vehicleThings.has(toks[e+1].hash) {
				continue // "trading her car keys for a fishing rod" describes no car
			}
			start := owner + 1
			for start < i && (toks[start].hash == hThe || toks[start].hash == hA) {
				start++
			}
			owner = start - 1
			if !st.spanned(int(toks[owner+1].start), int(toks[e].end)) {
				st.addTok("vehicle", owner+1, e, Review, true)
			}
		case f&fBiometric != 0 && (c.specific || c.all&(fPatient|fRelation) != 0):
			st.addTok("biometric", i, st.end(i), Block, false)
		}
	}
}

// vehicleThings are nouns a vehicle word modifies: "car keys", "car seat".
var vehicleThings = hashSet("keys", "key", "seat", "seats", "wash", "payment", "insurance", "ride", "rides", "pool", "llaves")

var hSt = foldHash("st")

// saint reports "St. Mark's", "St. Vincent Hospital": a saint's name, not a street.
func (st *state) saint(i int) bool {
	k := i + 1
	if st.isPunct(k, '.') {
		k++
	}
	return st.toks[i].hash == hSt && st.capital(k) && (st.toks[k].sp&spPoss != 0 || k+1 < len(st.toks) && st.tf[k+1]&fOrg != 0)
}
