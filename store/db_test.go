package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// testPostgresURL is where the PostgreSQL tests connect; CI starts this server.
func testPostgresURL() string {
	if u := os.Getenv("BEDSIDE_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

// eachDB runs fn against a fresh SQLite database and a fresh PostgreSQL schema. Under CI=true an
// unreachable PostgreSQL fails the test; elsewhere it is skipped with a message.
func eachDB(t *testing.T, fn func(t *testing.T, db *DB)) {
	t.Run("sqlite", func(t *testing.T) {
		db, err := Open(context.Background(), Config{DataDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		fn(t, db)
	})
	t.Run("postgres", func(t *testing.T) {
		db := OpenTestPostgres(t)
		fn(t, db)
	})
}

// OpenTestPostgres opens a PostgreSQL database in a schema of its own, dropped when the test ends.
func OpenTestPostgres(t testing.TB) *DB {
	t.Helper()
	base := testPostgresURL()
	admin, err := sql.Open("pgx", base)
	if err == nil {
		err = admin.Ping()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s is required in CI: %v", base, err)
		}
		t.Skipf("no PostgreSQL at %s (%v); set BEDSIDE_TEST_DATABASE_URL to run these tests", base, err)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "bedside_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	sep := "?"
	for _, c := range base {
		if c == '?' {
			sep = "&"
		}
	}
	db, err := Open(context.Background(), Config{DatabaseURL: base + sep + "search_path=" + schema})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
