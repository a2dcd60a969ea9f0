package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/loyalty"
)

// ruleJSON is an earn rule as the API reads and writes it.
type ruleJSON struct {
	Kind         loyalty.RuleKind `json:"kind"`
	Points       int64            `json:"points"`
	ExpiryMonths int              `json:"expiry_months"`
}

// rewardJSON is a catalogue entry; beneficiary_eligible says whether a Medicare or Medicaid
// beneficiary could ever receive it (never cash, at most $15 retail).
type rewardJSON struct {
	ID                  int64              `json:"id"`
	Name                string             `json:"name"`
	PointsCost          int64              `json:"points_cost"`
	RetailCents         int64              `json:"retail_cents"`
	Kind                loyalty.RewardKind `json:"kind"`
	BeneficiaryEligible bool               `json:"beneficiary_eligible"`
}

func rewardOut(r loyalty.Reward) rewardJSON {
	return rewardJSON{ID: r.ID, Name: r.Name, PointsCost: r.PointsCost, RetailCents: r.RetailCents, Kind: r.Kind,
		BeneficiaryEligible: r.BeneficiaryEligible()}
}

// entryJSON is one ledger row. It holds ids and amounts only.
type entryJSON struct {
	ID             int64             `json:"id"`
	Kind           loyalty.EntryKind `json:"kind"`
	Points         int64             `json:"points"`
	Rule           loyalty.RuleKind  `json:"rule,omitempty"`
	RewardID       int64             `json:"reward_id,omitempty"`
	RetailCents    int64             `json:"retail_cents,omitempty"`
	LotID          int64             `json:"lot_id,omitempty"`
	IdempotencyKey string            `json:"idempotency_key"`
	CreatedAt      time.Time         `json:"created_at"`
	ExpiresAt      *time.Time        `json:"expires_at,omitempty"`
}

func entryOut(e loyalty.Entry) entryJSON {
	out := entryJSON{ID: e.ID, Kind: e.Kind, Points: e.Points, Rule: e.Rule, RewardID: e.RewardID, RetailCents: e.RetailCents,
		LotID: e.LotID, IdempotencyKey: e.Key, CreatedAt: e.CreatedAt}
	if !e.ExpiresAt.IsZero() {
		out.ExpiresAt = &e.ExpiresAt
	}
	return out
}

// memberJSON is a member by contact id: the API never carries the contact's name or addresses.
type memberJSON struct {
	ContactID        int64       `json:"contact_id"`
	MedicareMedicaid bool        `json:"medicare_medicaid"`
	Balance          int64       `json:"balance"`
	Ledger           []entryJSON `json:"ledger,omitempty"`
}

// contactPath reads the {contact_id} of a member route.
func contactPath(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("contact_id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, bedside.Errorf(bedside.EInvalid, "the contact id in the path is a positive number")
	}
	return id, nil
}

// idempotencyKey takes the key from the body or the Idempotency-Key header; both may be sent
// only when they agree, so a client cannot believe it retried what it did not.
func idempotencyKey(r *http.Request, body string) (string, error) {
	header := r.Header.Get("Idempotency-Key")
	switch {
	case body == "":
		return header, nil
	case header == "" || header == body:
		return body, nil
	}
	return "", bedside.Errorf(bedside.EInvalid, "the Idempotency-Key header and idempotency_key differ: send one of them")
}

func (s *Server) apiLoyaltyRules(w http.ResponseWriter, r *http.Request, i *identity) error {
	rules, err := s.db.Rules(r.Context(), i.actor())
	if err != nil {
		return err
	}
	out := []ruleJSON{}
	for _, x := range rules {
		out = append(out, ruleJSON{Kind: x.Kind, Points: x.Points, ExpiryMonths: x.ExpiryMonths})
	}
	writeJSON(w, http.StatusOK, map[string]any{"rules": out, "kinds": loyalty.RuleKinds})
	return nil
}

func (s *Server) apiSetLoyaltyRule(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req ruleJSON
	if err := readJSON(r, &req); err != nil {
		return err
	}
	x, err := s.db.SetRule(r.Context(), i.actor(), loyalty.Rule{Kind: req.Kind, Points: req.Points, ExpiryMonths: req.ExpiryMonths})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ruleJSON{Kind: x.Kind, Points: x.Points, ExpiryMonths: x.ExpiryMonths})
	return nil
}

