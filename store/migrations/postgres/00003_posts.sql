-- +goose Up
-- Posts and their workflow. A post's title, text, channels and purpose, review comments, override
-- reasons and the published snapshot are sealed like patients' details: a draft may hold PHI that
-- no authorization covers yet.
CREATE TABLE posts (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    state TEXT NOT NULL,
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT,
    taken_down_at BIGINT
);
CREATE INDEX posts_practice ON posts(practice_id, state, published_at);
CREATE TABLE post_authorizations (
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    post_id BIGINT NOT NULL REFERENCES posts(id),
    authorization_id BIGINT NOT NULL REFERENCES authorizations(id),
    PRIMARY KEY (post_id, authorization_id)
);
CREATE INDEX post_authorizations_auth ON post_authorizations(authorization_id);
CREATE TABLE post_reviews (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    post_id BIGINT NOT NULL REFERENCES posts(id),
    reviewer_id BIGINT NOT NULL REFERENCES users(id),
    decision TEXT NOT NULL,
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX post_reviews_post ON post_reviews(post_id);
CREATE TABLE post_overrides (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    post_id BIGINT NOT NULL REFERENCES posts(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX post_overrides_practice ON post_overrides(practice_id, post_id);
CREATE TABLE post_snapshots (
    post_id BIGINT PRIMARY KEY REFERENCES posts(id),
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE TABLE takedowns (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    post_id BIGINT NOT NULL REFERENCES posts(id),
    authorization_id BIGINT NOT NULL REFERENCES authorizations(id),
    created_at BIGINT NOT NULL,
    done_at BIGINT,
    UNIQUE (post_id, authorization_id)
);
CREATE INDEX takedowns_practice ON takedowns(practice_id, done_at);

-- +goose Down
SELECT 'forward-only migrations';
