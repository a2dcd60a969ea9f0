package store_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/loyalty"
	. "github.com/bedsidehq/bedside/store"
)

// loyaltyPractice opens a practice with a 100-point event rule (12 months) and a contact as a
// member, whose id it returns.
func loyaltyPractice(t *testing.T, db *DB, name string, beneficiary bool) (Actor, int64) {
	t.Helper()
	ctx := context.Background()
	_, _, actor := newPractice(t, db, name, name+"@example.com")
	if _, err := db.SetRule(ctx, actor, loyalty.Rule{Kind: loyalty.EventAttendance, Points: 100, ExpiryMonths: 12}); err != nil {
		t.Fatal(err)
	}
	m := member(t, db, actor)
	if _, err := db.Join(ctx, actor, m, beneficiary); err != nil {
		t.Fatal(err)
	}
	return actor, m
}

var members atomic.Int64

// member adds a contact to the practice.
func member(t *testing.T, db *DB, actor Actor) int64 {
	t.Helper()
	email := fmt.Sprintf("member%d@example.com", members.Add(1))
	c, err := db.CreateContact(context.Background(), actor, Contact{Name: "Member", Email: email})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func earnN(t *testing.T, db *DB, actor Actor, contactID int64, n int) {
	t.Helper()
	for i := range n {
		if _, err := db.Earn(context.Background(), actor, contactID, loyalty.EventAttendance, fmt.Sprintf("earn-%d-%d", contactID, i)); err != nil {
			t.Fatal(err)
		}
	}
}

func balance(t *testing.T, db *DB, actor Actor, contactID int64) int64 {
	t.Helper()
	b, err := db.Balance(context.Background(), actor, contactID)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoyaltyEarnIdempotent(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		actor, m := loyaltyPractice(t, db, "idem", false)
		first, err := db.Earn(ctx, actor, m, loyalty.EventAttendance, "spring-fair-7")
		if err != nil {
			t.Fatal(err)
		}
		again, err := db.Earn(ctx, actor, m, loyalty.EventAttendance, "spring-fair-7")
		if err != nil || again.ID != first.ID || again.Points != 100 {
			t.Fatalf("retry %+v %v, want entry %d", again, err, first.ID)
		}
		if b := balance(t, db, actor, m); b != 100 {
			t.Fatalf("balance %d after a retried earn, want 100", b)
		}
		if _, err := db.SetRule(ctx, actor, loyalty.Rule{Kind: loyalty.NewsletterConfirmation, Points: 5, ExpiryMonths: 6}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Earn(ctx, actor, m, loyalty.NewsletterConfirmation, "spring-fair-7"); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("a key reused for another rule: %v", err)
		}
		// The same key sent by many at once still credits once.
		var wg sync.WaitGroup
		ids := make([]int64, 20)
		for i := range ids {
			wg.Go(func() {
				e, err := db.Earn(ctx, actor, m, loyalty.EventAttendance, "burst")
				if err != nil {
					t.Error(err)
				}
				ids[i] = e.ID
			})
		}
		wg.Wait()
		for _, id := range ids {
			if id != ids[0] {
				t.Fatalf("concurrent retries gave entries %v", ids)
			}
		}
		if b := balance(t, db, actor, m); b != 200 {
			t.Fatalf("balance %d, want 200", b)
		}
		if _, err := db.Earn(ctx, actor, m, loyalty.ReferralVisit, "no-rule"); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("earn without a rule: %v", err)
		}
		if _, err := db.Earn(ctx, actor, 8, loyalty.EventAttendance, "not-a-member"); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("earn for a non-member: %v", err)
		}
		if _, err := db.Join(ctx, actor, m, false); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("joining twice: %v", err)
		}
	})
}

func TestLoyaltyRedeemRefusedWhenShort(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		actor, m := loyaltyPractice(t, db, "short", false)
		earnN(t, db, actor, m, 1)
		r, err := db.AddReward(ctx, actor, loyalty.Reward{Name: "Tote bag", PointsCost: 150, RetailCents: 900, Kind: loyalty.Item})
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.Redeem(ctx, actor, m, r.ID, "tote-1")
		if bedside.ErrorCode(err) != bedside.EConflict || bedside.ErrorDetails(err) != string(loyalty.InsufficientPoints) {
			t.Fatalf("redeem 150 from 100: %v", err)
		}
		if _, err := db.Earn(ctx, actor, m, loyalty.EventAttendance, "second"); err != nil {
			t.Fatal(err)
		}
		// The refused attempt wrote nothing, so its key is free for the retry.
		e, err := db.Redeem(ctx, actor, m, r.ID, "tote-1")
		if err != nil || e.Points != -150 || e.RetailCents != 900 {
			t.Fatalf("redeem %+v %v", e, err)
		}
		again, err := db.Redeem(ctx, actor, m, r.ID, "tote-1")
		if err != nil || again.ID != e.ID {
			t.Fatalf("retried redemption %+v %v", again, err)
		}
		if b := balance(t, db, actor, m); b != 50 {
			t.Fatalf("balance %d, want 50", b)
		}
		if _, err := db.Redeem(ctx, actor, m, r.ID+1000, "nope"); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("unknown reward: %v", err)
		}
	})
}

