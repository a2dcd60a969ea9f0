package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/release"
)

// Person is someone identifiable in a picture. Label is what the practice calls them in
// refusals ("Dr. Lee (staff)", "visitor 2"); it and the names are sealed, and never logged or
// audited.
type Person struct {
	ID                   int64             `json:"id"`
	MediaID              int64             `json:"media_id"`
	Kind                 release.Kind      `json:"kind"`
	PatientID            int64             `json:"patient_id,omitempty"`
	Label                string            `json:"label"`
	Name                 string            `json:"name,omitempty"`
	GuardianName         string            `json:"guardian_name,omitempty"`
	GuardianRelationship string            `json:"guardian_relationship,omitempty"`
	Status               release.Status    `json:"status"` // for a patient: valid when they have a valid PHOTO authorization
	Releases             []release.Release `json:"releases"`
	CreatedBy            int64             `json:"created_by"`
	CreatedAt            time.Time         `json:"created_at"`
}

type personSealed struct {
	Label                string `json:"label"`
	Name                 string `json:"name,omitempty"`
	GuardianName         string `json:"guardian_name,omitempty"`
	GuardianRelationship string `json:"guardian_relationship,omitempty"`
}

// Pictured is who a picture shows: the people listed, or the mark that nobody can be identified.
type Pictured struct {
	MediaID            int64      `json:"media_id"`
	NoneIdentifiable   bool       `json:"none_identifiable"`
	NoneIdentifiableBy int64      `json:"none_identifiable_by,omitempty"`
	NoneIdentifiableAt *time.Time `json:"none_identifiable_at,omitempty"`
	People             []Person   `json:"people"`
}

// AddPerson lists someone pictured. A patient is linked to the picture, so that the post's
// authorizations must cover them; anyone else will need a release. Listing someone clears a
// "none identifiable" mark, which the audit log keeps.
func (db *DB) AddPerson(ctx context.Context, actor Actor, mediaID int64, p Person) (Person, error) {
	p.Label, p.Name = strings.TrimSpace(p.Label), strings.TrimSpace(p.Name)
	p.GuardianName, p.GuardianRelationship = strings.TrimSpace(p.GuardianName), strings.TrimSpace(p.GuardianRelationship)
	if !slices.Contains(release.Kinds, p.Kind) {
		return p, bedside.Errorf(bedside.EInvalid, "kind is patient, staff, visitor or child")
	}
	if (p.Kind == release.Patient) != (p.PatientID != 0) {
		return p, bedside.Errorf(bedside.EInvalid, "give patient_id for a patient, and only for a patient")
	}
	if len(p.Label) > 100 || len(p.Name) > 200 || len(p.GuardianName) > 200 || len(p.GuardianRelationship) > 100 {
		return p, bedside.Errorf(bedside.EInvalid, "a label, name or relationship is too long")
	}
	p.MediaID, p.CreatedBy, p.CreatedAt = mediaID, actor.UserID, db.now()
	err := db.tx(ctx, func(t *Tx) error {
		if _, err := db.media(ctx, t.tx, actor.PracticeID, mediaID); err != nil {
			return err
		}
		var patient any
		if p.Kind == release.Patient {
			var n int
			if err := t.queryRow(ctx, "SELECT COUNT(*) FROM patients WHERE id = ? AND practice_id = ?", p.PatientID, actor.PracticeID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return bedside.Errorf(bedside.ENotFound, "no such patient: %d", p.PatientID)
			}
			if err := t.queryRow(ctx, "SELECT COUNT(*) FROM media_patients WHERE media_id = ? AND patient_id = ?", mediaID, p.PatientID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				if _, err := t.exec(ctx, "INSERT INTO media_patients (media_id, patient_id) VALUES (?, ?)", mediaID, p.PatientID); err != nil {
					return err
				}
			}
			patient = p.PatientID
		}
		if p.Label == "" {
			var n int
			if err := t.queryRow(ctx, "SELECT COUNT(*) FROM media_people WHERE media_id = ? AND kind = ?", mediaID, p.Kind).Scan(&n); err != nil {
				return err
			}
			p.Label = string(p.Kind) + " " + strconv.Itoa(n+1)
		}
		if _, err := t.exec(ctx, "UPDATE media SET no_patients = ?, none_identifiable_by = NULL, none_identifiable_at = NULL WHERE id = ?",
			b2i(p.Kind != release.Patient && db.noPatients(ctx, t.tx, mediaID)), mediaID); err != nil {
			return err
		}
		id, err := t.insert(ctx, `INSERT INTO media_people (practice_id, media_id, kind, patient_id, sealed, key_id, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, 0, ?, ?)`, actor.PracticeID, mediaID, p.Kind, patient, []byte{0}, actor.UserID, ms(p.CreatedAt))
		if err != nil {
			return fmt.Errorf("insert person: %w", err)
		}
		p.ID = id
		if err := t.sealJSON(ctx, "media_people", id, personSealed{p.Label, p.Name, p.GuardianName, p.GuardianRelationship}); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "media.person.add", "media", strconv.FormatInt(mediaID, 10))
	})
	p.Releases, p.Status = []release.Release{}, release.Missing
	return p, err
}

