-- +goose Up
-- Contacts a practice may message, the append-only ledger of their consent, and the suppression
-- list. Names, addresses and the unsubscribe token are sealed; lookups go through blind indexes:
-- HMAC-SHA256 of the normalised address under one random key per installation (index_keys), kept
-- sealed here so that rotating the sealing keys never changes an index.
CREATE TABLE index_keys (
    name TEXT PRIMARY KEY,
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
-- The exact wording a person agreed to, by version; its properties belong to the version.
CREATE TABLE consent_texts (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    version TEXT NOT NULL,
    body TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    not_condition_of_purchase INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (practice_id, version)
);
-- A wiped contact keeps its row as a tombstone: sealed and the indexes are cleared.
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    sealed BLOB,
    key_id INTEGER NOT NULL,
    email_index TEXT,
    phone_index TEXT,
    token_sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    wiped_at INTEGER
);
CREATE UNIQUE INDEX contacts_token ON contacts(token_sha256);
CREATE UNIQUE INDEX contacts_email ON contacts(practice_id, email_index);
CREATE UNIQUE INDEX contacts_phone ON contacts(practice_id, phone_index);
-- Append-only: no row is ever updated or deleted.
CREATE TABLE consent_events (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    contact_id INTEGER NOT NULL REFERENCES contacts(id),
    channel TEXT NOT NULL,
    purpose TEXT NOT NULL,
    kind TEXT NOT NULL,
    method TEXT NOT NULL,
    source TEXT NOT NULL,
    text_id INTEGER REFERENCES consent_texts(id),
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX consent_events_contact ON consent_events(practice_id, contact_id);
-- The personal part of an event (IP address, user agent), sealed, apart from the ledger so that
-- wiping a contact deletes it without touching the ledger.
CREATE TABLE consent_evidence (
    event_id INTEGER PRIMARY KEY REFERENCES consent_events(id),
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    sealed BLOB NOT NULL,
    key_id INTEGER NOT NULL
);
CREATE TABLE suppressions (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    channel TEXT NOT NULL,
    address_key TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (practice_id, channel, address_key)
);

-- +goose Down
SELECT 'forward-only migrations';
