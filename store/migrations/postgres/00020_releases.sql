-- +goose Up
-- Everyone identifiable in a picture is listed: patients (covered by their PHOTO authorization),
-- staff, visitors and children. Each non-patient needs a signed release, on screen through a
-- link or as an uploaded scan. A picture may instead be marked as showing nobody identifiable,
-- recorded with who said so. Names and labels are sealed.
ALTER TABLE media ADD COLUMN none_identifiable_by BIGINT REFERENCES users(id);
ALTER TABLE media ADD COLUMN none_identifiable_at BIGINT;
CREATE TABLE media_people (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    media_id BIGINT NOT NULL REFERENCES media(id),
    kind TEXT NOT NULL,
    patient_id BIGINT REFERENCES patients(id),
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX media_people_media ON media_people(media_id);
CREATE TABLE releases (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    person_id BIGINT NOT NULL REFERENCES media_people(id),
    method TEXT NOT NULL,
    document_id BIGINT NOT NULL REFERENCES documents(id),
    document_sha256 TEXT NOT NULL,
    expires_at BIGINT,
    signed_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_by BIGINT REFERENCES users(id),
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX releases_person ON releases(person_id);
CREATE TABLE release_links (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    person_id BIGINT NOT NULL REFERENCES media_people(id),
    token_sha256 TEXT NOT NULL UNIQUE,
    document_id BIGINT NOT NULL REFERENCES documents(id),
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    signed_at BIGINT,
    release_id BIGINT REFERENCES releases(id)
);

-- +goose Down
SELECT 'forward-only migrations';
