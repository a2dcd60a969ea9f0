-- +goose Up
-- Texts to contacts. The body is sealed (PHI); everything else is ids, codes and times, so the
-- frequency rules and the worker never open a body. Each row names the consent event that
-- allowed it. A scheduled text is claimed with a lease (sending_until), so that of several
-- servers only one sends it.
CREATE TABLE sms_messages (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    contact_id BIGINT NOT NULL REFERENCES contacts(id),
    purpose TEXT NOT NULL CHECK (purpose IN ('treatment', 'marketing')),
    sealed BYTEA,
    key_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    twilio_sid TEXT,
    error_code BIGINT,
    consent_event_id BIGINT NOT NULL REFERENCES consent_events(id),
    scheduled_for BIGINT NOT NULL,
    sent_at BIGINT,
    sending_until BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX sms_messages_contact ON sms_messages(practice_id, contact_id, purpose);
CREATE INDEX sms_messages_due ON sms_messages(scheduled_for) WHERE status = 'scheduled';
CREATE UNIQUE INDEX sms_messages_sid ON sms_messages(practice_id, twilio_sid);

-- +goose Down
SELECT 'forward-only migrations';
