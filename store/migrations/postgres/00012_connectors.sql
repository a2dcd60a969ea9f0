-- +goose Up
-- Credentials of a practice's review sources (OAuth client and refresh token), sealed.
CREATE TABLE connectors (
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    source TEXT NOT NULL,
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (practice_id, source)
);

-- +goose Down
SELECT 'forward-only migrations';
