package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/phi"
	. "github.com/bedsidehq/bedside/store"
)

const emmaPost = "Congratulations to Emma on finishing her Invisalign treatment!"

// workflow is a practice with a staff author and two compliance officers, and the real gate.
type workflow struct {
	db                      *DB
	admin, staff, co, other Actor
	gate                    Gate
	patient                 int64
	now                     time.Time
	ctx                     context.Context
	t                       *testing.T
}

func newWorkflow(t *testing.T, db *DB) *workflow {
	ctx := context.Background()
	_, _, admin := newPractice(t, db, "Riverside", "admin@example.com")
	_, _, other := newPractice(t, db, "Elsewhere", "else@example.com")
	staff, err := db.CreateUser(ctx, admin, "staff@example.com", "Sam", bedside.RoleStaff, "h")
	if err != nil {
		t.Fatal(err)
	}
	co, err := db.CreateUser(ctx, admin, "co@example.com", "Cora", bedside.RoleCompliance, "h")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := phi.New(phi.Profile{Name: "Riverside Dental"})
	if err != nil {
		t.Fatal(err)
	}
	w := &workflow{db: db, admin: admin, staff: Actor{PracticeID: admin.PracticeID, UserID: staff.ID},
		co: Actor{PracticeID: admin.PracticeID, UserID: co.ID}, other: other, ctx: ctx, t: t,
		now: time.Now().UTC().Truncate(time.Millisecond)}
	w.gate = ScanGate(sc, time.Now)
	p, err := db.CreatePatient(ctx, admin, Patient{Name: "Emma Lindqvist"})
	if err != nil {
		t.Fatal(err)
	}
	w.patient = p.ID
	return w
}

// authorize records an authorization for Emma, changed by edit.
func (w *workflow) authorize(edit func(*authorization.Authorization)) int64 {
	a := signedAuthorization(w.patient, w.now.Add(-time.Hour))
	a.Elements = []phi.Kind{phi.Name, phi.Case}
	a.Purposes = []authorization.Purpose{authorization.SuccessStory}
	if edit != nil {
		edit(&a)
	}
	a, err := w.db.CreateAuthorization(w.ctx, w.admin, a)
	if err != nil {
		w.t.Fatal(err)
	}
	return a.ID
}

// submitted drafts and submits a post by staff.
func (w *workflow) submitted(channels []authorization.Channel, auths ...int64) int64 {
	w.t.Helper()
	p, err := w.db.CreatePost(w.ctx, w.staff, Post{Title: "Emma", Text: emmaPost, Channels: channels,
		Purpose: authorization.SuccessStory, AuthorizationIDs: auths})
	if err != nil {
		w.t.Fatal(err)
	}
	if err := w.db.SubmitPost(w.ctx, w.staff, p.ID); err != nil {
		w.t.Fatal(err)
	}
	return p.ID
}

// refusedFor asserts a gate refusal whose uncovered findings include one with the reason.
func refusedFor(t *testing.T, err error, reason string) {
	t.Helper()
	var e *bedside.Error
	if !errors.As(err, &e) || e.Code != bedside.EInvalid {
		t.Fatalf("want a refusal, got %v", err)
	}
	left, _ := e.Details.([]Uncovered)
	if !slices.ContainsFunc(left, func(u Uncovered) bool { return strings.Contains(u.Reason, reason) }) {
		t.Fatalf("want an uncovered finding because %q, got %+v", reason, left)
	}
	if strings.Contains(e.Message, "Emma") || strings.Contains(e.Message, "Invisalign") {
		t.Fatalf("the refusal repeats the post's text: %q", e.Message)
	}
}

var facebook = []authorization.Channel{"facebook"}

