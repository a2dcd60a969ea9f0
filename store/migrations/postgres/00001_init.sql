-- +goose Up
CREATE TABLE practices (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    require_totp BIGINT NOT NULL DEFAULT 0,
    profile TEXT NOT NULL DEFAULT '{}',
    profile_version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);
CREATE TABLE locations (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX locations_practice ON locations(practice_id);
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('admin', 'compliance', 'staff')),
    password_hash TEXT NOT NULL,
    totp_secret TEXT NOT NULL DEFAULT '',
    totp_enabled BIGINT NOT NULL DEFAULT 0,
    disabled BIGINT NOT NULL DEFAULT 0,
    failed_logins BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX users_practice ON users(practice_id);
CREATE TABLE sessions (
    id BIGSERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id BIGINT NOT NULL REFERENCES users(id),
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    csrf_token TEXT NOT NULL,
    second_factor BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE TABLE api_tokens (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT,
    last_used_at BIGINT
);
CREATE INDEX api_tokens_practice ON api_tokens(practice_id);
CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE TABLE login_attempts (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count BIGINT NOT NULL
);
CREATE TABLE audit_heads (
    practice_id BIGINT PRIMARY KEY REFERENCES practices(id),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE audit_events (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (practice_id, seq)
);
-- +goose Down
SELECT 'forward-only migrations';
