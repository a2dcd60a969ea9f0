package store_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/release"
	. "github.com/bedsidehq/bedside/store"
)

// eventPhoto uploads a picture with no patient in it and lists a staff member and a visitor.
func (w *workflow) eventPhoto() (media, staff, visitor int64) {
	w.t.Helper()
	m, err := w.db.CreateMedia(w.ctx, w.staff, "image/png", []byte("\x89PNG event"), 4, 4, nil, true)
	if err != nil {
		w.t.Fatal(err)
	}
	s, err := w.db.AddPerson(w.ctx, w.staff, m.ID, Person{Kind: release.Staff, Label: "Dr. Lee (staff)", Name: "Dana Lee"})
	if err != nil {
		w.t.Fatal(err)
	}
	v, err := w.db.AddPerson(w.ctx, w.staff, m.ID, Person{Kind: release.Visitor, Name: "Quentin Marsh"})
	if err != nil {
		w.t.Fatal(err)
	}
	if v.Label != "visitor 1" {
		w.t.Fatalf("default label %q", v.Label)
	}
	return m.ID, s.ID, v.ID
}

func (w *workflow) sign(media, person int64, token string, expires time.Time) {
	w.t.Helper()
	draft := release.Release{Event: "Spring open house", Uses: []release.Use{release.SocialMedia}, Expires: expires}
	if _, err := w.db.CreateReleaseLink(w.ctx, w.staff, media, person, draft, []byte(`{}`), []byte("%PDF form"), token, time.Hour); err != nil {
		w.t.Fatal(err)
	}
	ev := Evidence{TypedName: "Signer", SignaturePNG: []byte("png"), IP: "192.0.2.1", UserAgent: "test", At: w.db.Now()}
	if _, err := w.db.SignRelease(w.ctx, token, ev, "", func(ReleaseLink, release.Release) ([]byte, error) { return []byte("%PDF copy"), nil }); err != nil {
		w.t.Fatal(err)
	}
}

// TestEventPhotoReleases: a post whose picture shows a visitor without a release is refused,
// naming the visitor by label; once both people have signed it is approved and published; a
// revoked or expired release blocks again.
func TestEventPhotoReleases(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		w := newWorkflow(t, db)
		media, staff, visitor := w.eventPhoto()
		post := func() int64 {
			p, err := db.CreatePost(w.ctx, w.staff, Post{Title: "Open house", Text: "A look back at our spring open house.",
				Channels: facebook, MediaIDs: []int64{media}})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.SubmitPost(w.ctx, w.staff, p.ID); err != nil {
				t.Fatal(err)
			}
			return p.ID
		}
		id := post()
		w.sign(media, staff, "tok-staff", time.Time{})
		err := db.ApprovePost(w.ctx, w.co, id, "", w.gate)
		refusedFor(t, err, "visitor 1 appears in picture")
		var e *bedside.Error
		errors.As(err, &e)
		if left := e.Details.([]Uncovered); len(left) != 1 || left[0].Person != "visitor 1" {
			t.Fatalf("only the visitor is missing: %+v", left)
		}
		if strings.Contains(e.Message, "visitor") || strings.Contains(e.Message, "Lee") {
			t.Fatalf("the message names someone: %q", e.Message)
		}
		w.sign(media, visitor, "tok-visitor", time.Time{})
		if err := db.ApprovePost(w.ctx, w.co, id, "", w.gate); err != nil {
			t.Fatal(err)
		}
		if err := db.PublishPost(w.ctx, w.co, id, w.gate); err != nil {
			t.Fatal(err)
		}

		// Revoked: a second post with the same picture is refused.
		pic, err := db.Pictured(w.ctx, w.staff, media)
		if err != nil || len(pic.People) != 2 || pic.People[1].Status != release.Valid {
			t.Fatalf("pictured: %+v %v", pic, err)
		}
		second := post()
		if err := db.ApprovePost(w.ctx, w.co, second, "", w.gate); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeRelease(w.ctx, w.admin, pic.People[1].Releases[0].ID); err != nil {
			t.Fatal(err)
		}
		refusedFor(t, db.PublishPost(w.ctx, w.co, second, w.gate), "visitor 1 appears in picture")

		// Expired: the visitor signs again until tomorrow; the day after, publishing is refused.
		w.sign(media, visitor, "tok-visitor-2", w.now.Add(24*time.Hour))
		later := w.now.Add(48 * time.Hour)
		db.SetClock(func() time.Time { return later })
		defer db.SetClock(time.Now)
		refusedFor(t, db.PublishPost(w.ctx, w.co, second, w.gate), "expired")
	})
}

