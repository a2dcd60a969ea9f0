// Package fbtest is an in-memory fake of the parts of Meta's Graph API that the facebook
// package uses (a Page's /feed, a post's /comments, and replying through a comment's
// /comments), written from Meta's documentation so the facebook package, and later the web
// server's tests, can run without the network.
package fbtest

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

// User is a comment's author as the API serves it (the from field).
type User struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// Comment is a comment as the API serves it, with the fields the facebook package asks for.
type Comment struct {
	ID          string `json:"id"`
	From        *User  `json:"from,omitempty"` // nil when the API withholds the author
	Message     string `json:"message,omitempty"`
	CreatedTime string `json:"created_time"` // ISO 8601 with a +0000 offset, as Graph writes it
}

// TimeLayout is how Graph writes created_time.
const TimeLayout = "2006-01-02T15:04:05-0700"

// Failure is an answer the fake gives instead of the real one, once.
type Failure int

// The failures.
const (
	RateLimitCode       Failure = iota + 1 // 400 with Graph error code 32 and no Retry-After
	RateLimitRetryAfter                    // 429 with error code 4 and Retry-After in seconds
	ExpiredToken                           // 400 with error code 190 (OAuthException)
	Truncated                              // 200 with a body cut off mid-JSON
	Unavailable                            // 500 with error code 2 (temporary service error)
)

// RetryAfter is the delay RateLimitRetryAfter asks for.
const RetryAfter = 90 * time.Second

// maxLimit bounds the limit parameter, as Graph caps it per edge.
const maxLimit = 100

type post struct {
	id       string
	comments []string // top-level comment ids, oldest first
}

// Server is a running fake of one Page. Its methods are safe for concurrent use.
type Server struct {
	*httptest.Server
	Token  string // the Page access token every request must carry
	PageID string
	Name   string // the Page's name, the author of its replies

	mu       sync.Mutex
	posts    []*post // newest first, as /feed serves them
	comments map[string]*Comment
	parent   map[string]string   // comment id to its post id
	replies  map[string][]string // comment id to the messages of the Page's replies
	failures []Failure
	requests int
	seq      int
}

// NewServer starts a fake of Page pageID that accepts token. Close it when done.
func NewServer(pageID, token string) *Server {
	s := &Server{
		Token: token, PageID: pageID, Name: "Bedside Family Practice",
		comments: map[string]*Comment{}, parent: map[string]string{}, replies: map[string][]string{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{version}/{id}/feed", s.feed)
	mux.HandleFunc("GET /{version}/{id}/comments", s.list)
	mux.HandleFunc("POST /{version}/{id}/comments", s.reply)
	s.Server = httptest.NewServer(s.guard(mux))
	return s
}

// AddPost adds a post to the top of the Page's feed and returns its id ("{page}_{n}").
func (s *Server) AddPost() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	p := &post{id: s.PageID + "_" + strconv.Itoa(s.seq)}
	s.posts = append([]*post{p}, s.posts...)
	return p.id
}

// AddComment adds a top-level comment to postID and returns it with its id ("{n}_{m}") and
// time filled in. It panics when the post does not exist, a mistake in the test.
func (s *Server) AddComment(postID string, c Comment) Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.post(postID)
	if p == nil {
		panic("fbtest: no post " + postID)
	}
	s.seq++
	if c.ID == "" {
		c.ID = postID[len(s.PageID)+1:] + "_" + strconv.Itoa(s.seq)
	}
	if c.CreatedTime == "" {
		c.CreatedTime = time.Date(2026, 1, 1, 0, 0, len(s.comments), 0, time.UTC).Format(TimeLayout)
	}
	p.comments = append(p.comments, c.ID)
	s.comments[c.ID] = &c
	s.parent[c.ID] = postID
	return c
}

func (s *Server) post(id string) *post {
	for _, p := range s.posts {
		if p.id == id {
			return p
		}
	}
	return nil
}

// Fail makes the next requests, one each, answer with the failures in order.
func (s *Server) Fail(f ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, f...)
}

// Replies returns the Page's replies received, by comment id, oldest first.
func (s *Server) Replies() map[string][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string][]string, len(s.replies))
	for k, v := range s.replies {
		out[k] = append([]string(nil), v...)
	}
	return out
}

// Requests returns how many requests the fake has answered.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests
}

// guard counts requests, serves queued failures and checks the access token, which Graph
// takes as a bearer token or as the access_token parameter.
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
		case RateLimitCode:
			graphError(w, http.StatusBadRequest, 32, "OAuthException", "Page request limit reached")
			return
		case RateLimitRetryAfter:
			w.Header().Set("Retry-After", strconv.Itoa(int(RetryAfter/time.Second)))
			graphError(w, http.StatusTooManyRequests, 4, "OAuthException", "Application request limit reached")
			return
		case ExpiredToken:
			graphError(w, http.StatusBadRequest, 190, "OAuthException", "Error validating access token: Session has expired")
			return
		case Truncated:
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"data": [{"id": "1_2", "message": "Dr. Smith treated my diabetes`)
			return
		case Unavailable:
			graphError(w, http.StatusInternalServerError, 2, "OAuthException", "An unexpected error has occurred. Please retry your request later.")
			return
		}
		tok := r.URL.Query().Get("access_token")
		if h := r.Header.Get("Authorization"); h != "" {
			tok = h[min(len(h), len("Bearer ")):]
			if h[:min(len(h), len("Bearer "))] != "Bearer " {
				tok = ""
			}
		}
		if tok != s.Token {
			graphError(w, http.StatusBadRequest, 190, "OAuthException", "Invalid OAuth access token - Cannot parse access token")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// graphError writes Graph's JSON error envelope.
func graphError(w http.ResponseWriter, status, code int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"message": msg, "type": typ, "code": code, "fbtrace_id": "AbCdEf",
	}})
}

// notFound is Graph's answer for an id it does not know: code 100, subcode 33.
func notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"message": "Unsupported request - the object does not exist", "type": "GraphMethodException",
		"code": 100, "error_subcode": 33, "fbtrace_id": "AbCdEf",
	}})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// cursor is opaque to clients, as Graph's are; inside it is the offset of the next item.
func cursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("offset:" + strconv.Itoa(offset)))
}

func parseCursor(c string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < len("offset:") || string(b[:len("offset:")]) != "offset:" {
		return 0, false
	}
	n, err := strconv.Atoi(string(b[len("offset:"):]))
	return n, err == nil && n >= 0
}
