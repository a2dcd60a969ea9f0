package web

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/loyalty"
	"github.com/bedsidehq/bedside/store"
)

// loyaltyRuleRow is one kind of action with the practice's rule for it, if any.
type loyaltyRuleRow struct {
	Kind         loyalty.RuleKind
	Set          bool
	Points       int64
	ExpiryMonths int
}

// loyaltyRewardRow is a catalogue entry as the pages show it. Allowed is whether the member the
// page is about may take it now, leaving aside the balance and this year's total.
type loyaltyRewardRow struct {
	loyalty.Reward
	Retail   string
	Eligible bool // a Medicare/Medicaid beneficiary could ever receive it
	Allowed  bool
}

type rewardKindOption struct {
	Kind  loyalty.RewardKind
	Label string
}

// rewardKindOptions say in plain words which kinds count as cash for the beneficiary limits.
var rewardKindOptions = []rewardKindOption{
	{loyalty.Item, "an item (goods)"},
	{loyalty.Service, "a service of the practice"},
	{loyalty.StoreGiftCard, "a gift card for one store or purpose"},
	{loyalty.GiftCard, "a general gift card (counts as cash)"},
	{loyalty.Cash, "cash or a transfer (counts as cash)"},
}

type loyaltyMemberRow struct {
	store.MemberBalance
	Name string // "" once the contact was erased
}

// loyaltyView is the Loyalty page: rules, rewards, members.
type loyaltyView struct {
	Rules        []loyaltyRuleRow
	RuleKinds    []loyalty.RuleKind
	RewardKinds  []rewardKindOption
	Rewards      []loyaltyRewardRow
	Members      []loyaltyMemberRow
	Candidates   []store.Contact // contacts who are not members yet
	CanSetRules  bool
	ItemLimit    string
	YearLimit    string
	MaxExpiry    int
	MaxRulePoint int
}

func money(cents int64) string { return fmt.Sprintf("$%d.%02d", cents/100, cents%100) }

// parseCents reads a retail value typed in dollars: "12", "12.5", "$12.50".
func parseCents(s string) (int64, error) {
	bad := bedside.Errorf(bedside.EInvalid, "give the retail value in dollars, like 12.50")
	whole, frac, _ := strings.Cut(strings.TrimPrefix(strings.TrimSpace(s), "$"), ".")
	if whole == "" || len(whole) > 9 || len(frac) > 2 || strings.Trim(whole+frac, "0123456789") != "" {
		return 0, bad
	}
	d, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, bad
	}
	c := int64(0)
	if frac != "" {
		c, _ = strconv.ParseInt(frac, 10, 64)
		if len(frac) == 1 {
			c *= 10
		}
	}
	return d*100 + c, nil
}

// formKey is a fresh idempotency key for one rendered form: submitting it twice, or reloading
// the page after submitting, credits or spends once.
func formKey() string {
	var b [12]byte
	rand.Read(b[:])
	return "web-" + hex.EncodeToString(b[:])
}

func rewardRows(rs []loyalty.Reward, beneficiary bool) []loyaltyRewardRow {
	var out []loyaltyRewardRow
	for _, r := range rs {
		ok := r.BeneficiaryEligible()
		out = append(out, loyaltyRewardRow{Reward: r, Retail: money(r.RetailCents), Eligible: ok, Allowed: ok || !beneficiary})
	}
	return out
}

func (s *Server) loyaltyPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	return s.renderLoyalty(w, r, i, nil, "")
}

// renderLoyalty shows the page, with refusal's message when an action was refused.
func (s *Server) renderLoyalty(w http.ResponseWriter, r *http.Request, i *identity, refusal error, notice string) error {
	ctx := r.Context()
	rules, err := s.db.Rules(ctx, i.actor())
	if err != nil {
		return err
	}
	rewards, err := s.db.Rewards(ctx, i.actor())
	if err != nil {
		return err
	}
	members, err := s.db.Members(ctx, i.actor())
	if err != nil {
		return err
	}
	contacts, err := s.db.Contacts(ctx, i.actor())
	if err != nil {
		return err
	}
	v := loyaltyView{RuleKinds: loyalty.RuleKinds, RewardKinds: rewardKindOptions, Rewards: rewardRows(rewards, false),
		CanSetRules: complianceUp.allow(i.User.Role), ItemLimit: money(loyalty.BeneficiaryItemCents), YearLimit: money(loyalty.BeneficiaryYearCents),
		MaxExpiry: loyalty.MaxExpiryMonths, MaxRulePoint: loyalty.MaxRulePoints}
	for _, k := range loyalty.RuleKinds {
		row := loyaltyRuleRow{Kind: k}
		for _, x := range rules {
			if x.Kind == k {
				row = loyaltyRuleRow{Kind: k, Set: true, Points: x.Points, ExpiryMonths: x.ExpiryMonths}
			}
		}
		v.Rules = append(v.Rules, row)
	}
	names := map[int64]string{}
	for _, c := range contacts {
		names[c.ID] = c.Name
		if c.Name == "" && c.WipedAt == nil {
			names[c.ID] = c.Email + c.Phone
		}
	}
	joined := map[int64]bool{}
	for _, m := range members {
		joined[m.ContactID] = true
		v.Members = append(v.Members, loyaltyMemberRow{MemberBalance: m, Name: names[m.ContactID]})
	}
	for _, c := range contacts {
		if !joined[c.ID] && c.WipedAt == nil {
			c.Name = names[c.ID]
			v.Candidates = append(v.Candidates, c)
		}
	}
	status, msg := http.StatusOK, ""
	if refusal != nil {
		status, msg = statusOf[bedside.ErrorCode(refusal)], bedside.ErrorMessage(refusal)
	}
	s.render(w, r, status, "loyalty", view{Title: "Loyalty points", Error: msg, Notice: notice, Data: v})
	return nil
}

