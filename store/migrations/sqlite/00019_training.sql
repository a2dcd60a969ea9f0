-- +goose Up
-- The practice's written social-media policy, each saved version kept with its hash; who
-- acknowledged which version; and staff training attempts. OCR corrective action plans ask for
-- exactly this evidence. training_required turns the sign-in gate on: off for practices that
-- existed before this migration, on for new ones (set by the store).
ALTER TABLE practices ADD COLUMN training_required INTEGER NOT NULL DEFAULT 0;
CREATE TABLE policy_versions (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    published_at INTEGER,
    UNIQUE (practice_id, number)
);
CREATE TABLE policy_acks (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    version_id INTEGER NOT NULL REFERENCES policy_versions(id),
    at INTEGER NOT NULL,
    UNIQUE (user_id, version_id)
);
CREATE TABLE training_attempts (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    score INTEGER NOT NULL,
    total INTEGER NOT NULL,
    passed INTEGER NOT NULL,
    policy_version INTEGER,
    completed_at INTEGER NOT NULL
);
CREATE INDEX training_attempts_user ON training_attempts(practice_id, user_id, completed_at);

-- +goose Down
SELECT 'forward-only migrations';
