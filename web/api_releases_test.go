package web

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/store"
)

// signatureDataURL is a small drawn signature as the pad sends it.
func signatureDataURL(t *testing.T) string {
	img := image.NewNRGBA(image.Rect(0, 0, 60, 20))
	for x := 5; x < 55; x++ {
		img.Set(x, 10+x%5, color.Black)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes())
}

// TestEventPhotoReleasesAPI is the acceptance point over HTTP on both engines: publishing an event
// photo with one person lacking a release is refused, naming who is missing; after that person
// signs through the public link, it is approved and published; a revoked release blocks again. The
// names and labels appear in no log and no audit row.
func TestEventPhotoReleasesAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		admin := h.practice("Riverside Dental", "admin@example.com")
		h.call("PUT", "/api/v1/practice/profile", admin, map[string]any{"name": "Riverside Dental",
			"phones": []string{"(541) 555-0142"}, "addresses": []string{"12 Main Street, Bend, OR 97701"}}, nil)
		for _, u := range []struct{ email, role string }{{"staff@example.com", "staff"}, {"co@example.com", "compliance"}} {
			if code := h.call("POST", "/api/v1/users", admin, map[string]any{"email": u.email, "role": u.role, "password": testPassword}, nil); code != 201 {
				t.Fatalf("create %s: %d", u.role, code)
			}
		}
		staff, co := h.login("staff@example.com", testPassword), h.login("co@example.com", testPassword)
		var m struct{ ID int64 }
		if code := h.upload("/api/v1/media", staff, jpegWithEXIF(t), map[string][]string{"no_patients": {"true"}}, &m); code != 201 {
			t.Fatalf("upload: %d", code)
		}
		people := "/api/v1/media/" + strconv.FormatInt(m.ID, 10) + "/people"
		var lee, visitor store.Person
		if code := h.call("POST", people, staff, map[string]any{"kind": "staff", "label": "Dr. Lee (staff)", "name": "Dana Zellweger-Lee"}, &lee); code != 201 {
			t.Fatalf("add staff: %d", code)
		}
		if code := h.call("POST", people, staff, map[string]any{"kind": "visitor", "label": "visitor 2", "name": "Quentin Marshwood"}, &visitor); code != 201 {
			t.Fatalf("add visitor: %d", code)
		}
		var scan struct{ ID int64 }
		if code := h.upload(people+"/"+strconv.FormatInt(lee.ID, 10)+"/release", staff, []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
			map[string][]string{"signer_name": {"Dana Zellweger-Lee"}, "event": {"Spring open house"}, "use": {"social_media", "website"}, "signed_on": {"2026-04-01"}}, &scan); code != 201 {
			t.Fatalf("upload Dr. Lee's scan: %d", code)
		}

		var p postOut
		h.call("POST", "/api/v1/posts", staff, map[string]any{"title": "Open house", "text": "A look back at our spring open house.",
			"channels": []string{"facebook"}, "media_ids": []int64{m.ID}}, &p)
		path := "/api/v1/posts/" + strconv.FormatInt(p.ID, 10)
		h.call("POST", path+"/submit", staff, nil, nil)
		var ref struct {
			Error struct {
				Message string
				Details []struct{ Person, Reason string }
			}
		}
		if code := h.call("POST", path+"/approve", co, nil, &ref); code != 422 || len(ref.Error.Details) != 1 ||
			ref.Error.Details[0].Person != "visitor 2" || !strings.Contains(ref.Error.Details[0].Reason, "no signed release") {
			t.Fatalf("approval with an unreleased visitor: %d %+v", code, ref)
		}

		// The visitor signs through the public link.
		var link struct{ URL string }
		if code := h.call("POST", people+"/"+strconv.FormatInt(visitor.ID, 10)+"/release-link", staff,
			map[string]any{"event": "Spring open house", "uses": []string{"social_media"}}, &link); code != 201 || !strings.Contains(link.URL, "/release/") {
			t.Fatalf("release link: %d %+v", code, link)
		}
		rel := link.URL[strings.Index(link.URL, "/release/"):]
		c := h.browser()
		if code, body := h.page(c, rel); code != 200 || !strings.Contains(body, "Quentin Marshwood") || !strings.Contains(body, "Spring open house") {
			t.Fatalf("signing page: %d\n%s", code, body)
		}
		if resp := h.form(c, rel, url.Values{"typed_name": {"Quentin Marshwood"}}); resp.StatusCode != 422 {
			t.Fatalf("signing without a drawn signature: %d", resp.StatusCode)
		}
		if resp := h.form(c, rel, url.Values{"typed_name": {"Quentin Marshwood"}, "signature": {signatureDataURL(t)}}); resp.StatusCode != 303 {
			t.Fatalf("sign: %d", resp.StatusCode)
		}
		if code, body := h.page(c, rel+"/copy.pdf"); code != 200 || !strings.HasPrefix(body, "%PDF-") {
			t.Fatalf("signed copy: %d", code)
		}
		if code := h.call("POST", path+"/approve", co, nil, nil); code != 200 {
			t.Fatalf("approve after signing: %d", code)
		}
		if code := h.call("POST", path+"/publish", co, nil, nil); code != 200 {
			t.Fatalf("publish after signing: %d", code)
		}

		// The visitor revokes: a new post with the picture is refused again.
		var pic store.Pictured
		h.call("GET", people, staff, nil, &pic)
		if len(pic.People) != 2 || pic.People[1].Status != "valid" || len(pic.People[1].Releases) != 1 {
			t.Fatalf("people: %+v", pic)
		}
		if code := h.call("POST", "/api/v1/releases/"+strconv.FormatInt(pic.People[1].Releases[0].ID, 10)+"/revoke", co, nil, nil); code != 200 {
			t.Fatalf("revoke: %d", code)
		}
		h.call("POST", "/api/v1/posts", staff, map[string]any{"text": "More from the open house.", "channels": []string{"website"}, "media_ids": []int64{m.ID}}, &p)
		path = "/api/v1/posts/" + strconv.FormatInt(p.ID, 10)
		h.call("POST", path+"/submit", staff, nil, nil)
		if code := h.call("POST", path+"/approve", co, nil, &ref); code != 422 || ref.Error.Details[0].Person != "visitor 2" || !strings.Contains(ref.Error.Details[0].Reason, "revoked") {
			t.Fatalf("approval after the revocation: %d %+v", code, ref)
		}

		events, _ := h.db.AuditEvents(t.Context(), 1, store.AuditFilter{Limit: 1000})
		auditJSON, _ := json.Marshal(events)
		for where, content := range map[string]string{"logs": h.logs.String(), "audit": string(auditJSON), "error message": ref.Error.Message} {
			for _, secret := range []string{"Zellweger", "Marshwood", "Dr. Lee", "visitor 2"} {
				if strings.Contains(content, secret) {
					t.Errorf("%q appears in the %s", secret, where)
				}
			}
		}
		if !strings.Contains(h.logs.String(), "/release/{token}") {
			t.Error("the test did not exercise the logged signing route")
		}
	})
}
