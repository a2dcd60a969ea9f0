package store

import "context"

// ExecForTest runs raw SQL, for tests that tamper with the audit log.
func (db *DB) ExecForTest(ctx context.Context, query string, args ...any) error {
	_, err := db.write.ExecContext(ctx, db.q(query), args...)
	return err
}

// DumpForTest returns every row of the tables as text, the way the database hands them out.
func (db *DB) DumpForTest(ctx context.Context, tables ...string) ([]byte, error) {
	var out []byte
	for _, table := range tables {
		rows, err := db.read.QueryContext(ctx, "SELECT * FROM "+table)
		if err != nil {
			return nil, err
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, err
			}
			for _, v := range vals {
				switch x := v.(type) {
				case []byte:
					out = append(out, x...)
				case string:
					out = append(out, x...)
				}
				out = append(out, '|')
			}
		}
		rows.Close()
	}
	return out, nil
}
