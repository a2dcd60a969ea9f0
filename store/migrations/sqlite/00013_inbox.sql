-- +goose Up
-- Who answers a review, and the secret that signs deliveries to the practice's review hook.
ALTER TABLE reviews ADD COLUMN assigned_to INTEGER REFERENCES users(id);
ALTER TABLE practices ADD COLUMN inbound_secret BLOB;

-- +goose Down
SELECT 'forward-only migrations';
