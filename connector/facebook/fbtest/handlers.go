package fbtest

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// paging is Graph's cursor paging object.
type paging struct {
	Cursors struct {
		Before string `json:"before,omitempty"`
		After  string `json:"after,omitempty"`
	} `json:"cursors"`
	Next string `json:"next,omitempty"`
}

// window reads limit and after, and returns the slice [from, to) of n items to serve with its
// paging object; ok is false when a parameter is invalid, and the answer is already written.
func (s *Server) window(w http.ResponseWriter, r *http.Request, n int) (from, to int, p paging, ok bool) {
	q := r.URL.Query()
	limit := 25
	if v := q.Get("limit"); v != "" {
		l, err := strconv.Atoi(v)
		if err != nil || l <= 0 || l > maxLimit {
			graphError(w, http.StatusBadRequest, 100, "OAuthException", "Invalid parameter")
			return 0, 0, p, false
		}
		limit = l
	}
	if c := q.Get("after"); c != "" {
		off, good := parseCursor(c)
		if !good {
			graphError(w, http.StatusBadRequest, 100, "OAuthException", "Invalid parameter")
			return 0, 0, p, false
		}
		from = min(off, n)
	}
	to = min(from+limit, n)
	if to > from {
		p.Cursors.Before = cursor(from)
		p.Cursors.After = cursor(to)
	}
	if to < n {
		next := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path}
		nq := url.Values{"limit": {strconv.Itoa(limit)}, "after": {cursor(to)}}
		if f := q.Get("fields"); f != "" {
			nq.Set("fields", f)
		}
		next.RawQuery = nq.Encode()
		p.Next = next.String()
	}
	return from, to, p, true
}

// feed serves GET /{page-id}/feed with the post ids.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("id") != s.PageID {
		notFound(w)
		return
	}
	s.mu.Lock()
	ids := make([]string, len(s.posts))
	for i, p := range s.posts {
		ids[i] = p.id
	}
	s.mu.Unlock()
	from, to, p, ok := s.window(w, r, len(ids))
	if !ok {
		return
	}
	type item struct {
		ID string `json:"id"`
	}
	data := make([]item, 0, to-from)
	for _, id := range ids[from:to] {
		data = append(data, item{id})
	}
	writeJSON(w, struct {
		Data   []item `json:"data"`
		Paging paging `json:"paging"`
	}{data, p})
}

// list serves GET /{post-id}/comments with the post's top-level comments and, nested, the
// Page's replies to each, the way field expansion comments{from,message} returns them.
func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	p := s.post(r.PathValue("id"))
	if p == nil {
		s.mu.Unlock()
		notFound(w)
		return
	}
	type reply struct {
		ID      string `json:"id"`
		From    User   `json:"from"`
		Message string `json:"message"`
	}
	type item struct {
		Comment
		Comments *struct {
			Data []reply `json:"data"`
		} `json:"comments,omitempty"`
	}
	all := make([]item, len(p.comments))
	for i, id := range p.comments {
		all[i].Comment = *s.comments[id]
		if rs := s.replies[id]; len(rs) > 0 && strings.Contains(r.URL.Query().Get("fields"), "comments") {
			all[i].Comments = &struct {
				Data []reply `json:"data"`
			}{}
			for j, m := range rs {
				all[i].Comments.Data = append(all[i].Comments.Data,
					reply{ID: id + "_r" + strconv.Itoa(j+1), From: User{s.PageID, s.Name}, Message: m})
			}
		}
	}
	s.mu.Unlock()
	from, to, pg, ok := s.window(w, r, len(all))
	if !ok {
		return
	}
	writeJSON(w, struct {
		Data   []item `json:"data"`
		Paging paging `json:"paging"`
	}{all[from:to], pg})
}

// reply serves POST /{comment-id}/comments with message, as form or query parameter.
func (s *Server) reply(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		graphError(w, http.StatusBadRequest, 100, "OAuthException", "Invalid parameter")
		return
	}
	msg := r.Form.Get("message")
	if strings.TrimSpace(msg) == "" {
		graphError(w, http.StatusBadRequest, 100, "OAuthException", "(#100) Missing message or attachment")
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.comments[id]; !ok {
		notFound(w)
		return
	}
	s.replies[id] = append(s.replies[id], msg)
	writeJSON(w, map[string]string{"id": id + "_r" + strconv.Itoa(len(s.replies[id]))})
}
