package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/store"
)

// consentKeys are the columns of the contacts table, in order.
var consentKeys = []string{"email/marketing", "email/treatment", "sms/marketing", "sms/treatment"}

func (s *Server) contactsPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	return s.renderContacts(w, r, i, "", "", nil)
}

func (s *Server) renderContacts(w http.ResponseWriter, r *http.Request, i *identity, msg, notice string, results []store.ImportResult) error {
	cs, err := s.contactsWithConsent(r.Context(), i.actor())
	if err != nil {
		return err
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "contacts", view{Title: "Contacts", Error: msg, Notice: notice,
		Data: map[string]any{"Contacts": cs, "Keys": consentKeys, "Results": results}})
	return nil
}

func (s *Server) contactsSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	c, err := s.db.CreateContact(r.Context(), i.actor(), store.Contact{Name: r.PostFormValue("name"),
		Email: r.PostFormValue("email"), Phone: r.PostFormValue("phone")})
	if c := bedside.ErrorCode(err); c == bedside.EInvalid || c == bedside.EConflict {
		return s.renderContacts(w, r, i, bedside.ErrorMessage(err), "", nil)
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, "/contacts/"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
	return nil
}

func (s *Server) contactsImport(w http.ResponseWriter, r *http.Request, i *identity) error {
	file, _, err := r.FormFile("file")
	if err != nil {
		return s.renderContacts(w, r, i, "Choose a CSV file.", "", nil)
	}
	defer file.Close()
	rows, err := parseContactsCSV(file)
	var results []store.ImportResult
	if err == nil {
		results, err = s.db.ImportContacts(r.Context(), i.actor(), rows, "import-"+strconv.FormatInt(time.Now().UnixMilli(), 10))
	}
	if bedside.ErrorCode(err) == bedside.EInvalid {
		return s.renderContacts(w, r, i, bedside.ErrorMessage(err), "", results)
	} else if err != nil {
		return err
	}
	created := 0
	for _, res := range results {
		if res.Created {
			created++
		}
	}
	return s.renderContacts(w, r, i, "", fmt.Sprintf("%d rows imported, %d new contacts.", len(results), created), results)
}

func (s *Server) contactPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	return s.renderContact(w, r, i, "", "")
}

func (s *Server) renderContact(w http.ResponseWriter, r *http.Request, i *identity, msg, notice string) error {
	cj, err := s.pathContact(r, i)
	if err != nil {
		return err
	}
	evs, err := s.db.ConsentHistory(r.Context(), i.actor(), cj.ID)
	if err != nil {
		return err
	}
	texts, err := s.db.ConsentTexts(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "contact", view{Title: "Contact", Error: msg, Notice: notice,
		Data: map[string]any{"Contact": cj, "Events": evs, "Texts": texts, "Keys": consentKeys}})
	return nil
}

// contactConsentSubmit records what the person told staff, or signed on paper.
func (s *Server) contactConsentSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ch, p, _ := strings.Cut(r.PostFormValue("key"), "/")
	_, err = s.recordStaffConsent(r, i, id, staffConsent{Channel: ch, Purpose: p, Kind: r.PostFormValue("kind"),
		Method: r.PostFormValue("method"), TextVersion: r.PostFormValue("text_version")})
	if c := bedside.ErrorCode(err); c == bedside.EInvalid || c == bedside.EConflict {
		return s.renderContact(w, r, i, bedside.ErrorMessage(err), "")
	} else if err != nil {
		return err
	}
	return s.renderContact(w, r, i, "", "Recorded.")
}

func (s *Server) contactWipeSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.db.WipeContact(r.Context(), i.actor(), id); err != nil {
		return err
	}
	return s.renderContacts(w, r, i, "", "Contact wiped. Their addresses stay on the suppression list.", nil)
}

func (s *Server) consentSettingsPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	return s.renderConsentSettings(w, r, i, "", "")
}

func (s *Server) renderConsentSettings(w http.ResponseWriter, r *http.Request, i *identity, msg, notice string) error {
	texts, err := s.db.ConsentTexts(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	data := map[string]any{"Texts": texts, "SignupURL": s.baseURL(r) + "/subscribe/" + strconv.FormatInt(i.User.PracticeID, 10)}
	if len(texts) > 0 {
		v, err := s.signupForm(r.Context(), i.User.PracticeID)
		if err != nil {
			return err
		}
		v.Action, v.Embed = s.baseURL(r)+"/subscribe", true
		var b bytes.Buffer
		if err := s.pages.public["subscribe"].ExecuteTemplate(&b, "signup-form", v); err != nil {
			return fmt.Errorf("snippet: %w", err)
		}
		data["Snippet"] = b.String()
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "consent_settings", view{Title: "Consent texts and signup form", Error: msg, Notice: notice, Data: data})
	return nil
}

func (s *Server) consentTextSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	_, err := s.putConsentText(r.Context(), i, r.PostFormValue("version"), strings.ReplaceAll(r.PostFormValue("body"), "\r\n", "\n"),
		r.PostFormValue("not_condition_of_purchase") == "1")
	if c := bedside.ErrorCode(err); c == bedside.EInvalid || c == bedside.EConflict {
		return s.renderConsentSettings(w, r, i, bedside.ErrorMessage(err), "")
	} else if err != nil {
		return err
	}
	return s.renderConsentSettings(w, r, i, "", "Saved. The signup page and snippet now show this version.")
}

// StatusOf is a template helper: the consent status of a contact for "channel/purpose".
func (c contactJSON) StatusOf(key string) string { return c.Consent[key] }
