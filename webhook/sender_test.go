package webhook

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
)

// local is the configuration for an httptest server: plain HTTP on 127.0.0.1.
var local = Config{AllowInsecure: true, AllowPrivate: true}

// serve starts a receiver that answers with h and counts the requests it gets.
func serve(t *testing.T, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(code) }
}

func event() Event { return TakenDown(7, 42, time.Now()) }

func TestSendDeliversASignedEvent(t *testing.T) {
	old, next := NewSecret(), NewSecret()
	ev := Published(7, Post{ID: 42, Title: "Flu shots", Text: "Walk in Monday.", PublishedAt: time.Now()}, time.Now())
	got := make(chan error, 1)
	srv, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var e Event
		switch {
		case r.Method != http.MethodPost:
			got <- errors.New("method " + r.Method)
		case r.Header.Get("Content-Type") != "application/json":
			got <- errors.New("content type " + r.Header.Get("Content-Type"))
		case r.Header.Get("User-Agent") != "Bedside-Webhook/1":
			got <- errors.New("user agent " + r.Header.Get("User-Agent"))
		case r.Header.Get(HeaderID) != ev.ID:
			got <- errors.New("webhook-id is not the event id")
		case json.Unmarshal(body, &e) != nil || e.Post.Title != "Flu shots":
			got <- errors.New("body is not the event")
		default:
			// A receiver that has not rotated yet holds only the old secret.
			got <- Verify([]string{old}, r.Header, body, time.Now(), 0)
		}
		w.WriteHeader(http.StatusNoContent)
	})
	err := NewSender(local).Send(context.Background(), Endpoint{URL: srv.URL + "/hooks", Secrets: []string{next, old}}, ev)
	if err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatal(err)
	}
}

func TestSendOutcomes(t *testing.T) {
	bigBody := func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(strings.Repeat("x", 4<<20)))
	}
	tests := []struct {
		name   string
		h      http.HandlerFunc
		want   error // nil, ErrGone, or a *DeliveryError with this status
		status int
	}{
		{"200", status(200), nil, 0},
		{"202", status(202), nil, 0},
		{"299", status(299), nil, 0},
		{"large response is not read in full", bigBody, nil, 0},
		{"410 disables", status(410), ErrGone, 0},
		{"500 retries", status(500), nil, 500},
		{"404 retries", status(404), nil, 404},
		{"429 retries", status(429), nil, 429},
		{"redirect is a failure", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/elsewhere", http.StatusFound)
		}, nil, 302},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, hits := serve(t, tt.h)
			err := NewSender(local).Send(context.Background(), Endpoint{URL: srv.URL, Secrets: []string{NewSecret()}}, event())
			var de *DeliveryError
			switch {
			case tt.status != 0:
				if !errors.As(err, &de) || de.StatusCode != tt.status {
					t.Fatalf("got %v, want a retryable %d", err, tt.status)
				}
			case !errors.Is(err, tt.want) || (tt.want == nil && err != nil):
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if n := hits.Load(); n != 1 {
				t.Errorf("%d requests, want 1 (a redirect must not be followed)", n)
			}
		})
	}
}

func TestSendTimeout(t *testing.T) {
	release := make(chan struct{})
	srv, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // the server notices a closed connection only after the body
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	t.Cleanup(func() { close(release) }) // runs before srv.Close, which waits for this handler
	cfg := local
	cfg.Timeout = 100 * time.Millisecond
	start := time.Now()
	err := NewSender(cfg).Send(context.Background(), Endpoint{URL: srv.URL, Secrets: []string{NewSecret()}}, event())
	var de *DeliveryError
	if !errors.As(err, &de) || de.StatusCode != 0 || de.Err == nil {
		t.Fatalf("got %v, want a retryable network error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v: the timeout did not apply", d)
	}
	if strings.Contains(err.Error(), srv.URL) {
		t.Errorf("error %q quotes the URL", err)
	}
}

func TestSendRequiresHTTPS(t *testing.T) {
	srv, hits := serve(t, status(200))
	cfg := local
	cfg.AllowInsecure = false
	s := NewSender(cfg)
	err := s.Send(context.Background(), Endpoint{URL: srv.URL, Secrets: []string{NewSecret()}}, event())
	if bedside.ErrorCode(err) != bedside.EInvalid || hits.Load() != 0 {
		t.Fatalf("http URL: got %v after %d requests, want invalid and none", err, hits.Load())
	}

	tls := httptest.NewTLSServer(status(200))
	defer tls.Close()
	s.client.Transport.(*http.Transport).TLSClientConfig.RootCAs = tls.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs
	if err := s.Send(context.Background(), Endpoint{URL: tls.URL, Secrets: []string{NewSecret()}}, event()); err != nil {
		t.Fatalf("https URL: %v", err)
	}
}

func TestSendRefusesPrivateAddresses(t *testing.T) {
	srv, hits := serve(t, status(200))
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	cfg := local
	cfg.AllowPrivate = false
	s := NewSender(cfg)
	// localhost goes through name resolution, so this also shows the check sits after it.
	for _, u := range []string{srv.URL, "http://localhost" + port} {
		err := s.Send(context.Background(), Endpoint{URL: u, Secrets: []string{NewSecret()}}, event())
		if !errors.Is(err, ErrPrivateAddress) || bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("%s: got %v, want ErrPrivateAddress", u, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the private server got %d requests", n)
	}
	if err := NewSender(local).Send(context.Background(), Endpoint{URL: srv.URL, Secrets: []string{NewSecret()}}, event()); err != nil {
		t.Fatalf("with AllowPrivate: %v", err)
	}
}

func TestSendRefusesBadConfiguration(t *testing.T) {
	srv, hits := serve(t, status(200))
	s := NewSender(local)
	for name, ep := range map[string]Endpoint{
		"empty URL":    {URL: "", Secrets: []string{NewSecret()}},
		"relative URL": {URL: "/hooks", Secrets: []string{NewSecret()}},
		"other scheme": {URL: "ftp://example.com/", Secrets: []string{NewSecret()}},
		"no host":      {URL: "https:///hooks", Secrets: []string{NewSecret()}},
		"no secret":    {URL: srv.URL},
		"bad secret":   {URL: srv.URL, Secrets: []string{"hunter2"}},
	} {
		err := s.Send(context.Background(), ep, event())
		if bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("%s: got %v, want invalid", name, err)
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: error quotes the secret", name)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("%d requests sent with a bad configuration", n)
	}
}
