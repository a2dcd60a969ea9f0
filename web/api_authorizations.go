package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/form"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/store"
)

func (s *Server) apiCreatePatient(w http.ResponseWriter, r *http.Request, i *identity) error {
	var p store.Patient
	if err := readJSON(r, &p); err != nil {
		return err
	}
	p, err := s.db.CreatePatient(r.Context(), i.actor(), p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]int64{"id": p.ID})
	return nil
}

func (s *Server) apiPatient(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.db.Patient(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, bedside.Errorf(bedside.EInvalid, "the id in the path is a positive number")
	}
	return id, nil
}

// authorizationJSON is an authorization as the API writes and reads it.
type authorizationJSON struct {
	ID                     int64                   `json:"id,omitempty"`
	PatientID              int64                   `json:"patient_id"`
	Description            string                  `json:"description"`
	Discloser              string                  `json:"discloser"`
	Recipients             string                  `json:"recipients"`
	Purposes               []authorization.Purpose `json:"purposes"`
	Expires                string                  `json:"expires,omitempty"` // YYYY-MM-DD
	ExpiryEvent            string                  `json:"expiry_event,omitempty"`
	SignerName             string                  `json:"signer_name"`
	SignerIsRepresentative bool                    `json:"signer_is_representative"`
	SignerAuthority        string                  `json:"signer_authority,omitempty"`
	SignedAt               time.Time               `json:"signed_at"`
	StatesRightToRevoke    bool                    `json:"states_right_to_revoke"`
	StatesNoConditioning   bool                    `json:"states_no_conditioning"`
	StatesRedisclosure     bool                    `json:"states_redisclosure"`
	Elements               []phi.Kind              `json:"elements"`
	Channels               []authorization.Channel `json:"channels"`
	ThirdPartyPaid         bool                    `json:"third_party_paid"`
	RemunerationStated     bool                    `json:"remuneration_stated"`
	Compound               bool                    `json:"compound"`
	ConditionedOnTreatment bool                    `json:"conditioned_on_treatment"`
	Method                 authorization.Method    `json:"method"`
	DocumentSHA256         string                  `json:"document_sha256"`
	RevokedAt              *time.Time              `json:"revoked_at,omitempty"`
	Status                 authorization.Status    `json:"status,omitempty"`
	Defects                []authorization.Defect  `json:"defects,omitempty"`
}

func (j authorizationJSON) model() (authorization.Authorization, error) {
	a := authorization.Authorization{PatientID: j.PatientID, Description: j.Description, Discloser: j.Discloser,
		Recipients: j.Recipients, Purposes: j.Purposes, ExpiryEvent: j.ExpiryEvent,
		Signer:   authorization.Signer{Name: j.SignerName, Representative: j.SignerIsRepresentative, Authority: j.SignerAuthority},
		SignedAt: j.SignedAt, StatesRightToRevoke: j.StatesRightToRevoke, StatesNoConditioning: j.StatesNoConditioning,
		StatesRedisclosure: j.StatesRedisclosure, Elements: j.Elements, Channels: j.Channels, ThirdPartyPaid: j.ThirdPartyPaid,
		RemunerationStated: j.RemunerationStated, Compound: j.Compound, ConditionedOnTreatment: j.ConditionedOnTreatment,
		Method: j.Method, DocumentSHA256: j.DocumentSHA256}
	if j.Expires != "" {
		t, err := time.Parse("2006-01-02", j.Expires)
		if err != nil {
			return a, bedside.Errorf(bedside.EInvalid, "expires must be a date like 2027-11-30")
		}
		a.Expires = t
	}
	return a, nil
}

func toAuthorizationJSON(a authorization.Authorization, now time.Time) authorizationJSON {
	j := authorizationJSON{ID: a.ID, PatientID: a.PatientID, Description: a.Description, Discloser: a.Discloser,
		Recipients: a.Recipients, Purposes: a.Purposes, ExpiryEvent: a.ExpiryEvent, SignerName: a.Signer.Name,
		SignerIsRepresentative: a.Signer.Representative, SignerAuthority: a.Signer.Authority, SignedAt: a.SignedAt,
		StatesRightToRevoke: a.StatesRightToRevoke, StatesNoConditioning: a.StatesNoConditioning,
		StatesRedisclosure: a.StatesRedisclosure, Elements: a.Elements, Channels: a.Channels,
		ThirdPartyPaid: a.ThirdPartyPaid, RemunerationStated: a.RemunerationStated, Compound: a.Compound,
		ConditionedOnTreatment: a.ConditionedOnTreatment, Method: a.Method, DocumentSHA256: a.DocumentSHA256}
	if !a.Expires.IsZero() {
		j.Expires = a.Expires.Format("2006-01-02")
	}
	if !a.RevokedAt.IsZero() {
		t := a.RevokedAt
		j.RevokedAt = &t
	}
	j.Status, j.Defects = authorization.StatusOf(a, now)
	return j
}

