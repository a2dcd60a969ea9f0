package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

const reviewsCSV = `source,external_id,author,rating,text,written_at
google,g-1,Dana P.,1,"My son's asthma got worse after the visit and nobody called back",2026-11-20
google,g-2,Mike Tran,5,"Best dental office in town, friendly staff!",2026-11-21T10:00:00Z
yelp,y-7,Karen,2,"Waited an hour for my root canal",2026-11-22
`

func (h *harness) postImport(token, body string, out any) int {
	h.t.Helper()
	req, _ := http.NewRequest("POST", h.http.URL+"/api/v1/reviews/import", bytes.NewBufferString(body))
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		decodeJSON(h.t, buf.Bytes(), out)
	}
	return resp.StatusCode
}

// TestReviewInbox: reviews come in by CSV (all or none, never twice); a reply that echoes the
// reviewer is refused with its findings and a safe alternative; a safe reply to a negative
// review waits for a compliance officer other than its author.
func TestReviewInbox(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		admin := h.practice("Riverside Dental", "admin@example.com")
		h.call("PUT", "/api/v1/practice/profile", admin, map[string]any{"name": "Riverside Dental", "phones": []string{"(541) 555-0142"}}, nil)
		h.call("POST", "/api/v1/users", admin, map[string]any{"email": "co@example.com", "role": "compliance", "password": testPassword}, nil)
		co := h.login("co@example.com", testPassword)
		admin = h.login("admin@example.com", testPassword) // a session that reads the new profile

		var e struct {
			Error struct {
				Message string
				Details []string
			}
		}
		bad := reviewsCSV + "google,g-9,Sam,9,\"ok\",yesterday\n"
		if code := h.postImport(admin, bad, &e); code != 422 || len(e.Error.Details) == 0 || !strings.Contains(e.Error.Message, "line 5") {
			t.Fatalf("a bad line: %d %+v", code, e)
		}
		var list struct{ Reviews []struct{ ID int64 } }
		h.call("GET", "/api/v1/reviews", admin, nil, &list)
		if len(list.Reviews) != 0 {
			t.Fatalf("a refused file imported %d reviews", len(list.Reviews))
		}
		var imp struct{ Rows, Imported int }
		if code := h.postImport(admin, reviewsCSV, &imp); code != 200 || imp.Imported != 3 {
			t.Fatalf("import: %d %+v", code, imp)
		}
		if h.postImport(admin, reviewsCSV, &imp); imp.Imported != 0 {
			t.Fatalf("importing the file again added %d", imp.Imported)
		}
		var inbox struct {
			Reviews []struct {
				ID      int64
				Author  string
				Flags   []string
				Overdue bool
			}
		}
		h.call("GET", "/api/v1/reviews?status=new", admin, nil, &inbox)
		if len(inbox.Reviews) != 3 || inbox.Reviews[0].Author != "Dana P." || !inbox.Reviews[0].Overdue ||
			strings.Join(inbox.Reviews[0].Flags, ",") != "disclosed_health,negative" || len(inbox.Reviews[1].Flags) != 0 {
			t.Fatalf("inbox: %+v", inbox)
		}
		list.Reviews = []struct{ ID int64 }{{inbox.Reviews[0].ID}}
		dana := "/api/v1/reviews/" + strconv.FormatInt(list.Reviews[0].ID, 10)

		var refused struct {
			Error struct {
				Details struct {
					Verdict    string
					Suggestion string
					Findings   []struct{ Kind, Text string }
				}
			}
		}
		if code := h.call("POST", dana+"/replies", admin, map[string]any{"text": "Sorry Dana, we hope your son's asthma is better soon."}, &refused); code != 422 ||
			refused.Error.Details.Verdict != "block" || len(refused.Error.Details.Findings) == 0 || refused.Error.Details.Suggestion == "" {
			t.Fatalf("an echoing reply: %d %+v", code, refused)
		}
		var offers struct {
			Suggested string
			Templates []struct{ Text string }
		}
		if code := h.call("GET", dana+"/templates", admin, nil, &offers); code != 200 || offers.Suggested != "negative" || len(offers.Templates) == 0 {
			t.Fatalf("templates: %d %+v", code, offers)
		}
		var reply struct {
			ID    int64
			State string
		}
		if code := h.call("POST", dana+"/replies", admin, map[string]any{"text": offers.Templates[0].Text}, &reply); code != 201 {
			t.Fatalf("a template refused as a reply: %d %q", code, offers.Templates[0].Text)
		}
		safe := "We take every concern seriously. Privacy rules keep us from discussing anyone's care online; please call our office at (541) 555-0142 so we can help."
		if code := h.call("POST", dana+"/replies", admin, map[string]any{"text": safe}, &reply); code != 201 || reply.State != "awaiting_approval" {
			t.Fatalf("a safe reply to a negative review: %d %+v", code, reply)
		}
		approve := dana + "/replies/" + strconv.FormatInt(reply.ID, 10) + "/approve"
		if code := h.call("POST", approve, admin, nil, nil); code != 403 {
			t.Errorf("the author approved their own reply: %d", code)
		}
		var rv struct {
			State   string
			Replies []struct {
				ID    int64
				State string
			}
		}
		if code := h.call("POST", approve, co, nil, &rv); code != 200 || rv.State != "drafted" || rv.Replies[0].State != "approved" {
			t.Fatalf("approve: %d %+v", code, rv)
		}
		sent := dana + "/replies/" + strconv.FormatInt(rv.Replies[0].ID, 10) + "/sent"
		if code := h.call("POST", sent, admin, nil, &rv); code != 200 || rv.State != "replied" {
			t.Fatalf("sent: %d %+v", code, rv)
		}
		var n struct {
			Reviews  int
			Answered int
			Overdue  int
			Stopped  int     `json:"replies_stopped"`
			Median   float64 `json:"median_reply_hours"`
		}
		h.call("GET", "/api/v1/reviews/numbers", admin, nil, &n)
		if n.Reviews != 3 || n.Answered != 1 || n.Overdue != 2 || n.Stopped != 1 || n.Median < 24 {
			t.Fatalf("numbers: %+v", n)
		}
		other := h.practice("Elsewhere", "else@example.com")
		if code := h.call("GET", dana, other, nil, nil); code != 404 {
			t.Errorf("another practice reads the review: %d", code)
		}
		if logs := h.logs.String(); strings.Contains(logs, "asthma") || strings.Contains(logs, "Dana") {
			t.Errorf("the logs hold review text")
		}
	})
}