// TestLoyaltyConcurrentRedeem: 100 redemptions at once never spend points twice.
func TestLoyaltyConcurrentRedeem(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		actor, m := loyaltyPractice(t, db, "race", false)
		earnN(t, db, actor, m, 10) // 1000 points
		r, err := db.AddReward(ctx, actor, loyalty.Reward{Name: "Mug", PointsCost: 30, RetailCents: 800, Kind: loyalty.Item})
		if err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		ok, short := 0, 0
		var wg sync.WaitGroup
		for i := range 100 {
			wg.Go(func() {
				_, err := db.Redeem(ctx, actor, m, r.ID, fmt.Sprintf("mug-%d", i))
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case bedside.ErrorDetails(err) == string(loyalty.InsufficientPoints):
					short++
				default:
					t.Errorf("redeem %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		if ok != 1000/30 || short != 100-1000/30 {
			t.Fatalf("%d redemptions succeeded and %d were short, want %d and %d", ok, short, 1000/30, 100-1000/30)
		}
		if b := balance(t, db, actor, m); b != 1000%30 {
			t.Fatalf("balance %d, want %d", b, 1000%30)
		}
		entries, err := db.Ledger(ctx, actor, m)
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, e := range entries {
			sum += e.Points
			if sum < 0 {
				t.Fatalf("the ledger goes below zero at entry %d", e.ID)
			}
		}
		if _, breaks, err := db.VerifyAudit(ctx); err != nil || len(breaks) != 0 {
			t.Fatalf("audit chain %v %v", breaks, err)
		}
	})
}

func TestLoyaltyBeneficiaryLimits(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		actor, m := loyaltyPractice(t, db, "medicare", true)
		earnN(t, db, actor, m, 20) // 2000 points: the balance is never what stops them
		add := func(name string, cents int64, kind loyalty.RewardKind) int64 {
			r, err := db.AddReward(ctx, actor, loyalty.Reward{Name: name, PointsCost: 10, RetailCents: cents, Kind: kind})
			if err != nil {
				t.Fatal(err)
			}
			return r.ID
		}
		cap15 := add("Electric toothbrush heads", 1500, loyalty.Item)
		over := add("Speaker", 1501, loyalty.Item)
		cash := add("Five dollars", 500, loyalty.Cash)
		card := add("Prepaid card", 1000, loyalty.GiftCard)
		store := add("Cinema voucher", 1000, loyalty.StoreGiftCard)
		for _, c := range []struct {
			reward int64
			code   string
			reason loyalty.Reason
		}{
			{over, bedside.EInvalid, loyalty.BeneficiaryItem},
			{cash, bedside.EInvalid, loyalty.BeneficiaryCash},
			{card, bedside.EInvalid, loyalty.BeneficiaryCash},
		} {
			_, err := db.Redeem(ctx, actor, m, c.reward, fmt.Sprintf("refused-%d", c.reward))
			if bedside.ErrorCode(err) != c.code || bedside.ErrorDetails(err) != string(c.reason) {
				t.Errorf("reward %d: %v (%v), want %s", c.reward, err, bedside.ErrorDetails(err), c.reason)
			}
		}
		// $15 x 4 + $10 = $70; another $10 would make $80.
		for i, id := range []int64{cap15, cap15, cap15, cap15, store} {
			if _, err := db.Redeem(ctx, actor, m, id, fmt.Sprintf("ok-%d", i)); err != nil {
				t.Fatalf("redemption %d within the limits: %v", i, err)
			}
		}
		_, err := db.Redeem(ctx, actor, m, store, "over-year")
		if bedside.ErrorCode(err) != bedside.EConflict || bedside.ErrorDetails(err) != string(loyalty.BeneficiaryYear) {
			t.Fatalf("past $75 in a year: %v", err)
		}
		// A new calendar year starts a new allowance.
		db.SetClock(func() time.Time { return time.Now().AddDate(1, 0, 0) })
		if _, err := db.Earn(ctx, actor, m, loyalty.EventAttendance, "next-year"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Redeem(ctx, actor, m, store, "next-year-voucher"); err != nil {
			t.Fatalf("next year: %v", err)
		}
		// Someone who is not a beneficiary may take any of them.
		if err := db.SetBeneficiary(ctx, actor, m, false); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{over, cash, card} {
			if _, err := db.Redeem(ctx, actor, m, id, fmt.Sprintf("plain-%d", id)); err != nil {
				t.Fatalf("non-beneficiary reward %d: %v", id, err)
			}
		}
	})
}

