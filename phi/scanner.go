package phi

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Scanner checks documents against the rules and one practice's profile. It is safe for
// concurrent use.
type Scanner struct {
	rules   *Rules
	profile *practice
	raw     Profile
	pool    sync.Pool // *state
}

var defaultRules struct {
	once sync.Once
	r    *Rules
	err  error
}

// DefaultRules returns the embedded rule set, loading and validating it on first use.
func DefaultRules() (*Rules, error) {
	defaultRules.once.Do(func() { defaultRules.r, defaultRules.err = loadRules() })
	return defaultRules.r, defaultRules.err
}

func loadRules() (*Rules, error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	var files [][]byte
	for _, name := range []string{"rules/identifiers.json", "rules/detectors.json"} {
		b, err := rulesFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("rules: %w", err)
		}
		files = append(files, b)
	}
	rs, err := parseRules(lx, files...)
	if err != nil {
		return nil, err
	}
	mf, err := rulesFS.Open("rules/names/person.model")
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	defer mf.Close()
	if rs.model, err = readModel(mf); err != nil {
		return nil, err
	}
	pb, err := rulesFS.ReadFile("rules/names/public.txt")
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if rs.public, err = parsePublicNames(pb); err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	for _, id := range usedRuleIDs {
		if rs.byID[id] == nil {
			return nil, fmt.Errorf("rules: the scanner uses rule %q, which no rule file defines", id)
		}
	}
	return rs, nil
}

// New returns a scanner for one practice with the embedded rules.
func New(p Profile) (*Scanner, error) {
	rs, err := DefaultRules()
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	s := &Scanner{rules: rs, profile: compileProfile(p, rs.lex), raw: p}
	s.pool.New = func() any { return &state{} }
	return s, nil
}

// Profile returns the practice profile the scanner was made with.
func (s *Scanner) Profile() Profile { return s.raw }

// Scan checks one document and, when it is not allowed, proposes a safe text.
func (s *Scanner) Scan(doc Document) (Result, error) { return s.scan(doc, true) }

// Check is Scan without the suggestion, for callers that only need the verdict and findings
// (triage, bulk audits): a suggestion for a flagged post costs a second scan to verify it.
func (s *Scanner) Check(doc Document) (Result, error) { return s.scan(doc, false) }

func (s *Scanner) scan(doc Document, suggest bool) (res Result, err error) {
	if len(doc.Text) > MaxDocument {
		return Result{}, ErrTooLarge
	}
	ctx, err := ParseContext(string(doc.Context))
	if err != nil {
		return Result{}, err
	}
	if r := doc.InReplyTo; r != nil && len(r.Text)+len(r.Author) > MaxDocument {
		return Result{}, fmt.Errorf("in_reply_to: %w", ErrTooLarge)
	}
	st := s.pool.Get().(*state)
	defer func() {
		// A bug in a rule must cost one document, not the stream or the request it is in; the
		// state it left half-written is dropped, and the error names no content.
		if p := recover(); p != nil {
			res, err, st = Result{}, ErrInternal, nil
		}
		if st != nil {
			s.pool.Put(st)
		}
	}()
	st.reset(s, doc.Text, ctx, doc.InReplyTo)
	if doc.InReplyTo != nil {
		st.readReview(doc.InReplyTo)
		st.addressed = !st.echo.org // thanking "Pete's Gym" speaks to no patient
	}
	if ctx == Comment && (doc.InReplyTo == nil || strings.Contains(doc.InReplyTo.Text, "?")) && generalOpener(doc.Text) {
		// "Great question! Painless clicking is super common..." under "is it normal for my knee
		// to click?", or under a question not passed in: a public answer that says it is general,
		// to whoever asks.
		st.echo.question, st.echo.personal = true, false
	}
	lx := lexer{text: doc.Text, lx: s.rules.lex}
	for {
		var ok bool
		if st.toks, ok = lx.sentence(st.toks); !ok {
			break
		}
		st.analyse()
	}
	res = st.finish()
	if suggest {
		spanish := st.spanish()
		s.pool.Put(st)
		st = nil
		res.Suggestion = s.suggest(doc, ctx, res, spanish)
	}
	return res, nil
}

// finish settles each finding's effect now that the whole document is known, and the verdict.
func (st *state) finish() Result {
	if st.subject && st.addressed {
		// "Thanks Sam! Glad the strep test came back fast": once a reply is known to speak to a
		// patient, its care words and dates are about them too.
		for _, h := range st.pending {
			if h.Kind == Case {
				st.anyCase = true
			}
			st.hits = append(st.hits, h)
		}
	}
	if st.anyCase {
		// A post that describes one patient's care describes it in more than one sentence.
		st.hits = append(st.hits, st.later...)
	}
	// Findings in text order, the longer first at one start, else in the order they were found.
	// The small keys are sorted rather than the hits themselves, which are large to move.
	order := st.order[:0]
	for i := range st.hits {
		order = append(order, hitKey{start: int32(st.hits[i].Start), end: int32(st.hits[i].End), i: int32(i)})
	}
	slices.SortFunc(order, func(a, b hitKey) int {
		if a.start != b.start {
			return int(a.start - b.start)
		}
		if a.end != b.end {
			return int(b.end - a.end)
		}
		return int(a.i - b.i)
	})
	st.order = order
	res := Result{Verdict: Allow, Findings: make([]Finding, 0, len(order))}
	lastEnd, lastKind := -1, Kind("")
	for _, k := range order {
		h := st.hits[k.i]
		if st.madeUp && h.Kind == Name {
			h.Effect, h.escalate = Allow, false // named before the text said it made them up
		}
		if h.Start < lastEnd && h.Kind == lastKind {
			continue // the same thing found twice
		}
		if h.escalate && h.Effect != Allow && (st.anyCase || st.healthNear(h.sent, h.Kind == Device)) {
			h.Effect = Block
		}
		if h.Effect.rank() > res.Verdict.rank() {
			res.Verdict = h.Effect
		}
		res.Findings = append(res.Findings, h.Finding)
		lastEnd, lastKind = h.End, h.Kind
	}
	return res
}

// healthNear reports health context in sentence i or next to it; in a direct message, which
// speaks of one person, anywhere in it ("Name: Derek Olsen ... Procedure: lumbar MRI"). For a
// device's serial, a device that is care counts ("a DreamStation CPAP ... serial P0523188745B").
func (st *state) healthNear(i int, device bool) bool {
	from, to := i-1, i+1
	if st.ctx == Message {
		from, to = 0, len(st.sents)-1
	}
	for j := from; j <= to; j++ {
		if j >= 0 && j < len(st.sents) && (st.sents[j].health || device && st.sents[j].therapy) {
			return true
		}
	}
	return false
}
