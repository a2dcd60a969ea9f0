// Package webhook is the "signed webhook" publishing channel: when a post is published or taken
// down, Bedside POSTs a JSON event to a URL the practice configured, signed with the practice's
// secret in the Standard Webhooks scheme (the same one Svix and many providers use), so the
// receiver can check that the event came from Bedside and was not replayed.
//
// The package signs (Sign), verifies (Verify, for receivers and tests), delivers one event
// (Sender.Send) and says when to try again (NextAttempt); the caller's outbox stores events and
// schedules attempts. Errors never quote a request or response body.
package webhook

import (
	"crypto/rand"
	"time"
)

// EventType names what happened to a post.
type EventType string

// The event types.
const (
	PostPublished EventType = "post.published"
	PostTakenDown EventType = "post.taken_down"
)

// Event is the JSON body of one delivery. Its ID stays the same on every retry, so receivers can
// use it to process an event once.
type Event struct {
	ID         string    `json:"id"`
	Type       EventType `json:"type"`
	CreatedAt  time.Time `json:"created_at"`
	PracticeID int64     `json:"practice_id"`
	Post       Post      `json:"post"`
}

// Post is the post an event is about. A taken-down event carries only the ID: the content is
// being withdrawn, so it must not travel again.
type Post struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title,omitempty"`
	Text        string    `json:"text,omitempty"`
	Channels    []string  `json:"channels,omitempty"`
	PublishedAt time.Time `json:"published_at,omitzero"`
	URL         string    `json:"url,omitempty"`
}

// Published returns the event for a post that has just been published.
func Published(practiceID int64, p Post, now time.Time) Event {
	p.PublishedAt = seconds(p.PublishedAt)
	return Event{ID: NewEventID(), Type: PostPublished, CreatedAt: seconds(now), PracticeID: practiceID, Post: p}
}

// TakenDown returns the event for a post that has been taken down.
func TakenDown(practiceID, postID int64, now time.Time) Event {
	return Event{ID: NewEventID(), Type: PostTakenDown, CreatedAt: seconds(now), PracticeID: practiceID, Post: Post{ID: postID}}
}

// NewEventID returns a random event ID such as "evt_3M5K...". It holds no dot, because the ID is
// part of the dot-separated string that is signed.
func NewEventID() string { return "evt_" + rand.Text() }

// seconds drops sub-second precision and the zone, so times encode as plain RFC 3339 in UTC and
// an event stored and reloaded by the outbox encodes to the same bytes.
func seconds(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Second)
}
