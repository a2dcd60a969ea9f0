package phi

// tagName reports a hashtag that runs a first name and a surname together in camel case
// ("#DonaldSterling", "#PrayForJennySmith"): the tag names a person, and it returns the two
// words. A first name alone ("#TeamPhil") is left to the learned recogniser, and a name that
// goes on into other words ("#MartinLutherKingDay") is a holiday, an award or a foundation.
func (st *state) tagName(i int) (first, surname string, ok bool) {
	t := &st.toks[i]
	if t.kind != tkTag {
		return "", "", false
	}
	words := st.s.rules.lex.words
	w := st.text[t.start+1 : t.end]
	var prev flag
	last := ""
	for len(w) > 0 {
		n := camelPart(w)
		part := w[:n]
		f := capitalPartFlags(words, part)
		w = w[n:]
		if prev&fFirst != 0 && f&(fSurname|fTopSurname) != 0 && (prev|f)&cueFlags == 0 && prev&f&fCommon == 0 {
			for len(w) > 0 { // only digits, underscores or more names may follow
				n := camelPart(w)
				if g := capitalPartFlags(words, w[:n]); n > 1 && isUpper(w[0]) && (g&(fFirst|fSurname) == 0 || g&(fCommon|cueFlags) != 0) {
					return "", "", false
				}
				w = w[n:]
			}
			return last, part, true
		}
		prev, last = f, part
	}
	return "", "", false
}

// tagOwner reports a hashtag that makes something someone's: "#JennysNewSmile", a first name
// with an "s" before more words, or "#LaNuevaSonrisaDeSofi", a name after "De" at its end.
func (st *state) tagOwner(i int) bool {
	t := &st.toks[i]
	if t.kind != tkTag {
		return false
	}
	words := st.s.rules.lex.words
	w := st.text[t.start+1 : t.end]
	prev := ""
	for len(w) > 0 {
		n := camelPart(w)
		part := w[:n]
		w = w[n:]
		if len(part) > 3 && part[len(part)-1] == 's' && len(w) > 0 && isUpper(w[0]) {
			f := capitalPartFlags(words, part[:len(part)-1])
			next := foldHash(w[:camelPart(w)])
			if f&fFirst != 0 && f&(fCommon|cueFlags) == 0 && (personalThing.has(next) || words.get(next)&fClinical != 0) {
				return true // "Jennys" + "NewSmile", not "Oscars" + "ForVenezuela"
			}
		}
		if len(w) == 0 && prev == "De" && len(part) > 2 && isUpper(part[0]) {
			// A name, or an unknown word that is not a Spanish plural ("#DiaDeMuertos").
			f := capitalPartFlags(words, part)
			return f&fFirst != 0 && f&(cueFlags|fCommon) == 0 || f == 0 && part[len(part)-1] != 's'
		}
		prev = part
	}
	return false
}

// capitalPartFlags looks up one camel-case word; only capitalised words of two letters or more
// count ("#iPhone", "#ACamp").
func capitalPartFlags(words *wordTable, part string) flag {
	if len(part) < 2 || !isUpper(part[0]) {
		return 0
	}
	return words.get(foldHash(part))
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// camelPart is the length of the first word of a camel-case run: "JennySmith" -> "Jenny",
// "RIPJohnny" -> "RIP", "team_phil" -> "team", "2024Smith" -> "2024".
func camelPart(w string) int {
	i := 1
	switch {
	case w[0] == '_':
		return 1
	case isDigit(w[0]):
		for i < len(w) && isDigit(w[i]) {
			i++
		}
		return i
	}
	if isUpper(w[0]) && len(w) > 1 && isUpper(w[1]) {
		for i < len(w) && isUpper(w[i]) && (i+1 == len(w) || isUpper(w[i+1]) || w[i+1] == '_' || isDigit(w[i+1])) {
			i++
		}
		return i
	}
	for i < len(w) && !isUpper(w[i]) && w[i] != '_' && !isDigit(w[i]) {
		i++
	}
	return i
}
