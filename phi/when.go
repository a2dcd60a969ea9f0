package phi

import (
	"strconv"
	"strings"
)

// Dates and ages. Safe Harbor counts every date element but the year when it relates to a
// person, and every age over 89. A health fair's date or an offer's deadline relates to no one,
// so a date is reported only in a sentence about a specific person or their care.

var (
	hAgo     = foldHash("ago")
	hLast    = foldHash("last")
	hThis    = foldHash("this")
	hOn      = foldHash("on")
	hIn      = foldHash("in")
	hSince   = foldHash("since")
	hOf      = foldHash("of")
	hDe      = foldHash("de")
	hEl      = foldHash("el")
	hLa      = foldHash("la")
	hOld     = foldHash("old")
	hAged    = foldHash("aged")
	hAge     = foldHash("age")
	hEdad    = foldHash("edad")
	hTurned  = foldHash("turned")
	hTurns   = foldHash("turns")
	hTurning = foldHash("turning")
	hCumplio = foldHash("cumplió")
	hAnos    = foldHash("años")
	hYo      = foldHash("yo")
)

// ambiguousMonth: month and day names that are everyday words when not capitalised.
var ambiguousMonth = hashSet("may", "march", "mar", "jan", "jun", "sun", "sat", "wed", "august", "dec")

var hOr = foldHash("or")

var hEn, hWas, hIs, hO = foldHash("en"), foldHash("was"), foldHash("is"), foldHash("o")

var timeUnits = hashSet("day", "days", "week", "weeks", "month", "months", "year", "years", "yr",
	"yrs", "hours", "hour", "días", "semanas", "meses", "años")

// Words around an age that make it a range of people rather than one person's age.
var genericAgeBefore, genericAgeAfter = hashSet("over", "under", "ages", "between", "from", "least",
	"mayores", "menores", "than"), hashSet("and", "or", "up", "older", "younger", "olds", "adults", "kids",
	"children", "people", "patients", "seniors", "plus", "y", "experience", "experiencia", "practicing",
	"serving")

// findTime finds dates and ages and keeps those tied to a person or their care.
func (st *state) findTime(c *cues) {
	isCase := st.anyCaseIn(st.sentIndex)
	eventish := c.all&fEvent != 0 && c.all&(fRelation|fCareVerb) == 0
	tied := isCase || (c.specific && (c.subject || c.care || st.addressed && c.all&fPron2 != 0) && !eventish && !c.aggregate)
	toks := st.toks
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.used {
			continue
		}
		if end, ok := st.age(i); ok {
			st.judgeAge(i, end, c, isCase)
			i = end
			continue
		}
		if !tied && (!st.addressed || eventish) {
			continue
		}
		end, rule := st.dateAt(i, isCase || st.addressed)
		if rule == "" {
			continue
		}
		if !st.spanned(int(toks[i].start), int(toks[end].end)) {
			if !tied {
				st.deferring = deferPending
			}
			st.addTok(rule, i, end, Review, true)
			st.deferring = deferNone
		}
		i = end
	}
}

// dateAt recognises a date expression starting at token i.
func (st *state) dateAt(i int, isCase bool) (int, string) {
	toks := st.toks
	t := &toks[i]
	f := st.tf[i]
	switch {
	case t.kind == tkNum && numericDate(st.word(i)) && !(i+1 < len(toks) && timeUnits.has(toks[i+1].hash)):
		return i, "date.visit" // not "gone in 7-10 days", a range
	case f&fMonth != 0 && t.pend < 0:
		cap := t.shape&shCap != 0 || !ambiguousMonth.has(t.hash)
		if j, ok := st.dayNumber(i + 1); ok && (cap || t.end-t.start > 3) {
			return st.year(j), "date.visit"
		}
		if cap && i > 0 && (toks[i-1].hash == hIn || toks[i-1].hash == hSince || toks[i-1].hash == hLast ||
			toks[i-1].hash == hDe || toks[i-1].hash == hOn || toks[i-1].hash == hEl || toks[i-1].hash == hFrom ||
			toks[i-1].hash == hEn) && t.end-t.start > 3 {
			return st.year(i), "date.visit"
		}
	case t.kind == tkNum || t.kind == tkWord && t.shape&shDigit != 0:
		// "3rd of March", "3 de marzo", "3 March"
		if day(st.word(i)) {
			j := i + 1
			if j < len(toks) && (toks[j].hash == hOf || toks[j].hash == hDe) {
				j++
			}
			if j < len(toks) && st.tf[j]&fMonth != 0 && toks[j].pend < 0 {
				return st.year(j), "date.visit"
			}
		}
		// "3 weeks ago", "after 18 months"
		if j := i + 1; j < len(toks) && timeUnits.has(toks[j].hash) {
			if j+1 < len(toks) && toks[j+1].hash == hAgo {
				return j + 1, "date.relative"
			}
			if isCase {
				return j, "date.duration" // "after 18 months", "22 months of", "in 3 weeks"
			}
		}
	case (t.hash == hLast || t.hash == hThis || t.hash == hOn || t.hash == hEl) && i+1 < len(toks) &&
		st.tf[i+1]&fWeekday != 0 && (toks[i+1].shape&shCap != 0 || !ambiguousMonth.has(toks[i+1].hash)):
		return i + 1, "date.relative"
	case f&fWeekday != 0 && t.pend < 0 && (t.shape&shCap != 0 || !ambiguousMonth.has(t.hash)) && t.end-t.start > 3:
		return i, "date.relative"
	case t.hash == hThe && i+1 < len(toks) && toks[i+1].shape&shDigit != 0 && toks[i+1].kind == tkWord && day(st.word(i+1)):
		return i + 1, "date.visit" // "on the 14th"
	case f&fRelDay != 0:
		if st.word(i) == "today" || st.word(i) == "Today" || st.word(i) == "hoy" {
			if !isCase {
				return 0, ""
			}
		}
		return st.end(i), "date.relative"
	case t.hash == hLast && i+1 < len(toks) && timeUnits.has(toks[i+1].hash):
		return i + 1, "date.relative"
	}
	return 0, ""
}

