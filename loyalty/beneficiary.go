package loyalty

import "fmt"

// The OIG's nominal-value limits for Medicare and Medicaid beneficiaries (2016).
const (
	BeneficiaryItemCents = 1500 // per item, retail
	BeneficiaryYearCents = 7500 // per person per calendar year, retail, all items together
)

// Member is what redemption needs to know about a person in the programme.
type Member struct {
	ID          int64
	PracticeID  int64
	ContactID   int64
	Beneficiary bool // a Medicare or Medicaid beneficiary
}

// CheckRedemption decides whether member may take reward, given their balance now and the retail
// cents they already received in the calendar year of the redemption. The beneficiary limits
// are checked before the balance, because they hold whatever the balance.
func CheckRedemption(m Member, r Reward, balance, yearRetailCents int64) error {
	if m.Beneficiary {
		if r.Kind.CashEquivalent() {
			return refuse(BeneficiaryCash, "a Medicare or Medicaid beneficiary may not receive cash or a cash equivalent, such as a gift card usable as cash")
		}
		if r.RetailCents > BeneficiaryItemCents {
			return refuse(BeneficiaryItem, fmt.Sprintf("a Medicare or Medicaid beneficiary may receive items of at most %s retail; this reward is %s",
				dollars(BeneficiaryItemCents), dollars(r.RetailCents)))
		}
		if yearRetailCents+r.RetailCents > BeneficiaryYearCents {
			return refuse(BeneficiaryYear, fmt.Sprintf("a Medicare or Medicaid beneficiary may receive at most %s retail per calendar year; %s already received, this reward is %s",
				dollars(BeneficiaryYearCents), dollars(yearRetailCents), dollars(r.RetailCents)))
		}
	}
	if balance < r.PointsCost {
		return refuse(InsufficientPoints, fmt.Sprintf("not enough points: the reward costs %d, the balance is %d", r.PointsCost, balance))
	}
	return nil
}

func dollars(cents int64) string { return fmt.Sprintf("$%d.%02d", cents/100, cents%100) }
