-- +goose Up
-- Patients' names, contact details, birth dates and chart ids, and authorizations' contents, are
-- sealed with AES-256-GCM (package crypt) before they reach the database.
CREATE TABLE patients (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX patients_practice ON patients(practice_id);
CREATE TABLE authorizations (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    patient_id BIGINT NOT NULL REFERENCES patients(id),
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    signed_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX authorizations_practice ON authorizations(practice_id, patient_id);
CREATE TABLE revocations (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    authorization_id BIGINT NOT NULL REFERENCES authorizations(id),
    received_at BIGINT NOT NULL,
    method TEXT NOT NULL,
    document_sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- +goose Down
SELECT 'forward-only migrations';