func (db *DB) noPatients(ctx context.Context, q querier, mediaID int64) bool {
	var none int
	q.QueryRowContext(ctx, db.q("SELECT no_patients FROM media WHERE id = ?"), mediaID).Scan(&none)
	return none == 1
}

// MarkNoneIdentifiable records that nobody can be recognised in a picture (a crowd from behind),
// and who said so: such a picture needs no release. A picture with people listed cannot be.
func (db *DB) MarkNoneIdentifiable(ctx context.Context, actor Actor, mediaID int64) error {
	return db.tx(ctx, func(t *Tx) error {
		m, err := db.media(ctx, t.tx, actor.PracticeID, mediaID)
		if err != nil {
			return err
		}
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM media_people WHERE media_id = ?", mediaID).Scan(&n); err != nil {
			return err
		}
		if n > 0 || len(m.PatientIDs) > 0 {
			return bedside.Errorf(bedside.EConflict, "people are listed in this picture: it cannot be marked as showing nobody identifiable")
		}
		if _, err := t.exec(ctx, "UPDATE media SET none_identifiable_by = ?, none_identifiable_at = ? WHERE id = ?", actor.UserID, ms(db.now()), mediaID); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "media.none_identifiable", "media", strconv.FormatInt(mediaID, 10))
	})
}

// Pictured lists who a picture of the actor's practice shows, with each release's status now.
// Opening the names is audited.
func (db *DB) Pictured(ctx context.Context, actor Actor, mediaID int64) (Pictured, error) {
	out := Pictured{MediaID: mediaID}
	m, err := db.media(ctx, db.read, actor.PracticeID, mediaID)
	if err != nil {
		return out, err
	}
	var by, at sql.NullInt64
	if err := db.queryRow(ctx, "SELECT none_identifiable_by, none_identifiable_at FROM media WHERE id = ?", mediaID).Scan(&by, &at); err != nil {
		return out, fmt.Errorf("media: %w", err)
	}
	if by.Valid {
		t := fromMS(at.Int64)
		out.NoneIdentifiable, out.NoneIdentifiableBy, out.NoneIdentifiableAt = true, by.Int64, &t
	}
	if out.People, err = db.people(ctx, db.read, actor.PracticeID, mediaID); err != nil {
		return out, err
	}
	// Patients linked at upload are listed too; their status is their PHOTO authorization's.
	for _, pid := range m.PatientIDs {
		if !slices.ContainsFunc(out.People, func(p Person) bool { return p.PatientID == pid }) {
			out.People = append(out.People, Person{MediaID: mediaID, Kind: release.Patient, PatientID: pid, Label: "patient " + strconv.FormatInt(pid, 10)})
		}
	}
	for n, p := range out.People {
		if p.Kind != release.Patient {
			continue
		}
		auths, err := db.Authorizations(ctx, actor.PracticeID, p.PatientID)
		if err != nil {
			return out, err
		}
		out.People[n].Status, out.People[n].Releases = release.Missing, []release.Release{}
		for _, a := range auths {
			if st, _ := authorization.StatusOf(a, db.now()); st == authorization.Valid && slices.Contains(a.Elements, phi.Photo) {
				out.People[n].Status = release.Valid
			}
		}
	}
	return out, db.Audit(ctx, actor, "media.people.view", "media", strconv.FormatInt(mediaID, 10))
}

