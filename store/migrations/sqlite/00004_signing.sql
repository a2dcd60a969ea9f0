-- +goose Up
-- Documents are the exact bytes of forms, signed copies and uploaded scans, sealed; their SHA-256
-- is of the plain bytes. Signing requests hold a prepared authorization until the patient signs
-- it on the office tablet; the token in the link is stored only as its SHA-256.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX documents_practice ON documents(practice_id, sha256);
CREATE TABLE signing_requests (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    token_sha256 TEXT NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    signed_at INTEGER,
    authorization_id INTEGER REFERENCES authorizations(id),
    copy_document_id INTEGER REFERENCES documents(id)
);
CREATE INDEX signing_requests_practice ON signing_requests(practice_id);

-- +goose Down
SELECT 'forward-only migrations';
