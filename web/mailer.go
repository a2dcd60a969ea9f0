package web

import (
	"context"
	"fmt"

	"github.com/bedsidehq/bedside/mail"
)

// confirmMailer sends the double opt-in email. The server holds one only when mail is
// configured.
type confirmMailer interface {
	confirm(ctx context.Context, p mail.Practice, to, link, preferences string, campaign, recipient int64) error
}

// confirmationCampaigns puts confirmation mails' Message-IDs in a range of their own: the ids
// are derived from (campaign, recipient), and a campaign's id must never be taken for a
// confirmation's, or a receiver could drop one as a duplicate of the other.
const confirmationCampaigns = int64(1) << 62

// smtpMailer composes the confirmation as an operations mail (no List-Unsubscribe: it is not
// marketing, and it goes out only because the person just asked) and sends it over its own
// SMTP connection, so a signup never waits behind a campaign.
type smtpMailer struct {
	composer *mail.Composer
	sender   *mail.Sender
}

func newSMTPMailer(cfg *MailConfig) (*smtpMailer, error) {
	if cfg.Composer == nil {
		return nil, fmt.Errorf("mail: no composer configured")
	}
	s, err := mail.NewSender(cfg.SMTP)
	if err != nil {
		return nil, err
	}
	return &smtpMailer{composer: cfg.Composer, sender: s}, nil
}

func (m *smtpMailer) confirm(ctx context.Context, p mail.Practice, to, link, preferences string, campaign, recipient int64) error {
	e, err := m.composer.Compose(mail.Message{Kind: mail.Operations, CampaignID: confirmationCampaigns + campaign, RecipientID: recipient,
		Practice: p, To: to,
		Subject: "Please confirm your subscription to {{practice_name}}",
		Body: "You asked to hear from {{practice_name}}. Please confirm by opening this link within 48 hours " +
			"and pressing the button:\n\n[Confirm my subscription](" + link + ")\n\n" +
			"If you did not ask, ignore this email: nothing more will be sent.\n\n" +
			"[Your subscriptions](" + preferences + ")\n"})
	if err != nil {
		return fmt.Errorf("compose confirmation: %w", err)
	}
	return m.sender.Send(ctx, e)
}
