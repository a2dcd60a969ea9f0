-- +goose Up
-- A practice may require a second compliance officer's approval. Approvals count from the post's
-- latest submission, so a rejection and an edit start the count again.
ALTER TABLE practices ADD COLUMN approvals_required BIGINT NOT NULL DEFAULT 1;
ALTER TABLE posts ADD COLUMN submitted_at BIGINT;

-- +goose Down
SELECT 'forward-only migrations';