// FuzzReviewsFile: any input gives reviews or a clear error, never a panic, and never a review
// that fails its own check.
func FuzzReviewsFile(f *testing.F) {
	f.Add(reviewsCSV)
	f.Add("source,external_id,author,rating,text,written_at\n\"unterminated")
	f.Add("\uFEFFSOURCE,external_id,author,rating,text,written_at\ngoogle,1,,0,,2026-01-01\n")
	f.Add(`{"reviews":[{"reviewId":"a","starRating":"FIVE","createTime":"2026-11-21T09:00:00Z"}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		rs, err := parseReviewsFile(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, r := range rs {
			if bad := r.Check(); len(bad) > 0 {
				t.Fatalf("accepted a bad review: %v", bad)
			}
		}
	})
}

// TestGoogleExportImport: the reviews.json of a Google Business Profile export comes in through the
// same import, all or none, once; a later connector sync of the same review finds it there.
func TestGoogleExportImport(t *testing.T) {
	eachEngine(t, func(t *testing.T, h *harness) {
		admin := h.practice("Riverside Dental", "admin@example.com")
		export := `{"reviews":[
 {"name":"accounts/1/locations/2/reviews/r1","reviewer":{"displayName":"Karen Holt"},"starRating":"ONE",
  "comment":"My crown fell out two days after the visit.","createTime":"2026-11-20T15:01:23Z"},
 {"name":"accounts/1/locations/2/reviews/r2","reviewer":{"isAnonymous":true},"starRating":"FIVE","createTime":"2026-11-21T09:00:00Z"}]}`
		var e struct{ Error struct{ Message string } }
		broken := strings.Replace(export, `"FIVE"`, `"SIX"`, 1)
		if code := h.postImport(admin, broken, &e); code != 422 || !strings.Contains(e.Error.Message, "review 2") || strings.Contains(e.Error.Message, "Karen") {
			t.Fatalf("a bad export: %d %+v", code, e)
		}
		var imp struct{ Rows, Imported int }
		if code := h.postImport(admin, "\uFEFF  "+export, &imp); code != 200 || imp.Rows != 2 || imp.Imported != 2 {
			t.Fatalf("import: %d %+v", code, imp)
		}
		if h.postImport(admin, export, &imp); imp.Imported != 0 {
			t.Fatalf("the same export again added %d", imp.Imported)
		}
		var inbox struct {
			Reviews []struct {
				Source, Author string
				Rating         int
				Flags          []string
			}
		}
		h.call("GET", "/api/v1/reviews", admin, nil, &inbox)
		if len(inbox.Reviews) != 2 {
			t.Fatalf("inbox: %+v", inbox)
		}
		byAuthor := map[string]int{}
		for _, r := range inbox.Reviews {
			if r.Source != "google" {
				t.Errorf("source %q", r.Source)
			}
			byAuthor[r.Author] = r.Rating
		}
		if byAuthor["Karen Holt"] != 1 || byAuthor["A Google user"] != 5 {
			t.Fatalf("authors and ratings: %v", byAuthor)
		}
	})
}
