package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/feeds"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/store"
)

// feedSize is how many of the newest published posts a feed carries.
const feedSize = 50

// publicFeed builds the practice's public feed: its published posts, nothing else. A taken-down
// post leaves the feed at once.
func (s *Server) publicFeed(r *http.Request) (*feeds.Feed, error) {
	id, err := strconv.ParseInt(r.PathValue("practice"), 10, 64)
	if err != nil || id <= 0 {
		return nil, bedside.Errorf(bedside.ENotFound, "no such feed")
	}
	pr, err := s.db.Practice(r.Context(), id)
	if err != nil {
		return nil, err
	}
	posts, err := s.db.FeedPosts(r.Context(), id, feedSize)
	if err != nil {
		return nil, err
	}
	base := s.baseURL(r) + "/feeds/" + strconv.FormatInt(id, 10) + "/"
	f := &feeds.Feed{Title: pr.Name, Link: &feeds.Link{Href: base}, Description: "News from " + pr.Name, Created: pr.CreatedAt}
	for _, p := range posts {
		link := base + "#post-" + strconv.FormatInt(p.ID, 10)
		f.Items = append(f.Items, &feeds.Item{Id: link, Title: postTitle(p), Link: &feeds.Link{Href: link},
			Description: p.Text, Created: *p.PublishedAt, Updated: *p.PublishedAt})
	}
	if len(posts) > 0 {
		f.Updated = *posts[0].PublishedAt
	}
	return f, nil
}

// postTitle is the post's title, or the start of its text.
func postTitle(p store.Post) string {
	if p.Title != "" {
		return p.Title
	}
	t := []rune(strings.Join(strings.Fields(p.Text), " "))
	if len(t) > 80 {
		return string(t[:79]) + "…"
	}
	return string(t)
}

func (s *Server) baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || s.cfg.SecureCookies {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Server) feedHandler(kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f, err := s.publicFeed(r)
		if err != nil {
			writeError(w, r, err)
			return
		}
		var body string
		switch kind {
		case "rss":
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			body, err = f.ToRss()
		case "atom":
			w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
			body, err = f.ToAtom()
		}
		if err != nil {
			writeError(w, r, fmt.Errorf("feed: %w", err))
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=60")
		w.Write([]byte(body))
	}
}

var feedPage = template.Must(template.New("feed").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="alternate" type="application/rss+xml" href="rss.xml"><link rel="alternate" type="application/atom+xml" href="atom.xml">
<link rel="stylesheet" href="/static/app.css"></head>
<body><main><h1>{{.Title}}</h1><p><a href="rss.xml">RSS</a> · <a href="atom.xml">Atom</a></p>
{{range .Items}}<article id="{{.Anchor}}"><h2>{{.Title}}</h2><p><time datetime="{{.Created.Format "2006-01-02T15:04:05Z07:00"}}">{{.Created.Format "January 2, 2006"}}</time></p><p>{{.Description}}</p></article>
{{else}}<p>Nothing published yet.</p>{{end}}
</main></body></html>`))

// feedHTML is the public page of the practice's published posts.
func (s *Server) feedHTML(w http.ResponseWriter, r *http.Request) {
	f, err := s.publicFeed(r)
	if err != nil {
		writeError(w, r, err)
		return
	}
	type item struct {
		*feeds.Item
		Anchor string
	}
	view := struct {
		Title string
		Items []item
	}{Title: f.Title}
	for _, it := range f.Items {
		view.Items = append(view.Items, item{it, it.Link.Href[strings.LastIndexByte(it.Link.Href, '#')+1:]})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=60")
	if err := feedPage.Execute(w, view); err != nil {
		s.log.Error("feed page", "error", err.Error())
	}
}
