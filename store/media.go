package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
)

// Media is an uploaded picture, stripped of its metadata, with the patients who appear in it.
type Media struct {
	ID         int64     `json:"id"`
	DocumentID int64     `json:"document_id"`
	SHA256     string    `json:"sha256"`
	Type       string    `json:"content_type"`
	Width      int       `json:"width"`
	Height     int       `json:"height"`
	PatientIDs []int64   `json:"patient_ids"`
	NoPatients bool      `json:"no_patients"` // the uploader confirmed that no patient can be recognised
	CreatedAt  time.Time `json:"created_at"`
}

// CreateMedia stores a cleaned picture. The uploader must say who appears in it: the patients, or
// that no patient can be recognised. A picture of nobody in particular is not assumed.
func (db *DB) CreateMedia(ctx context.Context, actor Actor, contentType string, data []byte, width, height int, patients []int64, noPatients bool) (Media, error) {
	slices.Sort(patients)
	patients = slices.Compact(patients)
	if noPatients == (len(patients) > 0) {
		return Media{}, bedside.Errorf(bedside.EInvalid, "say which patients appear in the picture, or confirm that no patient can be recognised in it")
	}
	m := Media{Type: contentType, Width: width, Height: height, PatientIDs: patients, NoPatients: noPatients, CreatedAt: db.now()}
	if m.PatientIDs == nil {
		m.PatientIDs = []int64{}
	}
	err := db.tx(ctx, func(t *Tx) error {
		for _, pid := range patients {
			var n int
			if err := t.queryRow(ctx, "SELECT COUNT(*) FROM patients WHERE id = ? AND practice_id = ?", pid, actor.PracticeID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return bedside.Errorf(bedside.ENotFound, "no such patient: %d", pid)
			}
		}
		doc, err := t.putDocument(ctx, actor, contentType, data)
		if err != nil {
			return err
		}
		m.DocumentID, m.SHA256 = doc.ID, doc.SHA256
		m.ID, err = t.insert(ctx, `INSERT INTO media (practice_id, document_id, width, height, no_patients, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, actor.PracticeID, doc.ID, width, height, b2i(noPatients), actor.UserID, ms(m.CreatedAt))
		if err != nil {
			return fmt.Errorf("insert media: %w", err)
		}
		for _, pid := range patients {
			if _, err := t.exec(ctx, "INSERT INTO media_patients (media_id, patient_id) VALUES (?, ?)", m.ID, pid); err != nil {
				return err
			}
		}
		return t.audit(ctx, actor.PracticeID, actor, "media.create", "media", strconv.FormatInt(m.ID, 10))
	})
	return m, err
}

// Media returns one picture's record (not its bytes) of the actor's practice.
func (db *DB) Media(ctx context.Context, actor Actor, id int64) (Media, error) {
	return db.media(ctx, db.read, actor.PracticeID, id)
}

func (db *DB) media(ctx context.Context, q querier, practiceID, id int64) (Media, error) {
	m := Media{ID: id}
	var created int64
	var none int
	err := q.QueryRowContext(ctx, db.q(`SELECT m.document_id, d.sha256, d.content_type, m.width, m.height, m.no_patients, m.created_at
		FROM media m JOIN documents d ON d.id = m.document_id WHERE m.practice_id = ? AND m.id = ?`), practiceID, id).
		Scan(&m.DocumentID, &m.SHA256, &m.Type, &m.Width, &m.Height, &none, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return m, bedside.Errorf(bedside.ENotFound, "no such media")
	}
	if err != nil {
		return m, fmt.Errorf("media: %w", err)
	}
	m.NoPatients, m.CreatedAt = none == 1, fromMS(created)
	m.PatientIDs, err = db.idList(ctx, q, "SELECT patient_id FROM media_patients WHERE media_id = ? ORDER BY patient_id", id)
	return m, err
}

// MediaFile returns a picture's bytes; the view is audited.
func (db *DB) MediaFile(ctx context.Context, actor Actor, id int64) (Document, []byte, error) {
	m, err := db.Media(ctx, actor, id)
	if err != nil {
		return Document{}, nil, err
	}
	return db.Document(ctx, actor, m.DocumentID)
}

func (t *Tx) linkMedia(ctx context.Context, p Post) error {
	for _, mid := range p.MediaIDs {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM media WHERE id = ? AND practice_id = ?", mid, p.PracticeID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return bedside.Errorf(bedside.ENotFound, "no such media: %d", mid)
		}
		if _, err := t.exec(ctx, "INSERT INTO post_media (post_id, media_id) VALUES (?, ?)", p.ID, mid); err != nil {
			return fmt.Errorf("link media: %w", err)
		}
	}
	return nil
}
