package phi

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Kind names what a finding is. The list follows the 18 Safe Harbor identifiers of
// 45 CFR 164.514(b)(2), plus ROLE and CASE, which catch what social posts leak without one.
type Kind string

// The finding kinds.
const (
	Name       Kind = "NAME"
	Handle     Kind = "HANDLE"
	Address    Kind = "ADDRESS"
	Date       Kind = "DATE"
	Age        Kind = "AGE"
	Phone      Kind = "PHONE"
	Fax        Kind = "FAX"
	Email      Kind = "EMAIL"
	URL        Kind = "URL"
	IP         Kind = "IP"
	SSN        Kind = "SSN"
	MRN        Kind = "MRN"
	HealthPlan Kind = "HEALTH_PLAN"
	Account    Kind = "ACCOUNT"
	License    Kind = "LICENSE"
	Vehicle    Kind = "VEHICLE"
	Device     Kind = "DEVICE"
	Biometric  Kind = "BIOMETRIC"
	Photo      Kind = "PHOTO"
	ID         Kind = "ID"
	Role       Kind = "ROLE"
	Case       Kind = "CASE"
)

// Kinds lists every kind in a stable order.
var Kinds = []Kind{Name, Handle, Address, Date, Age, Phone, Fax, Email, URL, IP, SSN, MRN, HealthPlan,
	Account, License, Vehicle, Device, Biometric, Photo, ID, Role, Case}

// ValidKind reports whether k is one of Kinds.
func ValidKind(k Kind) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Context is where the text will appear.
type Context string

// The contexts. A reply, comment or message speaks to a specific person; a post to everyone.
const (
	Post    Context = "post"
	Comment Context = "comment"
	Reply   Context = "reply"
	Message Context = "message"
)

// ParseContext returns the context named by s; the empty string means Post.
func ParseContext(s string) (Context, error) {
	switch Context(s) {
	case "":
		return Post, nil
	case Post, Comment, Reply, Message:
		return Context(s), nil
	}
	return "", fmt.Errorf("unknown context %q: want post, comment, reply or message", s)
}

// Verdict is the decision for a whole document.
type Verdict string

// The verdicts, from the most to the least permissive.
const (
	Allow  Verdict = "allow"
	Review Verdict = "review" // an identifier or a possible case reference a person should look at
	Block  Verdict = "block"  // PHI about an individual, or a case
)

func (v Verdict) rank() int {
	switch v {
	case Block:
		return 2
	case Review:
		return 1
	}
	return 0
}

// Finding is one piece of PHI. Start and End are byte offsets into the UTF-8 text.
type Finding struct {
	Kind       Kind    `json:"kind"`
	Start      int     `json:"start"`
	End        int     `json:"end"`
	Text       string  `json:"text"`
	Reason     string  `json:"reason"`
	Confidence float64 `json:"confidence"`
	Rule       string  `json:"rule"`
	// Effect is what this finding alone does to the verdict: a colleague's name in a staff bio is
	// still a NAME finding, with effect allow.
	Effect Verdict `json:"effect"`
}

// Result is the scanner's answer for one document.
type Result struct {
	Verdict    Verdict   `json:"verdict"`
	Findings   []Finding `json:"findings"`
	Suggestion string    `json:"suggestion"`
}

// Parent is the review or comment a reply answers.
type Parent struct {
	Author string `json:"author,omitempty"`
	Rating int    `json:"rating,omitempty"`
	Text   string `json:"text"`
}

// UnmarshalJSON accepts either a bare string (the review's text) or an object.
func (r *Parent) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*r = Parent{Text: s}
		return nil
	}
	type plain Parent
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return errors.New("in_reply_to must be a string or an object with author, rating and text")
	}
	*r = Parent(p)
	return nil
}

// Document is one text to scan.
type Document struct {
	Text      string
	Context   Context
	InReplyTo *Parent // the review or comment being answered, if any
}

// MaxDocument is the largest document Scan accepts, in bytes.
const MaxDocument = 16 << 20

// ErrTooLarge is returned for documents over MaxDocument bytes.
var ErrTooLarge = fmt.Errorf("document is larger than %d MiB", MaxDocument>>20)

// ErrInternal reports a fault in the scanner itself while checking one document: the document was
// not checked, and should be treated as flagged.
var ErrInternal = errors.New("internal error while scanning this document; treat it as flagged and report the problem")
