package fbtest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestServerRefusesWhatGraphRefuses(t *testing.T) {
	s := NewServer("100", "tok")
	defer s.Close()
	post := s.AddPost()
	c := s.AddComment(post, Comment{Message: "Thanks"})
	v := s.URL + "/v25.0/"
	for _, tt := range []struct {
		method, url, token, body string
		want                     int
	}{
		{"GET", v + "100/feed", "tok", "", http.StatusOK},
		{"GET", v + "100/feed?access_token=tok", "", "", http.StatusOK},
		{"GET", v + "100/feed", "", "", http.StatusBadRequest},
		{"GET", v + "100/feed", "other", "", http.StatusBadRequest},
		{"GET", v + "999/feed", "tok", "", http.StatusBadRequest},
		{"GET", v + post + "/comments", "tok", "", http.StatusOK},
		{"GET", v + post + "/comments?limit=101", "tok", "", http.StatusBadRequest},
		{"GET", v + post + "/comments?after=garbage!", "tok", "", http.StatusBadRequest},
		{"GET", v + "100_9/comments", "tok", "", http.StatusBadRequest},
		{"POST", v + c.ID + "/comments", "tok", "message=", http.StatusBadRequest},
		{"POST", v + "1_999/comments", "tok", "message=Thanks", http.StatusBadRequest},
		{"POST", v + c.ID + "/comments", "tok", "message=" + url.QueryEscape("Thank you!"), http.StatusOK},
	} {
		req, _ := http.NewRequest(tt.method, tt.url, strings.NewReader(tt.body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		resp, err := s.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("%s %s (token %q) = %d, want %d", tt.method, tt.url, tt.token, resp.StatusCode, tt.want)
		}
	}
	if got := s.Replies()[c.ID]; len(got) != 1 || got[0] != "Thank you!" {
		t.Errorf("replies = %q", got)
	}
}
