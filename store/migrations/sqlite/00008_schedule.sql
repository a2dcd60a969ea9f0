-- +goose Up
-- An approved post may be scheduled; the server publishes it when publish_at comes, after running
-- the gate again.
ALTER TABLE posts ADD COLUMN publish_at INTEGER;
CREATE INDEX posts_due ON posts(state, publish_at);

-- +goose Down
SELECT 'forward-only migrations';
