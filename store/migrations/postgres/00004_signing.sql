-- +goose Up
-- Documents are the exact bytes of forms, signed copies and uploaded scans, sealed; their SHA-256
-- is of the plain bytes. Signing requests hold a prepared authorization until the patient signs
-- it on the office tablet; the token in the link is stored only as its SHA-256.
CREATE TABLE documents (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX documents_practice ON documents(practice_id, sha256);
CREATE TABLE signing_requests (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    token_sha256 TEXT NOT NULL UNIQUE,
    document_id BIGINT NOT NULL REFERENCES documents(id),
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    signed_at BIGINT,
    authorization_id BIGINT REFERENCES authorizations(id),
    copy_document_id BIGINT REFERENCES documents(id)
);
CREATE INDEX signing_requests_practice ON signing_requests(practice_id);

-- +goose Down
SELECT 'forward-only migrations';
