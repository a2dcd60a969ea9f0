package web

import (
	"bytes"
	"context"
	"net/http"
	"strings"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/policy"
	"github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/training"
)

// policyView is the current policy as a user sees it, with their acknowledgement.
type policyView struct {
	Current      *store.PolicyVersion  `json:"current"`
	Acknowledged bool                  `json:"acknowledged"`
	Versions     []store.PolicyVersion `json:"versions,omitempty"`  // admins: every saved version
	Generated    string                `json:"generated,omitempty"` // admins: the text the settings give now
}

func (s *Server) policyFor(ctx context.Context, i *identity) (policyView, error) {
	var v policyView
	cur, err := s.db.CurrentPolicy(ctx, i.User.PracticeID)
	if err == nil {
		v.Current = &cur
	} else if bedside.ErrorCode(err) != bedside.ENotFound {
		return v, err
	}
	st, err := s.db.UserTrainingStatus(ctx, i.User.PracticeID, i.User.ID)
	if err != nil {
		return v, err
	}
	v.Acknowledged = v.Current != nil && !st.NeedsPolicy()
	if i.User.Role == bedside.RoleAdmin {
		if v.Versions, err = s.db.PolicyVersions(ctx, i.User.PracticeID); err != nil {
			return v, err
		}
		settings, err := s.db.PolicySettings(ctx, i.User.PracticeID)
		if err != nil {
			return v, err
		}
		v.Generated = policy.Generate(settings)
	}
	return v, nil
}

func (s *Server) apiPolicy(w http.ResponseWriter, r *http.Request, i *identity) error {
	v, err := s.policyFor(r.Context(), i)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

// apiSavePolicy keeps a new version: the given text, or the one generated from the settings.
func (s *Server) apiSavePolicy(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		Text    string `json:"text"`
		Publish bool   `json:"publish"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	v, err := s.db.SavePolicyVersion(r.Context(), i.actor(), req.Text, req.Publish)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, v)
	return nil
}

func (s *Server) apiAcknowledgePolicy(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		Version int `json:"version"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	ack, err := s.db.AcknowledgePolicy(r.Context(), i.actor(), req.Version)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ack)
	return nil
}

// quizItem is a question as the quiz shows it: without its answer.
type quizItem struct {
	ID        string      `json:"id"`
	Text      string      `json:"text"`
	Context   phi.Context `json:"context"`
	InReplyTo *phi.Parent `json:"in_reply_to,omitempty"`
}

func quizItems() []quizItem {
	out := make([]quizItem, len(training.Quiz))
	for n, it := range training.Quiz {
		out[n] = quizItem{ID: it.ID, Text: it.Text, Context: it.Context, InReplyTo: it.InReplyTo}
	}
	return out
}

func (s *Server) apiQuiz(w http.ResponseWriter, r *http.Request, i *identity) error {
	writeJSON(w, http.StatusOK, map[string]any{"lessons": training.Lessons, "items": quizItems(), "pass_percent": training.PassPercent})
	return nil
}

// gradedItem is one marked answer with the right one and why.
type gradedItem struct {
	quizItem
	Given       training.Answer `json:"given"`
	Answer      training.Answer `json:"answer"`
	Correct     bool            `json:"correct"`
	Explanation string          `json:"explanation"`
}

type graded struct {
	Attempt store.TrainingAttempt `json:"attempt"`
	Percent int                   `json:"percent"`
	Items   []gradedItem          `json:"items"`
}

// grade scores answers, records the attempt and explains each item with the practice's own
// scanner, so the explanation is what the checker says about the text. Answers are never logged.
func (s *Server) grade(ctx context.Context, i *identity, answers map[string]training.Answer) (graded, error) {
	res := training.Score(training.Quiz, answers)
	a, err := s.db.RecordTrainingAttempt(ctx, i.actor(), res)
	if err != nil {
		return graded{}, err
	}
	sc, err := s.scanner(ctx, i.User.PracticeID, i.ProfileVersion)
	if err != nil {
		return graded{}, err
	}
	g := graded{Attempt: a, Percent: res.Percent}
	items := quizItems()
	for n, it := range training.Quiz {
		g.Items = append(g.Items, gradedItem{quizItem: items[n], Given: res.Items[n].Given, Answer: it.Answer,
			Correct: res.Items[n].Correct, Explanation: training.Explain(sc, it)})
	}
	return g, nil
}

func (s *Server) apiTrainingAttempt(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		Answers map[string]training.Answer `json:"answers"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	g, err := s.grade(r.Context(), i, req.Answers)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, g)
	return nil
}

func (s *Server) apiTrainingStatus(w http.ResponseWriter, r *http.Request, i *identity) error {
	st, err := s.db.TrainingStatuses(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	on, err := s.db.TrainingRequired(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"required": on, "users": st})
	return nil
}

func (s *Server) apiSetTrainingRequired(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		Required bool `json:"required"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	if err := s.db.SetTrainingRequired(r.Context(), i.actor(), req.Required); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"required": req.Required})
	return nil
}

// apiTrainingEvidence answers the auditor's export as CSV or PDF.
func (s *Server) apiTrainingEvidence(pdf bool) func(http.ResponseWriter, *http.Request, *identity) error {
	return func(w http.ResponseWriter, r *http.Request, i *identity) error {
		e, err := s.db.TrainingEvidence(r.Context(), i.User.PracticeID)
		if err != nil {
			return err
		}
		if err := s.db.Audit(r.Context(), i.actor(), "training.evidence", "practice", ""); err != nil {
			return err
		}
		if pdf {
			b, err := training.PDF(e)
			if err != nil {
				return err
			}
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Content-Disposition", `attachment; filename="training-evidence.pdf"`)
			w.Write(b)
			return nil
		}
		var buf bytes.Buffer
		if err := training.WriteCSV(&buf, e); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="training-evidence.csv"`)
		w.Write(buf.Bytes())
		return nil
	}
}

// trainingGate sends a signed-in user who has not acknowledged the current policy, or holds no
// valid training, to the page that fixes it, when the practice requires training. The API is
// never gated, and admins keep the pages they need to set things up.
func (s *Server) trainingGate(w http.ResponseWriter, r *http.Request, i *identity) (bool, error) {
	if trainingExempt(r.URL.Path, i.User.Role) {
		return false, nil
	}
	on, err := s.db.TrainingRequired(r.Context(), i.User.PracticeID)
	if err != nil || !on {
		return false, err
	}
	st, err := s.db.UserTrainingStatus(r.Context(), i.User.PracticeID, i.User.ID)
	if err != nil {
		return false, err
	}
	switch {
	case st.NeedsPolicy():
		http.Redirect(w, r, "/policy", http.StatusSeeOther)
	case st.NeedsTraining():
		http.Redirect(w, r, "/training", http.StatusSeeOther)
	default:
		return false, nil
	}
	return true, nil
}

func trainingExempt(path string, role bedside.Role) bool {
	under := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if path == p || strings.HasPrefix(path, p+"/") {
				return true
			}
		}
		return false
	}
	return under("/policy", "/training", "/account", "/logout", "/login/totp") ||
		role == bedside.RoleAdmin && under("/compliance", "/users", "/profile")
}
