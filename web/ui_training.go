package web

import (
	"net/http"
	"strconv"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/training"
)

func (s *Server) policyPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	return s.renderPolicy(w, r, i, http.StatusOK, "", "")
}

func (s *Server) renderPolicy(w http.ResponseWriter, r *http.Request, i *identity, status int, errMsg, notice string) error {
	v, err := s.policyFor(r.Context(), i)
	if err != nil {
		return err
	}
	if notice == "" && v.Current != nil && !v.Acknowledged {
		notice = "Please read the practice's social-media policy and acknowledge it before you continue."
	}
	s.render(w, r, status, "policy", view{Title: "Social-media policy", Error: errMsg, Notice: notice, Data: v})
	return nil
}

func (s *Server) policyAcknowledge(w http.ResponseWriter, r *http.Request, i *identity) error {
	n, _ := strconv.Atoi(r.PostFormValue("version"))
	if _, err := s.db.AcknowledgePolicy(r.Context(), i.actor(), n); err != nil {
		if bedside.ErrorCode(err) == bedside.EInternal {
			return err
		}
		return s.renderPolicy(w, r, i, statusOf[bedside.ErrorCode(err)], bedside.ErrorMessage(err), "")
	}
	http.Redirect(w, r, "/training", http.StatusSeeOther)
	return nil
}

func (s *Server) policySave(w http.ResponseWriter, r *http.Request, i *identity) error {
	publish := r.PostFormValue("publish") == "1"
	v, err := s.db.SavePolicyVersion(r.Context(), i.actor(), r.PostFormValue("text"), publish)
	if err != nil {
		if bedside.ErrorCode(err) == bedside.EInternal {
			return err
		}
		return s.renderPolicy(w, r, i, statusOf[bedside.ErrorCode(err)], bedside.ErrorMessage(err), "")
	}
	notice := "Version " + strconv.Itoa(v.Number) + " saved as a draft."
	if publish {
		notice = "Version " + strconv.Itoa(v.Number) + " published: everyone must acknowledge it."
	}
	return s.renderPolicy(w, r, i, http.StatusOK, "", notice)
}

// trainingData is what the course page shows: the lessons, the quiz and, after an attempt, the
// marked answers.
type trainingData struct {
	Lessons []training.Lesson
	Items   []quizItem
	Pass    int
	Result  *graded
	Expires string
}

func (s *Server) trainingPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	st, err := s.db.UserTrainingStatus(r.Context(), i.User.PracticeID, i.User.ID)
	if err != nil {
		return err
	}
	if st.NeedsPolicy() {
		http.Redirect(w, r, "/policy", http.StatusSeeOther)
		return nil
	}
	d := trainingData{Lessons: training.Lessons, Items: quizItems(), Pass: training.PassPercent}
	notice := "Read the lessons, then decide for each text whether it may be posted."
	if st.ExpiresAt != nil && !st.NeedsTraining() {
		d.Expires = st.ExpiresAt.Format("2 January 2006")
		notice = "Your training is valid until " + d.Expires + ". You may take the quiz again at any time."
	}
	s.render(w, r, http.StatusOK, "training", view{Title: "Social-media training", Notice: notice, Data: d})
	return nil
}

func (s *Server) trainingSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	answers := map[string]training.Answer{}
	for _, it := range training.Quiz {
		answers[it.ID] = training.Answer(r.PostFormValue("q_" + it.ID))
	}
	g, err := s.grade(r.Context(), i, answers)
	if err != nil {
		return err
	}
	d := trainingData{Lessons: training.Lessons, Items: quizItems(), Pass: training.PassPercent, Result: &g}
	v := view{Title: "Social-media training", Data: d}
	if g.Attempt.Passed {
		v.Notice = "Passed: " + strconv.Itoa(g.Attempt.Score) + " of " + strconv.Itoa(g.Attempt.Total) +
			" correct. Your training is valid for a year."
	} else {
		v.Error = "Not passed: " + strconv.Itoa(g.Attempt.Score) + " of " + strconv.Itoa(g.Attempt.Total) +
			" correct; " + strconv.Itoa(training.PassPercent) + "% is needed. Read why below, then try again."
	}
	s.render(w, r, http.StatusOK, "training", v)
	return nil
}

func (s *Server) compliancePage(w http.ResponseWriter, r *http.Request, i *identity) error {
	return s.renderCompliance(w, r, i, "")
}

func (s *Server) renderCompliance(w http.ResponseWriter, r *http.Request, i *identity, notice string) error {
	st, err := s.db.TrainingStatuses(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	on, err := s.db.TrainingRequired(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	overdue := 0
	for _, u := range st {
		if !u.Current() {
			overdue++
		}
	}
	s.render(w, r, http.StatusOK, "compliance", view{Title: "Policy and training compliance", Notice: notice,
		Data: map[string]any{"Users": st, "Required": on, "Overdue": overdue}})
	return nil
}

func (s *Server) complianceSettings(w http.ResponseWriter, r *http.Request, i *identity) error {
	on := r.PostFormValue("required") == "1"
	if err := s.db.SetTrainingRequired(r.Context(), i.actor(), on); err != nil {
		return err
	}
	notice := "Users may use Bedside without the policy and training."
	if on {
		notice = "From now on users must acknowledge the policy and hold a valid training to use Bedside."
	}
	return s.renderCompliance(w, r, i, notice)
}
