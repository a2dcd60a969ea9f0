package phi

import (
	"io"
	"math/rand/v2"
	"strings"
)

// LabelledSentence is a tokenised sentence with person-name labels, as in a CoNLL file.
type LabelledSentence struct {
	Tokens []string
	Person []bool
}

// TrainNameModel trains the person-name perceptron and writes the model file to w.
func TrainNameModel(sents []LabelledSentence, epochs int, seed uint64, w io.Writer) error {
	rs, err := DefaultRules()
	if err != nil {
		return err
	}
	var data []example
	for _, s := range sents {
		data = append(data, prepareLabelled(rs, s)...)
	}
	m := &nameModel{w: make([]float32, modelSize)}
	total := make([]float64, modelSize) // for averaging
	stamp := make([]int, modelSize)
	step := 1
	update := func(fs *featureSet, delta float32) {
		for k := 0; k < fs.n; k++ {
			id := fs.ids[k]
			total[id] += float64(step-stamp[id]) * float64(m.w[id])
			stamp[id] = step
			m.w[id] += delta
		}
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5bd1e995))
	var fs featureSet
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(data), func(i, j int) { data[i], data[j] = data[j], data[i] })
		for _, ex := range data {
			prev := false
			for i := range ex.toks {
				if !candidateWord(&ex.toks[i]) {
					prev = false
					continue
				}
				features(&fs, ex.text, ex.toks, ex.tf, i, prev)
				guess := m.score(&fs) > 0
				if guess != ex.gold[i] {
					if ex.gold[i] {
						update(&fs, 1)
					} else {
						update(&fs, -1)
					}
				}
				prev = guess // as at inference
				step++
			}
		}
	}
	for id := range m.w {
		total[id] += float64(step-stamp[id]) * float64(m.w[id])
		m.w[id] = float32(total[id] / float64(step))
	}
	return m.writeModel(w)
}

// candidateWord: the model judges words only; links, numbers and punctuation are never names.
func candidateWord(t *token) bool {
	return (t.kind == tkWord || t.kind == tkTag) && t.shape&shLetter != 0 && t.shape&shDigit == 0
}

type example struct {
	text string
	toks []token
	tf   []flag
	gold []bool
}

// prepareLabelled lexes a labelled sentence the way Scan would, one lexer sentence per example,
// and carries the labels over by byte offsets.
func prepareLabelled(rs *Rules, s LabelledSentence) []example {
	text, starts := Detokenize(s.Tokens)
	st := &state{s: &Scanner{rules: rs, profile: compileProfile(Profile{}, rs.lex)}, text: text}
	l := lexer{text: text, lx: rs.lex}
	var out []example
	for {
		var ok bool
		if st.toks, ok = l.sentence(st.toks); !ok {
			return out
		}
		rs.lex.matchPhrases(st.toks)
		st.prepare()
		ex := example{text: text, toks: append([]token{}, st.toks...), tf: append([]flag{}, st.tf...)}
		for _, t := range st.toks {
			g := false
			for k, start := range starts {
				if s.Person[k] && int(t.start) < start+len(s.Tokens[k]) && start < int(t.end) {
					g = true
				}
			}
			ex.gold = append(ex.gold, g)
		}
		out = append(out, ex)
	}
}

// Detokenize joins a tokenised sentence back into text as it was written, and returns where
// each token starts. The tweet corpora split "Ms." into "Ms" "." and "Trump's" into "Trump"
// "'" "s"; joined with spaces, "Ms . Gaynes" is text no one types, and the title rule rightly
// does not read it as a title.
func Detokenize(toks []string) (string, []int) {
	var b strings.Builder
	starts := make([]int, len(toks))
	glue := true // no space before the next token
	for i, t := range toks {
		if !glue && !attachLeft(toks, i) {
			b.WriteByte(' ')
		}
		starts[i] = b.Len()
		b.WriteString(t)
		glue = i+1 < len(toks) && attachRight(t, toks[i+1])
	}
	return b.String(), starts
}

// attachLeft: closing punctuation and the pieces of a contraction join the word before.
func attachLeft(toks []string, i int) bool {
	t := toks[i]
	if i == 0 {
		return false
	}
	switch strings.ToLower(t) {
	case ".", ",", "!", "?", ":", ";", ")", "]", "%", "...", "…", "'s", "'m", "'re", "'ll", "'ve", "'d", "n't", "’s":
		return true
	case "'", "’":
		return i+1 < len(toks) && contraction(toks[i+1])
	case "n":
		return i+2 < len(toks) && (toks[i+1] == "'" || toks[i+1] == "’") && toks[i+2] == "t"
	}
	return contraction(t) && (toks[i-1] == "'" || toks[i-1] == "’")
}

// attachRight: an opening bracket, "@" or "#" joins the word after.
func attachRight(t, next string) bool {
	switch t {
	case "(", "[", "@", "#":
		return next != "" && !strings.ContainsAny(next[:1], " .,!?:;)]")
	}
	return false
}

func contraction(t string) bool {
	switch strings.ToLower(t) {
	case "s", "t", "m", "re", "ll", "ve", "d":
		return true
	}
	return false
}