// numericDate accepts m/d, m/d/y, m-d-y, m.d.y and y-m-d with real months and days.
func numericDate(s string) bool {
	if s == "24/7" || strings.HasPrefix(s, "24/7/") {
		return false // "open 24/7"
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) < 2 || len(parts) > 3 || len(parts) == 2 && strings.Contains(s, ".") {
		return false
	}
	n := make([]int, len(parts))
	for k, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) > 4 {
			return false
		}
		n[k] = v
	}
	if len(parts[0]) == 4 { // y-m-d
		return len(n) == 3 && n[1] >= 1 && n[1] <= 12 && n[2] >= 1 && n[2] <= 31
	}
	if len(parts) == 3 && len(parts[2]) != 2 && len(parts[2]) != 4 {
		return false
	}
	m, d := n[0], n[1]
	if m > 12 && d <= 12 { // d/m, as written in Spanish
		m, d = d, m
	}
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// day accepts "3", "3rd", "21st".
func day(s string) bool {
	s = strings.TrimRight(strings.ToLower(s), "stndrh")
	v, err := strconv.Atoi(s)
	return err == nil && v >= 1 && v <= 31
}

func (st *state) dayNumber(j int) (int, bool) {
	if j < len(st.toks) && (st.toks[j].kind == tkNum || st.toks[j].shape&shDigit != 0) && day(st.word(j)) {
		return j, true
	}
	return 0, false
}

// year extends a date over ", 2026".
func (st *state) year(j int) int {
	k := j + 1
	if st.isPunct(k, ',') {
		k++
	}
	if k < len(st.toks) && st.toks[k].kind == tkNum && len(st.word(k)) == 4 {
		return k
	}
	return j
}

// age recognises "92-year-old", "92 years old", "aged 92", "turned 100", "100th birthday",
// "in her 90s", "92 años".
func (st *state) age(i int) (end int, ok bool) {
	toks := st.toks
	if toks[i].shape&shDigit == 0 || toks[i].pend >= 0 {
		return 0, false // "her 6-month check": a visit's name, not her age
	}
	w := strings.ToLower(st.word(i))
	if toks[i].kind == tkWord && toks[i].shape&shDigit != 0 {
		n, rest, ok := leadingNumber(w)
		if !ok {
			return 0, false
		}
		ordinal := rest == "th" || rest == "st" || rest == "nd" || rest == "rd"
		switch {
		case strings.HasPrefix(rest, "-year") || strings.HasPrefix(rest, "-yr") || strings.HasPrefix(rest, "-month") || rest == "yo" || rest == "y/o":
			return i, true
		case ordinal && i+1 < len(toks) && birthdayWords.has(toks[i+1].hash) && n >= 18:
			return i + 1, true
		case rest == "s" && n >= 90 && n%10 == 0 && i > 0 && st.tf[i-1]&fPron3 != 0:
			return i, true
		case ordinal && n >= 90 && n <= 120 && st.someonesOrdinal(i):
			return i, true // "Grandma Vera's 100th", "Happy 99th Grandma Ilse!!"
		}
		return 0, false
	}
	if toks[i].kind != tkNum {
		return 0, false
	}
	if i > 1 && toks[i-1].hash == hNumero && toks[i-2].hash == hCumpleanos {
		return i, true // "cumpleaños número 101"
	}
	if i > 0 && (toks[i-1].hash == hAged || toks[i-1].hash == hAge || toks[i-1].hash == hEdad ||
		toks[i-1].hash == hTurned || toks[i-1].hash == hTurns || toks[i-1].hash == hTurning || toks[i-1].hash == hCumplio) {
		return i, true
	}
	if n, _, _ := leadingNumber(st.word(i)); n >= 90 && n <= 120 && i > 0 {
		// "a joy at 93", "Dolores, 91,", "he was 97": an age of 90 or more said plainly
		prev := toks[i-1].hash
		next := i + 1
		noUnit := next >= len(toks) || toks[next].kind == tkPunct && toks[next].ch != '%' && !strings.HasPrefix(st.text[toks[next].start:], "°") ||
			toks[next].hash == hAnd || // "at 100%" is loud, "at 105°F" hot
			prev == hAt && st.tf[next]&fPron3 != 0 // "At 92 he deserves punctuality"
		if noUnit && (prev == hAt || prev == hWas || prev == hIs || (st.isPunct(i-1, ',') || st.isPunct(i-1, '(')) && st.capital(i-2)) ||
			st.isPunct(i-1, '(') && i+1 < len(toks) && toks[i+1].hash == hAnd {
			return i, true
		}
	}
	if j := i + 1; j < len(toks) {
		switch {
		case toks[j].hash == hAnos || toks[j].hash == hYo:
			return j, true
		case toks[j].hash == hY && st.isPunct(j+1, '/') && j+2 < len(toks) && toks[j+2].hash == hO:
			return j + 2, true // "102 y/o"
		case timeUnits.has(toks[j].hash) && j+1 < len(toks) && toks[j+1].hash == hOld:
			return j + 1, true
		}
	}
	return 0, false
}

