-- +goose Up
-- For the inbox's numbers: when a reply went out, how many drafts the scanner stopped, and the
-- practice's reply-by target.
ALTER TABLE review_replies ADD COLUMN sent_at INTEGER;
ALTER TABLE practices ADD COLUMN reply_within_hours INTEGER NOT NULL DEFAULT 48;
ALTER TABLE practices ADD COLUMN replies_stopped INTEGER NOT NULL DEFAULT 0;

-- +goose Down
SELECT 'forward-only migrations';