func TestLoyaltyExpiryFIFO(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		start := time.Date(2025, 1, 15, 12, 0, 0, 0, time.UTC)
		now := start
		db.SetClock(func() time.Time { return now })
		actor, m := loyaltyPractice(t, db, "expiry", false)
		first, err := db.Earn(ctx, actor, m, loyalty.EventAttendance, "jan") // 100, expires 2026-01-15
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC); !first.ExpiresAt.Equal(want) {
			t.Fatalf("expires %v, want %v", first.ExpiresAt, want)
		}
		now = start.AddDate(0, 6, 0)
		if _, err := db.Earn(ctx, actor, m, loyalty.EventAttendance, "jul"); err != nil { // 100, expires 2026-07-15
			t.Fatal(err)
		}
		r, err := db.AddReward(ctx, actor, loyalty.Reward{Name: "Floss", PointsCost: 70, RetailCents: 300, Kind: loyalty.Item})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Redeem(ctx, actor, m, r.ID, "floss"); err != nil { // takes 70 of January's 100
			t.Fatal(err)
		}
		now = start.AddDate(1, 0, 0) // January's lot expires with 30 left
		if b := balance(t, db, actor, m); b != 100 {
			t.Fatalf("balance at expiry %d, want 100 (expired points count even before the job runs)", b)
		}
		n, err := db.ExpirePoints(ctx, now)
		if err != nil || n != 1 {
			t.Fatalf("expired %d lots, %v; want 1", n, err)
		}
		if n, err := db.ExpirePoints(ctx, now); err != nil || n != 0 {
			t.Fatalf("second run expired %d, %v", n, err)
		}
		entries, _ := db.Ledger(ctx, actor, m)
		last := entries[len(entries)-1]
		if last.Kind != loyalty.Expire || last.Points != -30 || last.LotID != first.ID {
			t.Fatalf("expire row %+v, want -30 of entry %d", last, first.ID)
		}
		var sum int64
		for _, e := range entries {
			sum += e.Points
		}
		if sum != 100 || balance(t, db, actor, m) != 100 {
			t.Fatalf("ledger sums to %d after expiry, want 100", sum)
		}
		now = start.AddDate(2, 0, 0)
		if n, err := db.ExpirePoints(ctx, now); err != nil || n != 1 {
			t.Fatalf("July's lot: %d %v", n, err)
		}
		if b := balance(t, db, actor, m); b != 0 {
			t.Fatalf("balance %d after everything expired", b)
		}
	})
}

func TestLoyaltyReviewRuleRefused(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		actor, m := loyaltyPractice(t, db, "reviews", false)
		for _, kind := range []loyalty.RuleKind{"review", "google_review", "yelp_checkin", "five_star_rating"} {
			_, err := db.SetRule(ctx, actor, loyalty.Rule{Kind: kind, Points: 10, ExpiryMonths: 12})
			if bedside.ErrorCode(err) != bedside.EInvalid || bedside.ErrorDetails(err) != string(loyalty.ReviewIncentive) {
				t.Errorf("rule %s: %v", kind, err)
			}
			_, err = db.Earn(ctx, actor, m, kind, "k-"+string(kind))
			if bedside.ErrorDetails(err) != string(loyalty.ReviewIncentive) {
				t.Errorf("earn %s: %v", kind, err)
			}
		}
		rules, err := db.Rules(ctx, actor)
		if err != nil || len(rules) != 1 {
			t.Fatalf("rules %+v %v", rules, err)
		}
		// The table refuses it too, should code ever skip the check.
		if err := db.ExecForTest(ctx, "INSERT INTO loyalty_rules (practice_id, kind, points, expiry_months, updated_at) VALUES (?, 'Google_Review', 5, 12, 0)", actor.PracticeID); err == nil {
			t.Fatal("the database took a review rule")
		}
	})
}

