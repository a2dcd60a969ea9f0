-- +goose Up
-- Everyone identifiable in a picture is listed: patients (covered by their PHOTO authorization),
-- staff, visitors and children. Each non-patient needs a signed release, on screen through a
-- link or as an uploaded scan. A picture may instead be marked as showing nobody identifiable,
-- recorded with who said so. Names and labels are sealed.
ALTER TABLE media ADD COLUMN none_identifiable_by INTEGER REFERENCES users(id);
ALTER TABLE media ADD COLUMN none_identifiable_at INTEGER;
CREATE TABLE media_people (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    media_id INTEGER NOT NULL REFERENCES media(id),
    kind TEXT NOT NULL,
    patient_id INTEGER REFERENCES patients(id),
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX media_people_media ON media_people(media_id);
CREATE TABLE releases (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    person_id INTEGER NOT NULL REFERENCES media_people(id),
    method TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    document_sha256 TEXT NOT NULL,
    expires_at INTEGER,
    signed_at INTEGER NOT NULL,
    revoked_at INTEGER,
    revoked_by INTEGER REFERENCES users(id),
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX releases_person ON releases(person_id);
CREATE TABLE release_links (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    person_id INTEGER NOT NULL REFERENCES media_people(id),
    token_sha256 TEXT NOT NULL UNIQUE,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    signed_at INTEGER,
    release_id INTEGER REFERENCES releases(id)
);

-- +goose Down
SELECT 'forward-only migrations';
