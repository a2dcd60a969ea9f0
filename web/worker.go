package web

import (
	"context"
	"errors"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/webhook"
)

// RunBackground publishes scheduled posts when they fall due, delivers webhook events, retries
// review replies a site failed to take, sends texts held for quiet hours and, at most hourly,
// expires loyalty points, every interval until ctx ends. Several servers may run it against one
// database: posts are published under their row lock, deliveries and texts are claimed with a
// lease and each lot of points expires once.
func (s *Server) RunBackground(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	var expired time.Time
	for {
		s.publishDue(ctx)
		s.deliver(ctx)
		s.retryReplies(ctx)
		expired = s.expirePoints(ctx, time.Now(), expired)
		s.sendDueTexts(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// gateFor builds the gate of a practice outside a request, with its current profile.
func (s *Server) gateFor(ctx context.Context, practiceID int64) (store.Gate, error) {
	_, version, err := s.db.Profile(ctx, practiceID)
	if err != nil {
		return nil, err
	}
	sc, err := s.scanner(ctx, practiceID, version)
	if err != nil {
		return nil, err
	}
	return store.ScanGate(sc, time.Now), nil
}

func (s *Server) publishDue(ctx context.Context) {
	due, err := s.db.DuePosts(ctx, 50)
	if err != nil {
		s.log.Error("scheduled posts", "error", err.Error())
		return
	}
	for _, d := range due {
		gate, err := s.gateFor(ctx, d.PracticeID)
		if err == nil {
			err = s.db.PublishDue(ctx, d, gate)
		}
		if err != nil {
			s.log.Error("publish scheduled post", "practice_id", d.PracticeID, "post_id", d.PostID, "error", err.Error())
		}
	}
}

// deliver makes one attempt at each due webhook event.
func (s *Server) deliver(ctx context.Context) {
	ds, err := s.db.ClaimDeliveries(ctx, 20, 2*time.Minute)
	if err != nil {
		s.log.Error("webhook outbox", "error", err.Error())
		return
	}
	for _, d := range ds {
		ep, ok, err := s.db.Webhook(ctx, d.PracticeID)
		if err != nil {
			s.log.Error("webhook endpoint", "practice_id", d.PracticeID, "error", err.Error())
			continue
		}
		sendErr := errors.New("webhook: the practice disabled its endpoint")
		if ok {
			sendErr = s.sender.Send(ctx, ep, d.Event)
		}
		var next time.Time
		var retry *webhook.DeliveryError
		if errors.As(sendErr, &retry) {
			next, _ = webhook.NextAttempt(d.Attempts+1, time.Now(), nil)
		}
		outcome := "delivered"
		switch {
		case sendErr == nil:
		case next.IsZero():
			outcome = "failed"
		default:
			outcome = "retry"
		}
		s.metrics.webhooks.WithLabelValues(outcome).Inc()
		if sendErr != nil && bedside.ErrorCode(sendErr) != bedside.EInvalid {
			s.log.Warn("webhook delivery", "practice_id", d.PracticeID, "event_id", d.Event.ID, "attempt", d.Attempts+1, "outcome", outcome, "error", sendErr.Error())
		}
		if err := s.db.DeliveryOutcome(ctx, d, sendErr, next); err != nil {
			s.log.Error("webhook outcome", "practice_id", d.PracticeID, "error", err.Error())
		}
	}
}

// expiryEvery spaces the loyalty expiry runs. Balances already leave out expired points, so the
// run only writes the ledger's expire rows, and an hour late is soon enough.
const expiryEvery = time.Hour

// expirePoints writes the expire rows due at now unless the last run, at last, was under an hour
// ago; it returns when the last run was. A failed run waits its hour too, rather than filling the
// log at every tick.
func (s *Server) expirePoints(ctx context.Context, now, last time.Time) time.Time {
	if !last.IsZero() && now.Sub(last) < expiryEvery {
		return last
	}
	n, err := s.db.ExpirePoints(ctx, now)
	if err != nil {
		s.log.Error("loyalty expiry", "error", err.Error())
	} else if n > 0 {
		s.log.Info("loyalty expiry", "lots", n)
	}
	return now
}
