package loyalty

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func reason(err error) Reason {
	var e *Error
	if errors.As(err, &e) {
		return e.Reason
	}
	if err != nil {
		return "other"
	}
	return ""
}

func TestRuleValidate(t *testing.T) {
	for _, c := range []struct {
		name string
		rule Rule
		want Reason
	}{
		{"event", Rule{Kind: EventAttendance, Points: 50, ExpiryMonths: 12}, ""},
		{"newsletter", Rule{Kind: NewsletterConfirmation, Points: 10, ExpiryMonths: 1}, ""},
		{"referral", Rule{Kind: ReferralVisit, Points: 100, ExpiryMonths: 120}, ""},
		{"off", Rule{Kind: ProgramJoin, Points: 0, ExpiryMonths: 12}, ""},
		{"review", Rule{Kind: "review", Points: 10, ExpiryMonths: 12}, ReviewIncentive},
		{"google review", Rule{Kind: "google_review", Points: 10, ExpiryMonths: 12}, ReviewIncentive},
		{"yelp, capitals", Rule{Kind: "Yelp_Post", Points: 10, ExpiryMonths: 12}, ReviewIncentive},
		{"five stars", Rule{Kind: "five_star_rating", Points: 10, ExpiryMonths: 12}, ReviewIncentive},
		{"testimonial", Rule{Kind: "testimonial_video", Points: 10, ExpiryMonths: 12}, ReviewIncentive},
		{"review even at zero points", Rule{Kind: "review_left", Points: 0, ExpiryMonths: 12}, ReviewIncentive},
		{"unknown", Rule{Kind: "birthday", Points: 10, ExpiryMonths: 12}, Invalid},
		{"negative", Rule{Kind: EventAttendance, Points: -1, ExpiryMonths: 12}, Invalid},
		{"huge", Rule{Kind: EventAttendance, Points: MaxRulePoints + 1, ExpiryMonths: 12}, Invalid},
		{"no expiry", Rule{Kind: EventAttendance, Points: 5}, Invalid},
		{"expiry too long", Rule{Kind: EventAttendance, Points: 5, ExpiryMonths: 121}, Invalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.rule.Validate()
			if got := reason(err); got != c.want {
				t.Fatalf("reason %q, want %q (%v)", got, c.want, err)
			}
			if c.want == ReviewIncentive && !strings.Contains(err.Error(), "FTC 16 CFR 465") {
				t.Errorf("the refusal does not say why: %v", err)
			}
		})
	}
	for _, k := range RuleKinds {
		if IsReviewIncentive(k) {
			t.Errorf("allowed kind %s looks like a review incentive", k)
		}
	}
}

func TestRewardValidate(t *testing.T) {
	ok := Reward{Name: "Water bottle", PointsCost: 100, RetailCents: 1200, Kind: Item}
	for _, c := range []struct {
		name string
		edit func(*Reward)
		want Reason
	}{
		{"ok", func(*Reward) {}, ""},
		{"no name", func(r *Reward) { r.Name = "  " }, Invalid},
		{"long name", func(r *Reward) { r.Name = strings.Repeat("x", 201) }, Invalid},
		{"free", func(r *Reward) { r.PointsCost = 0 }, Invalid},
		{"no retail value", func(r *Reward) { r.RetailCents = 0 }, Invalid},
		{"unknown kind", func(r *Reward) { r.Kind = "voucher" }, Invalid},
		{"cash is allowed in the catalogue", func(r *Reward) { r.Kind = Cash }, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := ok
			c.edit(&r)
			if got := reason(r.Validate()); got != c.want {
				t.Fatalf("reason %q, want %q", got, c.want)
			}
		})
	}
}