// TestChildReleaseNeedsGuardian: a release for a child is signed by a parent or guardian who
// says how they are related; without that, neither signing nor an upload is accepted.
func TestChildReleaseNeedsGuardian(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		w := newWorkflow(t, db)
		m, err := db.CreateMedia(w.ctx, w.staff, "image/png", []byte("\x89PNG kid"), 4, 4, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		kid, err := db.AddPerson(w.ctx, w.staff, m.ID, Person{Kind: release.Child, Label: "child: Mia's parent", Name: "Mia"})
		if err != nil {
			t.Fatal(err)
		}
		scan := release.Release{SignerName: "Ana", Event: "Fair", Uses: []release.Use{release.Website}, SignedAt: w.now}
		if _, err := db.UploadRelease(w.ctx, w.staff, m.ID, kid.ID, scan, "application/pdf", []byte("%PDF scan")); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("a child's scan without a guardian: %v", err)
		}
		draft := release.Release{Event: "Fair", Uses: []release.Use{release.Website}}
		if _, err := db.CreateReleaseLink(w.ctx, w.staff, m.ID, kid.ID, draft, []byte(`{}`), []byte("%PDF"), "kid", time.Hour); err != nil {
			t.Fatal(err)
		}
		ev := Evidence{TypedName: "Ana", SignaturePNG: []byte("png"), At: w.now}
		copyPDF := func(ReleaseLink, release.Release) ([]byte, error) { return []byte("%PDF copy"), nil }
		if _, err := db.SignRelease(w.ctx, "kid", ev, "", copyPDF); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("signing for a child without a relationship: %v", err)
		}
		r, err := db.SignRelease(w.ctx, "kid", ev, "mother", copyPDF)
		if err != nil || r.Relationship != "mother" || release.StatusOf(r, w.now.Add(time.Minute)) != release.Valid {
			t.Fatalf("signed by the mother: %+v %v", r, err)
		}
		if _, err := db.SignRelease(w.ctx, "kid", ev, "mother", copyPDF); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("a link signs once: %v", err)
		}
		// A website-only release does not cover Facebook.
		p, _ := db.CreatePost(w.ctx, w.staff, Post{Text: "Our booth at the fair", Channels: []authorization.Channel{"facebook", "website"}, MediaIDs: []int64{m.ID}})
		db.SubmitPost(w.ctx, w.staff, p.ID)
		refusedFor(t, db.ApprovePost(w.ctx, w.co, p.ID, "", w.gate), "does not cover social_media")
	})
}

// TestNoneIdentifiable: a crowd from behind needs no release, and who said so is recorded.
func TestNoneIdentifiable(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		w := newWorkflow(t, db)
		m, err := db.CreateMedia(w.ctx, w.staff, "image/png", []byte("\x89PNG crowd"), 4, 4, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.MarkNoneIdentifiable(w.ctx, w.staff, m.ID); err != nil {
			t.Fatal(err)
		}
		pic, err := db.Pictured(w.ctx, w.staff, m.ID)
		if err != nil || !pic.NoneIdentifiable || pic.NoneIdentifiableBy != w.staff.UserID {
			t.Fatalf("mark: %+v %v", pic, err)
		}
		p, _ := db.CreatePost(w.ctx, w.staff, Post{Text: "What a crowd!", Channels: facebook, MediaIDs: []int64{m.ID}})
		db.SubmitPost(w.ctx, w.staff, p.ID)
		if err := db.ApprovePost(w.ctx, w.co, p.ID, "", w.gate); err != nil {
			t.Fatal(err)
		}
		m2, _ := db.CreateMedia(w.ctx, w.staff, "image/png", []byte("\x89PNG two"), 4, 4, nil, true)
		db.AddPerson(w.ctx, w.staff, m2.ID, Person{Kind: release.Visitor})
		if err := db.MarkNoneIdentifiable(w.ctx, w.staff, m2.ID); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("marking a picture with people listed: %v", err)
		}
	})
}
