-- +goose Up
-- A practice's webhook endpoint and the outbox of events to deliver to it. Events are written in
-- the same transaction as the publication or takedown they report, so none is lost or invented;
-- their bodies hold the post's text and are sealed.
CREATE TABLE webhooks (
    practice_id INTEGER PRIMARY KEY REFERENCES practices(id),
    url TEXT NOT NULL,
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    disabled_at INTEGER
);
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    event_id TEXT NOT NULL UNIQUE,
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    next_at INTEGER NOT NULL,
    delivered_at INTEGER,
    gave_up_at INTEGER,
    last_error TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;

-- +goose Down
SELECT 'forward-only migrations';
