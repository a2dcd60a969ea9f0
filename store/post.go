package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/share"
	"github.com/bedsidehq/bedside/webhook"
)

// PostState is where a post is in the workflow: draft -> submitted -> approved -> (scheduled ->)
// published -> taken_down. A rejection sends it back to draft with the reviewer's comment.
type PostState string

// The states of a post.
const (
	PostDraft     PostState = "draft"
	PostSubmitted PostState = "submitted"
	PostApproved  PostState = "approved"
	PostScheduled PostState = "scheduled"
	PostPublished PostState = "published"
	PostTakenDown PostState = "taken_down"
)

// MaxPostText bounds a post's text, in characters: Facebook's limit is the longest of the
// channels Bedside publishes to.
const MaxPostText = 63206

// Post is an item for the practice's channels. Title, text, channels, purpose, review comments
// and override reasons are sealed at rest.
type Post struct {
	ID               int64                   `json:"id"`
	PracticeID       int64                   `json:"-"`
	AuthorID         int64                   `json:"author_id"`
	State            PostState               `json:"state"`
	Title            string                  `json:"title"`
	Text             string                  `json:"text"`
	Channels         []authorization.Channel `json:"channels"`
	Purpose          authorization.Purpose   `json:"purpose,omitempty"`
	AuthorizationIDs []int64                 `json:"authorization_ids"`
	MediaIDs         []int64                 `json:"media_ids"`
	Reviews          []PostReview            `json:"reviews"`
	Overrides        []Override              `json:"overrides"`
	CreatedAt        time.Time               `json:"created_at"`
	UpdatedAt        time.Time               `json:"updated_at"`
	PublishedAt      *time.Time              `json:"published_at,omitempty"`
	PublishAt        *time.Time              `json:"publish_at,omitempty"` // when a scheduled post goes out
	SnapshotSHA256   string                  `json:"snapshot_sha256,omitempty"`
	// Credit is set for a re-share: the text ends with its credit block, which is another
	// author's words and is not scanned as the practice's.
	Credit *share.Credit `json:"credit,omitempty"`
}

// postContent is the sealed part of a post.
type postContent struct {
	Title    string                  `json:"title"`
	Text     string                  `json:"text"`
	Channels []authorization.Channel `json:"channels"`
	Purpose  authorization.Purpose   `json:"purpose,omitempty"`
	Credit   *share.Credit           `json:"credit,omitempty"`
}

// PostReview is a compliance officer's decision on a submitted post.
type PostReview struct {
	ReviewerID int64     `json:"reviewer_id"`
	Decision   string    `json:"decision"` // approve or reject
	Comment    string    `json:"comment,omitempty"`
	At         time.Time `json:"at"`
}

// Override is a compliance officer's written judgement that one finding is a false positive.
type Override struct {
	PostID int64     `json:"post_id"`
	UserID int64     `json:"user_id"`
	Kind   phi.Kind  `json:"kind"`
	Start  int       `json:"start"`
	End    int       `json:"end"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// Uncovered is a finding that blocks a post: where it is and why no authorization covers it.
// It carries offsets, not the text, so that a refusal never repeats PHI.
type Uncovered struct {
	Kind    phi.Kind `json:"kind"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
	MediaID int64    `json:"media_id,omitempty"` // set for a picture: Start and End are then 0
	// Person is the label the practice gave someone pictured without a valid release. It goes to
	// the signed-in staff in the refusal's details, never into its message (which may be logged).
	Person string `json:"person,omitempty"`
	Reason string `json:"reason"`
}

// Gate scans a post and checks its findings against the authorizations linked to it; it returns
// the scan and the findings left uncovered. ScanGate is the real one; the caller supplies it
// because the scanner depends on the practice's profile at that moment.
type Gate func(p Post, linked []authorization.Authorization) (phi.Result, []authorization.Uncovered, error)

