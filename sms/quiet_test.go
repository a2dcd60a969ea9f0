package sms

import (
	"errors"

	"github.com/bedsidehq/bedside"
	"testing"
	"time"
)

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestAllowed(t *testing.T) {
	ny := zone(t, "America/New_York")
	tests := []struct {
		at   time.Time
		want bool
	}{
		{time.Date(2026, 3, 2, 7, 59, 59, 0, ny), false},
		{time.Date(2026, 3, 2, 8, 0, 0, 0, ny), true},
		{time.Date(2026, 3, 2, 20, 59, 59, 999, ny), true},
		{time.Date(2026, 3, 2, 21, 0, 0, 0, ny), false},
		{time.Date(2026, 3, 2, 0, 30, 0, 0, ny), false},
		// 13:00 UTC is 8:00 in New York in winter, 9:00 in summer.
		{time.Date(2026, 1, 15, 13, 0, 0, 0, time.UTC), true},
		{time.Date(2026, 1, 15, 12, 59, 0, 0, time.UTC), false},
		{time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		if got := Allowed(tt.at, ny); got != tt.want {
			t.Errorf("Allowed(%s) = %v, want %v", tt.at.In(ny), got, tt.want)
		}
	}
}

func TestZones(t *testing.T) {
	tests := []struct {
		name      string
		contactTZ string
		phone     string
		want      []string
		err       error
	}{
		{"contact zone wins", "America/Los_Angeles", "+12125550123", []string{"America/Los_Angeles"}, nil},
		{"new york area code", "", "+12125550123", []string{"America/New_York"}, nil},
		{"chicago area code", "", "+13125550123", []string{"America/Chicago"}, nil},
		{"ten digits read as US", "", "3125550123", []string{"America/Chicago"}, nil},
		{"honolulu", "", "+18085550123", []string{"Pacific/Honolulu"}, nil},
		{"area code over two zones", "", "+16055550123", []string{"America/Denver", "America/North_Dakota/Center"}, nil},
		{"not a number", "", "call me", nil, ErrUnknownZone},
		{"empty", "", "", nil, ErrUnknownZone},
		{"invalid number", "", "+1555", nil, ErrUnknownZone},
	}
	for _, tt := range tests {
		got, err := Zones(tt.contactTZ, tt.phone)
		if !errors.Is(err, tt.err) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.err)
			continue
		}
		var names []string
		for _, z := range got {
			names = append(names, z.String())
		}
		if len(names) != len(tt.want) {
			t.Errorf("%s: zones = %v, want %v", tt.name, names, tt.want)
			continue
		}
		for i := range names {
			if names[i] != tt.want[i] {
				t.Errorf("%s: zones = %v, want %v", tt.name, names, tt.want)
			}
		}
	}
	for _, bad := range []string{"Local", "Mars/Olympus_Mons", "../../etc/passwd"} {
		if _, err := Zones(bad, "+12125550123"); err == nil {
			t.Errorf("Zones(%q) accepted a zone that is not one", bad)
		}
	}
}