// TestGateRules: each rule of the gate, exercised through approval and publication.
func TestGateRules(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		w := newWorkflow(t, db)
		cases := []struct {
			name     string
			channels []authorization.Channel
			edit     func(*authorization.Authorization) // nil: no authorization linked
			reason   string
		}{
			{"no authorization", facebook, nil, "no signed authorization"},
			{"element", facebook, func(a *authorization.Authorization) { a.Elements = []phi.Kind{phi.Photo} }, "covers"},
			{"channel", []authorization.Channel{"facebook", "instagram"}, func(*authorization.Authorization) {}, "channel instagram"},
			{"purpose", facebook, func(a *authorization.Authorization) { a.Purposes = []authorization.Purpose{authorization.Marketing} }, "purpose"},
			{"expired", facebook, func(a *authorization.Authorization) {
				a.SignedAt = w.now.AddDate(-2, 0, 0)
				a.Expires = w.now.AddDate(0, 0, -1)
			}, "not valid"},
			{"defective", facebook, func(a *authorization.Authorization) { a.StatesRightToRevoke = false }, "not valid"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				var auths []int64
				if c.edit != nil {
					auths = append(auths, w.authorize(c.edit))
				}
				id := w.submitted(c.channels, auths...)
				refusedFor(t, db.ApprovePost(w.ctx, w.co, id, "", w.gate), c.reason)
				if p, _ := db.Post(w.ctx, w.co, id); p.State != PostSubmitted {
					t.Fatalf("a refused post moved to %s", p.State)
				}
			})
		}
	})
}

// TestPostWorkflow: the whole life of a post that names a patient, from draft to takedown.
func TestPostWorkflow(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		w := newWorkflow(t, db)
		ctx := w.ctx
		auth := w.authorize(nil)
		id := w.submitted(facebook, auth)

		if err := db.ApprovePost(ctx, w.staff, id, "", w.gate); bedside.ErrorCode(err) != bedside.EForbidden {
			t.Fatalf("the author approved their own post: %v", err)
		}
		if err := db.ApprovePost(ctx, w.other, id, "", w.gate); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("another practice approved it: %v", err)
		}
		if err := db.PublishPost(ctx, w.co, id, w.gate); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("published before approval: %v", err)
		}
		if err := db.ApprovePost(ctx, w.co, id, "Signed form on file", w.gate); err != nil {
			t.Fatal(err)
		}
		if err := db.PublishPost(ctx, w.co, id, w.gate); err != nil {
			t.Fatal(err)
		}
		p, err := db.Post(ctx, w.co, id)
		if err != nil || p.State != PostPublished || p.PublishedAt == nil || len(p.SnapshotSHA256) != 64 || len(p.Reviews) != 1 {
			t.Fatalf("after publishing: %+v %v", p, err)
		}
		if live, _ := db.PublishedPosts(ctx, w.admin.PracticeID, 10); len(live) != 1 || live[0].Text != emmaPost {
			t.Fatalf("feed: %+v", live)
		}
		if live, _ := db.PublishedPosts(ctx, w.other.PracticeID, 10); len(live) != 0 {
			t.Fatalf("another practice's feed shows the post")
		}

		if err := db.Revoke(ctx, w.admin, auth, Revocation{ReceivedAt: w.now, Method: "letter", DocumentSHA256: "ab"}); err != nil {
			t.Fatal(err)
		}
		tds, _ := db.Takedowns(ctx, w.admin.PracticeID, false)
		if len(tds) != 1 || tds[0].PostID != id || tds[0].AuthorizationID != auth {
			t.Fatalf("takedown tasks after revocation: %+v", tds)
		}
		if err := db.TakeDownPost(ctx, w.co, id); err != nil {
			t.Fatal(err)
		}
		if tds, _ := db.Takedowns(ctx, w.admin.PracticeID, false); len(tds) != 0 {
			t.Fatalf("open takedowns after taking the post down: %+v", tds)
		}
		if live, _ := db.PublishedPosts(ctx, w.admin.PracticeID, 10); len(live) != 0 {
			t.Fatalf("a taken-down post is still in the feed")
		}
		evs, _ := db.AuditEvents(ctx, w.admin.PracticeID, AuditFilter{Action: "post."})
		var actions []string
		for _, e := range evs {
			actions = append(actions, e.Action)
		}
		for _, want := range []string{"post.create", "post.submit", "post.approve", "post.publish", "post.takedown"} {
			if !slices.Contains(actions, want) {
				t.Errorf("audit has no %s: %v", want, actions)
			}
		}
		if _, breaks, _ := db.VerifyAudit(ctx); len(breaks) != 0 {
			t.Fatalf("audit chain broken: %+v", breaks)
		}
	})
}

