package google

import (
	"strings"
	"testing"

	"github.com/bedsidehq/bedside"
)

func TestParseExport(t *testing.T) {
	in := `{"reviews":[
	 {"name":"accounts/1/locations/2/reviews/AbC","reviewId":"AbC","reviewer":{"displayName":"Karen Holt"},
	  "starRating":"TWO","comment":"Waited an hour for my crown.","createTime":"2026-11-20T15:01:23.045Z",
	  "reviewReply":{"comment":"Thank you for your feedback."}},
	 {"reviewId":"XyZ","reviewer":{"displayName":"","isAnonymous":true},"starRating":"FIVE","createTime":"2026-11-21T09:00:00Z"}]}`
	rs, err := ParseExport(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 {
		t.Fatalf("got %d reviews", len(rs))
	}
	a, b := rs[0], rs[1]
	if a.ExternalID != "accounts/1/locations/2/reviews/AbC" || a.Author != "Karen Holt" || a.Rating != 2 || a.ReplyText == "" || a.CreatedAt.Day() != 20 {
		t.Errorf("first = %+v", a)
	}
	if b.ExternalID != "XyZ" || b.Author != AnonymousAuthor || b.Rating != 5 || b.Source != "google" {
		t.Errorf("second = %+v", b)
	}
}

func TestParseExportIsAllOrNoneAndNeverQuotes(t *testing.T) {
	cases := map[string]string{
		"not json":      `name,rating`,
		"wrong type":    `{"reviews":[{"starRating":5}]}`,
		"no rating":     `{"reviews":[{"reviewId":"a","starRating":"FIVE","createTime":"2026-11-21T09:00:00Z"},{"reviewId":"b","comment":"Karen Holt root canal","createTime":"2026-11-21T09:00:00Z"}]}`,
		"bad time":      `{"reviews":[{"reviewId":"a","starRating":"FIVE","createTime":"Karen Holt"}]}`,
		"no identifier": `{"reviews":[{"starRating":"FIVE","createTime":"2026-11-21T09:00:00Z","comment":"Karen Holt"}]}`,
	}
	for name, in := range cases {
		rs, err := ParseExport(strings.NewReader(in))
		if err == nil || bedside.ErrorCode(err) != bedside.EInvalid || rs != nil {
			t.Errorf("%s: got %v, %v; want EInvalid and nothing", name, rs, err)
			continue
		}
		if strings.Contains(err.Error(), "Karen") || strings.Contains(err.Error(), "root canal") {
			t.Errorf("%s: error quotes the review: %v", name, err)
		}
	}
}

func FuzzParseExport(f *testing.F) {
	f.Add(`{"reviews":[{"reviewId":"a","starRating":"FIVE","createTime":"2026-11-21T09:00:00Z"}]}`)
	f.Add(`{"reviews":null}`)
	f.Fuzz(func(t *testing.T, in string) {
		rs, err := ParseExport(strings.NewReader(in))
		if err != nil && rs != nil {
			t.Fatal("an error must return nothing")
		}
		for _, r := range rs {
			if r.Rating < 1 || r.Rating > 5 || r.ExternalID == "" {
				t.Fatalf("accepted an invalid review %+v", r)
			}
		}
	})
}