// people reads the people listed in a picture with their releases.
func (db *DB) people(ctx context.Context, q querier, practiceID, mediaID int64) ([]Person, error) {
	out := []Person{}
	err := each(ctx, q, db.q("SELECT id, kind, patient_id, sealed, created_by, created_at FROM media_people WHERE practice_id = ? AND media_id = ? ORDER BY id"),
		[]any{practiceID, mediaID}, func(rows *sql.Rows) error {
			p := Person{MediaID: mediaID}
			var patient sql.NullInt64
			var sealed []byte
			var created int64
			if err := rows.Scan(&p.ID, &p.Kind, &patient, &sealed, &p.CreatedBy, &created); err != nil {
				return err
			}
			var s personSealed
			if err := db.openJSON(sealed, rowContext("media_people", p.ID), &s); err != nil {
				return fmt.Errorf("person %d: %w", p.ID, err)
			}
			p.PatientID, p.CreatedAt = patient.Int64, fromMS(created)
			p.Label, p.Name, p.GuardianName, p.GuardianRelationship = s.Label, s.Name, s.GuardianName, s.GuardianRelationship
			out = append(out, p)
			return nil
		})
	if err != nil {
		return nil, err
	}
	for n := range out {
		if out[n].Releases, err = db.releases(ctx, q, out[n].ID, out[n].Kind); err != nil {
			return nil, err
		}
		out[n].Status = release.Best(out[n].Releases, db.now())
	}
	return out, nil
}

// person reads one person listed in a picture of the practice.
func (db *DB) person(ctx context.Context, q querier, practiceID, mediaID, id int64) (Person, error) {
	ps, err := db.people(ctx, q, practiceID, mediaID)
	if err != nil {
		return Person{}, err
	}
	for _, p := range ps {
		if p.ID == id {
			return p, nil
		}
	}
	return Person{}, bedside.Errorf(bedside.ENotFound, "no such person in this picture")
}

// releasePerson is person for a release: a patient signs an authorization instead.
func (db *DB) releasePerson(ctx context.Context, q querier, practiceID, mediaID, id int64) (Person, error) {
	p, err := db.person(ctx, q, practiceID, mediaID, id)
	if err == nil && p.Kind == release.Patient {
		return p, bedside.Errorf(bedside.EInvalid, "a patient signs an authorization, from their patient page, not a release")
	}
	return p, err
}

// unreleased lists, for the gate, the people in a picture whom no valid release covers on the
// channels at the time given.
func (db *DB) unreleased(ctx context.Context, practiceID, mediaID int64, channels []authorization.Channel, at time.Time) ([]Uncovered, error) {
	ps, err := db.people(ctx, db.read, practiceID, mediaID)
	if err != nil {
		return nil, err
	}
	var out []Uncovered
	for _, p := range ps {
		if p.Kind == release.Patient {
			continue // the patient's PHOTO authorization is checked with the others
		}
		if why := release.Cover(p.Releases, channels, at); why != "" {
			out = append(out, Uncovered{Kind: phi.Photo, MediaID: mediaID, Person: p.Label,
				Reason: fmt.Sprintf("%s appears in picture %d: %s", p.Label, mediaID, why)})
		}
	}
	return out, nil
}

func (t *Tx) sealJSON(ctx context.Context, table string, id int64, v any) error {
	plain, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return t.sealRow(ctx, table, id, plain)
}
