package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/release"
)

// releaseSealed is the sealed part of a release: who signed and what they agreed to.
type releaseSealed struct {
	SignerName   string        `json:"signer_name"`
	Relationship string        `json:"relationship,omitempty"`
	Event        string        `json:"event"`
	Uses         []release.Use `json:"uses"`
	Evidence     *Evidence     `json:"evidence,omitempty"`
}

// ReleaseLink is a release prepared by staff and waiting for the signature of the person pictured
// (or a child's parent or guardian), opened through a one-time link.
type ReleaseLink struct {
	ID             int64           `json:"id"`
	PracticeID     int64           `json:"-"`
	Person         Person          `json:"-"`
	Draft          release.Release `json:"draft"`
	Form           json.RawMessage `json:"-"` // what the caller needs to render the signed copy of the same form
	DocumentID     int64           `json:"document_id"`
	DocumentSHA256 string          `json:"document_sha256"`
	ExpiresAt      time.Time       `json:"expires_at"`
	SignedAt       *time.Time      `json:"signed_at,omitempty"`
	ReleaseID      int64           `json:"release_id,omitempty"`
}

type releaseLinkSealed struct {
	Draft    release.Release `json:"draft"`
	Form     json.RawMessage `json:"form"`
	Evidence *Evidence       `json:"evidence,omitempty"`
}

func checkDraft(d release.Release) error {
	if strings.TrimSpace(d.Event) == "" {
		return bedside.Errorf(bedside.EInvalid, "name the event the pictures were taken at")
	}
	if len(d.Uses) == 0 {
		return bedside.Errorf(bedside.EInvalid, "choose at least one use: social_media or website")
	}
	for _, u := range d.Uses {
		if !slices.Contains(release.Uses, u) {
			return bedside.Errorf(bedside.EInvalid, "unknown use %q", u)
		}
	}
	return nil
}

// CreateReleaseLink stores a release to sign and the exact form shown. tokenHash is the SHA-256 of
// the link's secret, which only the caller sees.
func (db *DB) CreateReleaseLink(ctx context.Context, actor Actor, mediaID, personID int64, draft release.Release, form json.RawMessage, document []byte, tokenHash string, ttl time.Duration) (ReleaseLink, error) {
	l := ReleaseLink{PracticeID: actor.PracticeID, Draft: draft, Form: form, ExpiresAt: db.now().Add(ttl)}
	if err := checkDraft(draft); err != nil {
		return l, err
	}
	err := db.tx(ctx, func(t *Tx) error {
		p, err := db.releasePerson(ctx, t.tx, actor.PracticeID, mediaID, personID)
		if err != nil {
			return err
		}
		l.Person, l.Draft.PersonID, l.Draft.Kind = p, p.ID, p.Kind
		doc, err := t.putDocument(ctx, actor, "application/pdf", document)
		if err != nil {
			return err
		}
		l.DocumentID, l.DocumentSHA256 = doc.ID, doc.SHA256
		l.ID, err = t.insert(ctx, `INSERT INTO release_links (practice_id, person_id, token_sha256, document_id, sealed, key_id, created_by, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`, actor.PracticeID, p.ID, tokenHash, doc.ID, []byte{0}, actor.UserID, ms(db.now()), ms(l.ExpiresAt))
		if err != nil {
			return fmt.Errorf("insert release link: %w", err)
		}
		if err := t.sealJSON(ctx, "release_links", l.ID, releaseLinkSealed{Draft: l.Draft, Form: form}); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "release.link", "media_person", strconv.FormatInt(p.ID, 10))
	})
	return l, err
}

// ReleaseLinkByToken finds the release a link names. An expired link is not found; a signed one
// is returned so that the signer can download their copy until it expires.
func (db *DB) ReleaseLinkByToken(ctx context.Context, tokenHash string) (ReleaseLink, error) {
	return db.releaseLink(ctx, db.read, tokenHash)
}

