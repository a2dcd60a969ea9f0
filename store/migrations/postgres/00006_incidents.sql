-- +goose Up
-- Breach incidents: a published post later found to disclose PHI no authorization covers. The
-- incident's facts and assessment are sealed (assessment notes are free text).
CREATE TABLE incidents (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    post_id BIGINT NOT NULL REFERENCES posts(id),
    state TEXT NOT NULL,
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    discovered_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX incidents_practice ON incidents(practice_id, state);

-- +goose Down
SELECT 'forward-only migrations';
