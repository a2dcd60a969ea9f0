package replies

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
)

// Kind is a kind of reply, chosen by what the review or comment calls for.
type Kind string

// The kinds of reply.
const (
	ThankYou        Kind = "thank_you"        // a positive review
	Negative        Kind = "negative"         // a complaint: privacy notice and an invitation to call
	InPerson        Kind = "in_person"        // a mixed review: offer a conversation with the office manager
	GeneralInfo     Kind = "general_info"     // general information about a service, never "your" service
	CommentQuestion Kind = "comment_question" // a public comment asking a health question
)

// Kinds lists every kind in the order the composer offers them.
var Kinds = []Kind{ThankYou, Negative, InPerson, GeneralInfo, CommentQuestion}

// The languages templates are written in.
const (
	English = "en"
	Spanish = "es"
)

// Template is one ready-to-fill reply.
type Template struct {
	Kind Kind   `json:"kind"`
	Lang string `json:"lang"` // English or Spanish
	Text string `json:"text"` // with placeholders such as [phone]
}

//go:embed replies.json
var raw []byte

type catalog struct {
	Templates []Template `json:"templates"`
}

// data is decoded once at start. A broken replies.json leaves it empty rather than panicking: the
// composer then offers no templates, and the package tests, which check loadErr, fail the build.
var data, loadErr = load(raw)

func load(b []byte) (catalog, error) {
	var c catalog
	if err := json.Unmarshal(b, &c); err != nil {
		return catalog{}, fmt.Errorf("replies: %w", err)
	}
	return c, nil
}

// For returns the templates of one kind in one language, in file order. An unknown kind or
// language gives none.
func For(kind, lang string) []Template {
	var out []Template
	for _, t := range data.Templates {
		if string(t.Kind) == kind && t.Lang == lang {
			out = append(out, t)
		}
	}
	return out
}

// Suggest returns the kind of reply that fits a review's star rating: 1 or 2 stars call for the
// privacy notice, 3 for an offer to talk, and 4, 5 or no rating at all (a recommendation, or a
// platform without stars) for thanks. The language does not change the choice today; it is
// taken so that callers need not change if a language ever needs its own mapping.
func Suggest(rating int, lang string) Kind {
	_ = lang
	switch {
	case rating == 1 || rating == 2:
		return Negative
	case rating == 3:
		return InPerson
	}
	return ThankYou
}

// all returns a copy of every template, for tests and tools that walk the whole catalog.
func all() []Template { return slices.Clone(data.Templates) }
