package store

import (
	"context"
	"strconv"
)

// rowContext is what a sealed value is bound to: its table and row, so that a value copied to
// another row or table does not open.
func rowContext(table string, id int64) string { return table + ":" + strconv.FormatInt(id, 10) }

// sealRow seals plain into one row's sealed column with the newest key. Rows are inserted first
// with a placeholder, because the id is part of what the seal is bound to.
func (t *Tx) sealRow(ctx context.Context, table string, id int64, plain []byte) error {
	_, err := t.exec(ctx, "UPDATE "+table+" SET sealed = ?, key_id = ? WHERE id = ?",
		t.db.keys.Seal(plain, rowContext(table, id)), int(t.db.keys.Current()), id)
	return err
}
