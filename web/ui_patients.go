package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/media"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/store"
)

func (s *Server) patientsPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	return s.renderPatients(w, r, i, "")
}

func (s *Server) renderPatients(w http.ResponseWriter, r *http.Request, i *identity, msg string) error {
	ps, err := s.db.Patients(r.Context(), i.actor())
	if err != nil {
		return err
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "patients", view{Title: "Patients", Error: msg, Data: ps})
	return nil
}

func (s *Server) patientsSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	p, err := s.db.CreatePatient(r.Context(), i.actor(), store.Patient{Name: r.PostFormValue("name"),
		BirthDate: r.PostFormValue("birth_date"), Contact: r.PostFormValue("contact"), ChartID: r.PostFormValue("chart_id")})
	if err != nil {
		if bedside.ErrorCode(err) == bedside.EInvalid {
			return s.renderPatients(w, r, i, bedside.ErrorMessage(err))
		}
		return err
	}
	http.Redirect(w, r, "/patients/"+strconv.FormatInt(p.ID, 10), http.StatusSeeOther)
	return nil
}

// authorizationRow is one authorization on the patient page.
type authorizationRow struct {
	authorization.Authorization
	Status  authorization.Status
	Defects []authorization.Defect
}

// patientView is the patient page: their authorizations and the form to prepare a new one.
type patientView struct {
	Patient        store.Patient
	Authorizations []authorizationRow
	Kinds          []phi.Kind
	Channels       []authorization.Channel
	Purposes       []authorization.Purpose
	SigningLink    string
	CanRevoke      bool
	Today          string
}

// authorizableKinds are the elements a patient may authorize for social media.
var authorizableKinds = []phi.Kind{phi.Name, phi.Photo, phi.Case, phi.Date, phi.Age, phi.Address, phi.Handle}

func (s *Server) patientPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.renderPatient(w, r, i, id, "", "", "")
}

func (s *Server) renderPatient(w http.ResponseWriter, r *http.Request, i *identity, id int64, msg, notice, link string) error {
	p, err := s.db.Patient(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	auths, err := s.db.Authorizations(r.Context(), i.User.PracticeID, id)
	if err != nil {
		return err
	}
	v := patientView{Patient: p, Kinds: authorizableKinds, Channels: authorization.Channels, Purposes: authorization.Purposes,
		SigningLink: link, CanRevoke: complianceUp.allow(i.User.Role), Today: time.Now().Format("2006-01-02")}
	for _, a := range auths {
		st, defects := authorization.StatusOf(a, time.Now())
		v.Authorizations = append(v.Authorizations, authorizationRow{a, st, defects})
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "patient", view{Title: p.Name, Error: msg, Notice: notice, Data: v})
	return nil
}

// draftFromForm reads the scope staff chose for a new authorization.
func draftFromForm(r *http.Request, patientID int64, practice string) (authorization.Authorization, error) {
	a := authorization.Authorization{PatientID: patientID, Description: strings.TrimSpace(r.PostFormValue("description")),
		Discloser: practice, Recipients: strings.TrimSpace(r.PostFormValue("recipients")),
		ExpiryEvent: strings.TrimSpace(r.PostFormValue("expiry_event")), ThirdPartyPaid: r.PostFormValue("third_party_paid") == "on",
		StatesRightToRevoke: true, StatesNoConditioning: true, StatesRedisclosure: true}
	a.RemunerationStated = a.ThirdPartyPaid // the form prints the remuneration statement whenever a third party pays
	if a.Recipients == "" {
		a.Recipients = "Anyone who sees the practice's posts on the channels listed"
	}
	if rep := strings.TrimSpace(r.PostFormValue("representative_authority")); rep != "" {
		a.Signer = authorization.Signer{Representative: true, Authority: rep}
	}
	for _, k := range r.PostForm["element"] {
		a.Elements = append(a.Elements, phi.Kind(k))
	}
	for _, c := range r.PostForm["channel"] {
		a.Channels = append(a.Channels, authorization.Channel(c))
	}
	for _, p := range r.PostForm["purpose"] {
		a.Purposes = append(a.Purposes, authorization.Purpose(p))
	}
	if e := r.PostFormValue("expires"); e != "" {
		t, err := time.Parse("2006-01-02", e)
		if err != nil {
			return a, bedside.Errorf(bedside.EInvalid, "the expiry date must look like 2027-11-30")
		}
		a.Expires = t
	}
	return a, nil
}

// maxUpload bounds a page's multipart upload: the largest file the media policy accepts, plus the
// form's fields.
const maxUpload = media.DefaultMaxPDFBytes + 1<<20

// revokeSubmit records a written revocation with the document it arrived as (checked, stored
// sealed, its SHA-256 recorded) and shows the takedown tasks it opened.
func (s *Server) revokeSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	a, err := s.db.Authorization(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	fail := func(err error) error {
		if bedside.ErrorCode(err) == bedside.EInvalid || bedside.ErrorCode(err) == bedside.EConflict {
			return s.renderPatient(w, r, i, a.PatientID, bedside.ErrorMessage(err), "", "")
		}
		return err
	}
	received, err := time.Parse("2006-01-02", r.PostFormValue("received"))
	if err != nil {
		return fail(bedside.Errorf(bedside.EInvalid, "the date received must look like 2026-11-30"))
	}
	file, _, err := r.FormFile("document")
	if err != nil {
		return fail(bedside.Errorf(bedside.EInvalid, "attach the written revocation (PDF, JPEG or PNG)"))
	}
	defer file.Close()
	clean, err := media.AuthorizationScan().Read(file)
	if err != nil {
		return fail(err)
	}
	doc, err := s.db.PutDocument(r.Context(), i.actor(), string(clean.Type), clean.Data)
	if err != nil {
		return err
	}
	if err := s.db.Revoke(r.Context(), i.actor(), id, store.Revocation{ReceivedAt: received, Method: r.PostFormValue("method"), DocumentSHA256: doc.SHA256}); err != nil {
		return fail(err)
	}
	tds, err := s.db.Takedowns(r.Context(), i.User.PracticeID, false)
	if err != nil {
		return err
	}
	n := 0
	for _, t := range tds {
		if t.AuthorizationID == id {
			n++
		}
	}
	return s.renderPatient(w, r, i, a.PatientID, "", fmt.Sprintf("Authorization %d revoked. %d published post(s) relied on it: see Takedowns.", id, n), "")
}
