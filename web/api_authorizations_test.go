package web

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func validAuthorization(patientID int64) map[string]any {
	return map[string]any{
		"patient_id": patientID, "description": "Before and after photos of my smile and my first name",
		"discloser": "Riverside Dental", "recipients": "The public, on the practice's social media",
		"purposes": []string{"testimonial"}, "expires": time.Now().AddDate(1, 0, 0).Format("2006-01-02"),
		"signer_name": "Dana Porter", "signed_at": time.Now().Add(-time.Hour),
		"states_right_to_revoke": true, "states_no_conditioning": true, "states_redisclosure": true,
		"elements": []string{"NAME", "PHOTO"}, "channels": []string{"facebook", "instagram"},
		"method": "onscreen", "document_sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
	}
}

// TestAuthorizationAPI: a complete form is valid, a form missing a required statement is stored
// but reported defective with every reason, revocation takes effect at once, and nothing crosses
// practices.
func TestAuthorizationAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		a := h.practice("A", "a@example.com")
		b := h.practice("B", "b@example.com")
		var pat struct{ ID int64 }
		if code := h.call("POST", "/api/v1/patients", a, map[string]any{"name": "Dana Porter", "birth_date": "1980-02-03"}, &pat); code != 201 || pat.ID == 0 {
			t.Fatalf("create patient: %d", code)
		}
		type authz struct {
			ID      int64
			Status  string
			Defects []struct{ Rule, Message string }
		}
		var got authz
		if code := h.call("POST", "/api/v1/authorizations", a, validAuthorization(pat.ID), &got); code != 201 || got.Status != "valid" || len(got.Defects) != 0 {
			t.Fatalf("valid form: %d %+v", code, got)
		}

		bad := validAuthorization(pat.ID)
		delete(bad, "states_right_to_revoke")
		bad["method"] = "verbal"
		var def authz
		h.call("POST", "/api/v1/authorizations", a, bad, &def)
		if def.Status != "defective" || len(def.Defects) < 2 {
			t.Errorf("verbal, no revocation statement: %+v", def)
		}

		var e struct {
			Error struct{ Code, Message string }
		}
		if code := h.call("POST", "/api/v1/authorizations", b, validAuthorization(pat.ID), &e); code != 404 {
			t.Errorf("practice B authorizing A's patient: %d", code)
		}
		for _, path := range []string{"/api/v1/patients/" + strconv.FormatInt(pat.ID, 10), "/api/v1/authorizations/" + strconv.FormatInt(got.ID, 10)} {
			if code := h.call("GET", path, b, nil, &e); code != 404 {
				t.Errorf("practice B reads %s: %d", path, code)
			}
		}
		if code := h.call("POST", "/api/v1/authorizations/"+strconv.FormatInt(got.ID, 10)+"/revoke", b, map[string]any{"received_at": time.Now(), "method": "letter", "document_sha256": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"}, &e); code != 404 {
			t.Errorf("practice B revokes A's authorization: %d", code)
		}

		var p struct {
			Name      string
			BirthDate string `json:"birth_date"`
		}
		h.call("GET", "/api/v1/patients/"+strconv.FormatInt(pat.ID, 10), a, nil, &p)
		if p.Name != "Dana Porter" || p.BirthDate != "1980-02-03" {
			t.Errorf("patient round trip: %+v", p)
		}

		var rev authz
		if code := h.call("POST", "/api/v1/authorizations/"+strconv.FormatInt(got.ID, 10)+"/revoke", a, map[string]any{"received_at": time.Now(), "method": "letter", "document_sha256": "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"}, &rev); code != 200 || rev.Status != "revoked" {
			t.Errorf("revoke: %d %+v", code, rev)
		}
		h.call("GET", "/api/v1/authorizations/"+strconv.FormatInt(got.ID, 10), a, nil, &rev)
		if rev.Status != "revoked" {
			t.Errorf("after revoke: %+v", rev)
		}
		if code := h.call("DELETE", "/api/v1/authorizations/"+strconv.FormatInt(got.ID, 10), a, nil, &e); code != 409 || !strings.Contains(e.Error.Message, "kept until") {
			t.Errorf("deleting within the retention period: %d %+v", code, e)
		}
		var x struct {
			Patient        struct{ Name string }
			Authorizations []struct {
				ID     int64
				Status string
			}
		}
		if code := h.call("GET", "/api/v1/patients/"+strconv.FormatInt(pat.ID, 10)+"/export", a, nil, &x); code != 200 || x.Patient.Name != "Dana Porter" || len(x.Authorizations) != 2 {
			t.Errorf("export: %d %+v", code, x)
		}
		if pdf := getWithToken(t, h, "/api/v1/patients/"+strconv.FormatInt(pat.ID, 10)+"/export?format=pdf", a); !strings.HasPrefix(pdf, "%PDF-") {
			t.Errorf("the PDF export is not a PDF: %.20q", pdf)
		}
		if code := h.call("GET", "/api/v1/patients/"+strconv.FormatInt(pat.ID, 10)+"/export", b, nil, nil); code != 404 {
			t.Errorf("practice B exports A's patient: %d", code)
		}
		if code := h.call("GET", "/api/v1/authorizations/abc", a, nil, &e); code != 422 {
			t.Errorf("bad id: %d", code)
		}
	})
}