func TestNextAllowed(t *testing.T) {
	ny, chi := zone(t, "America/New_York"), zone(t, "America/Chicago")
	la, hnl := zone(t, "America/Los_Angeles"), zone(t, "Pacific/Honolulu")
	shanghai := zone(t, "Asia/Shanghai")
	tests := []struct {
		name  string
		now   time.Time
		zones []*time.Location
		want  time.Time
		err   error
	}{
		{"open now", time.Date(2026, 3, 2, 12, 0, 0, 0, ny), []*time.Location{ny}, time.Date(2026, 3, 2, 12, 0, 0, 0, ny), nil},
		{"early morning waits for 8", time.Date(2026, 3, 2, 6, 0, 0, 0, ny), []*time.Location{ny}, time.Date(2026, 3, 2, 8, 0, 0, 0, ny), nil},
		{"late evening waits for tomorrow", time.Date(2026, 3, 2, 21, 0, 0, 0, ny), []*time.Location{ny}, time.Date(2026, 3, 3, 8, 0, 0, 0, ny), nil},
		// 8:30 in New York is 7:30 in Chicago: both must be open, so 8:00 Chicago.
		{"two zones, the later opening", time.Date(2026, 3, 2, 8, 30, 0, 0, ny), []*time.Location{ny, chi}, time.Date(2026, 3, 2, 8, 0, 0, 0, chi), nil},
		// 20:30 in Chicago is 21:30 in New York: closed there, so tomorrow 8:00 Chicago.
		{"two zones, the earlier close", time.Date(2026, 3, 2, 20, 30, 0, 0, chi), []*time.Location{ny, chi}, time.Date(2026, 3, 3, 8, 0, 0, 0, chi), nil},
		{"ny and honolulu", time.Date(2026, 3, 2, 9, 0, 0, 0, ny), []*time.Location{ny, hnl}, time.Date(2026, 3, 2, 8, 0, 0, 0, hnl), nil},
		{"la and ny", time.Date(2026, 3, 2, 23, 0, 0, 0, la), []*time.Location{ny, la}, time.Date(2026, 3, 3, 8, 0, 0, 0, la), nil},
		// Spring forward: 2:00 does not exist on 8 March 2026 in New York; 8:00 does.
		{"dst start", time.Date(2026, 3, 8, 1, 30, 0, 0, ny), []*time.Location{ny}, time.Date(2026, 3, 8, 8, 0, 0, 0, ny), nil},
		// Two zones always share an hour (at most 12 apart, windows 13 long); three spread
		// 8 hours apart around the clock share none.
		{"three zones share no hour", time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC), []*time.Location{time.UTC, shanghai, la}, time.Time{}, ErrNoWindow},
		{"no zones", time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC), nil, time.Time{}, ErrUnknownZone},
	}
	for _, tt := range tests {
		got, err := NextAllowed(tt.now, tt.zones)
		if !errors.Is(err, tt.err) || !got.Equal(tt.want) {
			t.Errorf("%s: NextAllowed = %s, %v; want %s, %v", tt.name, got, err, tt.want, tt.err)
		}
		if err == nil && !AllowedIn(got, tt.zones) {
			t.Errorf("%s: NextAllowed gave %s, which is not allowed", tt.name, got)
		}
	}
}

// A toll-free number's prefix covers some forty zones from Guam to Newfoundland; whatever
// NextAllowed gives must be inside the window in every one of them.
func TestTollFreeNumberNeedsEveryZoneOpen(t *testing.T) {
	zones, err := Zones("", "+18005550123")
	if err != nil {
		t.Fatal(err)
	}
	if len(zones) < 10 {
		t.Fatalf("got %d zones for a toll-free number, want the whole plan", len(zones))
	}
	for h := range 24 {
		now := time.Date(2026, 3, 2, h, 17, 0, 0, time.UTC)
		next, err := NextAllowed(now, zones)
		if err != nil {
			t.Fatalf("%s: %v", now, err)
		}
		for _, z := range zones {
			if !Allowed(next, z) {
				t.Fatalf("%s: next %s is %s in %s", now, next, next.In(z).Format("15:04"), z)
			}
		}
	}
}

func TestCheckQuietHoursSaysWhen(t *testing.T) {
	ny := zone(t, "America/New_York")
	now := time.Date(2026, 3, 2, 22, 0, 0, 0, ny)
	err := CheckQuietHours(now, []*time.Location{ny})
	var qh *QuietHours
	if !errors.Is(err, ErrQuietHours) || !errors.As(err, &qh) {
		t.Fatalf("err = %v, want *QuietHours", err)
	}
	if !qh.Until.Equal(time.Date(2026, 3, 3, 8, 0, 0, 0, ny)) {
		t.Errorf("until = %s, want tomorrow 8:00", qh.Until)
	}
	if bedside.ErrorCode(err) != bedside.EForbidden {
		t.Errorf("code = %s, want forbidden", bedside.ErrorCode(err))
	}
	if err := CheckQuietHours(now.Add(-2*time.Hour), []*time.Location{ny}); err != nil {
		t.Errorf("20:00: %v", err)
	}
}