func (db *DB) releaseLink(ctx context.Context, q querier, tokenHash string) (ReleaseLink, error) {
	var l ReleaseLink
	var sealed []byte
	var personID, expires int64
	var signed, relID sql.NullInt64
	err := q.QueryRowContext(ctx, db.q(`SELECT l.id, l.practice_id, l.person_id, l.document_id, d.sha256, l.sealed, l.expires_at, l.signed_at, l.release_id
		FROM release_links l JOIN documents d ON d.id = l.document_id WHERE l.token_sha256 = ?`), tokenHash).
		Scan(&l.ID, &l.PracticeID, &personID, &l.DocumentID, &l.DocumentSHA256, &sealed, &expires, &signed, &relID)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && db.now().After(fromMS(expires))) {
		return l, bedside.Errorf(bedside.ENotFound, "this release link is not valid or has expired; ask the practice for a new one")
	}
	if err != nil {
		return l, fmt.Errorf("release link: %w", err)
	}
	var s releaseLinkSealed
	if err := db.openJSON(sealed, rowContext("release_links", l.ID), &s); err != nil {
		return l, fmt.Errorf("release link %d: %w", l.ID, err)
	}
	l.Draft, l.Form, l.ExpiresAt, l.ReleaseID = s.Draft, s.Form, fromMS(expires), relID.Int64
	if signed.Valid {
		at := fromMS(signed.Int64)
		l.SignedAt = &at
	}
	var mediaID int64
	if err := q.QueryRowContext(ctx, db.q("SELECT media_id FROM media_people WHERE id = ?"), personID).Scan(&mediaID); err != nil {
		return l, fmt.Errorf("release link person: %w", err)
	}
	l.Person, err = db.person(ctx, q, l.PracticeID, mediaID, personID)
	return l, err
}

// ReleaseLinkDocument returns the form a release link shows, or after signing the signer's copy.
func (db *DB) ReleaseLinkDocument(ctx context.Context, tokenHash string, signedCopy bool) (Document, []byte, error) {
	l, err := db.ReleaseLinkByToken(ctx, tokenHash)
	if err != nil {
		return Document{}, nil, err
	}
	id := l.DocumentID
	if signedCopy {
		if l.ReleaseID == 0 {
			return Document{}, nil, bedside.Errorf(bedside.ENotFound, "the release is not signed yet")
		}
		if err := db.queryRow(ctx, "SELECT document_id FROM releases WHERE id = ?", l.ReleaseID).Scan(&id); err != nil {
			return Document{}, nil, fmt.Errorf("release: %w", err)
		}
	}
	return db.document(ctx, l.PracticeID, id)
}

// SignRelease completes a release link: it records the evidence and the release (signed on screen,
// with the SHA-256 of the form shown) and stores the signer's copy that signedCopy renders. For a
// child, relationship is the guardian's relationship to them and is required. A link signs once.
func (db *DB) SignRelease(ctx context.Context, tokenHash string, ev Evidence, relationship string, signedCopy func(l ReleaseLink, r release.Release) ([]byte, error)) (release.Release, error) {
	ev.TypedName, relationship = strings.TrimSpace(ev.TypedName), strings.TrimSpace(relationship)
	if ev.TypedName == "" || len(ev.SignaturePNG) == 0 {
		return release.Release{}, bedside.Errorf(bedside.EInvalid, "type your full name and sign in the box")
	}
	var r release.Release
	err := db.tx(ctx, func(t *Tx) error {
		l, err := db.releaseLink(ctx, t.tx, tokenHash)
		if err != nil {
			return err
		}
		if l.Person.Kind == release.Child && relationship == "" {
			return bedside.Errorf(bedside.EInvalid, "a parent or guardian signs for a child: say how you are related to the child")
		}
		res, err := t.exec(ctx, "UPDATE release_links SET signed_at = ? WHERE id = ? AND signed_at IS NULL AND expires_at > ?", ms(ev.At), l.ID, ms(db.now()))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return bedside.Errorf(bedside.EConflict, "this release was signed already, or the link has expired")
		}
		r = l.Draft
		r.SignerName, r.SignedAt, r.Method, r.DocumentSHA256 = ev.TypedName, ev.At, authorization.OnScreen, l.DocumentSHA256
		if l.Person.Kind == release.Child {
			r.Relationship = relationship
		}
		pdf, err := signedCopy(l, r)
		if err != nil {
			return err
		}
		actor := Actor{PracticeID: l.PracticeID, ReleaseID: l.ID}
		if r, err = t.createRelease(ctx, actor, r, "application/pdf", pdf, &ev); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE release_links SET release_id = ? WHERE id = ?", r.ID, l.ID); err != nil {
			return err
		}
		return t.sealJSON(ctx, "release_links", l.ID, releaseLinkSealed{Draft: l.Draft, Form: l.Form, Evidence: &ev})
	})
	return r, err
}

