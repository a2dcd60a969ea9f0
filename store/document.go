package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
)

// Document is a stored file: a generated form, a patient's signed copy or an uploaded scan. Its
// bytes are sealed; SHA256 is of the plain bytes, as recorded on the authorization.
type Document struct {
	ID          int64     `json:"id"`
	ContentType string    `json:"content_type"`
	Size        int       `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
}

// PutDocument stores a file the caller has already checked (type sniffed, size bounded).
func (db *DB) PutDocument(ctx context.Context, actor Actor, contentType string, data []byte) (Document, error) {
	var d Document
	err := db.tx(ctx, func(t *Tx) error {
		var err error
		d, err = t.putDocument(ctx, actor, contentType, data)
		return err
	})
	return d, err
}

func (t *Tx) putDocument(ctx context.Context, actor Actor, contentType string, data []byte) (Document, error) {
	d := Document{ContentType: contentType, Size: len(data), SHA256: sha256Hex(data), CreatedAt: t.db.now()}
	id, err := t.insert(ctx, `INSERT INTO documents (practice_id, content_type, size, sha256, sealed, key_id, created_at)
		VALUES (?, ?, ?, ?, ?, 0, ?)`, actor.PracticeID, contentType, len(data), d.SHA256, []byte{0}, ms(d.CreatedAt))
	if err != nil {
		return d, fmt.Errorf("insert document: %w", err)
	}
	d.ID = id
	if err := t.sealRow(ctx, "documents", id, data); err != nil {
		return d, err
	}
	return d, t.audit(ctx, actor.PracticeID, actor, "document.create", "document", strconv.FormatInt(id, 10))
}

// Document opens a document of the actor's practice; the view is audited.
func (db *DB) Document(ctx context.Context, actor Actor, id int64) (Document, []byte, error) {
	d, data, err := db.document(ctx, actor.PracticeID, id)
	if err != nil {
		return d, nil, err
	}
	return d, data, db.Audit(ctx, actor, "document.view", "document", strconv.FormatInt(id, 10))
}

func (db *DB) document(ctx context.Context, practiceID, id int64) (Document, []byte, error) {
	d := Document{ID: id}
	var sealed []byte
	var created int64
	err := db.queryRow(ctx, "SELECT content_type, size, sha256, sealed, created_at FROM documents WHERE practice_id = ? AND id = ?", practiceID, id).
		Scan(&d.ContentType, &d.Size, &d.SHA256, &sealed, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return d, nil, bedside.Errorf(bedside.ENotFound, "no such document")
	}
	if err != nil {
		return d, nil, fmt.Errorf("document: %w", err)
	}
	d.CreatedAt = fromMS(created)
	data, err := db.keys.Open(sealed, rowContext("documents", id))
	if err != nil {
		return d, nil, fmt.Errorf("document %d: %w", id, err)
	}
	return d, data, nil
}
