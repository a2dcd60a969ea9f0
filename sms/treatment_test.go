package sms

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
)

// TestMarkerSamples runs every marker's own samples, as gitleaks does with its rules.
func TestMarkerSamples(t *testing.T) {
	for _, m := range markers {
		if len(m.match) == 0 || len(m.noMatch) == 0 {
			t.Errorf("marker %s needs samples of both kinds", m.reason)
		}
		for _, s := range m.match {
			if !m.hits(s, words(s)) {
				t.Errorf("marker %s misses %q", m.reason, s)
			}
		}
		for _, s := range m.noMatch {
			if m.hits(s, words(s)) {
				t.Errorf("marker %s wrongly hits %q", m.reason, s)
			}
		}
	}
}

func reasonsOf(err error) []Reason {
	r, _ := bedside.ErrorDetails(err).([]Reason)
	return r
}

func TestCheckBody(t *testing.T) {
	tests := []struct {
		body string
		want []Reason
	}{
		{"Reminder: your cleaning is Tue 3/4 at 10:00. Reply C to confirm.", nil},
		{"Your lab results are ready. Please call 555-0100.", nil},
		{strings.Repeat("a", 160), nil},
		{strings.Repeat("a", 161), []Reason{ReasonTooLong}},
		{strings.Repeat("a", 79) + "€", nil},                          // 81 chars, 81 septets
		{strings.Repeat("a", 151) + "{}[]€", []Reason{ReasonTooLong}}, // 156 characters, 161 septets
		{"Don’t forget your 9:00 visit", nil},                         // UCS-2, 28 units
		{"Don’t forget " + strings.Repeat("a", 60), []Reason{ReasonTooLong}},
		{"", []Reason{ReasonEmpty}},
		{"  \n", []Reason{ReasonEmpty}},
		{"20% off whitening for your visit!", []Reason{ReasonMarketing}},
		{"Your copay is due", []Reason{ReasonBilling}},
		{"Pay your balance and get 10% off", []Reason{ReasonMarketing, ReasonBilling}},
		{"SALE! " + strings.Repeat("x", 160), []Reason{ReasonTooLong, ReasonMarketing}},
	}
	for _, tt := range tests {
		err := CheckBody(tt.body)
		if got := reasonsOf(err); !slices.Equal(got, tt.want) {
			t.Errorf("CheckBody(%.40q) reasons = %v, want %v", tt.body, got, tt.want)
		}
		if err != nil && bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("CheckBody(%.40q) code = %s", tt.body, bedside.ErrorCode(err))
		}
	}
}

func TestCheckFrequency(t *testing.T) {
	ny := zone(t, "America/New_York")
	now := time.Date(2026, 3, 12, 10, 0, 0, 0, ny)
	hours := func(h ...float64) []time.Time {
		var out []time.Time
		for _, x := range h {
			out = append(out, now.Add(-time.Duration(x*float64(time.Hour))))
		}
		return out
	}
	tests := []struct {
		name     string
		now      time.Time
		previous []time.Time
		want     []Reason
	}{
		{"none before", now, nil, nil},
		{"one 25 hours ago", now, hours(25), nil},
		{"one exactly 24 hours ago", now, hours(24), nil},
		{"one 23 hours ago", now, hours(23), []Reason{ReasonDaily}},
		{"one scheduled later today", now, hours(-3), []Reason{ReasonDaily}},
		{"two this week", now, hours(30, 60), nil},
		{"three this week", now, hours(30, 60, 100), []Reason{ReasonWeekly}},
		{"three, one just over a week ago", now, hours(30, 60, 169), nil},
		{"three and one today", now, hours(2, 30, 60), []Reason{ReasonDaily, ReasonWeekly}},
		// 8 March 2026 is 23 hours long in New York: 10:00 on the 9th is 23 hours after 10:00
		// on the 8th, but the longer of the two windows (24 h) is the one that counts.
		{"short dst day still needs 24 hours", time.Date(2026, 3, 9, 10, 0, 0, 0, ny),
			[]time.Time{time.Date(2026, 3, 8, 10, 30, 0, 0, ny)}, []Reason{ReasonDaily}},
		// 1 November 2026 is 25 hours long: 10:00 on the 2nd is 25 hours after 10:00 on the
		// 1st. A text at 10:30 on the 1st is 24.5 hours back but the same wall-clock day.
		{"long dst day counts as a day", time.Date(2026, 11, 2, 10, 0, 0, 0, ny),
			[]time.Time{time.Date(2026, 11, 1, 10, 30, 0, 0, ny)}, []Reason{ReasonDaily}},
	}
	for _, tt := range tests {
		err := CheckFrequency(tt.now, []*time.Location{ny}, tt.previous)
		if got := reasonsOf(err); !slices.Equal(got, tt.want) {
			t.Errorf("%s: reasons = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCheckTreatment(t *testing.T) {
	ny := zone(t, "America/New_York")
	zones := []*time.Location{ny}
	ok := "Reminder: your cleaning is tomorrow at 10:00. Reply C to confirm."
	day := time.Date(2026, 3, 12, 10, 0, 0, 0, ny)
	night := time.Date(2026, 3, 12, 22, 0, 0, 0, ny)

	if err := CheckTreatment(day, zones, ok, nil); err != nil {
		t.Errorf("a plain reminder by day: %v", err)
	}
	err := CheckTreatment(night, zones, ok, nil)
	var qh *QuietHours
	if !errors.As(err, &qh) || bedside.ErrorCode(err) != bedside.EForbidden {
		t.Errorf("quiet hours alone: err = %v, want *QuietHours", err)
	}
	// Everything wrong at once is reported at once, and is EInvalid: waiting will not fix it.
	err = CheckTreatment(night, zones, "20% off!", []time.Time{night.Add(-2 * time.Hour)})
	want := []Reason{ReasonMarketing, ReasonDaily, ReasonQuietHours}
	if got := reasonsOf(err); !slices.Equal(got, want) || bedside.ErrorCode(err) != bedside.EInvalid {
		t.Errorf("everything wrong: reasons = %v (%s), want %v", got, bedside.ErrorCode(err), want)
	}
	if got := reasonsOf(CheckTreatment(day, nil, ok, nil)); !slices.Equal(got, []Reason{ReasonUnknownZone}) {
		t.Errorf("no zone: reasons = %v, want unknown_zone", got)
	}
}
