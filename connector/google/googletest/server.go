// Package googletest is an in-memory fake of the Google Business Profile reviews API
// (v4 accounts.locations.reviews list and updateReply), written from Google's documentation
// so the google package, and later the web server's tests, can run without the network.
package googletest

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"
)

// Review is a review as the API serves it (the Review resource).
type Review struct {
	Name        string       `json:"name"`
	ReviewID    string       `json:"reviewId"`
	Reviewer    Reviewer     `json:"reviewer"`
	StarRating  string       `json:"starRating,omitempty"` // "ONE".."FIVE"
	Comment     string       `json:"comment,omitempty"`
	CreateTime  string       `json:"createTime"`
	UpdateTime  string       `json:"updateTime"`
	ReviewReply *ReviewReply `json:"reviewReply,omitempty"`
}

// Reviewer is the author of a review.
type Reviewer struct {
	DisplayName string `json:"displayName,omitempty"`
	IsAnonymous bool   `json:"isAnonymous,omitempty"`
}

// ReviewReply is the owner's reply to a review.
type ReviewReply struct {
	Comment    string `json:"comment"`
	UpdateTime string `json:"updateTime"`
}

// Failure is an answer the fake gives instead of the real one, once.
type Failure int

// The failures.
const (
	RateLimitSeconds Failure = iota + 1 // 429 with Retry-After in seconds
	RateLimitDate                       // 429 with Retry-After as an HTTP-date
	Unauthorized                        // 401, as for an expired token
	Malformed                           // 200 with a body that is not JSON
	Unavailable                         // 503
)

// RetryAfter is the delay the RateLimit failures ask for.
const RetryAfter = 90 * time.Second

// maxPageSize is the API's limit on pageSize.
const maxPageSize = 50

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	*httptest.Server
	Token string // the bearer token every request must carry

	mu       sync.Mutex
	reviews  []Review // in the order list serves them
	failures []Failure
	replies  map[string]string
	requests int
}

// NewServer starts a fake that accepts token. Close it when done.
func NewServer(token string) *Server {
	s := &Server{Token: token, replies: map[string]string{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v4/accounts/{account}/locations/{location}/reviews", s.list)
	mux.HandleFunc("PUT /v4/accounts/{account}/locations/{location}/reviews/{review}/reply", s.reply)
	s.Server = httptest.NewServer(s.guard(mux))
	return s
}

// Add appends a review of location (accounts/*/locations/*) and returns it with its name
// and times filled in.
func (s *Server) Add(location string, r Review) Review {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.ReviewID == "" {
		r.ReviewID = "r" + strconv.Itoa(len(s.reviews)+1)
	}
	r.Name = location + "/reviews/" + r.ReviewID
	if r.CreateTime == "" {
		r.CreateTime = time.Date(2026, 1, 1, 0, 0, len(s.reviews), 0, time.UTC).Format(time.RFC3339)
	}
	if r.UpdateTime == "" {
		r.UpdateTime = r.CreateTime
	}
	s.reviews = append(s.reviews, r)
	return r
}

// Fail makes the next requests, one each, answer with the failures in order.
func (s *Server) Fail(f ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, f...)
}

// Replies returns the replies received, by review name.
func (s *Server) Replies() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]string, len(s.replies))
	for k, v := range s.replies {
		out[k] = v
	}
	return out
}

// Requests returns how many requests the fake has answered.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// guard counts requests, checks the bearer token and serves queued failures.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests++
		var f Failure
		if len(s.failures) > 0 {
			f, s.failures = s.failures[0], s.failures[1:]
		}
		s.mu.Unlock()
		switch f {
		case RateLimitSeconds:
			w.Header().Set("Retry-After", strconv.Itoa(int(RetryAfter/time.Second)))
			apiError(w, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED")
			return
		case RateLimitDate:
			w.Header().Set("Retry-After", time.Now().Add(RetryAfter).UTC().Format(http.TimeFormat))
			apiError(w, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED")
			return
		case Unauthorized:
			apiError(w, http.StatusUnauthorized, "UNAUTHENTICATED")
			return
		case Malformed:
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"reviews": [{"name": "accounts/1/locations/2/reviews/x", "comment": "Dr. Smith treated my diabetes`)
			return
		case Unavailable:
			apiError(w, http.StatusServiceUnavailable, "UNAVAILABLE")
			return
		}
		if r.Header.Get("Authorization") != "Bearer "+s.Token {
			w.Header().Set("WWW-Authenticate", `Bearer realm="https://accounts.google.com/"`)
			apiError(w, http.StatusUnauthorized, "UNAUTHENTICATED")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// apiError writes Google's JSON error envelope.
func apiError(w http.ResponseWriter, code int, status string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"code": code, "message": http.StatusText(code), "status": status,
	}})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// pageToken is opaque to clients, as Google's are; inside it is the offset of the next page.
func pageToken(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(offset)))
}

func parsePageToken(tok string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) < len("offset:") || string(b[:len("offset:")]) != "offset:" {
		return 0, false
	}
	n, err := strconv.Atoi(string(b[len("offset:"):]))
	return n, err == nil && n >= 0
}
