package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/auth"
	"github.com/bedsidehq/bedside/form"
	"github.com/bedsidehq/bedside/media"
	"github.com/bedsidehq/bedside/release"
	"github.com/bedsidehq/bedside/store"
)

// releaseTTL is how long a release link works: a visitor may sign from home after the event.
const releaseTTL = 7 * 24 * time.Hour

// personJSON is a person pictured as the API takes it, or the "none identifiable" mark.
type personJSON struct {
	Kind                 release.Kind `json:"kind"`
	Label                string       `json:"label"`
	Name                 string       `json:"name"`
	PatientID            int64        `json:"patient_id"`
	GuardianName         string       `json:"guardian_name"`
	GuardianRelationship string       `json:"guardian_relationship"`
	NoneIdentifiable     bool         `json:"none_identifiable"`
}

func (s *Server) apiPeople(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	pic, err := s.db.Pictured(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pic)
	return nil
}

func (s *Server) apiAddPerson(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in personJSON
	if err := readJSON(r, &in); err != nil {
		return err
	}
	if in.NoneIdentifiable {
		if err := s.db.MarkNoneIdentifiable(r.Context(), i.actor(), id); err != nil {
			return err
		}
		return s.apiPeople(w, r, i) // the photo's people as they now stand
	}
	p, err := s.db.AddPerson(r.Context(), i.actor(), id, store.Person{Kind: in.Kind, Label: in.Label, Name: in.Name, PatientID: in.PatientID,
		GuardianName: in.GuardianName, GuardianRelationship: in.GuardianRelationship})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, p)
	return nil
}

// personIDs reads {id} (the media) and {pid} (the person) from the path.
func personIDs(r *http.Request) (int64, int64, error) {
	id, err := pathID(r)
	if err != nil {
		return 0, 0, err
	}
	pid, err := strconv.ParseInt(r.PathValue("pid"), 10, 64)
	if err != nil || pid <= 0 {
		return 0, 0, bedside.Errorf(bedside.EInvalid, "the person id in the path is a positive number")
	}
	return id, pid, nil
}

// releaseTerms are what a release covers, as the API and the post page send them.
type releaseTerms struct {
	Event   string        `json:"event"`
	Uses    []release.Use `json:"uses"`
	Expires string        `json:"expires"` // YYYY-MM-DD, or empty: until revoked
}

func (t releaseTerms) draft() (release.Release, error) {
	d := release.Release{Event: strings.TrimSpace(t.Event), Uses: t.Uses}
	if t.Expires != "" {
		at, err := time.Parse("2006-01-02", t.Expires)
		if err != nil {
			return d, bedside.Errorf(bedside.EInvalid, "expires is a date, YYYY-MM-DD, or empty for until revoked")
		}
		d.Expires = at.UTC()
	}
	return d, nil
}

func (s *Server) apiReleaseLink(w http.ResponseWriter, r *http.Request, i *identity) error {
	mid, pid, err := personIDs(r)
	if err != nil {
		return err
	}
	var in releaseTerms
	if err := readJSON(r, &in); err != nil {
		return err
	}
	url, l, err := s.createReleaseLink(r, i, mid, pid, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"url": url, "expires_at": l.ExpiresAt, "document_sha256": l.DocumentSHA256})
	return nil
}

var useNames = map[release.Use]string{release.SocialMedia: "social media", release.Website: "the practice's website"}

