package google

import (
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
)

// maxExportReviews bounds one export file, as the CSV import is bounded.
const maxExportReviews = 10000

// ParseExport reads the reviews file of a Business Profile export (Google Takeout writes one
// reviews.json per location: {"reviews": [Review, ...]}, the API's Review resource). A review
// keeps its resource name as its id, so a later sync through the API finds it already there.
// Like the CSV import it is all or none, and its errors name the review by position, never by
// content.
func ParseExport(r io.Reader) ([]connector.Review, error) {
	var file struct {
		Reviews []review `json:"reviews"`
	}
	dec := json.NewDecoder(r)
	if err := dec.Decode(&file); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, bedside.Errorf(bedside.EInvalid, "the Google export's field %s has the wrong type", te.Field)
		}
		return nil, bedside.Errorf(bedside.EInvalid, "the file is not a Google Business Profile reviews export (JSON)")
	}
	if len(file.Reviews) > maxExportReviews {
		return nil, bedside.Errorf(bedside.EInvalid, "a file holds at most %d reviews", maxExportReviews)
	}
	out := make([]connector.Review, 0, len(file.Reviews))
	var bad []string
	for i, x := range file.Reviews {
		rv, err := exported(x)
		if err != nil {
			bad = append(bad, "review "+strconv.Itoa(i+1)+": "+err.Error())
			continue
		}
		out = append(out, rv)
	}
	if len(bad) > 0 {
		return nil, &bedside.Error{Code: bedside.EInvalid, Details: bad,
			Message: strconv.Itoa(len(bad)) + " review(s) are not valid; nothing was imported. First: " + bad[0]}
	}
	return out, nil
}

// exported maps one review of an export; unlike a listed page, it may come from any location.
func exported(r review) (connector.Review, error) {
	id := r.Name
	if id == "" {
		id = r.ReviewID
	}
	if id == "" || len(id) > 500 || strings.ContainsAny(id, "\x00\r\n") {
		return connector.Review{}, errString("has no review name or id")
	}
	if Rating(r.StarRating) == 0 {
		return connector.Review{}, errString("has no star rating from ONE to FIVE")
	}
	created, err := time.Parse(time.RFC3339Nano, r.CreateTime)
	if err != nil {
		return connector.Review{}, errString("has a createTime that is not RFC 3339")
	}
	author := r.Reviewer.DisplayName
	if r.Reviewer.IsAnonymous || author == "" {
		author = AnonymousAuthor
	}
	rv := connector.Review{Source: name, ExternalID: id, Author: author, Rating: Rating(r.StarRating),
		Text: r.Comment, CreatedAt: created.UTC()}
	if r.ReviewReply != nil {
		rv.ReplyText = r.ReviewReply.Comment
	}
	return rv, nil
}
