package web

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image/png"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/auth"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/form"
	"github.com/bedsidehq/bedside/store"
)

// signingTTL is how long a signing link works: long enough for the waiting room, short enough
// that a forgotten tablet tab is harmless.
const signingTTL = 2 * time.Hour

// maxSignatureBody bounds the signing form: a typed name and a drawn signature.
const maxSignatureBody = 1 << 20

// signingRequestSubmit prepares an authorization for signing: it renders the form the patient will
// read, stores that exact PDF and shows staff a one-time link to open on the office tablet.
func (s *Server) signingRequestSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := s.db.Patient(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	practice, err := s.formPractice(r, i)
	if err != nil {
		return err
	}
	draft, err := draftFromForm(r, id, practice.Name)
	if err == nil {
		f := form.Form{Practice: practice, PatientName: p.Name, Authorization: draft, Lang: r.PostFormValue("lang"),
			Generated: time.Now().UTC().Truncate(time.Second)}
		var pdf, inputs []byte
		if pdf, err = form.Render(f); err == nil {
			inputs, _ = json.Marshal(f)
			secret, hash := auth.NewSecret("")
			if _, err = s.db.CreateSigningRequest(r.Context(), i.actor(), draft, inputs, pdf, hash, signingTTL); err == nil {
				return s.renderPatient(w, r, i, id, "", "Ready to sign.", s.baseURL(r)+"/sign/"+secret)
			}
		}
	}
	if bedside.ErrorCode(err) == bedside.EInvalid {
		return s.renderPatient(w, r, i, id, bedside.ErrorMessage(err), "", "")
	}
	return err
}

// signView is the public signing page.
type signView struct {
	Token    string
	Form     form.Form
	Request  store.SigningRequest
	Practice string
	Error    string
}

func (s *Server) signingRequest(r *http.Request) (store.SigningRequest, form.Form, error) {
	req, err := s.db.SigningRequestByToken(r.Context(), auth.HashSecret(r.PathValue("token")))
	if err != nil {
		return req, form.Form{}, err
	}
	var f form.Form
	if err := json.Unmarshal(req.Form, &f); err != nil {
		return req, f, err
	}
	return req, f, nil
}

func (s *Server) renderSign(w http.ResponseWriter, r *http.Request, status int, msg string) {
	req, f, err := s.signingRequest(r)
	if err != nil {
		writeErrorPage(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	v := signView{Token: r.PathValue("token"), Form: f, Request: req, Practice: f.Practice.Name, Error: msg}
	if err := s.pages.sign.Execute(w, v); err != nil {
		s.log.Error("sign page", "error", err.Error())
	}
}

// signPage shows the patient the form and the signature pad; after signing, their copy.
func (s *Server) signPage(w http.ResponseWriter, r *http.Request) {
	s.renderSign(w, r, http.StatusOK, "")
}

// signSubmit records the signature. The request's own secret link is its credential; Go's
// cross-origin protection refuses posts from other sites.
func (s *Server) signSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxSignatureBody)
	if err := r.ParseForm(); err != nil {
		s.renderSign(w, r, http.StatusUnprocessableEntity, "The signature was too large or the form was damaged. Please sign again.")
		return
	}
	sig, err := signaturePNG(r.PostFormValue("signature"))
	if err != nil {
		s.renderSign(w, r, http.StatusUnprocessableEntity, bedside.ErrorMessage(err))
		return
	}
	ip, _, _ := net.SplitHostPort(r.RemoteAddr)
	ev := store.Evidence{TypedName: r.PostFormValue("typed_name"), SignaturePNG: sig, IP: ip, UserAgent: r.UserAgent(), At: time.Now().UTC().Truncate(time.Millisecond)}
	_, err = s.db.Sign(r.Context(), auth.HashSecret(r.PathValue("token")), ev, func(req store.SigningRequest, a authorization.Authorization) ([]byte, error) {
		var f form.Form
		if err := json.Unmarshal(req.Form, &f); err != nil {
			return nil, err
		}
		f.Authorization.DocumentSHA256 = a.DocumentSHA256 // Signed refuses if the form no longer renders to it
		return form.Signed(f, form.Signature{Name: a.Signer.Name, Authority: a.Signer.Authority, PNG: sig, At: ev.At, IP: ev.IP, UserAgent: ev.UserAgent})
	})
	if err != nil {
		if c := bedside.ErrorCode(err); c == bedside.EInvalid || c == bedside.EConflict {
			s.renderSign(w, r, http.StatusUnprocessableEntity, bedside.ErrorMessage(err))
			return
		}
		writeErrorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/sign/"+r.PathValue("token"), http.StatusSeeOther)
}

// signaturePNG decodes the drawn signature, sent as a data: URL by the signature pad, and checks
// that it is a real PNG.
func signaturePNG(dataURL string) ([]byte, error) {
	const prefix = "data:image/png;base64,"
	if !strings.HasPrefix(dataURL, prefix) {
		return nil, bedside.Errorf(bedside.EInvalid, "please sign in the box with your finger or the pen")
	}
	b, err := base64.StdEncoding.DecodeString(dataURL[len(prefix):])
	if err != nil {
		return nil, bedside.Errorf(bedside.EInvalid, "the signature could not be read; please sign again")
	}
	if _, err := png.DecodeConfig(bytes.NewReader(b)); err != nil {
		return nil, bedside.Errorf(bedside.EInvalid, "the signature could not be read; please sign again")
	}
	return b, nil
}

// signDocument serves the form being signed, or after signing the patient's copy, while the link
// is valid.
func (s *Server) signDocument(signedCopy bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		d, data, err := s.db.SigningDocument(r.Context(), auth.HashSecret(r.PathValue("token")), signedCopy)
		if err != nil {
			writeErrorPage(w, r, err)
			return
		}
		name := "authorization-form.pdf"
		if signedCopy {
			name = "authorization-signed-copy.pdf"
		}
		w.Header().Set("Content-Type", d.ContentType)
		w.Header().Set("Content-Disposition", `inline; filename="`+name+`"`)
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.Header().Set("Cache-Control", "no-store")
		w.Write(data)
	}
}

// writeErrorPage answers a public page's error as plain text: the patient sees the message.
func writeErrorPage(w http.ResponseWriter, r *http.Request, err error) {
	code := bedside.ErrorCode(err)
	if code == bedside.EInternal {
		writeError(w, r, err) // logs it with the request id
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(statusOf[code])
	w.Write([]byte(bedside.ErrorMessage(err) + "\n"))
}
