-- +goose Up
-- The loyalty programme ("points" permission). Members point at a contact by id only: the
-- contacts table belongs to another migration, so there is no foreign key, just an index.
CREATE TABLE loyalty_members (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    contact_id INTEGER NOT NULL,
    medicare_medicaid INTEGER NOT NULL DEFAULT 0,
    joined_at INTEGER NOT NULL,
    UNIQUE (practice_id, contact_id)
);
CREATE INDEX loyalty_members_contact ON loyalty_members(contact_id);

-- A rule for reviews is refused in code; the CHECK keeps it out of the table as well.
CREATE TABLE loyalty_rules (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    kind TEXT NOT NULL CHECK (lower(kind) NOT LIKE '%review%'),
    points INTEGER NOT NULL CHECK (points >= 0),
    expiry_months INTEGER NOT NULL CHECK (expiry_months > 0),
    updated_at INTEGER NOT NULL,
    UNIQUE (practice_id, kind)
);

CREATE TABLE loyalty_rewards (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    name TEXT NOT NULL,
    points_cost INTEGER NOT NULL CHECK (points_cost > 0),
    retail_cents INTEGER NOT NULL CHECK (retail_cents > 0),
    kind TEXT NOT NULL CHECK (kind IN ('item', 'service', 'store_gift_card', 'gift_card', 'cash')),
    created_at INTEGER NOT NULL
);
CREATE INDEX loyalty_rewards_practice ON loyalty_rewards(practice_id);

-- Append-only: a balance is the ledger replayed; corrections are new rows.
CREATE TABLE loyalty_ledger (
    id INTEGER PRIMARY KEY,
    practice_id INTEGER NOT NULL REFERENCES practices(id),
    member_id INTEGER NOT NULL REFERENCES loyalty_members(id),
    kind TEXT NOT NULL CHECK (kind IN ('earn', 'redeem', 'expire', 'adjust')),
    points INTEGER NOT NULL,
    rule_kind TEXT NOT NULL DEFAULT '',
    reward_id INTEGER REFERENCES loyalty_rewards(id),
    retail_cents INTEGER NOT NULL DEFAULT 0,
    lot_id INTEGER UNIQUE REFERENCES loyalty_ledger(id),
    idempotency_key TEXT NOT NULL,
    actor TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    UNIQUE (practice_id, idempotency_key),
    CHECK (kind <> 'earn' OR (points > 0 AND expires_at IS NOT NULL)),
    CHECK (kind <> 'redeem' OR (points < 0 AND reward_id IS NOT NULL)),
    CHECK (kind <> 'expire' OR (points < 0 AND lot_id IS NOT NULL))
);
CREATE INDEX loyalty_ledger_member ON loyalty_ledger(member_id, id);
CREATE INDEX loyalty_ledger_expiry ON loyalty_ledger(expires_at) WHERE expires_at IS NOT NULL;

-- +goose StatementBegin
CREATE TRIGGER loyalty_ledger_no_update BEFORE UPDATE ON loyalty_ledger
BEGIN
    SELECT RAISE(ABORT, 'loyalty_ledger is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER loyalty_ledger_no_delete BEFORE DELETE ON loyalty_ledger
BEGIN
    SELECT RAISE(ABORT, 'loyalty_ledger is append-only');
END;
-- +goose StatementEnd

-- +goose Down
SELECT 'forward-only migrations';
