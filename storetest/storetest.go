// Package storetest opens databases for tests: a SQLite file in a temporary directory, or a fresh
// schema in the PostgreSQL server that CI starts.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"testing"

	"github.com/bedsidehq/bedside/crypt"
	"github.com/bedsidehq/bedside/store"
)

// PostgresURL is where PostgreSQL tests connect: $BEDSIDE_TEST_DATABASE_URL or the local server.
func PostgresURL() string {
	if u := os.Getenv("BEDSIDE_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// SQLite opens a fresh SQLite database.
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), store.Config{DataDir: t.TempDir(), Keys: Keys(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Postgres opens a database in a schema of its own, dropped when the test ends. With CI=true an
// unreachable server fails the test; elsewhere the test is skipped with a message.
func Postgres(t testing.TB) *store.DB {
	t.Helper()
	url := PostgresURL()
	probe, err := sql.Open("pgx", url)
	if err == nil {
		err = probe.Ping()
		probe.Close()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s is required in CI: %v", url, err)
		}
		t.Skipf("no PostgreSQL at %s (%v); set BEDSIDE_TEST_DATABASE_URL to run these tests", url, err)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "bedside_test_" + hex.EncodeToString(b[:])
	keys, _ := crypt.Parse("1:" + crypt.NewKey())
	db, err := store.Open(context.Background(), store.Config{DatabaseURL: url, Schema: schema, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		store.DropSchema(context.Background(), url, schema)
	})
	return db
}

// Keys returns a fresh key ring held in memory.
func Keys(t testing.TB) *crypt.Ring {
	t.Helper()
	r, err := crypt.Parse("1:" + crypt.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	return r
}
