// Package web is Bedside's HTTP server: the JSON API, the server-rendered pages with the live
// checker, and the operational endpoints. Handlers are grouped by noun, one file each.
package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/webhook"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Config holds the server's settings.
type Config struct {
	SecureCookies bool          // set the Secure flag: serving over TLS, directly or behind a proxy
	SessionTTL    time.Duration // how long a sign-in lasts (default 12 h)
	Version       string
	Webhooks      webhook.Config // what webhook deliveries may reach; the zero value is right in production

	// GoogleBaseURL, GoogleTokenURL and FacebookBaseURL replace the sources' endpoints; tests
	// point them at fakes.
	GoogleBaseURL   string
	GoogleTokenURL  string
	FacebookBaseURL string

	// Mail sends campaigns and double opt-in confirmations; nil: no mail server, campaigns
	// refuse to start and signups are recorded without a confirmation mail.
	Mail *MailConfig

	// TrustProxyHeaders believes X-Forwarded-For / X-Real-IP for the client's address (consent
	// evidence, rate limits). Set it only behind a proxy that overwrites them.
	TrustProxyHeaders bool
	// LinkSecret signs double opt-in confirmation links. Empty: a random key kept sealed in the
	// database, shared by every server using it.
	LinkSecret []byte

	// PublicURL is the server's address as the outside world calls it, such as
	// "https://bedside.example.com" (no trailing slash). Twilio signs each webhook over the exact
	// URL it called, so signatures are checked against PublicURL and the path; it is also the base
	// of the status-callback URL texts carry. Empty: the scheme and Host of each request, which is
	// wrong behind a proxy that rewrites them, and texts sent by the worker then carry no status
	// callback.
	PublicURL string
	// TwilioBaseURL replaces Twilio's REST endpoint; tests point it at sms/twiliotest.
	TwilioBaseURL string
}

// Server serves Bedside.
type Server struct {
	db       *store.DB
	log      *slog.Logger
	cfg      Config
	mux      *http.ServeMux
	metrics  *metrics
	scanners sync.Map // practice id -> *cachedScanner
	sender   *webhook.Sender
	pages    *pages
	registry *prometheus.Registry
	routes   []string      // "METHOD /pattern" of every API route, checked against the OpenAPI document
	mailer   confirmMailer // nil: SMTP is not configured, and no confirmation mail goes out
}

type cachedScanner struct {
	version int64
	scanner *phi.Scanner
}

// New builds the server with a metrics registry of its own.
func New(db *store.DB, log *slog.Logger, cfg Config) (*Server, error) {
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if _, err := phi.DefaultRules(); err != nil { // load the scanner's rules before the first request
		return nil, err
	}
	pg, err := loadPages()
	if err != nil {
		return nil, err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s := &Server{db: db, log: log, cfg: cfg, mux: http.NewServeMux(), metrics: newMetrics(reg), pages: pg, registry: reg,
		sender: webhook.NewSender(cfg.Webhooks)}
	if cfg.Mail != nil {
		m, err := newSMTPMailer(cfg.Mail)
		if err != nil {
			return nil, err
		}
		s.mailer = m
	}
	s.register()
	return s, nil
}

// Handler returns the server with its middleware: request ids, logs, metrics, security headers,
// cross-origin protection and recovery from panics.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	publicPosts(cop)
	var h http.Handler = s.mux
	h = cop.Handler(h)
	h = s.observe(h)
	return h
}

type ctxKey int

const (
	keyRequestID ctxKey = iota
	keyIdentity
)

// statusWriter remembers the status for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// observe logs each request by route pattern (never the raw URL or body, which could hold PHI),
// counts it, sets security headers and turns a panic into a 500.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if len(id) == 0 || len(id) > 64 || !printable(id) {
			var b [8]byte
			rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		securityHeaders(w.Header(), r.TLS != nil || s.cfg.SecureCookies)
		sw := &statusWriter{ResponseWriter: w}
		ctx := context.WithValue(r.Context(), keyRequestID, id)
		r = r.WithContext(context.WithValue(ctx, keyIdentity, &reqInfo{}))
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic", "request_id", id, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if sw.status == 0 {
					writeError(sw, r, fmt.Errorf("panic"))
				}
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			d := time.Since(start)
			s.metrics.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
			s.metrics.latency.WithLabelValues(route).Observe(d.Seconds())
			attrs := []any{"request_id", id, "method", r.Method, "route", route, "status", status, "duration_ms", d.Milliseconds()}
			if ident := identityOf(r); ident != nil {
				attrs = append(attrs, "practice_id", ident.User.PracticeID, "user_id", ident.User.ID)
			}
			s.log.Info("request", attrs...)
		}()
		next.ServeHTTP(sw, r)
	})
}

func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func securityHeaders(h http.Header, tls bool) {
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	h.Set("Cache-Control", "no-store")
	if tls {
		h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
	}
}

// scanner returns the practice's scanner, rebuilt when its profile changed. The version comes with
// the caller's identity, read on every request, so several servers sharing one database never
// use a stale profile.
func (s *Server) scanner(ctx context.Context, practiceID, version int64) (*phi.Scanner, error) {
	if c, ok := s.scanners.Load(practiceID); ok && c.(*cachedScanner).version == version {
		return c.(*cachedScanner).scanner, nil
	}
	prof, version, err := s.db.Profile(ctx, practiceID)
	if err != nil {
		return nil, err
	}
	sc, err := phi.New(prof)
	if err != nil {
		return nil, err
	}
	s.scanners.Store(practiceID, &cachedScanner{version: version, scanner: sc})
	return sc, nil
}
