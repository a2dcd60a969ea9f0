-- +goose Up
-- The practice's written social-media policy, each saved version kept with its hash; who
-- acknowledged which version; and staff training attempts. OCR corrective action plans ask for
-- exactly this evidence. training_required turns the sign-in gate on: off for practices that
-- existed before this migration, on for new ones (set by the store).
ALTER TABLE practices ADD COLUMN training_required BIGINT NOT NULL DEFAULT 0;
CREATE TABLE policy_versions (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    number BIGINT NOT NULL,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    published_at BIGINT,
    UNIQUE (practice_id, number)
);
CREATE TABLE policy_acks (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    version_id BIGINT NOT NULL REFERENCES policy_versions(id),
    at BIGINT NOT NULL,
    UNIQUE (user_id, version_id)
);
CREATE TABLE training_attempts (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    score BIGINT NOT NULL,
    total BIGINT NOT NULL,
    passed BIGINT NOT NULL,
    policy_version BIGINT,
    completed_at BIGINT NOT NULL
);
CREATE INDEX training_attempts_user ON training_attempts(practice_id, user_id, completed_at);

-- +goose Down
SELECT 'forward-only migrations';
