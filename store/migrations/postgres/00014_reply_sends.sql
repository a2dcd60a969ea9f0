-- +goose Up
-- Sending a reply through a connector can fail: the attempts, the last error (our words, never
-- the reply), when the worker tries again by itself, and the lease of the attempt in flight.
ALTER TABLE review_replies ADD COLUMN send_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE review_replies ADD COLUMN send_error TEXT;
ALTER TABLE review_replies ADD COLUMN next_send_at BIGINT;
ALTER TABLE review_replies ADD COLUMN sending_until BIGINT;
CREATE INDEX review_replies_retry ON review_replies(next_send_at) WHERE next_send_at IS NOT NULL;

-- +goose Down
SELECT 'forward-only migrations';
