package webhook

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 3, 4, 10, 20, 30, 123456789, time.FixedZone("EST", -5*3600))

func TestPublishedJSON(t *testing.T) {
	e := Published(7, Post{ID: 42, Title: "Flu shots", Text: "Walk in Monday.", Channels: []string{"facebook"},
		PublishedAt: now, URL: "https://example.com/p/42"}, now)
	e.ID = "evt_1"
	got, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"evt_1","type":"post.published","created_at":"2026-03-04T15:20:30Z","practice_id":7,` +
		`"post":{"id":42,"title":"Flu shots","text":"Walk in Monday.","channels":["facebook"],` +
		`"published_at":"2026-03-04T15:20:30Z","url":"https://example.com/p/42"}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestTakenDownCarriesOnlyPostID(t *testing.T) {
	e := TakenDown(7, 42, now)
	e.ID = "evt_1"
	got, _ := json.Marshal(e)
	want := `{"id":"evt_1","type":"post.taken_down","created_at":"2026-03-04T15:20:30Z","practice_id":7,"post":{"id":42}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestEventIDsAreUniqueAndDotless(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewEventID()
		if seen[id] || strings.Contains(id, ".") || !strings.HasPrefix(id, "evt_") {
			t.Fatalf("bad or repeated id %q", id)
		}
		seen[id] = true
	}
}
