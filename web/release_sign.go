package web

import (
	"encoding/json"
	"html/template"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/auth"
	"github.com/bedsidehq/bedside/form"
	"github.com/bedsidehq/bedside/release"
	"github.com/bedsidehq/bedside/store"
)

// releaseTemplate is the public release signing page: no layout, no navigation for the signer.
var releaseTemplate = template.Must(template.ParseFS(assets, "templates/release.html"))

type releaseView struct {
	Token string
	Form  form.Release
	Link  store.ReleaseLink
	Child bool
	Error string
}

func (s *Server) renderRelease(w http.ResponseWriter, r *http.Request, status int, msg string) {
	l, err := s.db.ReleaseLinkByToken(r.Context(), auth.HashSecret(r.PathValue("token")))
	if err != nil {
		writeErrorPage(w, r, err)
		return
	}
	var f form.Release
	if err := json.Unmarshal(l.Form, &f); err != nil {
		writeErrorPage(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	v := releaseView{Token: r.PathValue("token"), Form: f, Link: l, Child: l.Person.Kind == release.Child, Error: msg}
	if err := releaseTemplate.Execute(w, v); err != nil {
		s.log.Error("release page", "error", err.Error())
	}
}

// releasePage shows the release and the signature pad; after signing, the signer's copy.
func (s *Server) releasePage(w http.ResponseWriter, r *http.Request) {
	s.renderRelease(w, r, http.StatusOK, "")
}

// releaseSubmit records the signature: typed name, drawn signature, and for a child the
// guardian's relationship, with the IP, user agent and time as evidence. The link is the
// credential; cross-origin protection refuses posts from other sites.
func (s *Server) releaseSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxSignatureBody)
	if err := r.ParseForm(); err != nil {
		s.renderRelease(w, r, http.StatusUnprocessableEntity, "The signature was too large or the form was damaged. Please sign again.")
		return
	}
	sig, err := signaturePNG(r.PostFormValue("signature"))
	if err != nil {
		s.renderRelease(w, r, http.StatusUnprocessableEntity, bedside.ErrorMessage(err))
		return
	}
	ip, _, _ := net.SplitHostPort(r.RemoteAddr)
	ev := store.Evidence{TypedName: r.PostFormValue("typed_name"), SignaturePNG: sig, IP: ip, UserAgent: r.UserAgent(), At: time.Now().UTC().Truncate(time.Millisecond)}
	_, err = s.db.SignRelease(r.Context(), auth.HashSecret(r.PathValue("token")), ev, r.PostFormValue("relationship"),
		func(l store.ReleaseLink, rel release.Release) ([]byte, error) {
			var f form.Release
			if err := json.Unmarshal(l.Form, &f); err != nil {
				return nil, err
			}
			return form.SignedRelease(f, form.Signature{Name: rel.SignerName, Authority: rel.Relationship, PNG: sig, At: ev.At, IP: ev.IP, UserAgent: ev.UserAgent})
		})
	if err != nil {
		if c := bedside.ErrorCode(err); c == bedside.EInvalid || c == bedside.EConflict {
			s.renderRelease(w, r, http.StatusUnprocessableEntity, bedside.ErrorMessage(err))
			return
		}
		writeErrorPage(w, r, err)
		return
	}
	http.Redirect(w, r, "/release/"+r.PathValue("token"), http.StatusSeeOther)
}

// releaseDocument serves the release being signed, or after signing the signer's copy, while the
// link is valid.
func (s *Server) releaseDocument(signedCopy bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		d, data, err := s.db.ReleaseLinkDocument(r.Context(), auth.HashSecret(r.PathValue("token")), signedCopy)
		if err != nil {
			writeErrorPage(w, r, err)
			return
		}
		name := "photo-release.pdf"
		if signedCopy {
			name = "photo-release-signed-copy.pdf"
		}
		w.Header().Set("Content-Type", d.ContentType)
		w.Header().Set("Content-Disposition", `inline; filename="`+name+`"`)
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.Write(data)
	}
}
