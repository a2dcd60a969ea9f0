package sms

import (
	"errors"
	"slices"
	"time"
	_ "time/tzdata" // the quiet-hours rule must not depend on the host's zoneinfo

	"github.com/bedsidehq/bedside"
	"github.com/nyaruka/phonenumbers"
)

// The sending window, in the recipient's local time: from 8:00 up to but not including 21:00.
const (
	openHour  = 8
	closeHour = 21
)

// Errors of the quiet-hours rule. Their messages never hold the number.
var (
	// ErrUnknownZone means neither the contact nor the number says where the recipient is:
	// the rule cannot be checked, so nothing is sent until staff set the contact's zone.
	ErrUnknownZone = &bedside.Error{Code: bedside.EInvalid,
		Message: "sms: the recipient's time zone is unknown; set the contact's time zone before texting"}
	// ErrQuietHours means it is before 8:00 or from 21:00 on where the recipient is.
	ErrQuietHours = &bedside.Error{Code: bedside.EForbidden,
		Message: "sms: it is outside 8:00-21:00 in the recipient's time zone"}
	// ErrNoWindow means the zones share no hour of the window, as for a toll-free number that
	// spans the continent: no time is safe everywhere.
	ErrNoWindow = &bedside.Error{Code: bedside.EInvalid,
		Message: "sms: the number's time zones share no hour between 8:00 and 21:00; set the contact's time zone"}
)

// Allowed reports whether now is within 8:00 to 21:00 (exclusive) in loc.
func Allowed(now time.Time, loc *time.Location) bool {
	h := now.In(loc).Hour()
	return h >= openHour && h < closeHour
}

// AllowedIn reports whether now is within the window in every zone of zones; with no zones it
// is false.
func AllowedIn(now time.Time, zones []*time.Location) bool {
	if len(zones) == 0 {
		return false
	}
	for _, z := range zones {
		if !Allowed(now, z) {
			return false
		}
	}
	return true
}

// CheckQuietHours returns nil when a text may go out now in every zone, a *QuietHours saying
// when it may when it must wait, or the error of NextAllowed.
func CheckQuietHours(now time.Time, zones []*time.Location) error {
	next, err := NextAllowed(now, zones)
	if err != nil {
		return err
	}
	if next.Equal(now) {
		return nil
	}
	return &QuietHours{Until: next}
}

// QuietHours means a text must wait until Until. It unwraps to ErrQuietHours, so
// errors.Is and bedside.ErrorCode see EForbidden.
type QuietHours struct {
	Until time.Time
}

func (e *QuietHours) Error() string {
	return ErrQuietHours.Message + "; the window opens at " + e.Until.UTC().Format(time.RFC3339)
}

// Unwrap returns ErrQuietHours.
func (e *QuietHours) Unwrap() error { return ErrQuietHours }

// NextAllowed returns the earliest time from now on at which the window is open in every zone:
// now itself when it already is. Where the windows overlap, the overlap opens at 8:00 in one
// of the zones, so those openings over the coming week are the only candidates.
func NextAllowed(now time.Time, zones []*time.Location) (time.Time, error) {
	if len(zones) == 0 {
		return time.Time{}, ErrUnknownZone
	}
	if AllowedIn(now, zones) {
		return now, nil
	}
	var candidates []time.Time
	for _, z := range zones {
		local := now.In(z)
		for d := -1; d <= 8; d++ {
			t := time.Date(local.Year(), local.Month(), local.Day()+d, openHour, 0, 0, 0, z)
			if t.After(now) {
				candidates = append(candidates, t)
			}
		}
	}
	slices.SortFunc(candidates, time.Time.Compare)
	for _, t := range candidates {
		if AllowedIn(t, zones) {
			return t, nil
		}
	}
	return time.Time{}, ErrNoWindow
}

// Zones returns the zones whose window a text to phone must respect. A contact's own IANA zone
// (contactTZ) wins; otherwise the zones libphonenumber gives for the number's prefix, all of
// them, since a prefix can span a zone line. A contact zone that is not a valid IANA name is
// an EInvalid error rather than a quiet fall-back to the number. phone should be E.164; ten
// digits are read as a US number.
func Zones(contactTZ, phone string) ([]*time.Location, error) {
	if contactTZ != "" {
		loc, err := loadZone(contactTZ)
		if err != nil {
			return nil, bedside.Errorf(bedside.EInvalid, "sms: the contact's time zone is not an IANA zone name")
		}
		return []*time.Location{loc}, nil
	}
	num, err := phonenumbers.Parse(phone, "US")
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return nil, ErrUnknownZone
	}
	names, err := phonenumbers.GetTimezonesForNumber(num)
	if err != nil {
		return nil, ErrUnknownZone
	}
	var zones []*time.Location
	for _, n := range names {
		if n == phonenumbers.UNKNOWN_TIMEZONE {
			continue
		}
		loc, err := loadZone(n)
		if err != nil {
			// A zone the library knows and Go's database does not: we cannot check it,
			// and skipping it would be the unsafe direction.
			return nil, ErrUnknownZone
		}
		zones = append(zones, loc)
	}
	if len(zones) == 0 {
		return nil, ErrUnknownZone
	}
	return zones, nil
}

// loadZone loads an IANA zone by name, refusing "" and "Local" (which would silently mean the
// server's zone) and anything that is not a zone.
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, errors.New("not a zone name")
	}
	return time.LoadLocation(name)
}
