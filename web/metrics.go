package web

import "github.com/prometheus/client_golang/prometheus"

// metrics are labelled by route pattern, status and verdict only: never by content.
type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	scans    *prometheus.CounterVec
	webhooks *prometheus.CounterVec
	// replySends counts attempts at sending review replies through connectors, by outcome.
	replySends *prometheus.CounterVec
	// campaignSends counts campaign messages by outcome.
	campaignSends *prometheus.CounterVec

	repliesStopped prometheus.Counter
	// signupBots counts signups dropped by the honeypot; mailFailures confirmation mails not sent.
	signupBots   prometheus.Counter
	mailFailures prometheus.Counter

	// texts counts text sends by outcome; smsInbound counts texts received by keyword kind.
	texts      *prometheus.CounterVec
	smsInbound *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bedside_http_requests_total",
			Help: "HTTP requests by route pattern and status."}, []string{"route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "bedside_http_request_duration_seconds",
			Help: "HTTP request latency by route pattern.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14)}, []string{"route"}),
		scans: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bedside_scans_total",
			Help: "Documents scanned, by verdict."}, []string{"verdict"}),
		webhooks: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bedside_webhook_deliveries_total",
			Help: "Webhook delivery attempts, by outcome: delivered, retry or failed."}, []string{"outcome"}),
		replySends: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bedside_review_reply_sends_total",
			Help: "Attempts at sending review replies through connectors, by outcome: sent, retry or failed."}, []string{"outcome"}),
		campaignSends: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bedside_campaign_sends_total",
			Help: "Campaign messages by outcome: sent, skipped (no consent), bounced, retry or failed."}, []string{"outcome"}),
		repliesStopped: prometheus.NewCounter(prometheus.CounterOpts{Name: "bedside_review_replies_stopped_total",
			Help: "Review replies the scanner refused (counts only, never text)."}),
		signupBots: prometheus.NewCounter(prometheus.CounterOpts{Name: "bedside_signup_bots_total",
			Help: "Signup form posts dropped because the honeypot field was filled in."}),
		mailFailures: prometheus.NewCounter(prometheus.CounterOpts{Name: "bedside_confirmation_mail_failures_total",
			Help: "Double opt-in confirmation emails that could not be sent."}),
		texts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bedside_sms_sends_total",
			Help: "Text messages, by outcome: scheduled, deferred, sent, refused or failed."}, []string{"outcome"}),
		smsInbound: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "bedside_sms_inbound_total",
			Help: "Texts received, by kind: opt-out, help, opt-in or none (never content)."}, []string{"kind"}),
	}
	if reg != nil {
		reg.MustRegister(m.requests, m.latency, m.scans, m.webhooks, m.replySends, m.campaignSends, m.repliesStopped, m.signupBots, m.mailFailures, m.texts, m.smsInbound)
	}
	return m
}