// ScanGate scans the practice's words of the post with sc as a post and applies
// authorization.Gate at the time now gives.
func ScanGate(sc *phi.Scanner, now func() time.Time) Gate {
	return func(p Post, linked []authorization.Authorization) (phi.Result, []authorization.Uncovered, error) {
		res, err := share.Scan(sc, p.Text, p.Credit)
		if err != nil {
			return res, nil, bedside.Errorf(bedside.EInvalid, "%s", err.Error())
		}
		return res, authorization.Gate(authorization.Request{Findings: res.Findings, Channels: p.Channels, Purpose: p.Purpose, At: now()}, linked), nil
	}
}

func (p *Post) validate() error {
	p.Title = strings.TrimSpace(p.Title)
	if strings.TrimSpace(p.Text) == "" {
		return bedside.Errorf(bedside.EInvalid, "a post needs text")
	}
	if n := utf8.RuneCountInString(p.Text); n > MaxPostText {
		return bedside.Errorf(bedside.EInvalid, "the text is %d characters; the limit is %d", n, MaxPostText)
	}
	if len(p.Channels) == 0 {
		return bedside.Errorf(bedside.EInvalid, "choose at least one channel")
	}
	for _, c := range p.Channels {
		if !slices.Contains(authorization.Channels, c) {
			return bedside.Errorf(bedside.EInvalid, "unknown channel %q", c)
		}
	}
	if p.Purpose != "" && !slices.Contains(authorization.Purposes, p.Purpose) {
		return bedside.Errorf(bedside.EInvalid, "unknown purpose %q", p.Purpose)
	}
	if p.Credit != nil {
		if err := p.Credit.Validate(); err != nil {
			return bedside.Errorf(bedside.EInvalid, "%s", err.Error())
		}
	}
	slices.Sort(p.AuthorizationIDs)
	p.AuthorizationIDs = slices.Compact(p.AuthorizationIDs)
	slices.Sort(p.MediaIDs)
	p.MediaIDs = slices.Compact(p.MediaIDs)
	return nil
}

// CreatePost stores a draft and links the authorizations it names.
func (db *DB) CreatePost(ctx context.Context, actor Actor, p Post) (Post, error) {
	if err := p.validate(); err != nil {
		return p, err
	}
	now := db.now()
	p.PracticeID, p.AuthorID, p.State, p.CreatedAt, p.UpdatedAt = actor.PracticeID, actor.UserID, PostDraft, now, now
	err := db.tx(ctx, func(t *Tx) error {
		id, err := t.insert(ctx, `INSERT INTO posts (practice_id, author_id, state, sealed, key_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, 0, ?, ?)`, actor.PracticeID, actor.UserID, PostDraft, []byte{0}, ms(now), ms(now))
		if err != nil {
			return fmt.Errorf("insert post: %w", err)
		}
		p.ID = id
		if err := t.sealPost(ctx, p); err != nil {
			return err
		}
		if err := t.linkAuthorizations(ctx, p); err != nil {
			return err
		}
		if err := t.linkMedia(ctx, p); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "post.create", "post", strconv.FormatInt(id, 10))
	})
	return p, err
}

// UpdatePost replaces a draft's content and links. Overrides belong to the text they judged, so
// an edit drops them.
func (db *DB) UpdatePost(ctx context.Context, actor Actor, p Post) (Post, error) {
	if err := p.validate(); err != nil {
		return p, err
	}
	err := db.tx(ctx, func(t *Tx) error {
		cur, err := t.lockPost(ctx, actor.PracticeID, p.ID)
		if err != nil {
			return err
		}
		if cur.State != PostDraft {
			return bedside.Errorf(bedside.EConflict, "only a draft can be edited; this post is %s", cur.State)
		}
		p.PracticeID, p.AuthorID, p.State, p.CreatedAt, p.UpdatedAt = cur.PracticeID, cur.AuthorID, PostDraft, cur.CreatedAt, db.now()
		if p.Credit == nil {
			p.Credit = cur.Credit // an edit keeps the credit; the gate exempts it only while the text still ends with it
		}
		if _, err := t.exec(ctx, "UPDATE posts SET updated_at = ? WHERE id = ?", ms(p.UpdatedAt), p.ID); err != nil {
			return err
		}
		if err := t.sealPost(ctx, p); err != nil {
			return err
		}
		for _, q := range []string{"DELETE FROM post_authorizations WHERE post_id = ?", "DELETE FROM post_overrides WHERE post_id = ?", "DELETE FROM post_media WHERE post_id = ?"} {
			if _, err := t.exec(ctx, q, p.ID); err != nil {
				return err
			}
		}
		if err := t.linkAuthorizations(ctx, p); err != nil {
			return err
		}
		if err := t.linkMedia(ctx, p); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "post.update", "post", strconv.FormatInt(p.ID, 10))
	})
	return p, err
}

