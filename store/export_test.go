package store

import "context"

// ExecForTest runs raw SQL, for tests that tamper with the audit log.
func (db *DB) ExecForTest(ctx context.Context, query string, args ...any) error {
	_, err := db.write.ExecContext(ctx, db.q(query), args...)
	return err
}
