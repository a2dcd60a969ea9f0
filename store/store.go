// Package store keeps Bedside's data in SQLite (embedded, the default) or PostgreSQL, with the same
// hand-written SQL, a small dialect seam, embedded forward-only migrations, and audit events written
// in the same transaction as the change they record. Every query that touches practice data is
// scoped by the practice's id.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bedsidehq/bedside/crypt"
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // SQLite driver "sqlite", pure Go
)

//go:embed migrations
var migrations embed.FS

// Dialect names the database engine.
type Dialect string

// The dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database: for SQLite one writer connection and a pool of readers, for PostgreSQL
// one pool for both.
type DB struct {
	keys    *crypt.Ring
	dialect Dialect
	write   *sql.DB
	read    *sql.DB
	now     func() time.Time
	stmts   sync.Map               // query -> *sql.Stmt, for the queries every request runs
	index   atomic.Pointer[[]byte] // the blind-index key, once opened (blindindex.go)
	links   atomic.Pointer[[]byte] // the link-signing key, once opened (subscribe.go)
}

// Config says where the data lives: a PostgreSQL URL, or else a directory for the SQLite file.
type Config struct {
	DatabaseURL string      // postgres://...; empty for SQLite
	Schema      string      // PostgreSQL: keep Bedside's tables in this schema (created if missing)
	DataDir     string      // SQLite: the directory of bedside.db, created if missing
	Keys        *crypt.Ring // seals patients' details; nil: loaded from BEDSIDE_SECRET_KEY or DataDir
}

// Open connects and runs the migrations.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	keys := cfg.Keys
	if keys == nil {
		dir := cfg.DataDir
		if dir == "" {
			dir = "bedside-data"
		}
		var err error
		if keys, err = crypt.Load(dir); err != nil {
			return nil, err
		}
	}
	db, err := open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	db.keys = keys
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func open(ctx context.Context, cfg Config) (*DB, error) {
	if cfg.DatabaseURL != "" {
		if !strings.HasPrefix(cfg.DatabaseURL, "postgres://") && !strings.HasPrefix(cfg.DatabaseURL, "postgresql://") {
			return nil, errors.New("database URL must start with postgres://")
		}
		dsn := cfg.DatabaseURL
		if cfg.Schema != "" {
			if !validSchema(cfg.Schema) {
				return nil, errors.New("a schema name has lower-case letters, digits and underscores only")
			}
			if err := createSchema(ctx, dsn, cfg.Schema); err != nil {
				return nil, err
			}
			sep := "?"
			if strings.Contains(dsn, "?") {
				sep = "&"
			}
			dsn += sep + "search_path=" + cfg.Schema
		}
		pool, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		pool.SetMaxOpenConns(16)
		pool.SetMaxIdleConns(16)
		if err := pool.PingContext(ctx); err != nil {
			pool.Close()
			return nil, fmt.Errorf("connect to postgres: %w", err)
		}
		return &DB{dialect: Postgres, write: pool, read: pool, now: time.Now}, nil
	}
	dir := cfg.DataDir
	if dir == "" {
		dir = "bedside-data"
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	path := filepath.Join(dir, "bedside.db")
	// Create the file owner-only before SQLite does: its -wal and -shm files take the same mode.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	f.Close()
	dsn := func(readOnly bool) string {
		q := url.Values{}
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "synchronous(FULL)") // an acknowledged write survives a crash
		q.Set("_txlock", "immediate")
		if readOnly {
			q.Add("_pragma", "query_only(1)")
		}
		return "file:" + path + "?" + q.Encode()
	}
	write, err := sql.Open("sqlite", dsn(false))
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	write.SetMaxOpenConns(1) // SQLite has one writer; queueing here beats busy errors
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", dsn(true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	read.SetMaxOpenConns(8)
	return &DB{dialect: SQLite, write: write, read: read, now: time.Now}, nil
}

func validSchema(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return s != ""
}

func createSchema(ctx context.Context, dsn, schema string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("open postgres: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA IF NOT EXISTS "+schema); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	return nil
}

// DropSchema removes a PostgreSQL schema and everything in it (used by tests).
func DropSchema(ctx context.Context, dsn, schema string) error {
	if !validSchema(schema) {
		return errors.New("bad schema name")
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+schema+" CASCADE")
	return err
}

// Migrate applies the embedded migrations that have not run yet.
func (db *DB) Migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations/"+string(db.dialect))
	if err != nil {
		return err
	}
	dialect := goose.DialectSQLite3
	if db.dialect == Postgres {
		dialect = goose.DialectPostgres
	}
	p, err := goose.NewProvider(dialect, db.write, sub)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	return nil
}

// Dialect reports the engine in use.
func (db *DB) Dialect() Dialect { return db.dialect }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// Close closes the connections.
func (db *DB) Close() error {
	db.stmts.Range(func(_, st any) bool { st.(*sql.Stmt).Close(); return true })
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Now is the store's clock: what it stamps rows with and compares due times against.
func (db *DB) Now() time.Time { return db.now() }

// SetClock replaces the clock, for tests.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// q rewrites '?' placeholders to PostgreSQL's $1, $2...
func (db *DB) q(query string) string {
	if db.dialect != Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// tx runs fn in a write transaction, committed only if fn succeeds.
func (db *DB) tx(ctx context.Context, fn func(*Tx) error) error {
	t, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer t.Rollback()
	if err := fn(&Tx{tx: t, db: db}); err != nil {
		return err
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Tx is a write transaction.
type Tx struct {
	tx *sql.Tx
	db *DB
}

func (t *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.db.q(query), args...)
}

func (t *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.db.q(query), args...)
}

// insert runs an INSERT ... RETURNING id.
func (t *Tx) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := t.queryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.read.QueryRowContext(ctx, db.q(query), args...)
}

// prepared returns query prepared on pool, once for the life of the DB: the authentication
// queries run on every request and the campaign sender's on every message, and preparing them
// each time costs more than running them. Only constant queries may come here.
func (db *DB) prepared(ctx context.Context, pool *sql.DB, query string) (*sql.Stmt, error) {
	key := query
	if pool == db.write {
		key = "write:" + query
	}
	if st, ok := db.stmts.Load(key); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := pool.PrepareContext(ctx, db.q(query))
	if err != nil {
		return nil, err
	}
	if prev, loaded := db.stmts.LoadOrStore(key, st); loaded {
		st.Close()
		st = prev.(*sql.Stmt)
	}
	return st, nil
}

// hotRow runs a constant read through a kept prepared statement.
func (db *DB) hotRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := db.prepared(ctx, db.read, query)
	if err != nil {
		return db.read.QueryRowContext(ctx, db.q(query), args...) // reports the same error
	}
	return st.QueryRowContext(ctx, args...)
}

// hotEach is each for a constant read through a kept prepared statement.
func (db *DB) hotEach(ctx context.Context, query string, args []any, fn func(*sql.Rows) error) error {
	st, err := db.prepared(ctx, db.read, query)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	return eachRow(rows, fn)
}

func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.read.QueryContext(ctx, db.q(query), args...)
}

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// isUnique reports a unique-constraint violation in either engine.
func isUnique(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// idList runs a query that selects one id column and returns the ids in order; none is an empty
// list, which JSON writes as [].
func (db *DB) idList(ctx context.Context, q querier, query string, args ...any) ([]int64, error) {
	ids := []int64{}
	err := each(ctx, q, db.q(query), args, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		ids = append(ids, id)
		return err
	})
	return ids, err
}