// createReleaseLink renders the release form the person will read, stores that exact PDF and
// returns the one-time link to it.
func (s *Server) createReleaseLink(r *http.Request, i *identity, mid, pid int64, in releaseTerms) (string, store.ReleaseLink, error) {
	draft, err := in.draft()
	if err != nil {
		return "", store.ReleaseLink{}, err
	}
	pic, err := s.db.Pictured(r.Context(), i.actor(), mid)
	if err != nil {
		return "", store.ReleaseLink{}, err
	}
	var person *store.Person
	for n := range pic.People {
		if pic.People[n].ID == pid && pid != 0 {
			person = &pic.People[n]
		}
	}
	if person == nil {
		return "", store.ReleaseLink{}, bedside.Errorf(bedside.ENotFound, "no such person in this picture")
	}
	practice, err := s.formPractice(r, i)
	if err != nil {
		return "", store.ReleaseLink{}, err
	}
	f := form.Release{Practice: practice, Person: person.Name, Child: person.Kind == release.Child, Event: draft.Event,
		Expires: draft.Expires, Generated: time.Now().UTC().Truncate(time.Second)}
	if f.Person == "" {
		f.Person = person.Label
	}
	for _, u := range draft.Uses {
		f.Uses = append(f.Uses, useNames[u])
	}
	if err := checkUses(draft.Uses); err != nil {
		return "", store.ReleaseLink{}, err
	}
	pdf, err := form.RenderRelease(f)
	if err != nil {
		return "", store.ReleaseLink{}, err
	}
	inputs, _ := json.Marshal(f)
	secret, hash := auth.NewSecret("")
	l, err := s.db.CreateReleaseLink(r.Context(), i.actor(), mid, pid, draft, inputs, pdf, hash, releaseTTL)
	if err != nil {
		return "", l, err
	}
	return s.baseURL(r) + "/release/" + secret, l, nil
}

func checkUses(us []release.Use) error {
	for _, u := range us {
		if _, ok := useNames[u]; !ok {
			return bedside.Errorf(bedside.EInvalid, "unknown use %q: social_media or website", u)
		}
	}
	return nil
}

// formPractice is the practice as printed on forms: its profile's name, first address and phone.
func (s *Server) formPractice(r *http.Request, i *identity) (form.Practice, error) {
	prof, _, err := s.db.Profile(r.Context(), i.User.PracticeID)
	if err != nil {
		return form.Practice{}, err
	}
	practice := form.Practice{Name: i.Practice.Name}
	if prof.Name != "" {
		practice.Name = prof.Name
	}
	practice.Address = firstOf(prof.Addresses)
	practice.Phone = firstOf(prof.Phones)
	return practice, nil
}

// apiUploadRelease records a signed paper release: multipart "file" (PDF, JPEG or PNG),
// signer_name, relationship (required for a child), event, use (once per use), expires
// (YYYY-MM-DD or empty) and signed_on (YYYY-MM-DD).
func (s *Server) apiUploadRelease(w http.ResponseWriter, r *http.Request, i *identity) error {
	mid, pid, err := personIDs(r)
	if err != nil {
		return err
	}
	rel, err := s.uploadRelease(w, r, i, mid, pid)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, rel)
	return nil
}

func (s *Server) uploadRelease(w http.ResponseWriter, r *http.Request, i *identity, mid, pid int64) (release.Release, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	file, _, err := r.FormFile("file")
	if err != nil {
		return release.Release{}, bedside.Errorf(bedside.EInvalid, "send the scan as multipart/form-data in a field named file")
	}
	defer file.Close()
	terms := releaseTerms{Event: r.FormValue("event"), Expires: r.FormValue("expires")}
	for _, u := range r.MultipartForm.Value["use"] {
		terms.Uses = append(terms.Uses, release.Use(u))
	}
	rel, err := terms.draft()
	if err != nil {
		return rel, err
	}
	signed, err := time.Parse("2006-01-02", r.FormValue("signed_on"))
	if err != nil {
		return rel, bedside.Errorf(bedside.EInvalid, "signed_on is the date on the signed release, YYYY-MM-DD")
	}
	rel.SignedAt, rel.SignerName, rel.Relationship = signed.UTC(), r.FormValue("signer_name"), r.FormValue("relationship")
	clean, err := media.AuthorizationScan().Read(file)
	if err != nil {
		return rel, err
	}
	return s.db.UploadRelease(r.Context(), i.actor(), mid, pid, rel, string(clean.Type), clean.Data)
}

func (s *Server) apiRevokeRelease(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.db.RevokeRelease(r.Context(), i.actor(), id); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "revoked": true})
	return nil
}

// firstOf is a profile list's first entry (the one forms and letters print), or "".
func firstOf(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}
