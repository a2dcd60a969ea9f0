-- +goose Up
-- Breach incidents: a published post later found to disclose PHI no authorization covers. The
-- incident's facts and assessment are sealed (assessment notes are free text).
CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    post_id INTEGER NOT NULL REFERENCES posts(id),
    state TEXT NOT NULL,
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    discovered_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX incidents_practice ON incidents(practice_id, state);

-- +goose Down
SELECT 'forward-only migrations';
