package phi

import "strings"

// Photos, videos and their descriptions: a picture of a patient needs a signed release; a picture
// of an event's crowd needs a look; a photo ID is a document.

// tagWords are how "tag yourself" and "etiquétate" are written, lower case, capitalised or in
// capitals (strings.Contains is far cheaper than a case-blind search).
var tagWords = []string{"ag your", "AG YOUR", "tiquet", "tiquét", "TIQUET", "TIQUÉT"}

var photoNoun = hashSet("photo", "photos", "pic", "pics", "picture", "pictures", "gallery", "shots",
	"images", "image", "video", "videos", "fotos", "foto", "album", "albums", "álbum", "álbumes")

// eventPhoto: "pics from our 5K", "fotos de la feria", "health fair photos".
func (st *state) eventPhoto(i int) bool {
	if i > 0 && st.tf[i-1]&fEvent != 0 {
		return true
	}
	if i+2 < len(st.toks) && st.plain[i+1] && st.toks[i+1].shape&shCap == 0 && st.tf[i+1] == 0 {
		i++ // "el álbum completo de la feria"
	}
	if i+1 < len(st.toks) && (st.toks[i+1].hash == hFrom || st.toks[i+1].hash == hOf || st.toks[i+1].hash == hDe || st.toks[i+1].hash == hAt) {
		for k := i + 2; k < len(st.toks) && k <= i+5; k++ {
			if st.tf[k]&fEvent != 0 {
				return true
			}
		}
	}
	return false
}

// tagsReaders: "tag yourself", "etiquétense", anywhere in the post: the photos show the people who
// read it. Asked only once a photo word appears, and then of the whole text once.
func (st *state) tagsReaders() bool {
	if st.tagged == tagUnknown {
		st.tagged = tagNo
		for _, s := range tagWords {
			if strings.Contains(st.text, s) {
				st.tagged = tagYes
				break
			}
		}
	}
	return st.tagged == tagYes
}

// pictured reads a photo's description, as alt text or a caption gives it: "[photo: about a
// dozen families with kids posing in front of our balloon arch]". People in it need a release;
// a child by age or anyone with a clinical word is a patient.
func (st *state) pictured(i int) (people, patient bool) {
	toks := st.toks
	if i+1 < len(toks) && toks[i+1].kind == tkNum {
		i++ // "[Photo 2: families at the bounce house]"
	}
	if !st.isPunct(i+1, ':') {
		return false, false
	}
	for k := i + 2; k < len(toks) && k <= i+16 && !st.isPunct(k, ']') && !st.isPunct(k, ')'); k++ {
		f := st.tf[k]
		switch {
		case st.ageNoun(k) || f&(fPatient|fClinical) != 0 && (f&fWeak == 0 || people):
			patient = true // "[foto: ... un adolescente con frenos recién retirados]"
		case f&(fAnyone|fRelative|fRole) != 0:
			people = true
		}
	}
	return people || patient, patient
}

// patientGroup: "our Tuesday cardiac rehab crew", "nuestro grupo de recuperación": a group of
// the practice's patients named by their care; a picture of them shows patients.
func (st *state) patientGroup() bool {
	toks := st.toks
	for k := range toks {
		if !groupNoun.has(toks[k].hash) && !manyPatients.has(toks[k].hash) {
			continue
		}
		our, clinical := false, false
		if manyPatients.has(toks[k].hash) {
			clinical = true // "our Saturday patients": a group of patients needs no clinical word
		}
		for j := max(0, k-5); j < min(len(toks), k+4); j++ {
			h := toks[j].hash
			our = our || j < k && (h == hOur || h == hNuestro || h == hNuestra)
			clinical = clinical || st.tf[j]&fClinical != 0 && (j < k || k+1 < len(toks) && toks[k+1].hash == hDe)
		}
		if our && clinical {
			return true
		}
	}
	return false
}

var groupNoun = hashSet("crew", "group", "class", "program", "grupo", "clase", "programa")

// patientsPhoto: "our patients' photos", "this X-ray from today's shift".
func (st *state) patientsPhoto(i int, c *cues) bool {
	for k := range st.toks {
		if st.tf[k]&fPatient != 0 && st.toks[k].sp&spPoss != 0 {
			return true
		}
	}
	if i > 0 && (st.toks[i-1].hash == hThis || st.toks[i-1].hash == hThese) {
		// "this cone beam scan ... an impacted canine sitting sideways in a 14-year-old's palate"
		return c.all&fRelDay != 0 || c.health && c.all&fPast != 0 || st.childsBody()
	}
	return false
}

