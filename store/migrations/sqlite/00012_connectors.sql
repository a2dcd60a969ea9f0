-- +goose Up
-- Credentials of a practice's review sources (OAuth client and refresh token), sealed.
CREATE TABLE connectors (
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    source TEXT NOT NULL,
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (practice_id, source)
);

-- +goose Down
SELECT 'forward-only migrations';
