package loyalty

// Reason says why the programme refuses something, for callers that map refusals to their own
// error codes.
type Reason string

// The reasons.
const (
	Invalid            Reason = "invalid"             // a rule or reward that does not make sense
	ReviewIncentive    Reason = "review_incentive"    // points for a review: forbidden outright
	InsufficientPoints Reason = "insufficient_points" // the balance does not cover the cost
	BeneficiaryItem    Reason = "beneficiary_item"    // over $15 retail for a Medicare/Medicaid beneficiary
	BeneficiaryYear    Reason = "beneficiary_year"    // over $75 retail this calendar year for a beneficiary
	BeneficiaryCash    Reason = "beneficiary_cash"    // cash or a cash equivalent for a beneficiary
)

// Error is a refusal whose message is safe to show to staff: it names rules and amounts, never
// a person.
type Error struct {
	Reason  Reason
	Message string
}

func (e *Error) Error() string { return e.Message }

func refuse(r Reason, msg string) *Error { return &Error{Reason: r, Message: msg} }
