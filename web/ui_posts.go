package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/ideas"
	"github.com/bedsidehq/bedside/media"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/store"
)

// authOption is an authorization as the composer offers it for linking.
type authOption struct {
	ID      int64
	Patient string
	Status  authorization.Status
	Scope   string
	Linked  bool
}

func (s *Server) authOptions(r *http.Request, i *identity, linked []int64) ([]authOption, error) {
	auths, err := s.db.Authorizations(r.Context(), i.User.PracticeID, 0)
	if err != nil {
		return nil, err
	}
	var out []authOption
	if len(auths) == 0 {
		return out, nil
	}
	// One audited list of the practice's patients, not a view per authorization.
	patients, err := s.db.Patients(r.Context(), i.actor())
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, p := range patients {
		names[p.ID] = p.Name
	}
	for _, a := range auths {
		st, _ := authorization.StatusOf(a, time.Now())
		scope := joinNames(a.Elements) + " · " + joinNames(a.Channels) + " · " + joinNames(a.Purposes)
		out = append(out, authOption{ID: a.ID, Patient: names[a.PatientID], Status: st, Scope: scope, Linked: slices.Contains(linked, a.ID)})
	}
	return out, nil
}

// joinNames lists kinds, channels or purposes for display.
func joinNames[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

func (s *Server) postsPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	f := postForm{Channels: []authorization.Channel{"facebook"}}
	q := r.URL.Query()
	if n, err := strconv.Atoi(q.Get("n")); err == nil {
		if list := ideas.For(q.Get("idea"), langParam(q.Get("lang"))); n >= 0 && n < len(list) {
			f.Title = list[n].Title
			f.Text = strings.ReplaceAll(list[n].Text, "[practice name]", i.Practice.Name)
		}
	}
	return s.renderPosts(w, r, i, "", f)
}

// langParam reads a ?lang= value: "es" for Spanish, English otherwise.
func langParam(l string) string {
	if l == "es" {
		return "es"
	}
	return "en"
}

// ideaGroup is one category of content ideas as the posts page lists it.
type ideaGroup struct {
	ideas.Category
	Ideas []ideas.Idea
}

func ideaGroups(lang string) []ideaGroup {
	var out []ideaGroup
	for _, c := range ideas.Categories() {
		out = append(out, ideaGroup{c, ideas.For(c.Key, lang)})
	}
	return out
}

type postForm struct {
	Title, Text      string
	Channels         []authorization.Channel
	Purpose          authorization.Purpose
	AuthorizationIDs []int64
	MediaIDs         []int64 // pictures are attached through the API; the form keeps them
}

func (f postForm) Has(c authorization.Channel) bool { return slices.Contains(f.Channels, c) }

func (s *Server) renderPosts(w http.ResponseWriter, r *http.Request, i *identity, msg string, f postForm) error {
	posts, err := s.db.Posts(r.Context(), i.User.PracticeID, "")
	if err != nil {
		return err
	}
	opts, err := s.authOptions(r, i, f.AuthorizationIDs)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "posts", view{Title: "Posts", Error: msg, Data: map[string]any{"Posts": posts,
		"Composer": newComposer(i, f, opts, "/posts", "Save draft"), "PracticeID": i.User.PracticeID,
		"Ideas": ideaGroups(langParam(r.URL.Query().Get("lang"))), "Lang": langParam(r.URL.Query().Get("lang"))}})
	return nil
}

func readPostForm(r *http.Request) postForm {
	f := postForm{Title: r.PostFormValue("title"), Text: r.PostFormValue("text"), Purpose: authorization.Purpose(r.PostFormValue("purpose"))}
	for _, c := range r.PostForm["channel"] {
		f.Channels = append(f.Channels, authorization.Channel(c))
	}
	for _, a := range r.PostForm["authorization"] {
		if id, err := strconv.ParseInt(a, 10, 64); err == nil {
			f.AuthorizationIDs = append(f.AuthorizationIDs, id)
		}
	}
	for _, m := range r.PostForm["media"] {
		if id, err := strconv.ParseInt(m, 10, 64); err == nil {
			f.MediaIDs = append(f.MediaIDs, id)
		}
	}
	return f
}

