package facebook

import (
	"encoding/base64"
	"encoding/json"

	"github.com/bedsidehq/bedside"
)

// postsPerFeedPage is how many post ids one read of /feed asks for. They travel in the
// cursor, so it stays small.
const postsPerFeedPage = 10

// maxGraphCursor bounds a Graph cursor kept in ours; Graph's are well under 100 bytes.
const maxGraphCursor = 512

// position is where a listing stands: which posts of the current /feed page are still to
// read, where in the first of them, and where the next /feed page starts. Graph's cursors
// point at one edge each, so ours carries both.
type position struct {
	Started  bool     `json:"s,omitempty"` // the first /feed page has been read
	FeedNext string   `json:"f,omitempty"` // Graph's after cursor of /feed, when MoreFeed
	MoreFeed bool     `json:"m,omitempty"` // a further /feed page exists
	Posts    []string `json:"p,omitempty"` // post ids still to read, the current one first
	After    string   `json:"c,omitempty"` // Graph's after cursor in Posts[0]'s comments
}

// done reports whether nothing is left to read.
func (p position) done() bool { return p.Started && len(p.Posts) == 0 && !p.MoreFeed }

func (p position) encode() string {
	b, _ := json.Marshal(p) // strings and bools only: it cannot fail
	return base64.RawURLEncoding.EncodeToString(b)
}

// errCursor is returned for a cursor this package did not make.
var errCursor = bedside.Errorf(bedside.EInvalid, "facebook: the cursor is not one this connector gave")

// decodeCursor reads a cursor from an earlier Page; "" is the start. The ids it holds go into
// request paths, so they are checked as strictly as ids from Graph.
func decodeCursor(s string) (position, error) {
	var p position
	if s == "" {
		return p, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &p) != nil {
		return position{}, errCursor
	}
	if !p.Started || len(p.Posts) > postsPerFeedPage || len(p.FeedNext) > maxGraphCursor ||
		len(p.After) > maxGraphCursor || p.MoreFeed != (p.FeedNext != "") || p.After != "" && len(p.Posts) == 0 {
		return position{}, errCursor
	}
	for _, id := range p.Posts {
		if !validID(id) {
			return position{}, errCursor
		}
	}
	return p, nil
}
