package phi

// Places, roles, vehicles and biometrics: what points at one person without naming them.

var (
	hFrom   = foldHash("from")
	hAt     = foldHash("at")
	hWho    = foldHash("who")
	hLocal  = foldHash("local")
	hLives  = foldHash("lives")
	hLiving = foldHash("living")
	hZip    = foldHash("zip")
)

// findPlaces finds street addresses, apartments, ZIP codes, and the homes, schools and
// facilities that locate a person in a sentence about them.
func (st *state) findPlaces(c *cues) {
	toks := st.toks
	p := st.s.profile
	about := c.specific || st.anyCaseIn(st.sentIndex)
	for i := 0; i < len(toks); i++ {
		if toks[i].used {
			continue
		}
		from, to, rule := -1, -1, ""
		switch {
		case toks[i].kind == tkNum && len(st.word(i)) <= 6 && !st.isPunct(i-1, '$'):
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
		case toks[i].hash == hZip && i+2 < len(toks) && zip(st.word(i+2)):
			from, to, rule = i+2, i+2, "address.zip"
		case toks[i].hash == hZip && i+1 < len(toks) && zip(st.word(i+1)):
			from, to, rule = i+1, i+1, "address.zip"
		case about && st.capital(i) && !st.sentenceStart(i) || about && st.capital(i) && i > 0 && (toks[i-1].hash == hOn || toks[i-1].hash == hFrom):
			// "lives on Maple Street", "from Oak Hill nursing home", "on Highway 9"
			if e, ok := st.placeName(i); ok {
				from, to, rule = i, e, "address.facility"
			}
		case about && st.tf[i]&fStreet != 0 && st.capital(i) && i+1 < len(toks) && toks[i+1].kind == tkNum && i > 0 &&
			(toks[i-1].hash == hOn || toks[i-1].hash == hFrom || toks[i-1].hash == hAt):
			from, to, rule = i, i+1, "address.facility"
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
			if f&fStreet != 0 && st.toks[k].shape&shCap == 0 {
				return 0, false
			}
			return st.end(k), true
		}
		if !st.capital(k) || f&(cueFlags&^(fCommon|fFacility|fStreet)) != 0 {
			return 0, false
		}
	}
	return 0, false
}

// findRoles finds descriptions that single out one person: "the mayor's wife", "the driver from
// yesterday's crash", "our town's football coach". Only in a sentence about care or an incident.
func (st *state) findRoles(c *cues) []int {
	if c.all&fRole == 0 || !(c.health || c.care || c.all&(fRelDay|fPast|fPhoto) != 0) {
		return nil
	}
	var out []int
	toks := st.toks
	for i := range toks {
		if st.tf[i]&fRole == 0 || st.cover[i] >= 0 {
			continue
		}
		e := st.end(i)
		definite := false
		for k := max(0, i-3); k < i; k++ {
			if toks[k].hash == hThe || toks[k].hash == hLocal || toks[k].sp&spPoss != 0 || toks[k].hash == hEl {
				definite = true
			}
		}
		follows := e+1 < len(toks) && (toks[e+1].hash == hFrom || toks[e+1].hash == hAt || toks[e+1].hash == hOf ||
			toks[e+1].hash == hWho || toks[e+1].hash == hDe) || toks[e].sp&spPoss != 0
		if definite && (follows || c.health || c.care) {
			out = append(out, i)
		}
	}
	return out
}

// roleEnd extends a role over "'s wife" or "from yesterday's crash".
func (st *state) roleEnd(r int) int {
	toks := st.toks
	e := st.end(r)
	if toks[e].sp&spPoss != 0 && e+1 < len(toks) && st.tf[e+1]&fRelative != 0 {
		return e + 1
	}
	if e+1 < len(toks) && (toks[e+1].hash == hFrom || toks[e+1].hash == hAt || toks[e+1].hash == hOf) {
		for k := e + 2; k < len(toks) && k <= e+6; k++ {
			if toks[k].kind == tkPunct || st.tf[k]&fRelDay != 0 && toks[k].sp&spPoss == 0 {
				return k - 1
			}
			e = k
		}
	}
	return e
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
				if st.tf[k]&(fPron3|fPron2) != 0 || toks[k].sp&spPoss != 0 && st.capital(k) {
					owner = k
					break
				}
			}
			if owner < 0 || st.tf[owner]&fPron2 != 0 && !st.addressed {
				continue
			}
			e := st.end(i)
			for e+1 < len(toks) && (st.tf[e+1]&fVehicle != 0 || toks[e+1].shape&shDigit != 0 && toks[e+1].kind == tkWord) {
				e = st.end(e + 1)
			}
			if !st.spanned(int(toks[owner+1].start), int(toks[e].end)) {
				st.addTok("vehicle", owner+1, e, Review, true)
			}
		case f&fBiometric != 0 && (c.specific || c.all&(fPatient|fRelation) != 0):
			st.addTok("biometric", i, st.end(i), Block, false)
		}
	}
}
