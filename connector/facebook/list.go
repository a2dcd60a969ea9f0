package facebook

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
)

// AnonymousAuthor stands for a commenter Graph does not name: it withholds from for people
// who have not authorised the app, depending on the token and their settings.
const AnonymousAuthor = "A Facebook user"

// timeLayout is how Graph writes created_time: ISO 8601 with a "+0000" offset.
const timeLayout = "2006-01-02T15:04:05-0700"

// maxRequestsPerList bounds the requests one List makes while it skips posts without
// comments, so a Page of many silent posts returns an empty page and a cursor rather than
// holding the caller.
const maxRequestsPerList = 8

// commentFields asks for each top-level comment and, nested, the replies to it, so the
// Page's own reply can be shown as ReplyText.
const commentFields = "id,from,message,created_time,comments{from,message}"

// paging is Graph's cursor paging object. A missing next marks the last page.
type paging struct {
	Cursors struct {
		After string `json:"after"`
	} `json:"cursors"`
	Next string `json:"next"`
}

type feedResponse struct {
	Data []struct {
		ID string `json:"id"`
	} `json:"data"`
	Paging paging `json:"paging"`
}

type user struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type comment struct {
	ID          string `json:"id"`
	From        *user  `json:"from"`
	Message     string `json:"message"`
	CreatedTime string `json:"created_time"`
	Comments    struct {
		Data []struct {
			From    *user  `json:"from"`
			Message string `json:"message"`
		} `json:"data"`
	} `json:"comments"`
}

type commentsResponse struct {
	Data   []comment `json:"data"`
	Paging paging    `json:"paging"`
}

// List returns the page of comments at cursor, a Next from an earlier page or "" for the
// first: the top-level comments of the Page's posts, newest post first and oldest comment
// first within a post, leaving out the Page's own. A page holds the comments of one post at
// most; it may be empty with a Next when many posts in a row have none.
func (c *Client) List(ctx context.Context, cursor string) (connector.Page, error) {
	pos, err := decodeCursor(cursor)
	if err != nil {
		return connector.Page{}, err
	}
	for range maxRequestsPerList {
		if pos.done() {
			return connector.Page{Reviews: []connector.Review{}}, nil
		}
		if len(pos.Posts) == 0 {
			if pos, err = c.readFeed(ctx, pos); err != nil {
				return connector.Page{}, err
			}
			continue
		}
		var reviews []connector.Review
		if reviews, pos, err = c.readComments(ctx, pos); err != nil {
			return connector.Page{}, err
		}
		if len(reviews) > 0 {
			page := connector.Page{Reviews: reviews}
			if !pos.done() {
				page.Next = pos.encode()
			}
			return page, nil
		}
	}
	page := connector.Page{Reviews: []connector.Review{}}
	if !pos.done() {
		page.Next = pos.encode()
	}
	return page, nil
}

// get requests path under the API version with query q and decodes the answer into v.
func (c *Client) get(ctx context.Context, q map[string]string, v any, path ...string) error {
	u := c.base.JoinPath(append([]string{c.cfg.APIVersion}, path...)...)
	vals := u.Query()
	for k, s := range q {
		if s != "" {
			vals.Set(k, s)
		}
	}
	u.RawQuery = vals.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return bedside.Errorf(bedside.EInvalid, "facebook: the Graph URL cannot be requested")
	}
	body, err := c.do(req)
	if err != nil {
		return err
	}
	return decode(body, v)
}

// readFeed reads the next page of the Page's post ids into pos.
func (c *Client) readFeed(ctx context.Context, pos position) (position, error) {
	var fr feedResponse
	q := map[string]string{"fields": "id", "limit": strconv.Itoa(postsPerFeedPage), "after": pos.FeedNext}
	if err := c.get(ctx, q, &fr, c.cfg.PageID, "feed"); err != nil {
		return pos, err
	}
	if len(fr.Data) > postsPerFeedPage {
		return pos, connector.Malformed(name, "the feed page has more posts than asked for")
	}
	next := position{Started: true}
	for i, p := range fr.Data {
		if !validID(p.ID) {
			return pos, connector.Malformed(name, "post "+strconv.Itoa(i+1)+" of the feed page has no valid id")
		}
		next.Posts = append(next.Posts, p.ID)
	}
	if fr.Paging.Next != "" {
		if fr.Paging.Cursors.After == "" || len(fr.Paging.Cursors.After) > maxGraphCursor {
			return pos, connector.Malformed(name, "the feed page has a next page but no usable after cursor")
		}
		next.MoreFeed, next.FeedNext = true, fr.Paging.Cursors.After
	}
	return next, nil
}

// readComments reads one page of the first post's comments and moves pos past it.
func (c *Client) readComments(ctx context.Context, pos position) ([]connector.Review, position, error) {
	post := pos.Posts[0]
	var cr commentsResponse
	q := map[string]string{
		"fields": commentFields, "filter": "toplevel", "order": "chronological",
		"limit": strconv.Itoa(c.cfg.PageSize), "after": pos.After,
	}
	if err := c.get(ctx, q, &cr, post, "comments"); err != nil {
		return nil, pos, err
	}
	reviews := make([]connector.Review, 0, len(cr.Data))
	for i, cm := range cr.Data {
		if cm.From != nil && cm.From.ID == c.cfg.PageID {
			continue // the Page's own comment: nothing to answer
		}
		rv, err := c.convert(post, cm)
		if err != nil {
			return nil, pos, connector.Malformed(name, "comment "+strconv.Itoa(i+1)+" of the page "+err.Error())
		}
		reviews = append(reviews, rv)
	}
	next := pos
	next.Posts = append([]string(nil), pos.Posts...)
	if cr.Paging.Next != "" {
		if cr.Paging.Cursors.After == "" || len(cr.Paging.Cursors.After) > maxGraphCursor {
			return nil, pos, connector.Malformed(name, "the comments page has a next page but no usable after cursor")
		}
		next.After = cr.Paging.Cursors.After
	} else {
		next.Posts, next.After = next.Posts[1:], ""
	}
	return reviews, next, nil
}

// convert maps one API comment on post. Its errors name the fault in our words only.
func (c *Client) convert(post string, cm comment) (connector.Review, error) {
	if !validID(cm.ID) {
		return connector.Review{}, errString("has no valid id")
	}
	created, err := parseTime(cm.CreatedTime)
	if err != nil {
		return connector.Review{}, err
	}
	rv := connector.Review{
		Source:     name,
		ExternalID: cm.ID,
		Author:     author(cm.From),
		Text:       cm.Message,
		CreatedAt:  created,
		ThreadID:   post,
	}
	for _, r := range cm.Comments.Data {
		if r.From != nil && r.From.ID == c.cfg.PageID {
			rv.ReplyText = r.Message // the latest of the Page's replies
		}
	}
	return rv, nil
}

// parseTime reads created_time; "" gives the zero time, as for a source that has none.
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		if t, err = time.Parse(time.RFC3339, s); err != nil {
			return time.Time{}, errString("has a created_time that is not ISO 8601")
		}
	}
	return t.UTC(), nil
}

func author(u *user) string {
	if u == nil || u.Name == "" {
		return AnonymousAuthor
	}
	return u.Name
}