func leadingNumber(s string) (int, string, bool) {
	k := 0
	for k < len(s) && isDigit(s[k]) {
		k++
	}
	if k == 0 || k > 3 {
		return 0, "", false
	}
	n, _ := strconv.Atoi(s[:k])
	return n, s[k:], true
}

// judgeAge keeps an age of one person: over 89 always, younger only in a sentence about them.
func (st *state) judgeAge(i, end int, c *cues, isCase bool) {
	toks := st.toks
	after := end + 1
	if after < len(toks) && (toks[after].hash == hAnd || toks[after].hash == hOr || toks[after].hash == hY) {
		after++ // "65 and older", but not "97 and sharp as a tack"
	}
	if i > 0 && genericAgeBefore.has(toks[i-1].hash) || i > 1 && genericAgeBefore.has(toks[i-2].hash) ||
		after < len(toks) && genericAgeAfter.has(toks[after].hash) && toks[after].hash != hAnd && toks[after].hash != hOr && toks[after].hash != hY {
		return
	}
	if strings.HasSuffix(strings.ToLower(st.word(end)), "olds") {
		return
	}
	n, _, _ := leadingNumber(strings.ToLower(st.word(i)))
	if n == 0 && i > 0 {
		n, _, _ = leadingNumber(st.word(i))
	}
	start := i
	if i > 0 && (toks[i-1].hash == hAged || toks[i-1].hash == hAge || toks[i-1].hash == hEdad) {
		start = i - 1
	}
	switch {
	case n >= 90 && st.orgBirthday(end):
		// "Happy 100th birthday to the Cedar Creek Volunteer Fire Department!"
	case n >= 90:
		st.addTok("age.over89", start, end, Review, true)
	case isCase || c.specific && c.subject && c.all&fEvent == 0:
		st.addTok("age.patient", start, end, Review, true)
	}
}

// orgBirthday: the age is an organisation's: capitalised words after it end in an
// organisation's noun ("... birthday to the Cedar Creek Volunteer Fire Department").
func (st *state) orgBirthday(end int) bool {
	from := -1
	for k := end + 1; k < len(st.toks) && k <= end+9; k++ {
		if from < 0 && st.capital(k) {
			from = k
		}
		if st.capital(k) && st.tf[k]&fOrg != 0 {
			return st.orgLike(from, k) // not "Evelyn Park"
		}
		if st.toks[k].kind != tkWord || !st.capital(k) && !orgLead.has(st.toks[k].hash) {
			return false // "to Maria Gomez of the Garden Club" is Maria's
		}
	}
	return false
}

var birthdayWords = hashSet("birthday", "bday", "b-day", "birthdays")

var (
	hNumero     = foldHash("número")
	hCumpleanos = foldHash("cumpleaños")
	hHappy      = foldHash("happy")
	ordinalOf   = hashSet("percentile", "anniversary", "day", "time", "year", "visit", "game", "win", "patient", "place",
		"aniversario", "día", "vez")
)

// someonesOrdinal: an ordinal that counts someone's years without "birthday": after a
// possessive ("Vera's 100th", "her 95th") or after "Happy" before a name ("Happy 99th Grandma
// Ilse!!"). "the 100th day of school" and "our 100th patient" count other things.
func (st *state) someonesOrdinal(i int) bool {
	if i == 0 || i+1 < len(st.toks) && ordinalOf.has(st.toks[i+1].hash) {
		return false // "her 95th percentile", "their 100th anniversary"
	}
	if st.toks[i-1].sp&spPoss != 0 || possessive.has(st.toks[i-1].hash) && st.tf[i-1]&fPron3 != 0 {
		return true
	}
	return st.toks[i-1].hash == hHappy && i+1 < len(st.toks) && (st.capital(i+1) || st.tf[i+1]&fRelative != 0)
}

var orgLead = hashSet("birthday", "anniversary", "to", "the", "our", "cumpleaños", "aniversario", "al", "a", "la", "el")
