-- +goose Up
-- Media are uploaded pictures, stripped of metadata and stored sealed as documents. Whoever
-- uploads one says which patients appear in it; a post using it then needs each one's PHOTO
-- authorization for every channel it goes to.
CREATE TABLE media (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    no_patients INTEGER NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX media_practice ON media(practice_id);
CREATE TABLE media_patients (
    media_id INTEGER NOT NULL REFERENCES media(id),
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    PRIMARY KEY (media_id, patient_id)
);
CREATE TABLE post_media (
    post_id INTEGER NOT NULL REFERENCES posts(id),
    media_id INTEGER NOT NULL REFERENCES media(id),
    PRIMARY KEY (post_id, media_id)
);

-- +goose Down
SELECT 'forward-only migrations';