// SubmitPost sends a draft to the compliance officers.
func (db *DB) SubmitPost(ctx context.Context, actor Actor, id int64) error {
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.move(ctx, actor, id, PostDraft, PostSubmitted); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE posts SET submitted_at = ? WHERE id = ?", ms(db.now()), id); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "post.submit", "post", strconv.FormatInt(id, 10))
	})
}

// ApprovePost approves a submitted post. The approver may not be its author, and the gate must
// find every finding covered by a linked valid authorization or by an override.
func (db *DB) ApprovePost(ctx context.Context, actor Actor, id int64, comment string, gate Gate) error {
	return db.tx(ctx, func(t *Tx) error {
		p, err := t.lockPost(ctx, actor.PracticeID, id)
		if err != nil {
			return err
		}
		if p.State != PostSubmitted {
			return bedside.Errorf(bedside.EConflict, "only a submitted post can be approved; this post is %s", p.State)
		}
		if p.AuthorID == actor.UserID {
			return bedside.Errorf(bedside.EForbidden, "you wrote this post: another compliance officer must approve it")
		}
		if _, _, err := t.runGate(ctx, p, gate); err != nil {
			return err
		}
		// Approvals count from the latest submission, one per officer.
		var required, mine, approvals int
		if err := t.queryRow(ctx, `SELECT pr.approvals_required,
			(SELECT COUNT(*) FROM post_reviews r WHERE r.post_id = p.id AND r.decision = 'approve' AND r.created_at >= p.submitted_at AND r.reviewer_id = ?),
			(SELECT COUNT(DISTINCT r.reviewer_id) FROM post_reviews r WHERE r.post_id = p.id AND r.decision = 'approve' AND r.created_at >= p.submitted_at)
			FROM posts p JOIN practices pr ON pr.id = p.practice_id WHERE p.id = ?`, actor.UserID, id).Scan(&required, &mine, &approvals); err != nil {
			return err
		}
		if mine > 0 {
			return bedside.Errorf(bedside.EConflict, "you approved this post already: a second compliance officer must approve it")
		}
		if err := t.addReview(ctx, actor, id, "approve", comment); err != nil {
			return err
		}
		if approvals+1 >= required {
			if _, err := t.move(ctx, actor, id, PostSubmitted, PostApproved); err != nil {
				return err
			}
		}
		return t.audit(ctx, actor.PracticeID, actor, "post.approve", "post", strconv.FormatInt(id, 10))
	})
}

// RejectPost sends a submitted post back to draft with a comment saying why.
func (db *DB) RejectPost(ctx context.Context, actor Actor, id int64, comment string) error {
	if strings.TrimSpace(comment) == "" {
		return bedside.Errorf(bedside.EInvalid, "say why the post is rejected, so the author can fix it")
	}
	return db.tx(ctx, func(t *Tx) error {
		p, err := t.move(ctx, actor, id, PostSubmitted, PostDraft)
		if err != nil {
			return err
		}
		if p.AuthorID == actor.UserID {
			return bedside.Errorf(bedside.EForbidden, "you wrote this post: withdraw it by editing it instead")
		}
		if err := t.addReview(ctx, actor, id, "reject", comment); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "post.reject", "post", strconv.FormatInt(id, 10))
	})
}

// MinOverrideReason is the shortest written reason an override accepts.
const MinOverrideReason = 20