func TestLoyaltyLedgerAppendOnly(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		actor, m := loyaltyPractice(t, db, "append", false)
		earnN(t, db, actor, m, 1)
		for _, q := range []string{"UPDATE loyalty_ledger SET points = 1000000", "DELETE FROM loyalty_ledger"} {
			if err := db.ExecForTest(ctx, q); err == nil {
				t.Errorf("%s: allowed", q)
			}
		}
		if b := balance(t, db, actor, m); b != 100 {
			t.Fatalf("balance %d", b)
		}
	})
}

// TestLoyaltyIsolation: practice B can neither credit, spend nor read practice A's member, nor
// spend A's rewards.
func TestLoyaltyIsolation(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		a, m := loyaltyPractice(t, db, "a", false)
		_, _, b := newPractice(t, db, "b", "b@example.com")
		if _, err := db.SetRule(ctx, b, loyalty.Rule{Kind: loyalty.EventAttendance, Points: 500, ExpiryMonths: 12}); err != nil {
			t.Fatal(err)
		}
		earnN(t, db, a, m, 2)
		rA, _ := db.AddReward(ctx, a, loyalty.Reward{Name: "Cap", PointsCost: 10, RetailCents: 500, Kind: loyalty.Item})
		rB, _ := db.AddReward(ctx, b, loyalty.Reward{Name: "Hat", PointsCost: 10, RetailCents: 500, Kind: loyalty.Item})
		if _, err := db.Earn(ctx, b, m, loyalty.EventAttendance, "b-earn"); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Errorf("B credited A's member: %v", err)
		}
		if _, err := db.Redeem(ctx, b, m, rB.ID, "b-redeem"); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Errorf("B spent A's member's points: %v", err)
		}
		if _, err := db.Balance(ctx, b, m); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Errorf("B read A's balance: %v", err)
		}
		if _, err := db.Ledger(ctx, b, m); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Errorf("B read A's ledger: %v", err)
		}
		if err := db.SetBeneficiary(ctx, b, m, false); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Errorf("B changed A's member: %v", err)
		}
		if _, err := db.Join(ctx, b, m, false); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Errorf("B enrolled A's contact: %v", err)
		}
		if _, err := db.Redeem(ctx, a, m, rB.ID, "a-takes-b"); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Errorf("A spent on B's reward: %v", err)
		}
		if rules, _ := db.Rules(ctx, b); len(rules) != 1 || rules[0].Points != 500 {
			t.Errorf("B's rules %+v", rules)
		}
		if rewards, _ := db.Rewards(ctx, b); len(rewards) != 1 || rewards[0].ID != rB.ID {
			t.Errorf("B's rewards %+v", rewards)
		}
		// Idempotency keys are per practice: B's "earn-7-0" is not A's.
		m9 := member(t, db, b)
		if _, err := db.Join(ctx, b, m9, false); err != nil {
			t.Fatal(err)
		}
		e, err := db.Earn(ctx, b, m9, loyalty.EventAttendance, "earn-7-0")
		if err != nil || e.Points != 500 || e.PracticeID != b.PracticeID {
			t.Errorf("B's own earn %+v %v", e, err)
		}
		if bal := balance(t, db, a, m); bal != 200 {
			t.Errorf("A's balance %d, want 200", bal)
		}
		if _, err := db.Redeem(ctx, a, m, rA.ID, "a-ok"); err != nil {
			t.Error(err)
		}
	})
}

// TestLoyaltyMembers: the listing gives each member of the practice their own balance, and
// nobody of another practice.
func TestLoyaltyMembers(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		actor, rich := loyaltyPractice(t, db, "members", true)
		earnN(t, db, actor, rich, 3)
		poor := member(t, db, actor)
		if _, err := db.Join(ctx, actor, poor, false); err != nil {
			t.Fatal(err)
		}
		other, _ := loyaltyPractice(t, db, "members-other", false)
		ms, err := db.Members(ctx, actor)
		if err != nil || len(ms) != 2 {
			t.Fatalf("members %+v %v", ms, err)
		}
		if ms[0].ContactID != poor || ms[0].Balance != 0 || ms[0].Beneficiary || ms[1].ContactID != rich || ms[1].Balance != 300 || !ms[1].Beneficiary {
			t.Fatalf("members %+v", ms)
		}
		if m, err := db.Member(ctx, actor, rich); err != nil || !m.Beneficiary {
			t.Fatalf("member %+v %v", m, err)
		}
		if _, err := db.Member(ctx, other, rich); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("another practice's member: %v", err)
		}
	})
}