func (f postForm) post() store.Post {
	return store.Post{Title: f.Title, Text: f.Text, Channels: f.Channels, Purpose: f.Purpose, AuthorizationIDs: f.AuthorizationIDs, MediaIDs: f.MediaIDs}
}

func (s *Server) postsSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	f := readPostForm(r)
	p, err := s.db.CreatePost(r.Context(), i.actor(), f.post())
	if err != nil {
		if bedside.ErrorCode(err) == bedside.EInternal {
			return err
		}
		return s.renderPosts(w, r, i, bedside.ErrorMessage(err), f)
	}
	http.Redirect(w, r, "/posts/"+strconv.FormatInt(p.ID, 10), http.StatusSeeOther)
	return nil
}

// composer is the post form: new on the posts page, edit on a draft's page.
type composer struct {
	Form           postForm
	Channels       []authorization.Channel
	Purposes       []authorization.Purpose
	Authorizations []authOption
	CSRF, Action   string
	Button         string
}

func newComposer(i *identity, f postForm, opts []authOption, action, button string) composer {
	return composer{Form: f, Channels: authorization.Channels, Purposes: authorization.Purposes, Authorizations: opts,
		CSRF: i.Session.CSRFToken, Action: action, Button: button}
}

// postView is everything the post page shows.
type postView struct {
	Post      store.Post
	Scan      phi.Result
	Uncovered []store.Uncovered
	Snippets  map[int]string // uncovered index -> the flagged words, shown to the practice only
	Composer  composer
	Patients  []store.Patient // for saying who appears in a picture
	Mine      bool
	CanReview bool
	Pictures  []store.Pictured // who each picture shows, with their releases
	Link      string           // a release link just made, shown once
}

func (s *Server) renderPost(w http.ResponseWriter, r *http.Request, i *identity, id int64, msg, notice string, details any) error {
	return s.renderPostLink(w, r, i, id, msg, notice, details, "")
}

func (s *Server) renderPostLink(w http.ResponseWriter, r *http.Request, i *identity, id int64, msg, notice string, details any, link string) error {
	p, err := s.db.Post(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	gate, err := s.gate(r, i)
	if err != nil {
		return err
	}
	res, left, err := s.db.CheckPost(r.Context(), p, gate)
	if err != nil {
		return err
	}
	if d, ok := details.([]store.Uncovered); ok {
		left = d
	}
	snips := map[int]string{}
	for n, u := range left {
		if u.Start >= 0 && u.End <= len(p.Text) && u.Start < u.End {
			snips[n] = p.Text[u.Start:u.End]
		}
	}
	f := postForm{Title: p.Title, Text: p.Text, Channels: p.Channels, Purpose: p.Purpose, AuthorizationIDs: p.AuthorizationIDs, MediaIDs: p.MediaIDs}
	opts, err := s.authOptions(r, i, p.AuthorizationIDs)
	if err != nil {
		return err
	}
	var patients []store.Patient
	if p.State == store.PostDraft {
		if patients, err = s.db.Patients(r.Context(), i.actor()); err != nil {
			return err
		}
	}
	pictures, err := s.pictures(r, i, p.MediaIDs)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusUnprocessableEntity
	}
	title := p.Title
	if title == "" {
		title = "Post " + strconv.FormatInt(p.ID, 10)
	}
	s.render(w, r, status, "post", view{Title: title, Error: msg, Notice: notice, Data: postView{Post: p, Scan: res, Uncovered: left,
		Snippets: snips, Composer: newComposer(i, f, opts, "/posts/"+strconv.FormatInt(id, 10)+"/edit", "Save draft"), Patients: patients,
		Mine: p.AuthorID == i.User.ID, CanReview: complianceUp.allow(i.User.Role), Pictures: pictures, Link: link}})
	return nil
}

func (s *Server) postPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.renderPost(w, r, i, id, "", "", nil)
}

