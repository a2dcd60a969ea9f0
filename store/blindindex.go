package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"sync/atomic"

	"github.com/bedsidehq/bedside/consent"
)

const blindIndexName = "blind_index"

// indexKey returns the installation's blind-index key, creating it on first use. It is random,
// not derived from a sealing key, so rotating the sealing keys never changes an index; it is
// kept sealed like any other secret. It must be called outside a write transaction: SQLite has
// one writer connection.
func (db *DB) indexKey(ctx context.Context) ([]byte, error) {
	return db.namedKey(ctx, blindIndexName, &db.index)
}

// namedKey loads the random key stored under name, creating it on first use, and caches it.
func (db *DB) namedKey(ctx context.Context, name string, cache *atomic.Pointer[[]byte]) ([]byte, error) {
	if k := cache.Load(); k != nil {
		return *k, nil
	}
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("index key: %w", err)
	}
	var key []byte
	err := db.tx(ctx, func(t *Tx) error {
		// Whoever inserts first wins; everyone then reads the one stored key.
		if _, err := t.exec(ctx, "INSERT INTO index_keys (name, sealed, key_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
			name, db.keys.Seal(fresh, "index_keys:"+name), int(db.keys.Current()), ms(db.now())); err != nil {
			return err
		}
		var sealed []byte
		if err := t.queryRow(ctx, "SELECT sealed FROM index_keys WHERE name = ?", name).Scan(&sealed); err != nil {
			return err
		}
		var err error
		key, err = db.keys.Open(sealed, "index_keys:"+name)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s key: %w", name, err)
	}
	cache.Store(&key)
	return key, nil
}

// blindIndex is the lookup key of a normalised address in one practice: HMAC-SHA256 under the
// installation's index key. The practice is part of it, so the same address has unrelated keys
// in two practices.
func blindIndex(key []byte, practiceID int64, ch consent.Channel, normalized string) string {
	m := hmac.New(sha256.New, key)
	for _, f := range []string{strconv.FormatInt(practiceID, 10), string(ch), normalized} {
		fmt.Fprintf(m, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(m.Sum(nil))
}