// OverrideFinding records that one finding of a submitted post is a false positive. Only someone
// other than the author may do it, and only with a written reason.
func (db *DB) OverrideFinding(ctx context.Context, actor Actor, o Override) error {
	o.Reason = strings.TrimSpace(o.Reason)
	if utf8.RuneCountInString(o.Reason) < MinOverrideReason {
		return bedside.Errorf(bedside.EInvalid, "an override needs a written reason of at least %d characters", MinOverrideReason)
	}
	if o.Kind == "" || o.Start < 0 || o.End <= o.Start {
		return bedside.Errorf(bedside.EInvalid, "name the finding: its kind, start and end")
	}
	return db.tx(ctx, func(t *Tx) error {
		p, err := t.lockPost(ctx, actor.PracticeID, o.PostID)
		if err != nil {
			return err
		}
		if p.State != PostSubmitted {
			return bedside.Errorf(bedside.EConflict, "findings are overridden while a post awaits approval; this post is %s", p.State)
		}
		if p.AuthorID == actor.UserID {
			return bedside.Errorf(bedside.EForbidden, "you wrote this post: another compliance officer must judge its findings")
		}
		id, err := t.insert(ctx, `INSERT INTO post_overrides (practice_id, post_id, user_id, kind, span_start, span_end, sealed, key_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)`, actor.PracticeID, o.PostID, actor.UserID, string(o.Kind), o.Start, o.End, []byte{0}, ms(db.now()))
		if err != nil {
			return fmt.Errorf("insert override: %w", err)
		}
		if err := t.sealRow(ctx, "post_overrides", id, []byte(o.Reason)); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "post.override", "post", strconv.FormatInt(o.PostID, 10))
	})
}

// snapshot is what a published post is archived as: what went out, what the scanner said, who
// approved it, what was overridden and the authorizations it relied on, as they were.
type snapshot struct {
	Post           Post                          `json:"post"`
	Scan           json.RawMessage               `json:"scan"`
	Authorizations []authorization.Authorization `json:"authorizations"`
	PublishedBy    string                        `json:"published_by"`
	PublishedAt    time.Time                     `json:"published_at"`
}

