package googletest

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// list serves accounts.locations.reviews.list.
func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	location := "accounts/" + r.PathValue("account") + "/locations/" + r.PathValue("location")
	size := maxPageSize
	if v := r.URL.Query().Get("pageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxPageSize {
			apiError(w, http.StatusBadRequest, "INVALID_ARGUMENT")
			return
		}
		if n > 0 {
			size = n
		}
	}
	offset := 0
	if tok := r.URL.Query().Get("pageToken"); tok != "" {
		n, ok := parsePageToken(tok)
		if !ok {
			apiError(w, http.StatusBadRequest, "INVALID_ARGUMENT")
			return
		}
		offset = n
	}

	s.mu.Lock()
	var mine []Review
	var sum float64
	for _, rv := range s.reviews {
		if strings.HasPrefix(rv.Name, location+"/reviews/") {
			mine = append(mine, rv)
			sum += float64(stars[rv.StarRating])
		}
	}
	s.mu.Unlock()

	resp := struct {
		Reviews          []Review `json:"reviews,omitempty"`
		AverageRating    float64  `json:"averageRating,omitempty"`
		TotalReviewCount int      `json:"totalReviewCount"`
		NextPageToken    string   `json:"nextPageToken,omitempty"`
	}{TotalReviewCount: len(mine)}
	if len(mine) > 0 {
		resp.AverageRating = sum / float64(len(mine))
	}
	if offset < len(mine) {
		end := min(offset+size, len(mine))
		resp.Reviews = mine[offset:end]
		if end < len(mine) {
			resp.NextPageToken = pageToken(end)
		}
	}
	writeJSON(w, resp)
}

var stars = map[string]int{"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}

// reply serves accounts.locations.reviews.updateReply.
func (s *Server) reply(w http.ResponseWriter, r *http.Request) {
	name := "accounts/" + r.PathValue("account") + "/locations/" + r.PathValue("location") +
		"/reviews/" + r.PathValue("review")
	var in ReviewReply
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || json.Unmarshal(body, &in) != nil || strings.TrimSpace(in.Comment) == "" {
		apiError(w, http.StatusBadRequest, "INVALID_ARGUMENT")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.reviews {
		if s.reviews[i].Name == name {
			out := &ReviewReply{Comment: in.Comment, UpdateTime: time.Now().UTC().Format(time.RFC3339Nano)}
			s.reviews[i].ReviewReply = out
			s.replies[name] = in.Comment
			writeJSON(w, out)
			return
		}
	}
	apiError(w, http.StatusNotFound, "NOT_FOUND")
}
