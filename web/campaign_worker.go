package web

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/campaign"
	"github.com/bedsidehq/bedside/consent"
	"github.com/bedsidehq/bedside/mail"
	"github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/webhook"
	"golang.org/x/time/rate"
)

// MailConfig is how Bedside sends email: the composer (web host for unsubscribe links, mail
// domain, DKIM) and the SMTP server, over Connections connections at once.
type MailConfig struct {
	Composer    *mail.Composer
	SMTP        mail.SMTPConfig
	Connections int     // 8 when zero
	Rate        float64 // campaign messages a second at most, over all connections; 0: no limit
}

// sendLease bounds a claim: a server that dies mid-batch frees its sends after it. A live
// server renews the leases of its batch every third of it, so a slow mail server never lets
// another server take a send that is still in flight.
const sendLease = 15 * time.Second

// RunCampaigns sends due campaign mail until ctx ends: it claims a batch, sends it over the
// configured connections, and looks again once the batch is done, or after idle when nothing
// was due. A message is marked sent right after the server accepted it, so a crash can repeat
// at most the messages in flight, and those carry the same Message-ID.
func (s *Server) RunCampaigns(ctx context.Context, idle time.Duration) {
	if s.cfg.Mail == nil {
		return
	}
	n := s.cfg.Mail.Connections
	if n <= 0 {
		n = 8
	}
	senders := make([]*mail.Sender, n)
	for i := range senders {
		snd, err := mail.NewSender(s.cfg.Mail.SMTP)
		if err != nil {
			s.log.Error("campaign mail", "error", err.Error())
			return
		}
		defer snd.Close()
		senders[i] = snd
	}
	limit := rate.NewLimiter(rate.Inf, 1)
	if r := s.cfg.Mail.Rate; r > 0 {
		limit = rate.NewLimiter(rate.Limit(r), max(1, int(r/10)))
	}
	var after int64 // the last send claimed: the next claim starts there
	for ctx.Err() == nil {
		did, last, err := s.sendBatch(ctx, senders, limit, after)
		if err != nil {
			s.log.Error("campaign batch", "error", err.Error())
		}
		if did == 0 && after > 0 && err == nil {
			after = 0 // the end of the queue: look again from the start for retries
			continue
		}
		after = last
		if did == 0 || err != nil {
			select {
			case <-ctx.Done():
			case <-time.After(idle):
			}
		}
	}
}

// sendBatch claims up to 50 sends per connection after the send id after and sends them, one
// goroutine per connection, no faster than limit allows (mail providers throttle or refuse
// senders that burst). It returns how many it claimed and the last id.
func (s *Server) sendBatch(ctx context.Context, senders []*mail.Sender, limit *rate.Limiter, after int64) (int, int64, error) {
	batch, err := s.db.ClaimCampaignSends(ctx, 50*len(senders), sendLease, after)
	if err != nil || len(batch) == 0 {
		if err == nil && after == 0 {
			err = s.db.FinishCampaigns(ctx)
		}
		return 0, 0, err
	}
	cache := &campaignCache{s: s, m: map[int64]*campaignRun{}}
	done := make(chan struct{})
	defer close(done)
	go s.renewLeases(ctx, batch, done)
	commits := newCommitter(ctx, s.db)
	defer commits.close()
	work := make(chan store.CampaignSend)
	var wg sync.WaitGroup
	for _, snd := range senders {
		wg.Go(func() {
			for send := range work {
				if err := limit.Wait(ctx); err != nil {
					return // shutting down: the send's lease runs out and another run takes it
				}
				s.sendOne(ctx, snd, cache, commits, send)
			}
		})
	}
feed:
	for _, send := range batch {
		select {
		case work <- send:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	return len(batch), batch[len(batch)-1].ID, nil
}

// renewLeases keeps the batch's unsettled sends leased until done.
func (s *Server) renewLeases(ctx context.Context, batch []store.CampaignSend, done <-chan struct{}) {
	t := time.NewTicker(sendLease / 3)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.db.RenewCampaignLeases(ctx, batch, sendLease); err != nil {
				s.log.Error("campaign leases", "error", err.Error())
			}
		}
	}
}

// campaignRun is what every send of a campaign shares, read once per batch.
type campaignRun struct {
	c        campaign.Campaign
	practice mail.Practice
	err      error
}

type campaignCache struct {
	s  *Server
	mu sync.Mutex
	m  map[int64]*campaignRun
}

