package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
)

func connectorContext(practiceID int64, source string) string {
	return "connectors:" + strconv.FormatInt(practiceID, 10) + ":" + source
}

// SetConnector stores a review source's settings (credentials included), sealed.
func (db *DB) SetConnector(ctx context.Context, actor Actor, source string, settings []byte) error {
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.exec(ctx, "DELETE FROM connectors WHERE practice_id = ? AND source = ?", actor.PracticeID, source); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "INSERT INTO connectors (practice_id, source, sealed, key_id, updated_at) VALUES (?, ?, ?, ?, ?)",
			actor.PracticeID, source, db.keys.Seal(settings, connectorContext(actor.PracticeID, source)), int(db.keys.Current()), ms(db.now())); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "connector.set", "connector", source)
	})
}

// Connector returns a source's settings; ok is false when the practice has not set it up.
func (db *DB) Connector(ctx context.Context, practiceID int64, source string) (settings []byte, ok bool, err error) {
	var sealed []byte
	err = db.queryRow(ctx, "SELECT sealed FROM connectors WHERE practice_id = ? AND source = ?", practiceID, source).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	settings, err = db.keys.Open(sealed, connectorContext(practiceID, source))
	if err != nil {
		return nil, false, fmt.Errorf("connector %s: %w", source, err)
	}
	return settings, true, nil
}
