package googletest

import (
	"net/http"
	"strings"
	"testing"
)

func TestServerRefusesWhatGoogleRefuses(t *testing.T) {
	s := NewServer("tok")
	defer s.Close()
	s.Add("accounts/1/locations/2", Review{StarRating: "FIVE"})
	reviews := s.URL + "/v4/accounts/1/locations/2/reviews"
	for _, tt := range []struct {
		method, url, token, body string
		want                     int
	}{
		{"GET", reviews, "tok", "", http.StatusOK},
		{"GET", reviews, "", "", http.StatusUnauthorized},
		{"GET", reviews, "other", "", http.StatusUnauthorized},
		{"GET", reviews + "?pageSize=51", "tok", "", http.StatusBadRequest},
		{"GET", reviews + "?pageToken=garbage!", "tok", "", http.StatusBadRequest},
		{"PUT", reviews + "/r1/reply", "tok", `{"comment": ""}`, http.StatusBadRequest},
		{"PUT", reviews + "/r9/reply", "tok", `{"comment": "Thanks"}`, http.StatusNotFound},
		{"PUT", reviews + "/r1/reply", "tok", `{"comment": "Thanks"}`, http.StatusOK},
	} {
		req, _ := http.NewRequest(tt.method, tt.url, strings.NewReader(tt.body))
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
	if got := s.Replies()["accounts/1/locations/2/reviews/r1"]; got != "Thanks" {
		t.Errorf("reply = %q", got)
	}
}
