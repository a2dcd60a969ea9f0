package phi

// A recovery told as a milestone names the condition by its cure: "he drove himself home for the
// first time in a year", "the room doesn't spin anymore", "ya no tiene mareos y volvió a manejar".
// Told of one person in a practice's post or answer, it is that person's health even with no
// clinical word in it.

// milestoneText are the phrases that tell a change from how things were.
var milestoneText = [][]string{
	{"for", "the", "first", "time", "in"}, {"for", "the", "first", "time", "since"},
	{"first", "time", "in"}, {"anymore"}, {"no", "longer"},
	{"finally", "able"}, {"without", "his", "cane"}, {"without", "her", "cane"},
	{"without", "a", "cane"}, {"without", "the", "cane"}, {"without", "his", "walker"},
	{"without", "the", "rail"}, {"without", "the", "railing"}, {"without", "help"}, {"sin", "ayuda"},
	{"without", "her", "walker"}, {"without", "the", "walker"}, {"without", "crutches"},
	{"ya", "no"}, {"ya", "pudo"}, {"volvió", "a"}, {"por", "fin"},
	{"otra", "vez"}, {"de", "nuevo"}, {"sin", "bastón"}, {"sin", "muletas"},
	{"sin", "andadera"}, {"después", "de", "tantos"}, {"después", "de", "tantas"},
}

var milestoneWords = func() [][]uint64 {
	out := make([][]uint64, len(milestoneText))
	for i, m := range milestoneText {
		out[i] = hashes(m...)
	}
	return out
}()

// milestoneFirst holds the first word of each milestone phrase: most words start none, and cost
// one lookup.
var milestoneFirst = func() wordSet {
	var ws []string
	for _, m := range milestoneText {
		ws = append(ws, m[0])
	}
	return hashSet(ws...)
}()

// thirdPersonVerbs follow a Spanish milestone with its subject left out, as Spanish does: "ya no
// tiene mareos", "por fin pudo masticar", "volvió a manejar". "Puede" is left out: "Ya puede pedir
// sus resurtidos en línea" speaks to every reader, as usted.
var thirdPersonVerbs = hashSet("pudo", "tiene", "siente", "camina", "caminó", "duerme", "durmió", "maneja",
	"manejó", "come", "comió", "usa", "necesita", "toma", "le", "volvió", "anda", "sube", "subió", "carga", "cargó")

var hQue = foldHash("que")

func hashes(words ...string) []uint64 {
	out := make([]uint64, len(words))
	for i, w := range words {
		out[i] = foldHash(w)
	}
	return out
}

// milestone returns the first and last token of a milestone clause told of one person who is not
// a colleague, or -1, -1.
func (st *state) milestone(c *cues) (int, int) {
	if c.generic || c.aggregate || st.person == refStaff || st.ctx == Message {
		return -1, -1 // advice ("if it doesn't hurt anymore"), counts, colleagues, direct messages
	}
	one := c.specific && (c.pronoun || c.subject)
	if !one && !st.spanish() {
		return -1, -1 // only Spanish leaves the person out
	}
	toks := st.toks
	for i := range toks {
		if !milestoneFirst.has(toks[i].hash) {
			continue
		}
		for _, m := range milestoneWords {
			if i+len(m) > len(toks) || !hashesAt(toks, i, m) || !one && !st.thirdPerson(i, i+len(m)) {
				continue
			}
			return st.clause(i)
		}
	}
	return -1, -1
}

// thirdPerson: in Spanish, a verb of the third person in the milestone or right after it stands
// for the person left unnamed ("volvió a manejar", "ya no tiene mareos", "por fin pudo").
func (st *state) thirdPerson(from, after int) bool {
	if !st.spanish() {
		return false
	}
	for k := from; k <= after && k < len(st.toks); k++ {
		if thirdPersonVerbs.has(st.toks[k].hash) {
			return k+1 >= len(st.toks) || st.toks[k+1].hash != hQue // "ya no tiene que esperar" is advice
		}
	}
	return false
}

// clause returns the bounds of the clause around token i: from the punctuation before it to the
// punctuation after it, at most eight words either side.
func (st *state) clause(i int) (int, int) {
	from, to := i, i
	for from > 0 && from > i-8 && st.toks[from-1].kind != tkPunct {
		from--
	}
	for to+1 < len(st.toks) && to < i+8 && st.toks[to+1].kind != tkPunct {
		to++
	}
	return from, to
}