// UploadRelease records a paper release from its scan (already type-checked by the caller).
func (db *DB) UploadRelease(ctx context.Context, actor Actor, mediaID, personID int64, r release.Release, contentType string, scan []byte) (release.Release, error) {
	r.SignerName, r.Relationship, r.Event = strings.TrimSpace(r.SignerName), strings.TrimSpace(r.Relationship), strings.TrimSpace(r.Event)
	if err := checkDraft(r); err != nil {
		return r, err
	}
	if r.SignerName == "" || r.SignedAt.IsZero() {
		return r, bedside.Errorf(bedside.EInvalid, "give the signer's name and the date the release was signed")
	}
	err := db.tx(ctx, func(t *Tx) error {
		p, err := db.releasePerson(ctx, t.tx, actor.PracticeID, mediaID, personID)
		if err != nil {
			return err
		}
		if p.Kind == release.Child && r.Relationship == "" {
			return bedside.Errorf(bedside.EInvalid, "a child's release is signed by a parent or guardian: give their relationship to the child")
		}
		r.PersonID, r.Kind, r.Method, r.RevokedAt = p.ID, p.Kind, authorization.Upload, time.Time{}
		r, err = t.createRelease(ctx, actor, r, contentType, scan, nil)
		return err
	})
	return r, err
}

func (t *Tx) createRelease(ctx context.Context, actor Actor, r release.Release, contentType string, doc []byte, ev *Evidence) (release.Release, error) {
	d, err := t.putDocument(ctx, actor, contentType, doc)
	if err != nil {
		return r, err
	}
	r.DocumentID = d.ID
	if r.Method == authorization.Upload {
		r.DocumentSHA256 = d.SHA256
	}
	var expires any
	if !r.Expires.IsZero() {
		expires = ms(r.Expires)
	}
	r.ID, err = t.insert(ctx, `INSERT INTO releases (practice_id, person_id, method, document_id, document_sha256, expires_at, signed_at, sealed, key_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`, actor.PracticeID, r.PersonID, r.Method, d.ID, r.DocumentSHA256, expires, ms(r.SignedAt), []byte{0}, ms(t.db.now()))
	if err != nil {
		return r, fmt.Errorf("insert release: %w", err)
	}
	if err := t.sealJSON(ctx, "releases", r.ID, releaseSealed{SignerName: r.SignerName, Relationship: r.Relationship, Event: r.Event, Uses: r.Uses, Evidence: ev}); err != nil {
		return r, err
	}
	return r, t.audit(ctx, actor.PracticeID, actor, "release.create", "release", strconv.FormatInt(r.ID, 10))
}

// RevokeRelease records that a release was taken back: pictures of the person may not be
// published from now on. What was published before stays lawful.
func (db *DB) RevokeRelease(ctx context.Context, actor Actor, id int64) error {
	return db.tx(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, "UPDATE releases SET revoked_at = ?, revoked_by = ? WHERE id = ? AND practice_id = ? AND revoked_at IS NULL",
			ms(db.now()), actor.UserID, id, actor.PracticeID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var c int
			if err := t.queryRow(ctx, "SELECT COUNT(*) FROM releases WHERE id = ? AND practice_id = ?", id, actor.PracticeID).Scan(&c); err != nil {
				return err
			}
			if c == 0 {
				return bedside.Errorf(bedside.ENotFound, "no such release")
			}
			return bedside.Errorf(bedside.EConflict, "this release was revoked already")
		}
		return t.audit(ctx, actor.PracticeID, actor, "release.revoke", "release", strconv.FormatInt(id, 10))
	})
}

// releases reads a person's releases, oldest first.
func (db *DB) releases(ctx context.Context, q querier, personID int64, kind release.Kind) ([]release.Release, error) {
	out := []release.Release{}
	err := each(ctx, q, db.q(`SELECT id, method, document_id, document_sha256, expires_at, signed_at, revoked_at, sealed FROM releases WHERE person_id = ? ORDER BY id`),
		[]any{personID}, func(rows *sql.Rows) error {
			r := release.Release{PersonID: personID, Kind: kind}
			var expires, revoked sql.NullInt64
			var signed int64
			var sealed []byte
			if err := rows.Scan(&r.ID, &r.Method, &r.DocumentID, &r.DocumentSHA256, &expires, &signed, &revoked, &sealed); err != nil {
				return err
			}
			var s releaseSealed
			if err := db.openJSON(sealed, rowContext("releases", r.ID), &s); err != nil {
				return fmt.Errorf("release %d: %w", r.ID, err)
			}
			r.SignerName, r.Relationship, r.Event, r.Uses, r.SignedAt = s.SignerName, s.Relationship, s.Event, s.Uses, fromMS(signed)
			if expires.Valid {
				r.Expires = fromMS(expires.Int64)
			}
			if revoked.Valid {
				r.RevokedAt = fromMS(revoked.Int64)
			}
			out = append(out, r)
			return nil
		})
	return out, err
}
