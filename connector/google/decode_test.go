package google

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
)

// rawClient is a Client of a server that answers every request with body.
func rawClient(t *testing.T, body string) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{Location: location, BaseURL: srv.URL, HTTP: srv.Client(),
		Token: func(context.Context) (string, error) { return token, nil }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMalformedResponses(t *testing.T) {
	name := `"name": "` + location + `/reviews/r1"`
	for _, tt := range []struct{ label, body string }{
		{"not JSON", `<html>` + phi},
		{"truncated", `{"reviews": [{` + name + `, "comment": "` + phi},
		{"wrong type", `{"reviews": [{` + name + `, "comment": ["` + phi + `"]}]}`},
		{"reviews not a list", `{"reviews": "` + phi + `"}`},
		{"bad createTime", `{"reviews": [{` + name + `, "createTime": "` + phi + `"}]}`},
		{"other location", `{"reviews": [{"name": "accounts/9/locations/9/reviews/r1", "comment": "` + phi + `"}]}`},
		{"no name", `{"reviews": [{"comment": "` + phi + `"}]}`},
		{"too large", `{"reviews": [], "x": "` + strings.Repeat("a", connector.MaxBody) + `"}`},
	} {
		_, err := rawClient(t, tt.body).List(context.Background(), "")
		if bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("%s: err = %v, want EInvalid", tt.label, err)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "diabetes") || strings.Contains(msg, "html") {
			t.Errorf("%s: message %q quotes the payload", tt.label, msg)
		}
	}
}

func TestEmptyListIsOnePage(t *testing.T) {
	p, err := rawClient(t, `{"totalReviewCount": 0}`).List(context.Background(), "")
	if err != nil || len(p.Reviews) != 0 || p.Next != "" {
		t.Errorf("List = %+v, %v", p, err)
	}
}

func TestNewChecksConfig(t *testing.T) {
	tok := func(context.Context) (string, error) { return token, nil }
	for _, cfg := range []Config{
		{Location: "", Token: tok},
		{Location: "accounts/1", Token: tok},
		{Location: "accounts/1/locations/2/reviews/3", Token: tok},
		{Location: "accounts/../locations/2", Token: tok},
		{Location: "accounts/1/locations/2?x=1", Token: tok},
		{Location: location},
		{Location: location, Token: tok, BaseURL: "mybusiness.googleapis.com"},
	} {
		if _, err := New(cfg); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("New(%q, %q) = %v, want EInvalid", cfg.Location, cfg.BaseURL, err)
		}
	}
	c, err := New(Config{Location: location, Token: tok, PageSize: 500})
	if err != nil || c.cfg.PageSize != MaxPageSize || c.base.String() != DefaultBaseURL || c.Name() != "google" {
		t.Errorf("defaults: %+v, %v", c, err)
	}
}

func FuzzDecodeNeverQuotes(f *testing.F) {
	f.Add(`{"reviews": [{"name": 1}]}`)
	f.Add(`{"reviews": [{"comment": "secret"`)
	f.Fuzz(func(t *testing.T, body string) {
		var lr listResponse
		if err := decode([]byte(body), &lr); err != nil && len(body) > 8 && strings.Contains(err.Error(), body) {
			t.Fatalf("error %q quotes the body", err)
		}
	})
}