// photos: an image of a patient. Before-and-after pictures are always of patients.
func (st *state) photos(c *cues, isCase bool) {
	if st.sf&fPhoto == 0 || st.notOfPatients() {
		return
	}
	for i := range st.toks {
		if st.tf[i]&fPhoto == 0 || st.photoID(i) {
			continue
		}
		end := st.end(i)
		if st.toks[i].hash == hBefore && end > i && !st.nearStart(i) && end+1 < len(st.toks) && st.tf[end+1]&fClinical != 0 && !photoNoun.has(st.toks[end+1].hash) {
			continue // "we work with guys before and after prostate surgery": when, not a picture
		}
		// A phrase ("before and after", "smile makeover") or the one hyphenated word that is one.
		beforeAfter := (end > i || st.toks[i].hash == hBeforeAfter) && (end+1 >= len(st.toks) || st.toks[end+1].kind == tkPunct ||
			photoNoun.has(st.toks[end+1].hash) || c.health)
		people, patient := st.pictured(i)
		switch {
		case isCase || c.specific && (c.subject || c.pronoun || c.all&fRelation != 0) || st.patientsPhoto(i, c) || st.patientGroup() || patient:
			st.addTok("photo.patient", i, end, Block, false)
		case beforeAfter:
			st.addTok("photo.beforeafter", i, end, Review, true)
		case photoNoun.has(st.toks[i].hash) && (st.eventPhoto(i) || st.tagsReaders()) || people:
			st.addTok("photo.event", i, end, Review, true)
		}
	}
}

var hBeforeAfter, hBefore = foldHash("before-and-after"), foldHash("before")

// photoID: "bring a photo ID", "identificación con foto": a document the reader carries.
func (st *state) photoID(i int) bool {
	toks := st.toks
	return i+1 < len(toks) && idWords.has(toks[i+1].hash) || i > 1 && toks[i-1].hash == hCon && idWords.has(toks[i-2].hash)
}

var idWords = hashSet("id", "ids", "identification", "identificación", "identificacion")

// denied reports a word of relationship that the sentence denies: "not one of our patients",
// "these are not our patients", "no es paciente nuestro".
func (st *state) denied(i int) bool {
	return i > 0 && notWords.has(st.toks[i-1].hash) || st.needNotBe(i) || i > 1 && notWords.has(st.toks[i-2].hash) && articles.has(st.toks[i-1].hash) ||
		i > 1 && st.toks[i-2].hash == hNo && serWords.has(st.toks[i-1].hash) // "aunque no sean pacientes nuestros"
}

var (
	hNo      = foldHash("no")
	serWords = hashSet("es", "son", "sea", "sean", "era", "eran")
)

// needNotBe: "you don't need to be a patient", "You don't need a referral or to be a current
// patient", "no necesitas ser paciente": being one is what no one is asked.
func (st *state) needNotBe(i int) bool {
	for k := i - 1; k >= 1 && k >= i-8; k-- {
		if st.toks[k].kind == tkPunct && st.toks[k].ch != ',' {
			return false
		}
		if needWords.has(st.toks[k].hash) && (nots.has(st.toks[k-1].hash) || k > 1 && nots.has(st.toks[k-2].hash)) {
			return true
		}
	}
	return false
}

var (
	needWords = hashSet("need", "needs", "have", "has", "required", "necesitas", "necesita", "necesitan", "tienes", "tiene")
	nots      = hashSet("don't", "dont", "doesn't", "not", "no", "never", "won't")
)

// supposed: "If he is a patient of ours, have him call": a relationship supposed, not told.
func (st *state) supposed(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- { // "whether any person is a patient of ours"
		if whetherWords.has(st.toks[k].hash) && !st.yes(k) { // "Sí, lo vimos" is yes
			return true
		}
	}
	return false
}

// notWords deny what follows; "can't believe you were in a boot" and "no vino a su cita" do not.
var notWords = hashSet("not", "isn't", "aren't", "wasn't", "weren't", "never")

// notOfPatients: the sentence says its picture shows no patient: "(stock photo, not an actual
// patient)", "image from a dental textbook", "manufacturer-provided before/after photos".
func (st *state) notOfPatients() bool {
	for k := range st.toks {
		if notPatientSource.has(st.toks[k].hash) {
			return true
		}
		for j := k - 1; st.toks[k].lex&fPatient != 0 && j >= 0 && j >= k-3; j-- {
			if notWords.has(st.toks[j].hash) {
				return true // "not an actual patient", "these are not our patients"
			}
		}
		for j := k - 1; postVerbs.has(st.toks[k].hash) && j >= 0 && j >= k-2; j-- {
			if st.tf[j]&fNegation != 0 {
				return true // "Why don't we post patient before & after photos?", "no publicamos fotos"
			}
		}
	}
	return false
}

var postVerbs = hashSet("post", "share", "publish", "publicamos", "compartimos", "publicar", "compartir")

var notPatientSource = hashSet("stock", "textbook", "manufacturer", "manufacturer-provided", "illustration",
	"ilustración", "archivo")