func TestCheckRedemption(t *testing.T) {
	ben := Member{Beneficiary: true}
	other := Member{}
	item := func(cents int64, k RewardKind) Reward {
		return Reward{Name: "r", PointsCost: 100, RetailCents: cents, Kind: k}
	}
	for _, c := range []struct {
		name    string
		m       Member
		r       Reward
		balance int64
		year    int64
		want    Reason
	}{
		{"enough", other, item(5000, Item), 100, 0, ""},
		{"short", other, item(500, Item), 99, 0, InsufficientPoints},
		{"cash to non-beneficiary", other, item(5000, Cash), 100, 0, ""},
		{"beneficiary $15 item", ben, item(1500, Item), 100, 0, ""},
		{"beneficiary $15.01 item", ben, item(1501, Item), 100, 0, BeneficiaryItem},
		{"beneficiary service over $15", ben, item(2000, Service), 100, 0, BeneficiaryItem},
		{"beneficiary cash", ben, item(500, Cash), 100, 0, BeneficiaryCash},
		{"beneficiary general gift card", ben, item(500, GiftCard), 100, 0, BeneficiaryCash},
		{"beneficiary store gift card", ben, item(1000, StoreGiftCard), 100, 0, ""},
		{"beneficiary reaches $75", ben, item(1500, Item), 100, 6000, ""},
		{"beneficiary passes $75", ben, item(1500, Item), 100, 6001, BeneficiaryYear},
		{"beneficiary limits before balance", ben, item(500, Cash), 0, 0, BeneficiaryCash},
		{"beneficiary short", ben, item(500, Item), 10, 0, InsufficientPoints},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckRedemption(c.m, c.r, c.balance, c.year)
			if got := reason(err); got != c.want {
				t.Fatalf("reason %q, want %q (%v)", got, c.want, err)
			}
		})
	}
	if (Reward{RetailCents: 1500, Kind: Item}).BeneficiaryEligible() != true ||
		(Reward{RetailCents: 1000, Kind: GiftCard}).BeneficiaryEligible() != false {
		t.Error("BeneficiaryEligible")
	}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReplayFIFO(t *testing.T) {
	earn := func(id int64, at, exp string, pts int64) Entry {
		return Entry{ID: id, Kind: Earn, Points: pts, CreatedAt: day(at), ExpiresAt: day(exp)}
	}
	debit := func(id int64, at string, pts int64) Entry {
		return Entry{ID: id, Kind: Redeem, Points: -pts, CreatedAt: day(at)}
	}
	for _, c := range []struct {
		name      string
		entries   []Entry
		now       string
		balance   int64
		due       []int64 // lot ids with expired points left
		remaining []int64
	}{
		{"oldest spent first", []Entry{earn(1, "2025-01-01", "2026-01-01", 100), earn(2, "2025-06-01", "2026-06-01", 100), debit(3, "2025-07-01", 150)},
			"2025-12-01", 50, nil, []int64{0, 50}},
		{"first lot expires with what is left", []Entry{earn(1, "2025-01-01", "2026-01-01", 100), earn(2, "2025-06-01", "2026-06-01", 100), debit(3, "2025-07-01", 30)},
			"2026-01-01", 100, []int64{1}, []int64{70, 100}},
		{"a debit after expiry skips expired points", []Entry{earn(1, "2025-01-01", "2026-01-01", 100), earn(2, "2025-06-01", "2026-06-01", 100), debit(3, "2026-02-01", 60)},
			"2026-02-01", 40, []int64{1}, []int64{100, 40}},
		{"an expire row closes its lot", []Entry{earn(1, "2025-01-01", "2026-01-01", 100), earn(2, "2025-06-01", "2026-06-01", 100),
			{ID: 3, Kind: Expire, Points: -100, LotID: 1, CreatedAt: day("2026-01-02")}},
			"2026-01-02", 100, nil, []int64{0, 100}},
		{"everything expired", []Entry{earn(1, "2025-01-01", "2026-01-01", 100), earn(2, "2025-06-01", "2026-06-01", 100)},
			"2027-01-01", 0, []int64{1, 2}, []int64{100, 100}},
		{"an adjustment without expiry lasts", []Entry{{ID: 1, Kind: Adjust, Points: 25, CreatedAt: day("2020-01-01")}},
			"2030-01-01", 25, nil, []int64{25}},
	} {
		t.Run(c.name, func(t *testing.T) {
			lots := Replay(c.entries)
			now := day(c.now)
			if b := Balance(lots, now); b != c.balance {
				t.Errorf("balance %d, want %d", b, c.balance)
			}
			var due []int64
			for _, l := range Due(lots, now) {
				due = append(due, l.EntryID)
			}
			if len(due) != len(c.due) {
				t.Fatalf("due %v, want %v", due, c.due)
			}
			for i := range due {
				if due[i] != c.due[i] {
					t.Fatalf("due %v, want %v", due, c.due)
				}
			}
			for i, l := range lots {
				if l.Remaining != c.remaining[i] {
					t.Errorf("lot %d remaining %d, want %d", l.EntryID, l.Remaining, c.remaining[i])
				}
			}
		})
	}
}

func TestExpiryOf(t *testing.T) {
	for _, c := range []struct {
		earned string
		months int
		want   string
	}{
		{"2025-03-15", 12, "2026-03-15"},
		{"2025-01-31", 1, "2025-02-28"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2025-11-30", 3, "2026-02-28"},
		{"2025-08-31", 6, "2026-02-28"},
	} {
		if got := ExpiryOf(day(c.earned), c.months).Format(time.DateOnly); got != c.want {
			t.Errorf("%s + %d months = %s, want %s", c.earned, c.months, got, c.want)
		}
	}
}

func TestYear(t *testing.T) {
	s, e := Year(time.Date(2026, 7, 4, 12, 0, 0, 0, time.UTC))
	if !s.Equal(day("2026-01-01")) || !e.Equal(day("2027-01-01")) {
		t.Errorf("year %v..%v", s, e)
	}
}
