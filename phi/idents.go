package phi

import "strings"

// keywordRules runs the pattern of each rule whose keyword appears, on the bytes right after it.
func (st *state) keywordRules() {
	rs := st.s.rules
	toks := st.toks
	for i := range toks {
		if toks[i].lex&fKeyword == 0 {
			continue
		}
		for _, kr := range rs.keyword[toks[i].hash] {
			last := i + len(kr.hashes) - 1
			if last >= len(toks) || !hashesAt(toks, i, kr.hashes) {
				continue
			}
			r := kr.rule
			from := int(toks[last].end)
			to := min(len(st.text), from+r.Window)
			m := r.re.FindStringSubmatchIndex(st.text[from:to])
			if m == nil {
				continue
			}
			s, e := from+m[0], from+m[1]
			if len(m) >= 4 && m[2] >= 0 {
				s, e = from+m[2], from+m[3]
			}
			id := st.text[s:e]
			if len(digitsOf(id)) < r.MinDigits || (r.Validate != "" && !validators[r.Validate](id)) {
				continue
			}
			if st.spanned(s, e) {
				continue
			}
			st.add(r.ID, s, e, effectOf(r.Kind), escalates(r.Kind))
			st.markUsed(s, e)
		}
	}
}

func hashesAt(toks []token, i int, hs []uint64) bool {
	for k, h := range hs {
		if tokHash(&toks[i+k]) != h {
			return false
		}
	}
	return true
}

// markUsed flags the tokens inside [s,e) so that no later matcher reads them again.
func (st *state) markUsed(s, e int) {
	for i := range st.toks {
		if int(st.toks[i].start) < e && s < int(st.toks[i].end) {
			st.toks[i].used = true
			st.plain[i] = false
		}
	}
}

// effectOf is what an identifier does to the verdict on its own: the ones that only exist for
// patients (record, health plan, biometrics) block; the rest need a person to look.
func effectOf(k Kind) Verdict {
	switch k {
	case SSN, MRN, HealthPlan, Biometric, Case:
		return Block
	}
	return Review
}

func escalates(k Kind) bool { return effectOf(k) == Review }

// maxCluster bounds the bytes a run of digits and separators is read as one number.
const maxCluster = 48

// numberRules reads each run of digits and separators once and tries the number rules on it.
func (st *state) numberRules() {
	toks := st.toks
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if t.end-t.start > maxCluster {
			continue // a run of digits this long is no identifier
		}
		if t.used || !(t.shape&shDigit != 0 && (t.kind == tkNum || t.kind == tkWord)) &&
			!((t.ch == '(' || t.ch == '+') && t.kind == tkPunct && i+1 < len(toks) && toks[i+1].kind == tkNum && toks[i+1].sp&spSpace == 0) {
			continue
		}
		j := i + 1
		for j < len(toks) {
			n := &toks[j]
			gap := int(n.start - toks[j-1].end)
			if gap > 1 || n.sp&spLine != 0 || int(n.end-t.start) > maxCluster {
				break
			}
			if n.kind == tkNum || (n.kind == tkWord && (n.shape&shDigit != 0 || (n.shape&shUpper != 0 && n.end-n.start <= 4))) ||
				(n.kind == tkPunct && strings.IndexByte("-()./+:", n.ch) >= 0 && gap == 0) {
				j++
				continue
			}
			break
		}
		st.cluster(i, j)
		i = j - 1
	}
}

