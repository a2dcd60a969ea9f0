package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	gomail "github.com/wneessen/go-mail"
)

// Kind says why a practice writes to a patient, which decides what the mail must carry.
type Kind string

// The kinds. Only marketing needs consent, an unsubscribe link and the ad notice; treatment
// and operations mail (a recall, an office closure) must still reach a patient who opted out
// of marketing, so it carries no List-Unsubscribe.
const (
	Marketing  Kind = "marketing"
	Treatment  Kind = "treatment"
	Operations Kind = "operations"
)

// Practice is the sender as the patient sees it.
type Practice struct {
	Name          string
	Email         string // the From address, on a domain the Composer's DKIM key signs for
	Phone         string
	PostalAddress string // required for marketing (CAN-SPAM)
}

// Message is one mail to one recipient, before it is built.
type Message struct {
	Kind        Kind
	CampaignID  int64 // with RecipientID, names the mail for its Message-ID
	RecipientID int64
	Practice    Practice
	To          string // the recipient's bare address
	FirstName   string
	Subject     string // plain text; may hold merge fields
	Body        string // Markdown; may hold merge fields
	// UnsubscribeToken identifies the subscription in the one-click URL; required for
	// marketing. It must be opaque (URL-safe base64 or similar), never an id or an address.
	UnsubscribeToken string
	// ThirdPartyPaid adds the remuneration statement HIPAA asks of marketing a third party
	// pays for; Sponsor names the payer when the practice wants it named.
	ThirdPartyPaid bool
	Sponsor        string
	ReturnPath     string    // envelope sender for bounces; the practice's address when empty
	Date           time.Time // the Date header; now when zero
}

// Email is a built mail, ready for Sender.Send.
type Email struct {
	MessageID string // with angle brackets, as in the header
	From      string // envelope sender (MAIL FROM)
	To        string // envelope recipient (RCPT TO)
	Data      []byte // the message with CRLF line endings, signed when the Composer has a Signer
}

// String names the mail by its Message-ID only, so that logging an *Email by mistake shows
// neither the recipient nor the body.
func (e *Email) String() string { return "mail " + e.MessageID }

// Composer builds the mail of one Bedside deployment.
type Composer struct {
	Host   string  // web host answering https://Host/u/TOKEN
	Domain string  // mail domain: Message-IDs and unsubscribe@Domain
	Signer *Signer // DKIM; nil leaves mail unsigned, for a relay that signs itself
	Now    func() time.Time
}