func (cc *campaignCache) get(ctx context.Context, send store.CampaignSend) *campaignRun {
	cc.mu.Lock()
	defer cc.mu.Unlock()
	if r, ok := cc.m[send.CampaignID]; ok {
		return r
	}
	r := &campaignRun{}
	actor := store.Actor{PracticeID: send.PracticeID}
	r.c, r.err = cc.s.db.Campaign(ctx, actor, send.CampaignID)
	if r.err == nil {
		prof, _, err := cc.s.db.Profile(ctx, send.PracticeID)
		if r.err = err; err == nil {
			r.practice, r.err = cc.s.practiceSender(prof, r.c.Kind)
		}
	}
	cc.m[send.CampaignID] = r
	return r
}

// sendOne asks, at the moment of sending, whether this recipient may still be sent to, then
// sends, and waits until the outcome and the consent that allowed it are durable before the
// connection takes its next message: a crash can leave at most one message per connection
// taken by the mail server but not recorded.
func (s *Server) sendOne(ctx context.Context, snd *mail.Sender, cc *campaignCache, commits *committer, send store.CampaignSend) {
	metric, out, err := s.trySend(ctx, snd, cc.get(ctx, send), send)
	out.Send = send
	err = errors.Join(err, commits.record(out))
	s.metrics.campaignSends.WithLabelValues(metric).Inc()
	if err != nil {
		s.log.Error("campaign send", "practice_id", send.PracticeID, "campaign_id", send.CampaignID, "send_id", send.ID, "error", err.Error())
	}
}

// trySend makes one attempt and says what became of it: a metric label and the outcome to record.
func (s *Server) trySend(ctx context.Context, snd *mail.Sender, run *campaignRun, send store.CampaignSend) (string, store.SendOutcome, error) {
	failed := func(reason string) store.SendOutcome { return store.SendOutcome{State: "failed", Reason: reason} }
	if run.err != nil {
		return "failed", failed("campaign"), run.err
	}
	contact, st, err := s.db.CampaignRecipient(ctx, send.PracticeID, send.ContactID)
	if err != nil {
		return "failed", failed("recipient"), err
	}
	purpose := consent.Marketing
	if run.c.Kind == campaign.Treatment {
		purpose = consent.Treatment
	}
	ref, err := consent.Allowed(st, consent.Email, purpose, run.c.DoubleOptIn)
	var refusal *consent.Refusal
	if errors.As(err, &refusal) {
		return "skipped", store.SendOutcome{State: "skipped", Reason: refusal.Reason}, nil
	} else if err != nil {
		return "failed", failed("consent"), err
	}
	e, err := s.composeCampaign(run.c, run.practice, contact.ID, contact.Email, firstName(contact.Name), contact.Token)
	if err != nil {
		return "failed", failed("compose"), compositionError(err)
	}
	sendErr := snd.Send(ctx, e)
	switch {
	case sendErr == nil:
		return "sent", store.SendOutcome{State: "sent", Ref: ref}, nil
	case mail.BadRecipient(sendErr):
		// A hard bounce at the door: the address is suppressed for every later campaign.
		_, err := s.db.MailFeedback(ctx, store.Actor{PracticeID: send.PracticeID}, contact.Email, consent.Bounce,
			"campaign:"+strconv.FormatInt(send.CampaignID, 10))
		return "bounced", failed("bounced"), err
	case mail.Temporary(sendErr):
		if next, ok := webhook.NextAttempt(send.Attempts+1, time.Now(), nil); ok {
			return "retry", store.SendOutcome{State: "queued", Reason: "temporary", Next: next}, nil
		}
	}
	return "failed", failed("refused"), nil
}

// compositionError keeps a compose failure's words (they name no address) for the log.
func compositionError(err error) error {
	if bedside.ErrorCode(err) == bedside.EInternal {
		return err
	}
	return errors.New("compose: " + bedside.ErrorMessage(err))
}

// composeCampaign builds one recipient's mail.
func (s *Server) composeCampaign(c campaign.Campaign, p mail.Practice, recipientID int64, to, first, token string) (*mail.Email, error) {
	composer := &mail.Composer{Host: "localhost", Domain: "localhost"}
	if s.cfg.Mail != nil {
		composer = s.cfg.Mail.Composer
	}
	kind := mail.Marketing
	if c.Kind == campaign.Treatment {
		kind = mail.Treatment
	}
	return composer.Compose(mail.Message{Kind: kind, CampaignID: c.ID, RecipientID: recipientID, Practice: p, To: to,
		FirstName: first, Subject: c.Subject, Body: c.Body, UnsubscribeToken: token,
		ThirdPartyPaid: c.ThirdPartyPaid, Sponsor: c.Sponsor})
}

// firstName is the first word of a contact's name, the only part a merge field may show.
func firstName(name string) string {
	f, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	return f
}
