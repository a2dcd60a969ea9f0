package google

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
)

// AnonymousAuthor stands for a reviewer who chose not to be named.
const AnonymousAuthor = "A Google user"

// listResponse is ListReviewsResponse, with the fields we use.
type listResponse struct {
	Reviews       []review `json:"reviews"`
	NextPageToken string   `json:"nextPageToken"`
}

// review is the API's Review resource, with the fields we use.
type review struct {
	Name     string `json:"name"` // accounts/*/locations/*/reviews/*
	ReviewID string `json:"reviewId"`
	Reviewer struct {
		DisplayName string `json:"displayName"`
		IsAnonymous bool   `json:"isAnonymous"`
	} `json:"reviewer"`
	StarRating  string `json:"starRating"`
	Comment     string `json:"comment"`
	CreateTime  string `json:"createTime"`
	ReviewReply *struct {
		Comment string `json:"comment"`
	} `json:"reviewReply"`
}

// stars maps the StarRating enum; STAR_RATING_UNSPECIFIED, a missing rating and any value
// Google adds later give 0, so one odd review does not fail the whole page.
var stars = map[string]int{"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}

// Rating returns the stars of a StarRating value, or 0.
func Rating(starRating string) int { return stars[starRating] }

// List returns the page of the location's reviews at cursor, a nextPageToken from an earlier
// page or "" for the first, newest update first.
func (c *Client) List(ctx context.Context, cursor string) (connector.Page, error) {
	u := c.base.JoinPath("v4", c.cfg.Location, "reviews")
	q := u.Query()
	q.Set("pageSize", strconv.Itoa(c.cfg.PageSize))
	if cursor != "" {
		q.Set("pageToken", cursor)
	}
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return connector.Page{}, bedside.Errorf(bedside.EInvalid, "google: the reviews URL cannot be requested")
	}
	body, err := c.do(req)
	if err != nil {
		return connector.Page{}, err
	}
	var lr listResponse
	if err := decode(body, &lr); err != nil {
		return connector.Page{}, err
	}
	page := connector.Page{Next: lr.NextPageToken, Reviews: make([]connector.Review, 0, len(lr.Reviews))}
	for i, r := range lr.Reviews {
		rv, err := c.convert(r)
		if err != nil {
			return connector.Page{}, connector.Malformed(name, "review "+strconv.Itoa(i+1)+" of the page "+err.Error())
		}
		page.Reviews = append(page.Reviews, rv)
	}
	return page, nil
}

// convert maps one API review. Its errors name the fault in our words only.
func (c *Client) convert(r review) (connector.Review, error) {
	if !strings.HasPrefix(r.Name, c.cfg.Location+"/reviews/") || !validID(r.Name[len(c.cfg.Location)+len("/reviews/"):]) {
		return connector.Review{}, errString("has no name of this location")
	}
	var created time.Time
	if r.CreateTime != "" {
		t, err := time.Parse(time.RFC3339Nano, r.CreateTime)
		if err != nil {
			return connector.Review{}, errString("has a createTime that is not RFC 3339")
		}
		created = t.UTC()
	}
	author := r.Reviewer.DisplayName
	if r.Reviewer.IsAnonymous || author == "" {
		author = AnonymousAuthor
	}
	rv := connector.Review{
		Source:     name,
		ExternalID: r.Name,
		Author:     author,
		Rating:     Rating(r.StarRating),
		Text:       r.Comment,
		CreatedAt:  created,
	}
	if r.ReviewReply != nil {
		rv.ReplyText = r.ReviewReply.Comment
	}
	return rv, nil
}

type errString string

func (e errString) Error() string { return string(e) }
