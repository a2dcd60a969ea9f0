package ideas

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
)

// Category is a kind of post a practice may publish without an authorization.
type Category struct {
	Key   string `json:"key"`
	Title string `json:"title"`
	Why   string `json:"why"`   // one sentence: why posts of this kind are safe
	Watch string `json:"watch"` // one sentence: the trap to avoid in this kind of post
}

// Idea is one starting point for a post.
type Idea struct {
	Category string `json:"category"` // a Category.Key
	Title    string `json:"title"`
	Text     string `json:"text"` // with placeholders such as [practice name]
	Lang     string `json:"lang"` // "en" or "es"
}

// The languages ideas are written in.
const (
	English = "en"
	Spanish = "es"
)

//go:embed ideas.json
var raw []byte

type catalog struct {
	Categories []Category `json:"categories"`
	Ideas      []Idea     `json:"ideas"`
}

// data is decoded once at start. A broken ideas.json leaves it empty rather than panicking: the
// composer then offers no ideas, and the package tests, which check loadErr, fail the build.
var data, loadErr = load(raw)

func load(b []byte) (catalog, error) {
	var c catalog
	if err := json.Unmarshal(b, &c); err != nil {
		return catalog{}, fmt.Errorf("ideas: %w", err)
	}
	return c, nil
}

// Categories returns the categories in the order the composer shows them.
func Categories() []Category { return slices.Clone(data.Categories) }

// For returns the ideas of one category in one language, in file order.
func For(category, lang string) []Idea {
	var out []Idea
	for _, i := range data.Ideas {
		if i.Category == category && i.Lang == lang {
			out = append(out, i)
		}
	}
	return out
}

// All returns every idea in one language, grouped by category in the order of Categories.
func All(lang string) []Idea {
	var out []Idea
	for _, c := range data.Categories {
		out = append(out, For(c.Key, lang)...)
	}
	return out
}
