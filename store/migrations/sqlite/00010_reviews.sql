-- +goose Up
-- Reviews and comments from the practice's sources, and the replies drafted to them. Authors'
-- names and texts are sealed: a review often holds the reviewer's own health information.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    source TEXT NOT NULL,
    external_id TEXT NOT NULL,
    rating INTEGER NOT NULL,
    state TEXT NOT NULL,
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    written_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    UNIQUE (practice_id, source, external_id)
);
CREATE INDEX reviews_inbox ON reviews(practice_id, state, written_at);
CREATE TABLE review_replies (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    review_id INTEGER NOT NULL REFERENCES reviews(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    state TEXT NOT NULL,
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    approved_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX review_replies_review ON review_replies(review_id);

-- +goose Down
SELECT 'forward-only migrations';
