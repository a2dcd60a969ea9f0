// Package campaign holds what a practice's email campaign is and the rules it must meet before a
// single message goes out. It imports only the standard library; the store keeps campaigns and
// their per-recipient sends, and the web server's worker sends them.
package campaign

import (
	"strings"
	"time"
)

// Kind says why a campaign is sent, which decides the consent it needs (45 CFR 164.501: a
// communication about the practice's own treatment or operations is not marketing).
type Kind string

// The kinds.
const (
	Marketing Kind = "marketing" // needs email marketing consent, carries unsubscribe and postal address
	Treatment Kind = "treatment" // treatment or health-care operations: needs treatment consent
)

// State is where a campaign is.
type State string

// The states. A campaign is edited only as a draft; sending snapshots its recipients.
const (
	Draft   State = "draft"
	Sending State = "sending"
	Paused  State = "paused"
	Done    State = "done"
)

// Campaign is one email to a practice's contacts.
type Campaign struct {
	ID         int64     `json:"id"`
	PracticeID int64     `json:"-"`
	Name       string    `json:"name"`
	Kind       Kind      `json:"kind"`
	Subject    string    `json:"subject"`
	Body       string    `json:"body"` // Markdown
	State      State     `json:"state"`
	CreatedAt  time.Time `json:"created_at"`

	// DoubleOptIn sends only to contacts who confirmed their address.
	DoubleOptIn bool `json:"double_opt_in"`
	// UsesPHI: the audience is chosen by a health condition or the message uses PHI; each recipient
	// then needs a HIPAA marketing authorization (164.508(a)(3)).
	UsesPHI bool `json:"uses_phi"`
	// ThirdPartyPaid: a third party pays for the communication; the authorization must state it
	// and every message says who pays (164.508(a)(3)(ii)): "<practice> is paid by <Sponsor> to
	// send you this message".
	ThirdPartyPaid bool   `json:"third_party_paid"`
	Sponsor        string `json:"sponsor,omitempty"`
	// Digest: an RSS digest of the practice's new published posts, sent only when there are any.
	Digest bool `json:"digest"`
}

// Limits on what a campaign may hold.
const (
	MaxSubject = 200
	MaxBody    = 100000
)

// Problems lists what keeps a campaign from being saved, in words a practice manager reads.
func (c Campaign) Problems() []string {
	var out []string
	if strings.TrimSpace(c.Name) == "" || len(c.Name) > 200 {
		out = append(out, "give the campaign a name (up to 200 characters)")
	}
	if c.Kind != Marketing && c.Kind != Treatment {
		out = append(out, "kind is marketing or treatment")
	}
	if strings.TrimSpace(c.Subject) == "" || len(c.Subject) > MaxSubject || strings.ContainsAny(c.Subject, "\r\n") {
		out = append(out, "the subject is one line of up to 200 characters")
	}
	if !c.Digest && strings.TrimSpace(c.Body) == "" || len(c.Body) > MaxBody {
		out = append(out, "write the body (up to 100,000 characters)")
	}
	if c.ThirdPartyPaid && strings.TrimSpace(c.Sponsor) == "" {
		out = append(out, "a campaign a third party pays for must say so: name the sponsor who pays (the remuneration statement)")
	}
	if !c.ThirdPartyPaid && c.Sponsor != "" {
		out = append(out, "a sponsor is named only for a campaign a third party pays for")
	}
	if c.ThirdPartyPaid && c.Kind != Marketing {
		out = append(out, "a communication a third party pays for is marketing")
	}
	if c.Digest && c.Kind != Marketing {
		out = append(out, "a digest of posts is marketing")
	}
	return out
}
