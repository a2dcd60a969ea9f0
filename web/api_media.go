package web

import (
	"net/http"
	"strconv"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/media"
)

// mediaResponse is an uploaded picture as the API answers it.
type mediaResponse struct {
	ID              int64    `json:"id"`
	SHA256          string   `json:"sha256"`
	ContentType     string   `json:"content_type"`
	Width           int      `json:"width"`
	Height          int      `json:"height"`
	PatientIDs      []int64  `json:"patient_ids"`
	NoPatients      bool     `json:"no_patients"`
	Removed         []string `json:"removed_metadata"`
	LostOrientation bool     `json:"lost_orientation,omitempty"` // it will show rotated: rotate it and upload again
}

// apiCreateMedia takes a multipart upload: "file" (JPEG or PNG), then "patient_id" once per
// patient who appears, or "no_patients=true". The type is decided from the bytes and the
// metadata (GPS, device, times) is stripped before anything is stored.
func (s *Server) apiCreateMedia(w http.ResponseWriter, r *http.Request, i *identity) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	file, _, err := r.FormFile("file")
	if err != nil {
		return bedside.Errorf(bedside.EInvalid, "send the picture as multipart/form-data in a field named file")
	}
	defer file.Close()
	var patients []int64
	for _, v := range r.MultipartForm.Value["patient_id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return bedside.Errorf(bedside.EInvalid, "patient_id is a number")
		}
		patients = append(patients, id)
	}
	clean, err := media.PostMedia().Read(file)
	if err != nil {
		return err
	}
	m, err := s.db.CreateMedia(r.Context(), i.actor(), string(clean.Type), clean.Data, clean.Width, clean.Height,
		patients, r.FormValue("no_patients") == "true")
	if err != nil {
		return err
	}
	removed := clean.Removed
	if removed == nil {
		removed = []string{}
	}
	writeJSON(w, http.StatusCreated, mediaResponse{ID: m.ID, SHA256: m.SHA256, ContentType: m.Type, Width: m.Width, Height: m.Height,
		PatientIDs: m.PatientIDs, NoPatients: m.NoPatients, Removed: removed, LostOrientation: clean.LostOrientation()})
	return nil
}

// apiMediaFile serves a stored picture to the practice's users; the view is audited.
func (s *Server) apiMediaFile(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, data, err := s.db.MediaFile(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(data)
	return nil
}

// apiCreateDocument stores the scan of a paper authorization (PDF, JPEG or PNG) and answers with
// its SHA-256, to give as document_sha256 with "method": "upload".
func (s *Server) apiCreateDocument(w http.ResponseWriter, r *http.Request, i *identity) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	file, _, err := r.FormFile("file")
	if err != nil {
		return bedside.Errorf(bedside.EInvalid, "send the scan as multipart/form-data in a field named file")
	}
	defer file.Close()
	clean, err := media.AuthorizationScan().Read(file)
	if err != nil {
		return err
	}
	d, err := s.db.PutDocument(r.Context(), i.actor(), string(clean.Type), clean.Data)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, d)
	return nil
}
