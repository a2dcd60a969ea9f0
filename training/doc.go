// Package training is Bedside's built-in social-media course: short lessons drawn from the rules
// the product enforces, and a quiz of realistic posts and replies, each to allow or block. It is
// pure: scoring takes answers and returns a result; explanations come from the caller's scanner,
// so that the quiz never contradicts the checker. Completions are valid for ValidFor.
package training

import "time"

// PassPercent is the lowest score that passes the quiz.
const PassPercent = 80

// ValidFor is how long a passed quiz counts: the training is renewed yearly.
const ValidFor = 365 * 24 * time.Hour

// Lesson is one short page of the course.
type Lesson struct {
	Title string
	Body  []string // paragraphs
}

// Lessons is the course, in reading order.
var Lessons = []Lesson{
	{"What PHI is", []string{
		"Protected health information is anything about a person's past, present or future health, the care they received or how they paid for it, when it identifies them or gives a reasonable basis to identify them.",
		"Confirming that someone is or was a patient is itself PHI. So is a detail that only fits one person: a procedure and a date, a child brought in by a parent, a nickname the whole town knows.",
	}},
	{"The 18 identifiers", []string{
		"HIPAA's Safe Harbor list names 18 identifiers, of the patient or of their relatives, employers or household members: names; places smaller than a state; every date element except the year (birth, visit, admission, discharge) and ages over 89; phone and fax numbers; email addresses; Social Security, medical record, health-plan, account and licence numbers; vehicle and device identifiers; web addresses and IP addresses; fingerprints and voice prints; full-face photos; and any other unique number, characteristic or code.",
		"Real enforcement cases rarely contained a classic identifier. They confirmed a patient relationship, described care, gave a visit date, or mentioned insurance, behaviour or a relative. Bedside's checker looks for those too.",
	}},
	{`Why "thanks for coming in, Karen" is a disclosure`, []string{
		"A friendly thank-you that names a person and says they came in tells the whole internet that Karen is your patient. That is PHI, even with no diagnosis in it.",
		"Thank people in general terms, or thank them in private through your office, never in public by name.",
	}},
	{"Answering reviews", []string{
		"A reply to a review is never anonymous: you know who wrote it, and your reply is read together with it. Never confirm or deny that the reviewer is a patient, never mention their visit, treatment, dates, insurance or behaviour, and never use their real name.",
		`A safe reply thanks them for the feedback and invites them to call: "Privacy laws keep us from discussing anyone's care here; please call our office so we can help." Have the reply checked (and approved, if your practice requires it) before it is posted.`,
	}},
	{"Photos and releases", []string{
		"A patient's photo, a before-and-after or a success story needs the patient's signed written authorization before it is posted. Verbal consent never counts, and blurring a face does not replace the authorization.",
		"Event photos need a release from every identifiable person in them, staff and visitors included. Staff bios and photos are fine with the staff member's consent.",
	}},
	{"Your personal accounts", []string{
		"The rules follow you home: do not post about patients, their visits or your workday with them on your own accounts, do not answer patients' messages there, and do not 'like' or reshare a patient's post about their care.",
		"When in doubt, paste your text into Bedside's checker before posting it anywhere. Breaking the policy can lead to sanctions, up to termination.",
	}},
}
