-- +goose Up
-- Reviews and comments from the practice's sources, and the replies drafted to them. Authors'
-- names and texts are sealed: a review often holds the reviewer's own health information.
CREATE TABLE reviews (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    source TEXT NOT NULL,
    external_id TEXT NOT NULL,
    rating BIGINT NOT NULL,
    state TEXT NOT NULL,
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    written_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    UNIQUE (practice_id, source, external_id)
);
CREATE INDEX reviews_inbox ON reviews(practice_id, state, written_at);
CREATE TABLE review_replies (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    review_id BIGINT NOT NULL REFERENCES reviews(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    state TEXT NOT NULL,
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    approved_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX review_replies_review ON review_replies(review_id);

-- +goose Down
SELECT 'forward-only migrations';