// refused reports whether err is the programme (or the store) saying no to what was asked, as
// opposed to a failure: the page shows the former in its own words.
func refused(err error) bool {
	c := bedside.ErrorCode(err)
	return c == bedside.EInvalid || c == bedside.EConflict || c == bedside.ENotFound
}

func (s *Server) loyaltyRuleSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	points, err1 := strconv.ParseInt(r.PostFormValue("points"), 10, 64)
	months, err2 := strconv.Atoi(r.PostFormValue("expiry_months"))
	if err1 != nil || err2 != nil {
		return s.renderLoyalty(w, r, i, bedside.Errorf(bedside.EInvalid, "give the points and the months as whole numbers"), "")
	}
	x, err := s.db.SetRule(r.Context(), i.actor(), loyalty.Rule{Kind: loyalty.RuleKind(r.PostFormValue("kind")), Points: points, ExpiryMonths: months})
	if refused(err) {
		return s.renderLoyalty(w, r, i, err, "")
	} else if err != nil {
		return err
	}
	return s.renderLoyalty(w, r, i, nil, fmt.Sprintf("Rule saved: %s earns %d points, which expire after %d months.", x.Kind, x.Points, x.ExpiryMonths))
}

func (s *Server) loyaltyRewardSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	points, err := strconv.ParseInt(r.PostFormValue("points_cost"), 10, 64)
	if err != nil {
		return s.renderLoyalty(w, r, i, bedside.Errorf(bedside.EInvalid, "give the points a reward costs as a whole number"), "")
	}
	cents, err := parseCents(r.PostFormValue("retail"))
	if err != nil {
		return s.renderLoyalty(w, r, i, err, "")
	}
	x, err := s.db.AddReward(r.Context(), i.actor(), loyalty.Reward{Name: r.PostFormValue("name"), PointsCost: points, RetailCents: cents,
		Kind: loyalty.RewardKind(r.PostFormValue("kind"))})
	if refused(err) {
		return s.renderLoyalty(w, r, i, err, "")
	} else if err != nil {
		return err
	}
	note := "Medicare and Medicaid members may take it."
	if !x.BeneficiaryEligible() {
		note = "Medicare and Medicaid members may not take it: it is cash or worth more than " + money(loyalty.BeneficiaryItemCents) + "."
	}
	return s.renderLoyalty(w, r, i, nil, fmt.Sprintf("Reward added for %d points. %s", x.PointsCost, note))
}

func (s *Server) loyaltyJoinSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, _ := strconv.ParseInt(r.PostFormValue("contact_id"), 10, 64)
	m, err := s.db.Join(r.Context(), i.actor(), id, r.PostFormValue("medicare_medicaid") == "on")
	if refused(err) {
		return s.renderLoyalty(w, r, i, err, "")
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, "/loyalty/members/"+strconv.FormatInt(m.ContactID, 10), http.StatusSeeOther)
	return nil
}

// loyaltyEntryRow is one ledger row in words.
type loyaltyEntryRow struct {
	loyalty.Entry
	What string
}

// loyaltyMemberView is a member's page: balance, ledger, and the earn and redeem forms.
type loyaltyMemberView struct {
	ContactID   int64
	Name        string
	Beneficiary bool
	Balance     int64
	Ledger      []loyaltyEntryRow // newest first
	Rules       []loyalty.Rule    // the active ones
	Rewards     []loyaltyRewardRow
	EarnKey     string
	RedeemKey   string
	YearLimit   string
}

