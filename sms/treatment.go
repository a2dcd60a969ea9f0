package sms

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
)

// Treatment-text limits (DOMAIN.md §5, after the FCC's healthcare exemption).
const (
	MaxPerDay  = 1
	MaxPerWeek = 3
)

// Reason names one rule a treatment text breaks; a refusal carries them as Details.
type Reason string

// The reasons.
const (
	ReasonEmpty       Reason = "empty"        // no text at all
	ReasonTooLong     Reason = "too_long"     // more than one segment
	ReasonMarketing   Reason = "marketing"    // offers, prices, promotions
	ReasonBilling     Reason = "billing"      // balances, payments
	ReasonDaily       Reason = "daily_limit"  // already one in the last day
	ReasonWeekly      Reason = "weekly_limit" // already three in the last week
	ReasonQuietHours  Reason = "quiet_hours"  // outside 8:00-21:00 where the recipient is
	ReasonUnknownZone Reason = "unknown_zone" // nowhere to check quiet hours against
	ReasonNoWindow    Reason = "no_window"    // the zones share no allowed hour
)

// marker is one kind of wording a treatment text may not carry. Words and phrases match whole
// words as Classify reads them; pattern matches the raw text. Match and NoMatch are samples
// a test runs, so each marker proves what it catches and what it leaves alone.
type marker struct {
	reason  Reason
	phrases []string
	pattern *regexp.Regexp
	match   []string
	noMatch []string
}

// markers is deliberately short: obvious promotional and billing wording. A reminder that
// needs one of these words ("your balance", "free parking") must be rephrased; subtler
// marketing is for the compliance review to catch, not for a word list.
var markers = []marker{
	{
		reason: ReasonMarketing,
		phrases: []string{"sale", "discount", "discounts", "promo", "promotion", "coupon", "offer",
			"offers", "deal", "deals", "savings", "specials", "special offer", "limited time",
			"for free", "free consultation", "free exam", "refer a friend", "referral", "giveaway",
			"book now", "new patient special", "percent off"},
		pattern: regexp.MustCompile(`\d\s*%|\$\s*\d`),
		match: []string{"20% off whitening this week!", "Spring SALE on Botox", "Refer a friend and get $50",
			"Limited-time offer for our patients", "Ask about our new patient special"},
		noMatch: []string{"Reminder: your cleaning is Tue 3/4 at 10:00. Reply C to confirm.",
			"Your lab results are ready. Please call us.", "Feel free to call with questions.",
			"Your special instructions: no food after midnight."},
	},
	{
		reason: ReasonBilling,
		phrases: []string{"balance", "invoice", "payment", "payments", "pay", "copay", "billing",
			"your bill", "statement", "amount due", "past due", "overdue", "owe", "outstanding"},
		match: []string{"You have an outstanding balance", "Please pay your copay before the visit",
			"Your statement is ready", "Your bill is past due"},
		noMatch: []string{"Dr. Bill Smith will see you Monday at 9:00.",
			"Bring your insurance card to your visit on 5/2."},
	},
}

// CheckBody checks a treatment text's wording: not empty, one segment, no marketing or
// billing. It returns nil or an EInvalid *bedside.Error whose Details are the []Reason broken.
func CheckBody(body string) error {
	reasons := bodyReasons(body)
	if len(reasons) == 0 {
		return nil
	}
	return refusal(reasons)
}

func bodyReasons(body string) []Reason {
	if strings.TrimSpace(body) == "" {
		return []Reason{ReasonEmpty}
	}
	var reasons []Reason
	if Segments(body).Segments > 1 {
		reasons = append(reasons, ReasonTooLong)
	}
	ws := words(body)
	for _, m := range markers {
		if m.hits(body, ws) && !slices.Contains(reasons, m.reason) {
			reasons = append(reasons, m.reason)
		}
	}
	return reasons
}

func (m marker) hits(body string, ws []string) bool {
	if m.pattern != nil && m.pattern.MatchString(body) {
		return true
	}
	for _, p := range m.phrases {
		pw := strings.Fields(p)
		for i := range ws {
			if hasPhraseAt(ws, i, pw) {
				return true
			}
		}
	}
	return false
}

// CheckFrequency checks the per-recipient limits against the times of the recipient's earlier
// treatment texts (sent or scheduled; order does not matter). A day is the 24 hours before
// now, or back to the same wall-clock time yesterday in a recipient's zone when that reaches
// further (the 25-hour day that ends summer time); a week likewise with seven days. Any send
// after the window's start counts, including ones scheduled after now. With no zones the
// windows are plain 24 and 168 hours.
func CheckFrequency(now time.Time, zones []*time.Location, previous []time.Time) error {
	var reasons []Reason
	if count(previous, lookback(now, zones, 1)) >= MaxPerDay {
		reasons = append(reasons, ReasonDaily)
	}
	if count(previous, lookback(now, zones, 7)) >= MaxPerWeek {
		reasons = append(reasons, ReasonWeekly)
	}
	if len(reasons) == 0 {
		return nil
	}
	return refusal(reasons)
}

func lookback(now time.Time, zones []*time.Location, days int) time.Time {
	start := now.Add(-time.Duration(days) * 24 * time.Hour)
	for _, z := range zones {
		if t := now.In(z).AddDate(0, 0, -days); t.Before(start) {
			start = t
		}
	}
	return start
}

func count(times []time.Time, after time.Time) int {
	n := 0
	for _, t := range times {
		if t.After(after) {
			n++
		}
	}
	return n
}

// CheckTreatment applies every rule to one treatment text about to go out now to a recipient
// in zones (from Zones) with earlier treatment texts at previous. It returns nil, or one
// *bedside.Error whose Details are all the []Reason broken, so staff see everything to fix
// at once. Quiet hours alone is EForbidden (wait and it passes); anything else is EInvalid.
func CheckTreatment(now time.Time, zones []*time.Location, body string, previous []time.Time) error {
	reasons := bodyReasons(body)
	if err := CheckFrequency(now, zones, previous); err != nil {
		reasons = append(reasons, bedside.ErrorDetails(err).([]Reason)...)
	}
	switch err := CheckQuietHours(now, zones); {
	case err == nil:
	case errors.Is(err, ErrUnknownZone):
		reasons = append(reasons, ReasonUnknownZone)
	case errors.Is(err, ErrNoWindow):
		reasons = append(reasons, ReasonNoWindow)
	default:
		if len(reasons) == 0 {
			return err
		}
		reasons = append(reasons, ReasonQuietHours)
	}
	if len(reasons) == 0 {
		return nil
	}
	return refusal(reasons)
}

func refusal(reasons []Reason) error {
	names := make([]string, len(reasons))
	for i, r := range reasons {
		names[i] = string(r)
	}
	return &bedside.Error{
		Code:    bedside.EInvalid,
		Message: fmt.Sprintf("sms: the treatment text breaks the rules: %s", strings.Join(names, ", ")),
		Details: reasons,
	}
}