func (st *state) cluster(i, j int) {
	toks := st.toks
	base := int(toks[i].start)
	text := st.text[base:toks[j-1].end]
	digits := 0
	for k := 0; k < len(text); k++ {
		if isDigit(text[k]) {
			digits++
		}
	}
	if digits >= 7 && digits <= 11 && st.s.profile.phones[lastDigits(text)] {
		st.markUsed(base, base+len(text)) // the practice's own phone or fax: no pattern needs to run
		return
	}
	var claimed [][2]int // spans an earlier rule took, the practice's own numbers included
	taken := func(s, e int) bool {
		for _, c := range claimed {
			if c[0] < e && s < c[1] {
				return true
			}
		}
		return false
	}
	claimedDigits := 0
	for _, r := range st.s.rules.number {
		if claimedDigits == digits {
			break // the whole run is an identifier already
		}
		if digits < r.MinDigits || !gateOpen(r.Validate, text) ||
			len(r.ctx) > 0 && !st.wordBefore(base+len(text), r.Window+len(text), r.ctx) {
			continue // a rule that needs a word such as "fax" before the number, and it is not there
		}
		for _, m := range r.re.FindAllStringSubmatchIndex(text, -1) {
			s, e := base+m[0], base+m[1]
			if len(m) >= 4 && m[2] >= 0 {
				s, e = base+m[2], base+m[3]
			}
			id := st.text[s:e]
			if (r.Validate != "" && !validators[r.Validate](id)) || taken(s, e) || st.spanned(s, e) {
				continue
			}
			if len(r.ctx) > 0 && !st.wordBefore(s, r.Window, r.ctx) {
				continue
			}
			claimed = append(claimed, [2]int{s, e})
			for k := s; k < e; k++ {
				if isDigit(st.text[k]) {
					claimedDigits++
				}
			}
			if (r.Kind == Phone || r.Kind == Fax) && st.s.profile.phones[lastDigits(id)] {
				st.markUsed(s, e) // the practice's own number
				continue
			}
			st.add(r.ID, s, e, effectOf(r.Kind), escalates(r.Kind))
			st.markUsed(s, e)
		}
	}
}

// gateOpen is a cheap test before a rule's pattern runs: an IPv4 address has three dots, a VIN
// is 17 characters without separators, and so on. Most numbers in posts (prices, years, times)
// fail it and cost no regular expression.
func gateOpen(validator, text string) bool {
	switch validator {
	case "ipv4":
		return strings.Count(text, ".") >= 3
	case "ipv6":
		return strings.Count(text, ":") >= 2
	case "vin", "mbi", "iban":
		return hasLetter(text)
	case "nanp", "ssn", "luhn":
		return !hasLetter(text) || strings.ContainsAny(text, "-. ()+")
	}
	return true
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if isASCIIAlpha(s[i]) {
			return true
		}
	}
	return false
}

// wordBefore reports whether one of the words in hs ends within window bytes before byte s.
func (st *state) wordBefore(s, window int, hs []uint64) bool {
	for k := len(st.toks) - 1; k >= 0; k-- {
		t := &st.toks[k]
		if int(t.end) > s {
			continue
		}
		if s-int(t.end) > window {
			return false
		}
		for _, h := range hs {
			if t.hash == h && t.kind == tkWord {
				return true
			}
		}
	}
	return false
}

// partnerBefore: a handle introduced as a creator, influencer or partner the practice works
// with in public. Beside anyone's care it still escalates.
func (st *state) partnerBefore(i int) bool {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if partnerWords.has(st.toks[k].hash) {
			return true
		}
	}
	return false
}

var partnerWords = hashSet("creator", "influencer", "blogger", "podcaster", "partner", "partners", "sponsor",
	"creadora", "creador", "bloguera", "socio", "socia")

// specialTokens judges links, email addresses and @handles.
func (st *state) specialTokens() {
	p := st.s.profile
	for i := range st.toks {
		t := &st.toks[i]
		w := st.word(i)
		switch t.kind {
		case tkEmail:
			_, domain, _ := strings.Cut(strings.ToLower(w), "@")
			if p.emails[strings.ToLower(w)] || p.ownsHost(domain) {
				continue
			}
			st.addTok("email", i, i, Review, true)
		case tkHandle:
			if p.handles[t.hash] {
				continue
			}
			effect := Review
			if orgHandle(w) {
				effect = Allow // an organisation's account, e.g. a partner's
			}
			partner := st.partnerBefore(i)
			if partner {
				effect = Allow // "teaming up with local creator @pnwsunsafe": a public collaborator
			}
			st.addTok("handle", i, i, effect, effect == Review || partner)
		case tkURL:
			host, rest := splitLink(w)
			if p.ownsHost(host) {
				continue
			}
			switch {
			case socialProfile(host, rest):
				st.addTok("social_url", i, i, Review, true)
			case personalHost(host, rest) || st.namedLink(host, rest):
				st.addTok("url", i, i, Review, true)
			}
		}
	}
}

// splitLink returns a link's lower-case host and the rest of it.
func splitLink(link string) (host, rest string) {
	l := strings.ToLower(link)
	if k := strings.Index(l, "://"); k >= 0 {
		l = l[k+3:]
	}
	l = strings.TrimPrefix(l, "www.")
	host, rest, _ = strings.Cut(l, "/")
	return host, rest
}

var socialHosts = map[string]bool{"facebook.com": true, "fb.com": true, "m.facebook.com": true,
	"instagram.com": true, "twitter.com": true, "x.com": true, "tiktok.com": true, "linkedin.com": true,
	"youtube.com": true, "threads.net": true, "snapchat.com": true, "pinterest.com": true, "reddit.com": true}