// TestRevokedBetweenApprovalAndPublish: publishing re-runs the gate.
func TestRevokedBetweenApprovalAndPublish(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		w := newWorkflow(t, db)
		auth := w.authorize(nil)
		id := w.submitted(facebook, auth)
		if err := db.ApprovePost(w.ctx, w.co, id, "", w.gate); err != nil {
			t.Fatal(err)
		}
		if err := db.Revoke(w.ctx, w.admin, auth, Revocation{ReceivedAt: w.now, Method: "email", DocumentSHA256: "ab"}); err != nil {
			t.Fatal(err)
		}
		refusedFor(t, db.PublishPost(w.ctx, w.co, id, w.gate), "not valid")
		if tds, _ := db.Takedowns(w.ctx, w.admin.PracticeID, true); len(tds) != 0 {
			t.Fatalf("a takedown for a post that never went out: %+v", tds)
		}
	})
}

// TestOverridesAndRejection: a false positive is overridden only by someone else, with a reason;
// a rejection needs a comment and returns the post to its author as a draft.
func TestOverridesAndRejection(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		w := newWorkflow(t, db)
		id := w.submitted(facebook)
		err := db.ApprovePost(w.ctx, w.co, id, "", w.gate)
		var e *bedside.Error
		if !errors.As(err, &e) {
			t.Fatalf("want a refusal: %v", err)
		}
		left := e.Details.([]Uncovered)
		u := left[0]
		if err := db.OverrideFinding(w.ctx, w.co, Override{PostID: id, Kind: u.Kind, Start: u.Start, End: u.End, Reason: "fine"}); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("an override without a real reason: %v", err)
		}
		if err := db.OverrideFinding(w.ctx, w.staff, Override{PostID: id, Kind: u.Kind, Start: u.Start, End: u.End, Reason: "Emma is our hygienist, not a patient"}); bedside.ErrorCode(err) != bedside.EForbidden {
			t.Fatalf("the author overrode a finding of their own post: %v", err)
		}
		for _, u := range left {
			if err := db.OverrideFinding(w.ctx, w.co, Override{PostID: id, Kind: u.Kind, Start: u.Start, End: u.End, Reason: "Emma is our hygienist, not a patient"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.ApprovePost(w.ctx, w.co, id, "", w.gate); err != nil {
			t.Fatalf("approval after overriding every finding: %v", err)
		}
		if rep, _ := db.Overrides(w.ctx, w.admin.PracticeID); len(rep) != len(left) || rep[0].Reason == "" || rep[0].UserID != w.co.UserID {
			t.Fatalf("overrides report: %+v", rep)
		}
		if rep, _ := db.Overrides(w.ctx, w.other.PracticeID); len(rep) != 0 {
			t.Fatalf("another practice sees the overrides")
		}

		id2 := w.submitted(facebook)
		if err := db.RejectPost(w.ctx, w.co, id2, " "); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("a rejection without a comment: %v", err)
		}
		if err := db.RejectPost(w.ctx, w.co, id2, "Needs Emma's signed release first"); err != nil {
			t.Fatal(err)
		}
		p, _ := db.Post(w.ctx, w.staff, id2)
		if p.State != PostDraft || len(p.Reviews) != 1 || p.Reviews[0].Decision != "reject" || p.Reviews[0].Comment == "" {
			t.Fatalf("after rejection: %+v", p)
		}
		p.Text = "Congratulations to all our Invisalign graduates this year!"
		if _, err := db.UpdatePost(w.ctx, w.staff, p); err != nil {
			t.Fatal(err)
		}
		if _, err := db.UpdatePost(w.ctx, w.other, p); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("another practice edited the post: %v", err)
		}
		if _, err := db.CreatePost(w.ctx, w.staff, Post{Text: "x", Channels: []authorization.Channel{"myspace"}}); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("unknown channel: %v", err)
		}
		if _, err := db.CreatePost(w.ctx, w.other, Post{Text: "x", Channels: facebook, AuthorizationIDs: []int64{w.authorize(nil)}}); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("linking another practice's authorization: %v", err)
		}
	})
}
