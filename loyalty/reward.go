package loyalty

import (
	"fmt"
	"strings"
)

// RewardKind is what a reward is, which decides whether it counts as cash.
type RewardKind string

// The kinds of reward.
const (
	Item          RewardKind = "item"            // goods: a toothbrush kit, a water bottle
	Service       RewardKind = "service"         // a service of the practice, at its retail price
	StoreGiftCard RewardKind = "store_gift_card" // redeemable only at one store or for one purpose
	GiftCard      RewardKind = "gift_card"       // general-purpose or prepaid card usable like cash
	Cash          RewardKind = "cash"            // cash, a cheque, a transfer
)

// RewardKinds lists them.
var RewardKinds = []RewardKind{Item, Service, StoreGiftCard, GiftCard, Cash}

// CashEquivalent reports whether the OIG counts this kind as cash: cash itself and anything
// that can be spent like it. A gift card limited to one store or purpose is not.
func (k RewardKind) CashEquivalent() bool { return k == Cash || k == GiftCard }

// Limits of a reward.
const (
	MaxRewardPoints = 10000000
	MaxRetailCents  = 100000000
)

// Reward is one entry of a practice's catalogue.
type Reward struct {
	ID          int64
	PracticeID  int64
	Name        string
	PointsCost  int64
	RetailCents int64 // what it would cost to buy: the beneficiary caps count this
	Kind        RewardKind
}

// Validate checks the catalogue entry on its own; whether a given member may have it is
// CheckRedemption's question.
func (r Reward) Validate() error {
	name := strings.TrimSpace(r.Name)
	switch {
	case name == "":
		return refuse(Invalid, "a reward needs a name")
	case len(name) > 200:
		return refuse(Invalid, "a reward's name is at most 200 characters")
	case r.PointsCost < 1 || r.PointsCost > MaxRewardPoints:
		return refuse(Invalid, fmt.Sprintf("a reward costs between 1 and %d points", MaxRewardPoints))
	case r.RetailCents < 1 || r.RetailCents > MaxRetailCents:
		// Zero would slip past the beneficiary caps: every reward has a retail value.
		return refuse(Invalid, "state the reward's retail value in cents (at least 1): the Medicare/Medicaid limits are counted in it")
	}
	for _, k := range RewardKinds {
		if k == r.Kind {
			return nil
		}
	}
	return refuse(Invalid, fmt.Sprintf("unknown reward kind %q", r.Kind))
}

// BeneficiaryEligible reports whether a Medicare/Medicaid beneficiary could ever receive the
// reward, whatever they already received this year.
func (r Reward) BeneficiaryEligible() bool {
	return !r.Kind.CashEquivalent() && r.RetailCents <= BeneficiaryItemCents
}
