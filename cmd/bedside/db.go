package main

import (
	"context"
	"flag"
	"os"

	"github.com/bedsidehq/bedside/store"
)

// dbFlags are the flags every command that opens the database shares.
type dbFlags struct {
	data string
	url  string
}

func (d *dbFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.data, "data", "bedside-data", "directory of the embedded SQLite database")
	fs.StringVar(&d.url, "database-url", os.Getenv("BEDSIDE_DATABASE_URL"), "PostgreSQL URL (postgres://...) instead of SQLite; default $BEDSIDE_DATABASE_URL")
}

func (d *dbFlags) open(ctx context.Context) (*store.DB, error) {
	return store.Open(ctx, store.Config{DatabaseURL: d.url, DataDir: d.data})
}