var (
	tokenPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{16,200}$`)
	hostPattern  = regexp.MustCompile(`^[A-Za-z0-9.-]+(:[0-9]{1,5})?$`)
)

// Compose builds m. Every refusal is an EInvalid *bedside.Error that names the problem
// without quoting an address or a merge value.
func (c *Composer) Compose(m Message) (*Email, error) {
	if err := c.check(m); err != nil {
		return nil, err
	}
	values := map[string]string{
		FieldFirstName:       m.FirstName,
		FieldPracticeName:    m.Practice.Name,
		FieldPracticePhone:   m.Practice.Phone,
		FieldPracticeAddress: m.Practice.PostalAddress,
	}
	if m.Kind == Marketing {
		values[FieldUnsubscribeURL] = c.unsubscribeURL(m.UnsubscribeToken)
	}
	subject, err := merge(m.Subject, values, func(_, v string) string { return headerText(v) })
	if err != nil {
		return nil, fmt.Errorf("subject: %w", err)
	}
	if strings.TrimSpace(subject) == "" {
		return nil, bedside.Errorf(bedside.EInvalid, "the subject is empty")
	}
	body, err := merge(m.Body, values, markdownValue)
	if err != nil {
		return nil, fmt.Errorf("body: %w", err)
	}
	html, text, err := Render(body + c.footer(m))
	if err != nil {
		return nil, err
	}

	id := c.messageID(m.CampaignID, m.RecipientID)
	date := m.Date
	if date.IsZero() {
		date = c.now()
	}
	msg := gomail.NewMsg(
		gomail.WithNoDefaultUserAgent(),
		gomail.WithCharset(gomail.CharsetUTF8),
		gomail.WithEncoding(gomail.EncodingQP),
		// A boundary drawn from the Message-ID keeps Compose a pure function of its input.
		gomail.WithBoundary("bedside-"+id[1:strings.IndexByte(id, '@')]),
	)
	if err := msg.FromFormat(m.Practice.Name, m.Practice.Email); err != nil {
		return nil, bedside.Errorf(bedside.EInvalid, "the practice's sender address is not valid")
	}
	if err := msg.To(m.To); err != nil {
		return nil, bedside.Errorf(bedside.EInvalid, "the recipient address is not valid")
	}
	msg.Subject(subject)
	msg.SetDateWithValue(date)
	msg.SetMessageIDWithValue(strings.Trim(id, "<>"))
	if m.Kind == Marketing {
		// Set one by one rather than with SetListUnsubscribeOneClick: go-mail writes its
		// preformatted headers in map order, and two of them would make Compose's output
		// differ from run to run. The token and host are checked in c.check.
		msg.SetGenHeaderPreformatted(gomail.HeaderListUnsubscribe, fmt.Sprintf(
			"<%s>, <mailto:unsubscribe@%s?subject=unsubscribe-%s>",
			values[FieldUnsubscribeURL], c.Domain, m.UnsubscribeToken))
		msg.SetGenHeader(gomail.HeaderListUnsubscribePost, "List-Unsubscribe=One-Click")
	}
	msg.SetBodyString(gomail.TypeTextPlain, text)
	msg.AddAlternativeString(gomail.TypeTextHTML, htmlDocument(html))

	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("write message: %w", err)
	}
	e := &Email{MessageID: id, From: m.ReturnPath, To: m.To, Data: buf.Bytes()}
	if e.From == "" {
		e.From = m.Practice.Email
	}
	if c.Signer != nil {
		if e.Data, err = c.Signer.Sign(e.Data); err != nil {
			return nil, err
		}
	}
	return e, nil
}

func (c *Composer) check(m Message) error {
	switch {
	case !hostPattern.MatchString(c.Host) || !hostPattern.MatchString(c.Domain):
		return bedside.Errorf(bedside.EInvalid, "mail is not configured: the web host and mail domain are required")
	case m.Kind != Marketing && m.Kind != Treatment && m.Kind != Operations:
		return bedside.Errorf(bedside.EInvalid, "unknown kind of mail %q", m.Kind)
	case m.CampaignID <= 0 || m.RecipientID <= 0:
		return bedside.Errorf(bedside.EInvalid, "a mail needs its campaign and recipient ids")
	case strings.TrimSpace(m.Practice.Name) == "":
		return bedside.Errorf(bedside.EInvalid, "the practice's name is required")
	case !bareAddress(m.Practice.Email) || m.ReturnPath != "" && !bareAddress(m.ReturnPath):
		return bedside.Errorf(bedside.EInvalid, "the practice's sender address is not valid")
	case !bareAddress(m.To):
		return bedside.Errorf(bedside.EInvalid, "the recipient address is not valid")
	case m.Sponsor != "" && !m.ThirdPartyPaid:
		return bedside.Errorf(bedside.EInvalid, "a sponsor is named but the campaign is not marked as paid by a third party")
	}
	if m.Kind != Marketing {
		if m.ThirdPartyPaid {
			// 164.501: a communication a third party pays for is marketing.
			return bedside.Errorf(bedside.EInvalid, "a mail paid for by a third party is marketing; send it as marketing")
		}
		return nil
	}
	switch {
	case strings.TrimSpace(m.Practice.PostalAddress) == "":
		return bedside.Errorf(bedside.EInvalid, "marketing mail needs the practice's postal address (CAN-SPAM)")
	case !tokenPattern.MatchString(m.UnsubscribeToken):
		return bedside.Errorf(bedside.EInvalid, "marketing mail needs an opaque unsubscribe token (16-200 URL-safe characters)")
	}
	return nil
}

// bareAddress reports whether s is one address without a display name or line breaks.
func bareAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Name == "" && a.Address == s
}

func (c *Composer) unsubscribeURL(token string) string {
	return "https://" + c.Host + "/u/" + token
}

// messageID is a hash of the campaign and the recipient, so it is the same on every resend of
// the same mail and says nothing about either id.
func (c *Composer) messageID(campaign, recipient int64) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "bedside-mail\x00%d\x00%d", campaign, recipient))
	return "<" + hex.EncodeToString(sum[:16]) + "@" + c.Domain + ">"
}

func (c *Composer) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// markdownValue writes a merge value into Markdown: our own unsubscribe URL as it is, so it
// can be a link target; anything a person typed escaped, so it stays text.
func markdownValue(field, v string) string {
	if field == FieldUnsubscribeURL {
		return v
	}
	return markdownText(v)
}

func htmlDocument(fragment string) string {
	return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + fragment + "</body></html>\n"
}
