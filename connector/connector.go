// Package connector defines what every review source (Google, and later others) implements,
// and the errors they share, so the sync job and the web server handle all sources alike.
// It depends on the standard library and the domain package only.
package connector

import (
	"context"
	"time"
)

// Review is one public review as its source shows it. Text, Author and ReplyText may hold
// patient health information: they are stored sealed and never logged or put in errors.
type Review struct {
	Source     string // the Source's Name, such as "google"
	ExternalID string // the source's id for the review; Reply takes it back
	Author     string // the reviewer's display name, or the source's word for an anonymous one
	Rating     int    // 1 to 5 stars, or 0 when the review has none
	Text       string
	CreatedAt  time.Time
	ThreadID   string // groups reviews of one conversation, for sources that have them; else ""
	ReplyText  string // the practice's reply already published, if any
}

// Page is one page of reviews. Next is the cursor for the following page, "" after the last.
type Page struct {
	Reviews []Review
	Next    string
}

// Source is one practice's account on one review site. List returns a page at a time so a
// caller keeps what it has when a later page fails, and can resume from the cursor.
type Source interface {
	// Name identifies the site, such as "google"; it is Review.Source.
	Name() string
	// List returns the page at cursor; "" is the first page.
	List(ctx context.Context, cursor string) (Page, error)
	// Reply publishes text as the practice's reply to the review, replacing any earlier one.
	Reply(ctx context.Context, externalID, text string) error
}