// postStep runs one workflow step from the post page and shows the page again with the outcome.
func (s *Server) postStep(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var notice string
	switch r.PathValue("step") {
	case "edit":
		f := readPostForm(r)
		p := f.post()
		p.ID = id
		_, err = s.db.UpdatePost(r.Context(), i.actor(), p)
		notice = "Draft saved."
	case "media":
		err = s.attachMedia(r, i, id)
		notice = "Picture attached; its metadata was removed."
	case "person", "none-identifiable", "release-link", "release-upload", "release-revoke":
		var link string
		if notice, link, err = s.releaseStep(w, r, i); err == nil {
			return s.renderPostLink(w, r, i, id, "", notice, nil, link)
		}
	case "submit":
		err, notice = s.db.SubmitPost(r.Context(), i.actor(), id), "Sent for approval."
	case "publish":
		err, notice = s.publishPost(r, i, id), "Published."
	case "schedule":
		at, perr := time.ParseInLocation("2006-01-02T15:04", r.PostFormValue("at"), time.Local)
		if perr != nil {
			err = bedside.Errorf(bedside.EInvalid, "choose a date and time")
			break
		}
		var gate store.Gate
		if gate, err = s.gate(r, i); err == nil {
			err, notice = s.db.SchedulePost(r.Context(), i.actor(), id, at, gate), "Scheduled for "+at.Format("Jan 2, 2006 15:04")+"."
		}
	case "approve", "reject", "override", "takedown":
		if !complianceUp.allow(i.User.Role) {
			return bedside.Errorf(bedside.EForbidden, "only a compliance officer or an admin may do this")
		}
		switch r.PathValue("step") {
		case "approve":
			var gate store.Gate
			if gate, err = s.gate(r, i); err == nil {
				err, notice = s.db.ApprovePost(r.Context(), i.actor(), id, r.PostFormValue("comment"), gate), "Approved."
			}
		case "reject":
			err, notice = s.db.RejectPost(r.Context(), i.actor(), id, r.PostFormValue("comment")), "Sent back to the author."
		case "override":
			start, _ := strconv.Atoi(r.PostFormValue("start"))
			end, _ := strconv.Atoi(r.PostFormValue("end"))
			err, notice = s.db.OverrideFinding(r.Context(), i.actor(), store.Override{PostID: id, Kind: phi.Kind(r.PostFormValue("kind")),
				Start: start, End: end, Reason: r.PostFormValue("reason")}), "Override recorded."
		case "takedown":
			err, notice = s.db.TakeDownPost(r.Context(), i.actor(), id), "Taken down."
		}
	default:
		return bedside.Errorf(bedside.ENotFound, "no such step")
	}
	if err != nil {
		if c := bedside.ErrorCode(err); c == bedside.EInternal || c == bedside.ENotFound {
			return err
		}
		return s.renderPost(w, r, i, id, bedside.ErrorMessage(err), "", bedside.ErrorDetails(err))
	}
	return s.renderPost(w, r, i, id, "", notice, nil)
}

func (s *Server) takedownsPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	tds, err := s.db.Takedowns(r.Context(), i.User.PracticeID, true)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "takedowns", view{Title: "Takedown tasks", Data: tds})
	return nil
}

// attachMedia uploads a picture from the post page, with the patients who appear in it, and
// links it to the draft.
func (s *Server) attachMedia(r *http.Request, i *identity, id int64) error {
	p, err := s.db.Post(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	if p.State != store.PostDraft {
		return bedside.Errorf(bedside.EConflict, "pictures are attached to drafts")
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		return bedside.Errorf(bedside.EInvalid, "choose a JPEG or PNG picture")
	}
	defer file.Close()
	var patients []int64
	for _, v := range r.PostForm["patient"] {
		if pid, err := strconv.ParseInt(v, 10, 64); err == nil {
			patients = append(patients, pid)
		}
	}
	clean, err := media.PostMedia().Read(file)
	if err != nil {
		return err
	}
	m, err := s.db.CreateMedia(r.Context(), i.actor(), string(clean.Type), clean.Data, clean.Width, clean.Height, patients, r.PostFormValue("no_patients") == "on")
	if err != nil {
		return err
	}
	p.MediaIDs = append(p.MediaIDs, m.ID)
	_, err = s.db.UpdatePost(r.Context(), i.actor(), p)
	return err
}