// PublishPost publishes an approved post after running the gate again: an authorization revoked
// or expired since approval blocks it. The linked authorizations are locked for the transaction,
// so a revocation cannot slip between the check and the publication.
func (db *DB) PublishPost(ctx context.Context, actor Actor, id int64, gate Gate) error {
	return db.tx(ctx, func(t *Tx) error {
		p, err := t.lockPost(ctx, actor.PracticeID, id)
		if err != nil {
			return err
		}
		if p.State != PostApproved && p.State != PostScheduled {
			return bedside.Errorf(bedside.EConflict, "only an approved post can be published; this post is %s", p.State)
		}
		res, linked, err := t.runGate(ctx, p, gate)
		if err != nil {
			return err
		}
		now, from := db.now(), p.State
		p.State, p.PublishedAt, p.PublishAt = PostPublished, &now, nil
		snap, err := json.Marshal(snapshot{Post: p, Scan: res.AppendJSON(nil), Authorizations: linked, PublishedBy: actor.String(), PublishedAt: now})
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `INSERT INTO post_snapshots (post_id, practice_id, sealed, key_id, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			id, actor.PracticeID, db.keys.Seal(snap, rowContext("post_snapshots", id)), int(db.keys.Current()), sha256Hex(snap), ms(now)); err != nil {
			return fmt.Errorf("insert snapshot: %w", err)
		}
		if _, err := t.move(ctx, actor, id, from, PostPublished); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE posts SET published_at = ? WHERE id = ?", ms(now), id); err != nil {
			return err
		}
		ev := webhook.Published(actor.PracticeID, webhook.Post{ID: id, Title: p.Title, Text: p.Text, Channels: channelNames(p.Channels), PublishedAt: now}, now)
		if err := t.enqueueEvent(ctx, actor.PracticeID, ev); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "post.publish", "post", strconv.FormatInt(id, 10))
	})
}

// TakeDownPost removes a published post from its channels and closes its takedown tasks.
func (db *DB) TakeDownPost(ctx context.Context, actor Actor, id int64) error {
	return db.tx(ctx, func(t *Tx) error {
		if _, err := t.move(ctx, actor, id, PostPublished, PostTakenDown); err != nil {
			return err
		}
		now := ms(db.now())
		if _, err := t.exec(ctx, "UPDATE posts SET taken_down_at = ? WHERE id = ?", now, id); err != nil {
			return err
		}
		if _, err := t.exec(ctx, "UPDATE takedowns SET done_at = ? WHERE post_id = ? AND done_at IS NULL", now, id); err != nil {
			return err
		}
		if err := t.enqueueEvent(ctx, actor.PracticeID, webhook.TakenDown(actor.PracticeID, id, db.now())); err != nil {
			return err
		}
		return t.audit(ctx, actor.PracticeID, actor, "post.takedown", "post", strconv.FormatInt(id, 10))
	})
}

// runGate locks the post's authorizations and evaluates the gate, refusing with the uncovered
// findings as details.
func (t *Tx) runGate(ctx context.Context, p Post, gate Gate) (phi.Result, []authorization.Authorization, error) {
	// Touching the rows takes their write locks (PostgreSQL) or the database's (SQLite) until commit.
	if _, err := t.exec(ctx, `UPDATE authorizations SET revoked_at = revoked_at WHERE practice_id = ?
		AND id IN (SELECT authorization_id FROM post_authorizations WHERE post_id = ?)`, p.PracticeID, p.ID); err != nil {
		return phi.Result{}, nil, err
	}
	// And the releases of the people in its pictures, so a revocation cannot slip in either.
	if _, err := t.exec(ctx, `UPDATE releases SET revoked_at = revoked_at WHERE practice_id = ? AND person_id IN
		(SELECT mp.id FROM media_people mp JOIN post_media pm ON pm.media_id = mp.media_id WHERE pm.post_id = ?)`, p.PracticeID, p.ID); err != nil {
		return phi.Result{}, nil, err
	}
	res, linked, left, err := t.db.evaluate(ctx, p, gate, t.db.now())
	if err != nil {
		return res, nil, err
	}
	if len(left) > 0 {
		people := 0
		for _, u := range left {
			if u.Person != "" {
				people++
			}
		}
		msg := fmt.Sprintf("%d finding(s) are not covered by a valid authorization for these channels and this purpose", len(left)-people)
		if people > 0 {
			// Counts only: the labels name people, and messages reach logs.
			msg = fmt.Sprintf("not covered: %d finding(s) lack a valid authorization and %d person(s) pictured lack a valid release for these channels", len(left)-people, people)
		}
		return res, nil, &bedside.Error{Code: bedside.EInvalid, Details: left, Message: msg}
	}
	return res, linked, nil
}

// CheckPost evaluates the gate for a post as it stands, for the composer: the scan and what
// would block approval now.
func (db *DB) CheckPost(ctx context.Context, p Post, gate Gate) (phi.Result, []Uncovered, error) {
	res, _, left, err := db.evaluate(ctx, p, gate, db.now())
	if left == nil {
		left = []Uncovered{}
	}
	return res, left, err
}

// evaluate opens the post's authorizations, runs the gate and drops overridden findings. at is
// the moment pictures' releases must be valid; the gate carries its own.
func (db *DB) evaluate(ctx context.Context, p Post, gate Gate, at time.Time) (phi.Result, []authorization.Authorization, []Uncovered, error) {
	var linked []authorization.Authorization
	for _, aid := range p.AuthorizationIDs {
		a, err := db.authorization(ctx, p.PracticeID, aid)
		if err != nil {
			return phi.Result{}, nil, nil, err
		}
		linked = append(linked, a)
	}
	res, uncovered, err := gate(p, linked)
	if err != nil {
		return res, nil, nil, err
	}
	var left []Uncovered
	for _, u := range uncovered {
		f := u.Finding
		if slices.ContainsFunc(p.Overrides, func(o Override) bool { return o.Kind == f.Kind && o.Start == f.Start && o.End == f.End }) {
			continue
		}
		left = append(left, Uncovered{Kind: f.Kind, Start: f.Start, End: f.End, Reason: u.Reason})
	}
	// Pictures: every patient who appears needs their own PHOTO authorization for every channel.
	req := authorization.Request{Channels: p.Channels, Purpose: p.Purpose, At: at}
	for _, mid := range p.MediaIDs {
		m, err := db.media(ctx, db.read, p.PracticeID, mid)
		if err != nil {
			return res, nil, nil, err
		}
		for _, pid := range m.PatientIDs {
			if why := authorization.CoverPhoto(pid, req, linked); why != "" {
				left = append(left, Uncovered{Kind: phi.Photo, MediaID: mid,
					Reason: fmt.Sprintf("patient %d appears in picture %d: %s", pid, mid, why)})
			}
		}
		// Everyone else listed in it needs a signed release covering the channels.
		people, err := db.unreleased(ctx, p.PracticeID, mid, p.Channels, at)
		if err != nil {
			return res, nil, nil, err
		}
		left = append(left, people...)
	}
	return res, linked, left, nil
}

// move changes a post's state only if it is in the expected one, so that two people acting at
// once cannot both succeed.
func (t *Tx) move(ctx context.Context, actor Actor, id int64, from, to PostState) (Post, error) {
	p, err := t.lockPost(ctx, actor.PracticeID, id)
	if err != nil {
		return p, err
	}
	if p.State != from {
		return p, bedside.Errorf(bedside.EConflict, "this post is %s, not %s", p.State, from)
	}
	if _, err := t.exec(ctx, "UPDATE posts SET state = ?, updated_at = ? WHERE id = ? AND state = ?", to, ms(t.db.now()), id, from); err != nil {
		return p, err
	}
	p.State = to
	return p, nil
}

func (t *Tx) addReview(ctx context.Context, actor Actor, postID int64, decision, comment string) error {
	id, err := t.insert(ctx, `INSERT INTO post_reviews (practice_id, post_id, reviewer_id, decision, sealed, key_id, created_at)
		VALUES (?, ?, ?, ?, ?, 0, ?)`, actor.PracticeID, postID, actor.UserID, decision, []byte{0}, ms(t.db.now()))
	if err != nil {
		return fmt.Errorf("insert review: %w", err)
	}
	return t.sealRow(ctx, "post_reviews", id, []byte(strings.TrimSpace(comment)))
}

func (t *Tx) sealPost(ctx context.Context, p Post) error {
	plain, _ := json.Marshal(postContent{Title: p.Title, Text: p.Text, Channels: p.Channels, Purpose: p.Purpose, Credit: p.Credit})
	return t.sealRow(ctx, "posts", p.ID, plain)
}

func (t *Tx) linkAuthorizations(ctx context.Context, p Post) error {
	for _, aid := range p.AuthorizationIDs {
		var n int
		if err := t.queryRow(ctx, "SELECT COUNT(*) FROM authorizations WHERE id = ? AND practice_id = ?", aid, p.PracticeID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return bedside.Errorf(bedside.ENotFound, "no such authorization: %d", aid)
		}
		if _, err := t.exec(ctx, "INSERT INTO post_authorizations (practice_id, post_id, authorization_id) VALUES (?, ?, ?)", p.PracticeID, p.ID, aid); err != nil {
			return fmt.Errorf("link authorization: %w", err)
		}
	}
	return nil
}

// lockPost reads a post of the practice inside the transaction, locking its row.
func (t *Tx) lockPost(ctx context.Context, practiceID, id int64) (Post, error) {
	res, err := t.exec(ctx, "UPDATE posts SET state = state WHERE id = ? AND practice_id = ?", id, practiceID)
	if err != nil {
		return Post{}, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Post{}, bedside.Errorf(bedside.ENotFound, "no such post")
	}
	return t.db.post(ctx, t.tx, practiceID, id)
}

// Post opens a post of the actor's practice with its links, reviews and overrides.
func (db *DB) Post(ctx context.Context, actor Actor, id int64) (Post, error) {
	return db.post(ctx, db.read, actor.PracticeID, id)
}

// querier is *sql.DB or *sql.Tx: reads run inside a transaction when they must see its writes.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (db *DB) post(ctx context.Context, q querier, practiceID, id int64) (Post, error) {
	p := Post{ID: id, PracticeID: practiceID}
	var sealed []byte
	var created, updated int64
	var published, publishAt sql.NullInt64
	var snapHash sql.NullString
	err := q.QueryRowContext(ctx, db.q(`SELECT p.author_id, p.state, p.sealed, p.created_at, p.updated_at, p.published_at, p.publish_at, s.sha256
		FROM posts p LEFT JOIN post_snapshots s ON s.post_id = p.id WHERE p.practice_id = ? AND p.id = ?`), practiceID, id).
		Scan(&p.AuthorID, &p.State, &sealed, &created, &updated, &published, &publishAt, &snapHash)
	if errors.Is(err, sql.ErrNoRows) {
		return p, bedside.Errorf(bedside.ENotFound, "no such post")
	}
	if err != nil {
		return p, fmt.Errorf("post: %w", err)
	}
	var c postContent
	if err := db.openJSON(sealed, rowContext("posts", id), &c); err != nil {
		return p, fmt.Errorf("post %d: %w", id, err)
	}
	p.Title, p.Text, p.Channels, p.Purpose, p.Credit = c.Title, c.Text, c.Channels, c.Purpose, c.Credit
	p.CreatedAt, p.UpdatedAt, p.SnapshotSHA256 = fromMS(created), fromMS(updated), snapHash.String
	if published.Valid {
		t := fromMS(published.Int64)
		p.PublishedAt = &t
	}
	if publishAt.Valid && p.State == PostScheduled {
		t := fromMS(publishAt.Int64)
		p.PublishAt = &t
	}
	if p.AuthorizationIDs, err = db.idList(ctx, q, "SELECT authorization_id FROM post_authorizations WHERE post_id = ? ORDER BY authorization_id", id); err != nil {
		return p, err
	}
	if p.MediaIDs, err = db.idList(ctx, q, "SELECT media_id FROM post_media WHERE post_id = ? ORDER BY media_id", id); err != nil {
		return p, err
	}
	p.Reviews = []PostReview{}
	if err := each(ctx, q, db.q("SELECT id, reviewer_id, decision, sealed, created_at FROM post_reviews WHERE post_id = ? ORDER BY id"), []any{id}, func(rows *sql.Rows) error {
		var r PostReview
		var rid, at int64
		var s []byte
		if err := rows.Scan(&rid, &r.ReviewerID, &r.Decision, &s, &at); err != nil {
			return err
		}
		c, err := db.keys.Open(s, rowContext("post_reviews", rid))
		r.Comment, r.At = string(c), fromMS(at)
		p.Reviews = append(p.Reviews, r)
		return err
	}); err != nil {
		return p, err
	}
	p.Overrides, err = db.overrides(ctx, q, "practice_id = ? AND post_id = ?", practiceID, id)
	return p, err
}

// Overrides lists every override of the practice, newest first: the report a compliance officer
// reviews.
func (db *DB) Overrides(ctx context.Context, practiceID int64) ([]Override, error) {
	return db.overrides(ctx, db.read, "practice_id = ? ORDER BY id DESC", practiceID)
}

func (db *DB) overrides(ctx context.Context, q querier, where string, args ...any) ([]Override, error) {
	out := []Override{}
	err := each(ctx, q, db.q("SELECT id, post_id, user_id, kind, span_start, span_end, sealed, created_at FROM post_overrides WHERE "+where), args, func(rows *sql.Rows) error {
		var o Override
		var id, at int64
		var s []byte
		if err := rows.Scan(&id, &o.PostID, &o.UserID, &o.Kind, &o.Start, &o.End, &s, &at); err != nil {
			return err
		}
		reason, err := db.keys.Open(s, rowContext("post_overrides", id))
		o.Reason, o.At = string(reason), fromMS(at)
		out = append(out, o)
		return err
	})
	return out, err
}

// PostSummary is a post as listed: no text.
type PostSummary struct {
	ID          int64      `json:"id"`
	AuthorID    int64      `json:"author_id"`
	State       PostState  `json:"state"`
	Title       string     `json:"title"`
	UpdatedAt   time.Time  `json:"updated_at"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
}

// Posts lists the practice's posts, newest first, optionally in one state.
func (db *DB) Posts(ctx context.Context, practiceID int64, state PostState) ([]PostSummary, error) {
	out := []PostSummary{}
	err := each(ctx, db.read, db.q("SELECT id, author_id, state, sealed, updated_at, published_at FROM posts WHERE practice_id = ? AND (? = '' OR state = ?) ORDER BY id DESC LIMIT 500"),
		[]any{practiceID, string(state), string(state)}, func(rows *sql.Rows) error {
			var s PostSummary
			var sealed []byte
			var updated int64
			var published sql.NullInt64
			if err := rows.Scan(&s.ID, &s.AuthorID, &s.State, &sealed, &updated, &published); err != nil {
				return err
			}
			var c postContent
			if err := db.openJSON(sealed, rowContext("posts", s.ID), &c); err != nil {
				return fmt.Errorf("post %d: %w", s.ID, err)
			}
			s.Title, s.UpdatedAt = c.Title, fromMS(updated)
			if published.Valid {
				t := fromMS(published.Int64)
				s.PublishedAt = &t
			}
			out = append(out, s)
			return nil
		})
	return out, err
}

// PublishedPosts returns the practice's live posts in full (links, reviews, overrides), newest
// first, for a rescan; the public feed reads FeedPosts.
func (db *DB) PublishedPosts(ctx context.Context, practiceID int64, limit int) ([]Post, error) {
	ids, err := db.idList(ctx, db.read, "SELECT id FROM posts WHERE practice_id = ? AND state = ? ORDER BY published_at DESC, id DESC LIMIT ?", practiceID, PostPublished, limit)
	if err != nil {
		return nil, err
	}
	out := make([]Post, 0, len(ids))
	for _, id := range ids {
		p, err := db.post(ctx, db.read, practiceID, id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func channelNames(cs []authorization.Channel) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// FeedPosts returns what the public feed shows of the practice's live posts, newest first: title,
// text and publication time, in one query, because the feed is public and read often.
func (db *DB) FeedPosts(ctx context.Context, practiceID int64, limit int) ([]Post, error) {
	out := []Post{}
	err := each(ctx, db.read, db.q("SELECT id, sealed, published_at FROM posts WHERE practice_id = ? AND state = ? ORDER BY published_at DESC, id DESC LIMIT ?"),
		[]any{practiceID, PostPublished, limit}, func(rows *sql.Rows) error {
			p := Post{PracticeID: practiceID, State: PostPublished}
			var sealed []byte
			var published int64
			if err := rows.Scan(&p.ID, &sealed, &published); err != nil {
				return err
			}
			var c postContent
			if err := db.openJSON(sealed, rowContext("posts", p.ID), &c); err != nil {
				return fmt.Errorf("post %d: %w", p.ID, err)
			}
			t := fromMS(published)
			p.Title, p.Text, p.Channels, p.PublishedAt = c.Title, c.Text, c.Channels, &t
			out = append(out, p)
			return nil
		})
	return out, err
}

func (db *DB) openJSON(sealed []byte, context string, v any) error {
	plain, err := db.keys.Open(sealed, context)
	if err != nil {
		return err
	}
	return json.Unmarshal(plain, v)
}

// each runs a query and calls fn for every row.
func each(ctx context.Context, q querier, query string, args []any, fn func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	return eachRow(rows, fn)
}

// eachRow calls fn on each row of rows, then closes them.
func eachRow(rows *sql.Rows, fn func(*sql.Rows) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