func (s *Server) loyaltyMemberPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := contactPath(r)
	if err != nil {
		return err
	}
	return s.renderLoyaltyMember(w, r, i, id, nil, "")
}

func (s *Server) renderLoyaltyMember(w http.ResponseWriter, r *http.Request, i *identity, contactID int64, refusal error, notice string) error {
	ctx := r.Context()
	m, err := s.db.Member(ctx, i.actor(), contactID)
	if err != nil {
		return err
	}
	c, err := s.db.Contact(ctx, i.actor(), contactID)
	if err != nil {
		return err
	}
	entries, err := s.db.Ledger(ctx, i.actor(), contactID)
	if err != nil {
		return err
	}
	rules, err := s.db.Rules(ctx, i.actor())
	if err != nil {
		return err
	}
	rewards, err := s.db.Rewards(ctx, i.actor())
	if err != nil {
		return err
	}
	v := loyaltyMemberView{ContactID: contactID, Name: c.Name, Beneficiary: m.Beneficiary, Balance: loyalty.Balance(loyalty.Replay(entries), time.Now()),
		Rewards: rewardRows(rewards, m.Beneficiary), EarnKey: formKey(), RedeemKey: formKey(), YearLimit: money(loyalty.BeneficiaryYearCents)}
	if v.Name == "" && c.WipedAt == nil {
		v.Name = c.Email + c.Phone
	}
	for _, x := range rules {
		if x.Points > 0 {
			v.Rules = append(v.Rules, x)
		}
	}
	names := map[int64]string{}
	for _, x := range rewards {
		names[x.ID] = x.Name
	}
	for _, e := range slices.Backward(entries) {
		what := ""
		switch e.Kind {
		case loyalty.Earn:
			what = "earned for " + string(e.Rule)
		case loyalty.Redeem:
			what = "redeemed for " + names[e.RewardID] + " (" + money(e.RetailCents) + " retail)"
		case loyalty.Expire:
			what = fmt.Sprintf("expired: what was left of entry %d", e.LotID)
		default:
			what = "corrected by staff"
		}
		v.Ledger = append(v.Ledger, loyaltyEntryRow{Entry: e, What: what})
	}
	status, msg := http.StatusOK, ""
	if refusal != nil {
		status, msg = statusOf[bedside.ErrorCode(refusal)], bedside.ErrorMessage(refusal)
	}
	s.render(w, r, status, "loyalty_member", view{Title: "Loyalty member", Error: msg, Notice: notice, Data: v})
	return nil
}

// loyaltyMemberStep earns, redeems or records whether the member is a Medicare/Medicaid
// beneficiary. A refusal is shown on the member's page in the programme's words.
func (s *Server) loyaltyMemberStep(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := contactPath(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	var notice string
	switch r.PathValue("step") {
	case "earn":
		var e loyalty.Entry
		if e, err = s.db.Earn(ctx, i.actor(), id, loyalty.RuleKind(r.PostFormValue("rule")), r.PostFormValue("idempotency_key")); err == nil {
			notice = fmt.Sprintf("Credited %d points for %s.", e.Points, e.Rule)
		} else {
			err = prefixed("Not credited: ", err)
		}
	case "redeem":
		reward, _ := strconv.ParseInt(r.PostFormValue("reward_id"), 10, 64)
		var e loyalty.Entry
		if e, err = s.db.Redeem(ctx, i.actor(), id, reward, r.PostFormValue("idempotency_key")); err == nil {
			notice = fmt.Sprintf("Redeemed %d points.", -e.Points)
		} else {
			err = prefixed("Not redeemed: ", err)
		}
	case "beneficiary":
		on := r.PostFormValue("medicare_medicaid") == "on"
		if err = s.db.SetBeneficiary(ctx, i.actor(), id, on); err == nil {
			notice = "Recorded as not a Medicare or Medicaid beneficiary."
			if on {
				notice = "Recorded as a Medicare or Medicaid beneficiary: rewards are limited to nominal value."
			}
		}
	default:
		return bedside.Errorf(bedside.ENotFound, "no such step")
	}
	if refused(err) {
		if _, merr := s.db.Member(ctx, i.actor(), id); merr != nil {
			return merr // not a member of this practice: the plain 404
		}
		return s.renderLoyaltyMember(w, r, i, id, err, "")
	} else if err != nil {
		return err
	}
	return s.renderLoyaltyMember(w, r, i, id, nil, notice)
}

// prefixed puts a lead-in before a refusal's message, keeping its code and details.
func prefixed(lead string, err error) error {
	if !refused(err) {
		return err
	}
	return &bedside.Error{Code: bedside.ErrorCode(err), Message: lead + bedside.ErrorMessage(err), Details: bedside.ErrorDetails(err)}
}
