package web

import "testing"

func TestMentionsStaff(t *testing.T) {
	staff := []string{"Dr. Priya Patel", "Jordan Ellis"}
	cases := map[string]bool{
		"Dr. Patel was wonderful":          true,
		"priya patel explained everything": true,
		"Jordan Ellis cleaned my teeth":    true,
		"Ellis was great":                  true,
		"The patella surgery went fine":    false, // a surname inside another word is not a mention
		"Nobody answered the phone":        false,
	}
	for text, want := range cases {
		if got := mentionsStaff(text, staff); got != want {
			t.Errorf("mentionsStaff(%q) = %v, want %v", text, got, want)
		}
	}
}
