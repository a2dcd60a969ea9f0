package policy

import (
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	one := Generate(Settings{Practice: "Riverside Dental", ApprovalsRequired: 1, Posters: []string{"staff"}, Approvers: []string{"compliance"}})
	two := Generate(Settings{Practice: "Riverside Dental", ApprovalsRequired: 2, ReplyWithinHours: 48})
	for _, want := range []string{"# Riverside Dental social-media policy", "## Who may post", "one approval from: compliance",
		"18 HIPAA identifiers", "signed release", "## Answering reviews", "## Personal accounts of staff", "## Reporting and sanctions", "termination"} {
		if !strings.Contains(one, want) {
			t.Errorf("policy lacks %q", want)
		}
	}
	if !strings.Contains(two, "approvals from two different people") || !strings.Contains(two, "within 48 hours") {
		t.Errorf("settings not reflected:\n%s", two)
	}
	if a, b := Generate(Settings{Practice: "X"}), Generate(Settings{Practice: "X"}); a != b {
		t.Error("the same settings gave different text")
	}
}
