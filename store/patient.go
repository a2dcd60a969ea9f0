package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bedsidehq/bedside"
)

// Patient is the minimal record Bedside keeps: enough to know whose authorization is whose.
// Everything but the ids is sealed at rest.
type Patient struct {
	ID         int64  `json:"id"`
	PracticeID int64  `json:"-"`
	Name       string `json:"name"`
	BirthDate  string `json:"birth_date,omitempty"` // YYYY-MM-DD
	Contact    string `json:"contact,omitempty"`    // email or phone, for sending the patient their copy
	ChartID    string `json:"chart_id,omitempty"`   // the practice's own record number
}

// CreatePatient seals and stores a patient.
func (db *DB) CreatePatient(ctx context.Context, actor Actor, p Patient) (Patient, error) {
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		return p, bedside.Errorf(bedside.EInvalid, "a patient needs a name")
	}
	if p.BirthDate != "" && !isDate(p.BirthDate) {
		return p, bedside.Errorf(bedside.EInvalid, "birth_date must be a date like 1990-04-12")
	}
	p.PracticeID = actor.PracticeID
	err := db.tx(ctx, func(t *Tx) error {
		// The id is part of what the seal is bound to, so the row is written first, then sealed.
		id, err := t.insert(ctx, "INSERT INTO patients (practice_id, sealed, key_id, created_at) VALUES (?, ?, 0, ?)",
			actor.PracticeID, []byte{0}, ms(db.now()))
		if err != nil {
			return fmt.Errorf("insert patient: %w", err)
		}
		p.ID = id
		plain, _ := json.Marshal(p)
		if err := t.sealRow(ctx, "patients", id, plain); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "patient.create", "patient", strconv.FormatInt(id, 10))
	})
	return p, err
}

// Patient opens a patient of the actor's practice; the view is an audit event.
func (db *DB) Patient(ctx context.Context, actor Actor, id int64) (Patient, error) {
	p, err := db.patient(ctx, actor.PracticeID, id)
	if err != nil {
		return p, err
	}
	return p, db.Audit(ctx, actor, "patient.view", "patient", strconv.FormatInt(id, 10))
}

func (db *DB) patient(ctx context.Context, practiceID, id int64) (Patient, error) {
	var sealed []byte
	err := db.queryRow(ctx, "SELECT sealed FROM patients WHERE practice_id = ? AND id = ?", practiceID, id).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return Patient{}, bedside.Errorf(bedside.ENotFound, "no such patient")
	}
	if err != nil {
		return Patient{}, fmt.Errorf("patient: %w", err)
	}
	plain, err := db.keys.Open(sealed, rowContext("patients", id))
	if err != nil {
		return Patient{}, fmt.Errorf("patient %d: %w", id, err)
	}
	var p Patient
	if err := json.Unmarshal(plain, &p); err != nil {
		return Patient{}, fmt.Errorf("patient %d: %w", id, err)
	}
	p.ID, p.PracticeID = id, practiceID
	return p, nil
}

func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// Patients lists the practice's patients, newest first, for the staff pages. Listing is audited
// as one event.
func (db *DB) Patients(ctx context.Context, actor Actor) ([]Patient, error) {
	ids, err := db.idList(ctx, db.read, "SELECT id FROM patients WHERE practice_id = ? ORDER BY id DESC LIMIT 1000", actor.PracticeID)
	if err != nil {
		return nil, err
	}
	out := make([]Patient, 0, len(ids))
	for _, id := range ids {
		p, err := db.patient(ctx, actor.PracticeID, id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, db.Audit(ctx, actor, "patient.list", "practice", strconv.FormatInt(actor.PracticeID, 10))
}
