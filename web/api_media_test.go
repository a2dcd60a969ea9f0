package web

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"image"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// jpegWithEXIF is a small real JPEG with an EXIF segment naming the camera, as a phone writes it.
func jpegWithEXIF(t *testing.T) []byte {
	var img bytes.Buffer
	if err := jpeg.Encode(&img, image.NewGray(image.Rect(0, 0, 16, 16)), nil); err != nil {
		t.Fatal(err)
	}
	// TIFF header (big-endian), one IFD entry: Model (0x0110), ASCII, pointing at "Pixel 8".
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08")
	tiff = append(tiff, 0, 1, 0x01, 0x10, 0, 2, 0, 0, 0, 8, 0, 0, 0, 26, 0, 0, 0, 0)
	tiff = append(tiff, "Pixel 8\x00"...)
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	b := img.Bytes()
	return append(append(append([]byte{}, b[:2]...), seg...), b[2:]...)
}

func (h *harness) upload(path, token string, file []byte, fields map[string][]string, out any) int {
	h.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "IMG_0001.jpg")
	fw.Write(file)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	mw.Close()
	req, _ := http.NewRequest("POST", h.http.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil {
		decodeJSON(h.t, data, out)
	}
	return resp.StatusCode
}

// TestMediaAPI: an uploaded photo loses its metadata, must say who appears in it, and a post
// using it needs that patient's PHOTO authorization for its channels.
func TestMediaAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		admin := h.practice("Riverside Dental", "admin@example.com")
		other := h.practice("Elsewhere", "else@example.com")
		h.call("POST", "/api/v1/users", admin, map[string]any{"email": "co@example.com", "role": "compliance", "password": testPassword}, nil)
		co := h.login("co@example.com", testPassword)
		var pat struct{ ID int64 }
		h.call("POST", "/api/v1/patients", admin, map[string]any{"name": "Emma Lindqvist"}, &pat)
		photo := jpegWithEXIF(t)

		var e refusal
		if code := h.upload("/api/v1/media", admin, photo, nil, &e); code != 422 {
			t.Errorf("a picture without saying who is in it: %d", code)
		}
		if code := h.upload("/api/v1/media", admin, []byte("<html><script>alert(1)</script></html>"), map[string][]string{"no_patients": {"true"}}, &e); code != 422 {
			t.Errorf("HTML named .jpg: %d", code)
		}
		var m struct {
			ID      int64
			Removed []string `json:"removed_metadata"`
		}
		if code := h.upload("/api/v1/media", admin, photo, map[string][]string{"patient_id": {strconv.FormatInt(pat.ID, 10)}}, &m); code != 201 || len(m.Removed) == 0 {
			t.Fatalf("upload: %d %+v", code, m)
		}
		stored := getWithToken(t, h, "/api/v1/media/"+strconv.FormatInt(m.ID, 10)+"/file", admin)
		if strings.Contains(stored, "Pixel 8") || strings.Contains(stored, "Exif") || !strings.HasPrefix(stored, "\xFF\xD8") {
			t.Fatalf("the stored picture kept its metadata or is not a JPEG (%d bytes)", len(stored))
		}
		if code := h.call("GET", "/api/v1/media/"+strconv.FormatInt(m.ID, 10)+"/file", other, nil, nil); code != 404 {
			t.Errorf("another practice reads the picture: %d", code)
		}

		var p postOut
		h.call("POST", "/api/v1/posts", admin, map[string]any{"text": "One year of progress!", "channels": []string{"facebook"},
			"purpose": "success_story", "media_ids": []int64{m.ID}}, &p)
		path := "/api/v1/posts/" + strconv.FormatInt(p.ID, 10)
		h.call("POST", path+"/submit", admin, nil, nil)
		if code := h.call("POST", path+"/approve", co, nil, &e); code != 422 || len(e.Error.Details) != 1 || e.Error.Details[0].Kind != "PHOTO" {
			t.Fatalf("a picture of a patient without their release: %d %+v", code, e)
		}
		form := validAuthorization(pat.ID)
		form["elements"], form["purposes"], form["channels"] = []string{"PHOTO"}, []string{"success_story"}, []string{"facebook"}
		var a struct{ ID int64 }
		h.call("POST", "/api/v1/authorizations", admin, form, &a)
		h.call("POST", path+"/reject", co, map[string]any{"comment": "link the photo release"}, nil)
		h.call("PUT", path, admin, map[string]any{"text": "One year of progress!", "channels": []string{"facebook"},
			"purpose": "success_story", "media_ids": []int64{m.ID}, "authorization_ids": []int64{a.ID}}, &p)
		h.call("POST", path+"/submit", admin, nil, nil)
		if code := h.call("POST", path+"/approve", co, nil, &p); code != 200 || p.State != "approved" {
			t.Fatalf("with the photo release: %d %+v", code, p)
		}
	})
}

func getWithToken(t *testing.T, h *harness, path, token string) string {
	t.Helper()
	req, _ := http.NewRequest("GET", h.http.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	return string(b)
}

func decodeJSON(t *testing.T, data []byte, out any) {
	t.Helper()
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
}

// TestAttachPictureOnPage: the post page uploads a picture with who appears in it; the draft then
// needs that patient's photo release.
func TestAttachPictureOnPage(t *testing.T) {
	h := newHarness(t, false)
	admin := h.practice("Riverside Dental", "admin@example.com")
	var pat struct{ ID int64 }
	h.call("POST", "/api/v1/patients", admin, map[string]any{"name": "Emma Lindqvist"}, &pat)
	var p postOut
	h.call("POST", "/api/v1/posts", admin, map[string]any{"text": "One year of progress!", "channels": []string{"instagram"}}, &p)
	c := h.browser()
	h.form(c, "/login", url.Values{"email": {"admin@example.com"}, "password": {testPassword}})
	postPath := "/posts/" + strconv.FormatInt(p.ID, 10)
	_, page := h.page(c, postPath)

	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf_token", csrfOf(page))
	mw.WriteField("patient", strconv.FormatInt(pat.ID, 10))
	fw, _ := mw.CreateFormFile("file", "smile.jpg")
	fw.Write(jpegWithEXIF(t))
	mw.Close()
	req, _ := http.NewRequest("POST", h.http.URL+postPath+"/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(out), "Picture attached") || !strings.Contains(string(out), "picture #") {
		t.Fatalf("attach: %d\n%s", resp.StatusCode, out)
	}
}
