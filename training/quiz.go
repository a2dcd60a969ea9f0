package training

import (
	"strings"

	"github.com/bedsidehq/bedside/phi"
)

// Answer is what to do with a quiz item's text.
type Answer string

// The answers.
const (
	Allow Answer = "allow"
	Block Answer = "block"
)

// Item is one quiz question: a post or a reply (with the review it answers) to allow or block.
type Item struct {
	ID        string
	Text      string
	Context   phi.Context
	InReplyTo *phi.Parent
	Answer    Answer
	Why       string // the lesson behind the answer; the scanner's findings are added to it
}

// Document is the item as the scanner reads it.
func (it Item) Document() phi.Document {
	return phi.Document{Text: it.Text, Context: it.Context, InReplyTo: it.InReplyTo}
}

func review(author, text string) *phi.Parent { return &phi.Parent{Author: author, Text: text} }

// Quiz is the built-in quiz. The IDs are stable: attempts are scored against them.
var Quiz = []Item{
	{"karen", "Thanks for coming in, Karen! We hope your new crown feels great.", phi.Reply, review("Karen W.", "Friendly staff and quick visit."), Block,
		"Naming the reviewer and mentioning her visit and her crown confirms she is a patient."},
	{"flu", "Flu shots are available now. Book yours online or call our front desk.", phi.Post, nil, Allow,
		"A general announcement about the practice's own services names no one."},
	{"braces", "Congratulations to Maria Lopez on finishing her braces treatment this week!", phi.Post, nil, Block,
		"A named patient's treatment and when it ended need her written authorization before they are posted."},
	{"privacy-reply", "Privacy laws keep us from discussing anyone's care here. Please call our office manager so we can help.", phi.Reply, review("Sam T.", "Terrible experience, waited 2 hours for my cleaning."), Allow,
		"This reply neither confirms nor denies that the reviewer is a patient: the safe way to answer a complaint."},
	{"root-canal", "We're sorry your root canal last Tuesday was painful, John. Please call us.", phi.Reply, review("John D.", "Worst root canal ever."), Block,
		"An apology that repeats the procedure, the visit date and the name confirms the reviewer's care."},
	{"health-fair", "Join us at the Spring Health Fair on May 12 at the community center!", phi.Post, nil, Allow,
		"The date of a public event is not PHI: it is about no one's care."},
	{"gum-tips", "Five tips for healthier gums: brush twice a day, floss daily and see your dentist every six months.", phi.Post, nil, Allow,
		"Generic health tips are what social media is for."},
	{"case-study", "This patient presented with severe gum disease and after three months of treatment is doing great.", phi.Post, nil, Block,
		"A success story about \"this patient\" is PHI even without a name: the practice knows who it is, and so may others."},
	{"staff-bio", "Meet Dr. Ana Ruiz, our newest hygienist, who loves hiking and helping nervous patients feel at ease.", phi.Post, nil, Allow,
		"Staff bios are fine with the staff member's consent: a colleague is not a patient."},
	{"daughter", "You brought your daughter in last month and she was very agitated, so we had to reschedule.", phi.Reply, review("Pat R.", "Rude staff, never coming back."), Block,
		"Relatives, visit dates and behaviour (\"agitated\") were exactly what OCR fined practices for in review replies."},
	{"kind-words", "Thank you for the kind words! We're glad you had a great experience.", phi.Reply, review("Lee K.", "Loved this place, the staff are wonderful!"), Allow,
		"Thanking for feedback without a name, a visit or any care detail confirms nothing."},
	{"trusting", "Thanks for trusting us with your care, Linda!", phi.Reply, review("Linda M.", "Great visit, thank you!"), Block,
		"\"Trusting us with your care\" addressed to a named reviewer confirms the patient relationship."},
}

// ItemResult is how one answer scored.
type ItemResult struct {
	ID      string
	Given   Answer
	Correct bool
}

// Result is a scored quiz.
type Result struct {
	Score   int // correct answers
	Total   int
	Percent int
	Passed  bool
	Items   []ItemResult
}

// Score marks answers (item ID -> answer) against the quiz. An unanswered item is wrong.
func Score(quiz []Item, answers map[string]Answer) Result {
	r := Result{Total: len(quiz)}
	for _, it := range quiz {
		given := answers[it.ID]
		ok := given == it.Answer
		if ok {
			r.Score++
		}
		r.Items = append(r.Items, ItemResult{ID: it.ID, Given: given, Correct: ok})
	}
	if r.Total > 0 {
		r.Percent = r.Score * 100 / r.Total
	}
	r.Passed = r.Total > 0 && r.Percent >= PassPercent
	return r
}

// Explain is the explanation of an item: its lesson and what the scanner found in it. The
// scanner is the practice's own, so the explanation is what the checker would say about the text.
func Explain(sc *phi.Scanner, it Item) string {
	var b strings.Builder
	b.WriteString(it.Why)
	if sc == nil {
		return b.String()
	}
	res, err := sc.Check(it.Document())
	if err != nil {
		return b.String()
	}
	seen := map[string]bool{}
	var found []string
	for _, f := range res.Findings {
		if f.Effect == phi.Allow || seen[f.Text] {
			continue
		}
		seen[f.Text] = true
		found = append(found, "\u201c"+f.Text+"\u201d: "+f.Reason)
	}
	if len(found) > 0 {
		b.WriteString(" The checker flags ")
		b.WriteString(strings.Join(found, " "))
	} else if res.Verdict == phi.Allow {
		b.WriteString(" The checker allows it.")
	}
	return b.String()
}

// Agrees reports whether the scanner's verdict matches the item's answer: anything short of
// allow means the text must not go out as written.
func Agrees(v phi.Verdict, a Answer) bool { return (v == phi.Allow) == (a == Allow) }
