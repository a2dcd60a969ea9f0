// Package policy writes a practice's social-media policy, in Markdown, from its settings. It is
// pure: the same settings give the same text, so a saved version's hash says which rules applied.
package policy

import (
	"fmt"
	"strings"
)

// Settings are the practice's choices the policy states.
type Settings struct {
	Practice          string
	ApprovalsRequired int      // compliance approvals a post needs before publishing: 1 or 2
	Posters           []string // roles that may draft and publish, e.g. "admin", "compliance", "staff"
	Approvers         []string // roles that approve, e.g. "admin", "compliance"
	ContactRole       string   // who staff ask when in doubt, e.g. "the compliance officer"
	ReplyWithinHours  int      // how soon reviews should be answered; 0: not stated
}

// Generate returns the policy text.
func Generate(s Settings) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	name := s.Practice
	if name == "" {
		name = "The practice"
	}
	contact := s.ContactRole
	if contact == "" {
		contact = "the compliance officer"
	}
	p("# %s social-media policy", name)
	p("")
	p("This policy applies to every member of staff, on the practice's accounts and on their own. It protects our patients' privacy under HIPAA (45 CFR 164.502 and 164.508). Every member of staff reads it, acknowledges it in Bedside, and completes the social-media training every year.")
	p("")
	p("## Who may post")
	p("")
	p("- Posts and replies on the practice's accounts are drafted in Bedside by: %s.", list(s.Posters, "any member of staff"))
	approvals := "one approval"
	if s.ApprovalsRequired >= 2 {
		approvals = "approvals from two different people"
	}
	p("- Nothing is published until Bedside's checker has read it and it has %s from: %s.", approvals, list(s.Approvers, "a compliance officer"))
	p("- No one posts on the practice's behalf from outside Bedside.")
	p("")
	p("## What may never be posted")
	p("")
	p("Without the patient's signed written authorization (never verbal consent), nothing is posted that:")
	p("")
	p("- contains any of the 18 HIPAA identifiers of a patient or of their relatives, employers or household members: names, places smaller than a state, dates (other than the year) of birth, visits, admission or discharge, ages over 89, phone and fax numbers, email addresses, Social Security, medical record, health-plan, account and licence numbers, vehicle and device identifiers, web and IP addresses, biometrics, full-face photos, and any other unique number, characteristic or code;")
	p("- describes a case: a diagnosis, procedure, body site, test, visit, insurance or cost, behaviour, or a relative, even without a name;")
	p("- shows a patient in a photo or video without a signed release; blurring a face does not replace the release;")
	p("- confirms that someone is or was a patient, for example \"thanks for coming in\" or \"thanks for trusting us with your care\" addressed to a person.")
	p("")
	p("Health tips, public events, awards, offers, staff bios (with the staff member's consent) and links to research are welcome.")
	p("")
	p("## Answering reviews")
	p("")
	p("- Never confirm or deny that a reviewer is a patient, and never mention their visit, care, dates, insurance or behaviour, even to correct them.")
	p("- Thank them for the feedback and invite them to call the office: \"Privacy laws keep us from discussing anyone's care here; please call us so we can help.\"")
	p("- Replies go through Bedside's checker and approval like posts.")
	if s.ReplyWithinHours > 0 {
		p("- Reviews are answered within %d hours.", s.ReplyWithinHours)
	}
	p("- Never offer anything in return for a review, and never ask only happy patients.")
	p("")
	p("## Personal accounts of staff")
	p("")
	p("- Do not post about patients, their visits or your workday with them, even without names.")
	p("- Do not answer patients' questions or messages from a personal account; send them to the office.")
	p("- Do not like, comment on or share a patient's post about their care.")
	p("- When in doubt, check your text with Bedside's checker first, or ask %s.", contact)
	p("")
	p("## Reporting and sanctions")
	p("")
	p("- Report any post that may disclose patient information to %s at once: it may be a breach that must be assessed and reported.", contact)
	p("- Breaking this policy leads to sanctions in proportion to the harm and intent: retraining, a written warning, suspension of posting rights, or termination. Sanctions are documented.")
	return b.String()
}

func list(roles []string, fallback string) string {
	if len(roles) == 0 {
		return fallback
	}
	return strings.Join(roles, ", ")
}
