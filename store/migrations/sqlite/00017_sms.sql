-- +goose Up
-- Texts to contacts. The body is sealed (PHI); everything else is ids, codes and times, so the
-- frequency rules and the worker never open a body. Each row names the consent event that
-- allowed it. A scheduled text is claimed with a lease (sending_until), so that of several
-- servers only one sends it.
CREATE TABLE sms_messages (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    contact_id INTEGER NOT NULL REFERENCES contacts(id),
    purpose TEXT NOT NULL CHECK (purpose IN ('treatment', 'marketing')),
    sealed BLOB,
    key_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    twilio_sid TEXT,
    error_code INTEGER,
    consent_event_id INTEGER NOT NULL REFERENCES consent_events(id),
    scheduled_for INTEGER NOT NULL,
    sent_at INTEGER,
    sending_until INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX sms_messages_contact ON sms_messages(practice_id, contact_id, purpose);
CREATE INDEX sms_messages_due ON sms_messages(scheduled_for) WHERE status = 'scheduled';
CREATE UNIQUE INDEX sms_messages_sid ON sms_messages(practice_id, twilio_sid);

-- +goose Down
SELECT 'forward-only migrations';
