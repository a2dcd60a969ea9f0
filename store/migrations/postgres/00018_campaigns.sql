-- +goose Up
-- Email campaigns and their sends: one row per (campaign, recipient), made when the campaign
-- starts, so that pausing, resuming, retrying or restarting after a crash never sends twice. Each
-- sent row names the consent event that allowed it. Subject and body were scanned free of PHI.
CREATE TABLE campaigns (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    double_opt_in BIGINT NOT NULL,
    uses_phi BIGINT NOT NULL,
    third_party_paid BIGINT NOT NULL,
    sponsor TEXT NOT NULL,
    digest BIGINT NOT NULL,
    digest_since BIGINT,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT
);
CREATE INDEX campaigns_practice ON campaigns(practice_id, id);
CREATE TABLE campaign_sends (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
    contact_id BIGINT NOT NULL REFERENCES contacts(id),
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_at BIGINT NOT NULL,
    lease_until BIGINT,
    consent_event_id BIGINT,
    permission TEXT,
    reason TEXT,
    sent_at BIGINT,
    UNIQUE (campaign_id, contact_id)
);
CREATE INDEX campaign_sends_due ON campaign_sends(state, next_at);

-- +goose Down
SELECT 'forward-only migrations';