func (s *Server) apiLoyaltyRewards(w http.ResponseWriter, r *http.Request, i *identity) error {
	rewards, err := s.db.Rewards(r.Context(), i.actor())
	if err != nil {
		return err
	}
	out := []rewardJSON{}
	for _, x := range rewards {
		out = append(out, rewardOut(x))
	}
	writeJSON(w, http.StatusOK, map[string]any{"rewards": out})
	return nil
}

func (s *Server) apiAddLoyaltyReward(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		Name        string             `json:"name"`
		PointsCost  int64              `json:"points_cost"`
		RetailCents int64              `json:"retail_cents"`
		Kind        loyalty.RewardKind `json:"kind"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	x, err := s.db.AddReward(r.Context(), i.actor(), loyalty.Reward{Name: req.Name, PointsCost: req.PointsCost, RetailCents: req.RetailCents, Kind: req.Kind})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, rewardOut(x))
	return nil
}

func (s *Server) apiJoinLoyalty(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		ContactID        int64 `json:"contact_id"`
		MedicareMedicaid bool  `json:"medicare_medicaid"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	m, err := s.db.Join(r.Context(), i.actor(), req.ContactID, req.MedicareMedicaid)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, memberJSON{ContactID: m.ContactID, MedicareMedicaid: m.Beneficiary})
	return nil
}

func (s *Server) apiSetLoyaltyBeneficiary(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := contactPath(r)
	if err != nil {
		return err
	}
	var req struct {
		MedicareMedicaid *bool `json:"medicare_medicaid"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if req.MedicareMedicaid == nil {
		return bedside.Errorf(bedside.EInvalid, "give medicare_medicaid: true or false")
	}
	if err := s.db.SetBeneficiary(r.Context(), i.actor(), id, *req.MedicareMedicaid); err != nil {
		return err
	}
	return s.writeMember(w, r, i, id)
}

func (s *Server) apiLoyaltyMember(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := contactPath(r)
	if err != nil {
		return err
	}
	return s.writeMember(w, r, i, id)
}

// writeMember answers with a member's balance and ledger; the balance is the ledger replayed, so
// the two always agree.
func (s *Server) writeMember(w http.ResponseWriter, r *http.Request, i *identity, contactID int64) error {
	m, err := s.db.Member(r.Context(), i.actor(), contactID)
	if err != nil {
		return err
	}
	entries, err := s.db.Ledger(r.Context(), i.actor(), contactID)
	if err != nil {
		return err
	}
	out := memberJSON{ContactID: contactID, MedicareMedicaid: m.Beneficiary, Balance: loyalty.Balance(loyalty.Replay(entries), time.Now()),
		Ledger: []entryJSON{}}
	for _, e := range entries {
		out.Ledger = append(out.Ledger, entryOut(e))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) apiLoyaltyEarn(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := contactPath(r)
	if err != nil {
		return err
	}
	var req struct {
		Rule           loyalty.RuleKind `json:"rule"`
		IdempotencyKey string           `json:"idempotency_key"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	key, err := idempotencyKey(r, req.IdempotencyKey)
	if err != nil {
		return err
	}
	e, err := s.db.Earn(r.Context(), i.actor(), id, req.Rule, key)
	if err != nil {
		return err
	}
	return s.writeEntry(w, r, i, id, e)
}

func (s *Server) apiLoyaltyRedeem(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := contactPath(r)
	if err != nil {
		return err
	}
	var req struct {
		RewardID       int64  `json:"reward_id"`
		IdempotencyKey string `json:"idempotency_key"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	key, err := idempotencyKey(r, req.IdempotencyKey)
	if err != nil {
		return err
	}
	e, err := s.db.Redeem(r.Context(), i.actor(), id, req.RewardID, key)
	if err != nil {
		return err
	}
	return s.writeEntry(w, r, i, id, e)
}

// writeEntry answers an earn or a redemption with the entry the key produced (the first one, on a
// retry) and the balance after it.
func (s *Server) writeEntry(w http.ResponseWriter, r *http.Request, i *identity, contactID int64, e loyalty.Entry) error {
	balance, err := s.db.Balance(r.Context(), i.actor(), contactID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"entry": entryOut(e), "balance": balance})
	return nil
}
