-- +goose Up
-- A practice's webhook endpoint and the outbox of events to deliver to it. Events are written in
-- the same transaction as the publication or takedown they report, so none is lost or invented;
-- their bodies hold the post's text and are sealed.
CREATE TABLE webhooks (
    practice_id BIGINT PRIMARY KEY REFERENCES practices(id),
    url TEXT NOT NULL,
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    disabled_at BIGINT
);
CREATE TABLE webhook_deliveries (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    event_id TEXT NOT NULL UNIQUE,
    sealed BYTEA NOT NULL,
    key_id BIGINT NOT NULL,
    attempts BIGINT NOT NULL,
    next_at BIGINT NOT NULL,
    delivered_at BIGINT,
    gave_up_at BIGINT,
    last_error TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;

-- +goose Down
SELECT 'forward-only migrations';
