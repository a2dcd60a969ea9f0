package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/bedsidehq/bedside/auth"
	"github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/storetest"
)

// syncBuffer collects log lines from concurrent handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type harness struct {
	t    *testing.T
	db   *store.DB
	srv  *Server
	http *httptest.Server
	logs *syncBuffer
}

// newHarness starts a server on a fresh SQLite database (or PostgreSQL with pg).
func newHarness(t *testing.T, pg bool) *harness {
	t.Helper()
	return startHarness(t, pg, Config{})
}

// newHarnessWith starts a server with cfg on a fresh SQLite database.
func newHarnessWith(t *testing.T, cfg Config) *harness {
	t.Helper()
	return startHarness(t, false, cfg)
}

func startHarness(t *testing.T, pg bool, cfg Config) *harness {
	t.Helper()
	var db *store.DB
	if pg {
		db = storetest.Postgres(t)
	} else {
		var err error
		db, err = store.Open(context.Background(), store.Config{DataDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	slog.SetDefault(log)
	srv, err := New(db, log, cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, db: db, srv: srv, logs: logs}
	h.http = httptest.NewServer(srv.Handler())
	t.Cleanup(h.http.Close)
	return h
}

const testPassword = "correct-horse-battery"

// practice creates a practice with an admin and returns a bearer token for the admin.
func (h *harness) practice(name, email string) string {
	h.t.Helper()
	hash, _ := auth.HashPassword(testPassword)
	p, u, err := h.db.NewPractice(context.Background(), name, email, "Admin", hash)
	if err != nil {
		h.t.Fatal(err)
	}
	// New practices require the social-media policy and training before the pages open; tests
	// about other pages turn that off (TestTrainingBrowser turns it back on).
	if err := h.db.SetTrainingRequired(context.Background(), store.Actor{PracticeID: p.ID, UserID: u.ID}, false); err != nil {
		h.t.Fatal(err)
	}
	return h.login(email, testPassword)
}

func (h *harness) login(email, password string) string {
	h.t.Helper()
	var out struct{ Token string }
	code := h.call("POST", "/api/v1/login", "", map[string]string{"email": email, "password": password}, &out)
	if code != 200 || out.Token == "" {
		h.t.Fatalf("login %s: %d", email, code)
	}
	return out.Token
}

// call sends a JSON request with a bearer token and decodes the JSON answer into out.
func (h *harness) call(method, path, token string, body, out any) int {
	h.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, h.http.URL+path, r)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if out != nil && len(data) > 0 {
		if err := json.Unmarshal(data, out); err != nil && resp.StatusCode < 300 {
			h.t.Fatalf("%s %s: %v: %s", method, path, err, data)
		}
	}
	return resp.StatusCode
}

// browser is a cookie-carrying client for the HTML pages.
func (h *harness) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (h *harness) form(c *http.Client, path string, vals url.Values) *http.Response {
	h.t.Helper()
	req, _ := http.NewRequest("POST", h.http.URL+path, strings.NewReader(vals.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func (h *harness) page(c *http.Client, path string) (int, string) {
	h.t.Helper()
	resp, err := c.Get(h.http.URL + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// csrfOf reads the CSRF token a page embeds for its forms.
func csrfOf(html string) string {
	_, rest, ok := strings.Cut(html, `name="csrf_token" value="`)
	if !ok {
		return ""
	}
	tok, _, _ := strings.Cut(rest, `"`)
	return tok
}