// apiCreateAuthorization records a signed authorization and answers with its status and every
// defect, so the clerk can fix the form while the patient is still there.
func (s *Server) apiCreateAuthorization(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req authorizationJSON
	if err := readJSON(r, &req); err != nil {
		return err
	}
	a, err := req.model()
	if err != nil {
		return err
	}
	a, err = s.db.CreateAuthorization(r.Context(), i.actor(), a)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toAuthorizationJSON(a, time.Now()))
	return nil
}

func (s *Server) apiAuthorization(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	a, err := s.db.Authorization(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, toAuthorizationJSON(a, time.Now()))
	return nil
}

// apiRevokeAuthorization records a written revocation and answers with the takedown tasks it opened.
func (s *Server) apiRevokeAuthorization(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req struct {
		ReceivedAt     time.Time `json:"received_at"`
		Method         string    `json:"method"`
		DocumentSHA256 string    `json:"document_sha256"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if err := s.db.Revoke(r.Context(), i.actor(), id, store.Revocation{ReceivedAt: req.ReceivedAt, Method: req.Method, DocumentSHA256: req.DocumentSHA256}); err != nil {
		return err
	}
	a, err := s.db.Authorization(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	// The answer lists the takedown tasks the revocation opened: every published post that relied on it.
	all, err := s.db.Takedowns(r.Context(), i.User.PracticeID, false)
	if err != nil {
		return err
	}
	opened := []store.Takedown{}
	for _, t := range all {
		if t.AuthorizationID == id {
			opened = append(opened, t)
		}
	}
	writeJSON(w, http.StatusOK, struct {
		authorizationJSON
		Takedowns []store.Takedown `json:"takedowns"`
	}{toAuthorizationJSON(a, time.Now()), opened})
	return nil
}

// apiDeleteAuthorization deletes an authorization whose six-year retention is over; before that
// it answers 409 with the date it must be kept until.
func (s *Server) apiDeleteAuthorization(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.db.DeleteAuthorization(r.Context(), i.actor(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiExportPatient answers with everything held about one patient, as a JSON download.
func (s *Server) apiExportPatient(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x, err := s.db.ExportPatient(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	name := "patient-" + strconv.FormatInt(id, 10)
	w.Header().Set("Cache-Control", "no-store")
	if r.URL.Query().Get("format") == "pdf" {
		pdf, err := form.RecordPDF(exportRecord(i.Practice.Name, x))
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.pdf"`)
		w.Write(pdf)
		return nil
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.json"`)
	writeJSON(w, http.StatusOK, x)
	return nil
}

// exportRecord words a patient's export for the PDF a person reads.
func exportRecord(practice string, x store.PatientExport) form.Record {
	day := func(t time.Time) string { return t.Format("2006-01-02") }
	r := form.Record{Title: "Records held about " + x.Patient.Name, Generated: x.ExportedAt,
		Subtitle: practice + ", exported " + x.ExportedAt.Format("2006-01-02 15:04 MST")}
	var auths []string
	for _, a := range x.Authorizations {
		line := fmt.Sprintf("#%d, signed %s (%s): %s; on %s; for %s; status %s", a.ID, day(a.SignedAt), a.Method,
			joinNames(a.Elements), joinNames(a.Channels), joinNames(a.Purposes), a.Status)
		if !a.Expires.IsZero() {
			line += "; expires " + day(a.Expires)
		}
		if a.Revocation != nil {
			line += fmt.Sprintf("; revoked in writing (%s) received %s", a.Revocation.Method, day(a.Revocation.ReceivedAt))
		}
		auths = append(auths, line)
	}
	var posts []string
	for _, p := range x.Posts {
		line := fmt.Sprintf("Post %d relied on authorization #%d: %s", p.PostID, p.AuthorizationID, p.State)
		if p.PublishedAt != nil {
			line += ", published " + day(*p.PublishedAt)
		}
		posts = append(posts, line)
	}
	var pics []string
	for _, m := range x.Media {
		pics = append(pics, fmt.Sprintf("Picture #%d, %d x %d, uploaded %s, SHA-256 %s", m.ID, m.Width, m.Height, day(m.CreatedAt), m.SHA256))
	}
	none := func(l []string) []string {
		if len(l) == 0 {
			return []string{"None."}
		}
		return l
	}
	r.Sections = []form.Section{{Heading: "Authorizations", Lines: none(auths)}, {Heading: "Posts that relied on them", Lines: none(posts)},
		{Heading: "Pictures in which the patient appears", Lines: none(pics)}}
	return r
}
