-- +goose Up
-- Patients' names, contact details, birth dates and chart ids, and authorizations' contents, are
-- sealed with AES-256-GCM (package crypt) before they reach the database.
CREATE TABLE patients (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX patients_practice ON patients(practice_id);
CREATE TABLE authorizations (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    signed_at INTEGER NOT NULL,
    expires_at INTEGER,
    revoked_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX authorizations_practice ON authorizations(practice_id, patient_id);
CREATE TABLE revocations (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    authorization_id INTEGER NOT NULL REFERENCES authorizations(id),
    received_at INTEGER NOT NULL,
    method TEXT NOT NULL,
    document_sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- +goose Down
SELECT 'forward-only migrations';
