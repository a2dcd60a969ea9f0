package phi

import "strings"

// Quantities told of one person are health information even with no clinical word: the weight
// someone lost, the strength of their medication.

// weightLost: a number of pounds or kilos after "down", "lost", "bajó": weight told of someone.
// "Our members lost 500 pounds combined" is a group's.
func (st *state) weightLost(i int) bool {
	toks := st.toks
	return i > 0 && i+1 < len(toks) && toks[i-1].pend < 0 && st.cover[i-1] < 0 && weightLoss.has(toks[i-1].hash) && weightUnits.has(toks[i+1].hash) &&
		!countAtLeast(st.word(i), 200) && !st.hasWord(together)
}

var (
	weightLoss  = hashSet("down", "lost", "dropped", "gained", "bajó", "perdió", "subió", "bajé", "perdí")
	weightUnits = hashSet("lbs", "lb", "pounds", "kilos", "kg", "libras")
	together    = hashSet("combined", "total", "together", "juntos", "juntas", "entre")
)

// dose: "20mg", "0.5 mg", "250mcg": a strength of a medication.
func (st *state) dose(i int) bool {
	w := st.word(i)
	k := 0
	for k < len(w) && (isDigit(w[k]) || w[k] == '.') {
		k++
	}
	if k == 0 {
		return false
	}
	if k < len(w) {
		return doseUnit(w[k:])
	}
	return st.toks[i].kind == tkNum && i+1 < len(st.toks) && doseUnit(st.word(i+1))
}

func doseUnit(s string) bool {
	for _, u := range [...]string{"mg", "mcg", "ml", "milligrams"} {
		if strings.EqualFold(s, u) {
			return true
		}
	}
	return false
}

// bloodPressure: "158/94", "124/80": a systolic of 80 to 250 over a lower diastolic of 40 to 140.
// A date ("10/12") starts at 31 or less; "24/7" is neither.
func bloodPressure(w string) bool {
	top, bottom, ok := strings.Cut(w, "/")
	s, rest, ok1 := leadingNumber(top)
	d, rest2, ok2 := leadingNumber(bottom)
	return ok && ok1 && ok2 && rest == "" && rest2 == "" && s >= 80 && s <= 250 && d >= 40 && d <= 140 && d < s
}
