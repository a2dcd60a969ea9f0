package facebook

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
)

// rawClient is a Client of a server that answers /feed with one post, and the post's
// comments with body.
func rawClient(t *testing.T, body string) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/feed") {
			w.Write([]byte(`{"data": [{"id": "` + pageID + `_1"}]}`))
			return
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{PageID: pageID, BaseURL: srv.URL, HTTP: srv.Client(),
		Token: func(context.Context) (string, error) { return token, nil }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMalformedResponses(t *testing.T) {
	id := `"id": "1_2"`
	for _, tt := range []struct{ label, body string }{
		{"not JSON", `<html>` + phi},
		{"truncated", `{"data": [{` + id + `, "message": "` + phi},
		{"wrong type", `{"data": [{` + id + `, "message": ["` + phi + `"]}]}`},
		{"data not a list", `{"data": "` + phi + `"}`},
		{"bad created_time", `{"data": [{` + id + `, "created_time": "` + phi + `"}]}`},
		{"bad id", `{"data": [{"id": "1_2/../x", "message": "` + phi + `"}]}`},
		{"no id", `{"data": [{"message": "` + phi + `"}]}`},
		{"next without cursor", `{"data": [{` + id + `}], "paging": {"next": "https://graph.facebook.com/x"}}`},
		{"too large", `{"data": [], "x": "` + strings.Repeat("a", connector.MaxBody) + `"}`},
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

func TestGraphTimeFormats(t *testing.T) {
	want := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	for _, s := range []string{"2026-03-04T05:06:07+0000", "2026-03-04T06:06:07+0100", "2026-03-04T05:06:07Z"} {
		if got, err := parseTime(s); err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("parseTime(%q) = %v, %v", s, got, err)
		}
	}
}

func TestStatusError(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	graph := func(code, sub int) string {
		return `{"error": {"message": "` + phi + `", "type": "OAuthException", "code": ` +
			strconv.Itoa(code) + `, "error_subcode": ` + strconv.Itoa(sub) + `}}`
	}
	for _, tt := range []struct {
		label  string
		status int
		body   string
		retry  string
		want   string // error code, or "expired", "unavailable" or a duration for RateLimited
	}{
		{"190", 400, graph(190, 463), "", "expired"},
		{"190 as 401", 401, graph(190, 0), "", "expired"},
		{"bare 401", 401, "", "", "expired"},
		{"app limit", 400, graph(4, 0), "", "1m0s"},
		{"user limit", 400, graph(17, 0), "", "1m0s"},
		{"page limit", 400, graph(32, 0), "", "1m0s"},
		{"custom limit", 400, graph(613, 0), "", "1m0s"},
		{"429 with Retry-After", 429, "", "120", "2m0s"},
		{"limit with bad Retry-After", 400, graph(4, 0), "soon", "1m0s"},
		{"500", 500, graph(1, 0), "", "unavailable"},
		{"503 not JSON", 503, "<html>", "", "unavailable"},
		{"service code on 400", 400, graph(2, 0), "", "unavailable"},
		{"no object", 400, graph(100, 33), "", bedside.ENotFound},
		{"404", 404, "", "", bedside.ENotFound},
		{"permission", 403, graph(10, 0), "", bedside.EForbidden},
		{"permission 200", 400, graph(200, 0), "", bedside.EForbidden},
		{"bad parameter", 400, graph(100, 0), "", bedside.EInvalid},
	} {
		resp := &http.Response{StatusCode: tt.status, Header: http.Header{}}
		if tt.retry != "" {
			resp.Header.Set("Retry-After", tt.retry)
		}
		err := statusError(resp, []byte(tt.body), now)
		var rl *connector.RateLimited
		var got string
		switch {
		case errors.Is(err, connector.ErrExpiredCredentials):
			got = "expired"
		case errors.Is(err, connector.ErrUnavailable):
			got = "unavailable"
		case errors.As(err, &rl):
			got = rl.RetryAfter.String()
		default:
			got = bedside.ErrorCode(err)
		}
		if got != tt.want {
			t.Errorf("%s: got %s (%v), want %s", tt.label, got, err, tt.want)
		}
		if strings.Contains(err.Error(), "diabetes") {
			t.Errorf("%s: %q quotes the body", tt.label, err)
		}
	}
}

func TestNewChecksConfig(t *testing.T) {
	tok := func(context.Context) (string, error) { return token, nil }
	for _, cfg := range []Config{
		{PageID: "", Token: tok},
		{PageID: "me", Token: tok},
		{PageID: "1_2", Token: tok},
		{PageID: "1/feed", Token: tok},
		{PageID: pageID},
		{PageID: pageID, Token: tok, BaseURL: "graph.facebook.com"},
		{PageID: pageID, Token: tok, APIVersion: "25.0"},
		{PageID: pageID, Token: tok, APIVersion: "v25"},
		{PageID: pageID, Token: tok, APIVersion: "v25.0/../x"},
	} {
		if _, err := New(cfg); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Errorf("New(%q, %q, %q) = %v, want EInvalid", cfg.PageID, cfg.BaseURL, cfg.APIVersion, err)
		}
	}
	c, err := New(Config{PageID: pageID, Token: tok, PageSize: 500})
	if err != nil || c.cfg.PageSize != MaxPageSize || c.base.String() != DefaultBaseURL ||
		c.cfg.APIVersion != DefaultAPIVersion || c.Name() != "facebook" {
		t.Errorf("defaults: %+v, %v", c, err)
	}
}

func FuzzDecodeNeverQuotes(f *testing.F) {
	f.Add(`{"data": [{"id": 1}]}`)
	f.Add(`{"data": [{"message": "secret"`)
	f.Fuzz(func(t *testing.T, body string) {
		var cr commentsResponse
		if err := decode([]byte(body), &cr); err != nil && len(body) > 8 && strings.Contains(err.Error(), body) {
			t.Fatalf("error %q quotes the body", err)
		}
	})
}