// socialProfile reports a link to one account on a social network ("facebook.com/jane.doe").
func socialProfile(host, rest string) bool {
	if !socialHosts[host] || rest == "" {
		return false
	}
	first, _, _ := strings.Cut(rest, "/")
	first, _, _ = strings.Cut(first, "?")
	switch first {
	case "", "groups", "events", "pages", "watch", "hashtag", "explore", "p", "reel", "share", "sharer", "intent", "search", "help":
		return false
	case "in", "u", "user":
		return true
	}
	return true
}

var personalHosts = []string{"gofundme.com", "caringbridge.org", "venmo.com", "paypal.me", "cash.app",
	"linktr.ee", "about.me", "blogspot.com", "wordpress.com", "substack.com", "medium.com", "tumblr.com",
	"givesendgo.com", "spotify.com/user", "onlyfans.com", "patreon.com", "wixsite.com", "weebly.com"}

// personalHost reports a link to a person's own page: a fundraiser, blog or payment page.
func personalHost(host, rest string) bool {
	for _, p := range personalHosts {
		if onSite(host, p) {
			return true
		}
	}
	return strings.HasPrefix(rest, "~") || strings.HasPrefix(rest, "@")
}

// namedLink reports a link whose site name or path carries a first name: "noraheals.com",
// "example.org/fundraiser/kyle-spinal-injury". Such pages are about one person.
func (st *state) namedLink(host, rest string) bool {
	if referenceHost(host) {
		return false
	}
	label, _, _ := strings.Cut(host, ".")
	words := st.s.rules.lex.words
	isName := func(s string) bool {
		f := words.get(foldHash(s))
		return f&fFirst != 0 && f&(fCommon|fPlace|fOrg) == 0
	}
	for k := 4; k <= len(label) && k <= 12; k++ {
		if isName(label[:k]) {
			return true
		}
	}
	for _, part := range strings.FieldsFunc(rest, func(r rune) bool { return r == '/' || r == '-' || r == '_' || r == '.' }) {
		if len(part) >= 3 && isName(part) {
			return true
		}
	}
	return false
}

// referenceSites: journals, public-health agencies and professional bodies publish for everyone.
var referenceSites = hashSet("doi.org", "jamanetwork.com", "nejm.org", "ahajournals.org", "acpjournals.org",
	"plos.org", "cell.com", "science.org", "uptodate.com", "medscape.com", "aafp.org", "aad.org", "thelancet.com",
	"bmj.com", "nature.com", "sciencedirect.com", "nih.gov", "cdc.gov", "who.int", "mayoclinic.org",
	"clevelandclinic.org", "webmd.com", "healthline.com", "medlineplus.gov", "ada.org", "aap.org", "acog.org",
	"heart.org", "cancer.org", "nami.org", "samhsa.gov", "cochranelibrary.com", "wikipedia.org", "youtube.com")

// referenceHost: the host is a listed site or one of its subdomains, or any .gov or .edu site.
// It looks each of the host's parent domains up once ("www.cdc.gov", "cdc.gov").
func referenceHost(host string) bool {
	if strings.HasSuffix(host, ".gov") || strings.HasSuffix(host, ".edu") {
		return true
	}
	for h := host; ; {
		if referenceSites.has(foldHash(h)) {
			return true
		}
		dot := strings.IndexByte(h, '.')
		if dot < 0 {
			return false
		}
		h = h[dot+1:]
	}
}

// onSite reports whether host is site or one of its subdomains. It builds no "."+site string:
// it is asked for every link against every listed site.
func onSite(host, site string) bool {
	return host == site || len(host) > len(site) && host[len(host)-len(site)-1] == '.' && strings.HasSuffix(host, site)
}

var orgWords = []string{"county", "health", "clinic", "dept", "foundation", "org", "official", "news",
	"gov", "society", "association", "school", "hospital", "cdc", "who", "ada", "club", "center",
	"city", "council", "cross", "united", "network", "alliance", "fund", "institute", "university",
	"weekly", "daily", "times", "radio", "tv", "magazine", "press", "media", "team", "brewing", "brewery",
	"bakery", "church", "library", "ymca", "restaurant", "winery", "outfitters", "rotary",
	"chamber"}

func orgHandle(h string) bool {
	h = strings.ToLower(h)
	for _, w := range orgWords {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}
