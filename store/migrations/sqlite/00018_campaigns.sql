-- +goose Up
-- Email campaigns and their sends: one row per (campaign, recipient), made when the campaign
-- starts, so that pausing, resuming, retrying or restarting after a crash never sends twice. Each
-- sent row names the consent event that allowed it. Subject and body were scanned free of PHI.
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    state TEXT NOT NULL,
    double_opt_in INTEGER NOT NULL,
    uses_phi INTEGER NOT NULL,
    third_party_paid INTEGER NOT NULL,
    sponsor TEXT NOT NULL,
    digest INTEGER NOT NULL,
    digest_since INTEGER,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    finished_at INTEGER
);
CREATE INDEX campaigns_practice ON campaigns(practice_id, id);
CREATE TABLE campaign_sends (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    contact_id INTEGER NOT NULL REFERENCES contacts(id),
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER NOT NULL,
    lease_until INTEGER,
    consent_event_id INTEGER,
    permission TEXT,
    reason TEXT,
    sent_at INTEGER,
    UNIQUE (campaign_id, contact_id)
);
CREATE INDEX campaign_sends_due ON campaign_sends(state, next_at);

-- +goose Down
SELECT 'forward-only migrations';
