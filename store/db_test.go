package store_test

import (
	"testing"

	"github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/storetest"
)

// eachDB runs fn against a fresh SQLite database and a fresh PostgreSQL schema.
func eachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, storetest.SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, storetest.Postgres(t)) })
}
