-- +goose Up
-- The loyalty programme ("points" permission). Members point at a contact by id only: the
-- contacts table belongs to another migration, so there is no foreign key, just an index.
CREATE TABLE loyalty_members (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    contact_id BIGINT NOT NULL,
    medicare_medicaid BIGINT NOT NULL DEFAULT 0,
    joined_at BIGINT NOT NULL,
    UNIQUE (practice_id, contact_id)
);
CREATE INDEX loyalty_members_contact ON loyalty_members(contact_id);

-- A rule for reviews is refused in code; the CHECK keeps it out of the table as well.
CREATE TABLE loyalty_rules (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    kind TEXT NOT NULL CHECK (lower(kind) NOT LIKE '%review%'),
    points BIGINT NOT NULL CHECK (points >= 0),
    expiry_months BIGINT NOT NULL CHECK (expiry_months > 0),
    updated_at BIGINT NOT NULL,
    UNIQUE (practice_id, kind)
);

CREATE TABLE loyalty_rewards (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    name TEXT NOT NULL,
    points_cost BIGINT NOT NULL CHECK (points_cost > 0),
    retail_cents BIGINT NOT NULL CHECK (retail_cents > 0),
    kind TEXT NOT NULL CHECK (kind IN ('item', 'service', 'store_gift_card', 'gift_card', 'cash')),
    created_at BIGINT NOT NULL
);
CREATE INDEX loyalty_rewards_practice ON loyalty_rewards(practice_id);

-- Append-only: a balance is the ledger replayed; corrections are new rows.
CREATE TABLE loyalty_ledger (
    id BIGSERIAL PRIMARY KEY,
    practice_id BIGINT NOT NULL REFERENCES practices(id),
    member_id BIGINT NOT NULL REFERENCES loyalty_members(id),
    kind TEXT NOT NULL CHECK (kind IN ('earn', 'redeem', 'expire', 'adjust')),
    points BIGINT NOT NULL,
    rule_kind TEXT NOT NULL DEFAULT '',
    reward_id BIGINT REFERENCES loyalty_rewards(id),
    retail_cents BIGINT NOT NULL DEFAULT 0,
    lot_id BIGINT UNIQUE REFERENCES loyalty_ledger(id),
    idempotency_key TEXT NOT NULL,
    actor TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    UNIQUE (practice_id, idempotency_key),
    CHECK (kind <> 'earn' OR (points > 0 AND expires_at IS NOT NULL)),
    CHECK (kind <> 'redeem' OR (points < 0 AND reward_id IS NOT NULL)),
    CHECK (kind <> 'expire' OR (points < 0 AND lot_id IS NOT NULL))
);
CREATE INDEX loyalty_ledger_member ON loyalty_ledger(member_id, id);
CREATE INDEX loyalty_ledger_expiry ON loyalty_ledger(expires_at) WHERE expires_at IS NOT NULL;

-- +goose StatementBegin
CREATE FUNCTION loyalty_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'loyalty_ledger is append-only';
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER loyalty_ledger_no_update BEFORE UPDATE OR DELETE ON loyalty_ledger
    FOR EACH ROW EXECUTE FUNCTION loyalty_ledger_append_only();
CREATE TRIGGER loyalty_ledger_no_truncate BEFORE TRUNCATE ON loyalty_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION loyalty_ledger_append_only();

-- +goose Down
SELECT 'forward-only migrations';
