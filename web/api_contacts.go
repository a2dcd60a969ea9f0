package web

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/consent"
	"github.com/bedsidehq/bedside/store"
)

// contactJSON is a contact with the consent derived from its ledger: one status per channel and
// purpose ("email/marketing": "confirmed"), and the permission level the evidence supports.
type contactJSON struct {
	store.Contact
	Level      string            `json:"level"`
	Consent    map[string]string `json:"consent"`
	Suppressed map[string]bool   `json:"suppressed"`
}

func withConsent(c store.Contact, s consent.State) contactJSON {
	out := contactJSON{Contact: c, Consent: map[string]string{}, Suppressed: map[string]bool{}}
	for _, ch := range consent.Channels {
		for _, p := range consent.Purposes {
			out.Consent[string(ch)+"/"+string(p)] = string(s.Of(ch, p).Status)
		}
		out.Suppressed[string(ch)] = s.Suppressed[ch]
	}
	level, _ := consent.Level(append(s.ConsentEvidence(), s.Evidence...))
	out.Level = level.String()
	return out
}

func (s *Server) contactWithConsent(ctx context.Context, actor store.Actor, c store.Contact) (contactJSON, error) {
	st, err := s.db.ConsentState(ctx, actor, c.ID)
	if err != nil {
		return contactJSON{}, err
	}
	return withConsent(c, st), nil
}

func (s *Server) contactsWithConsent(ctx context.Context, actor store.Actor) ([]contactJSON, error) {
	cs, err := s.db.Contacts(ctx, actor)
	if err != nil {
		return nil, err
	}
	out := make([]contactJSON, 0, len(cs))
	for _, c := range cs {
		cj, err := s.contactWithConsent(ctx, actor, c)
		if err != nil {
			return nil, err
		}
		out = append(out, cj)
	}
	return out, nil
}

func (s *Server) apiContacts(w http.ResponseWriter, r *http.Request, i *identity) error {
	out, err := s.contactsWithConsent(r.Context(), i.actor())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"contacts": out})
	return nil
}

func (s *Server) apiCreateContact(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		Name  string `json:"name"`
		Email string `json:"email"`
		Phone string `json:"phone"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	c, err := s.db.CreateContact(r.Context(), i.actor(), store.Contact{Name: req.Name, Email: req.Email, Phone: req.Phone})
	if err != nil {
		return err
	}
	cj, err := s.contactWithConsent(r.Context(), i.actor(), c)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, cj)
	return nil
}

func (s *Server) apiContact(w http.ResponseWriter, r *http.Request, i *identity) error {
	cj, err := s.pathContact(r, i)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, cj)
	return nil
}

// pathContact is the contact the URL names, with its consent, for the API and the page alike.
func (s *Server) pathContact(r *http.Request, i *identity) (contactJSON, error) {
	id, err := pathID(r)
	if err != nil {
		return contactJSON{}, err
	}
	c, err := s.db.Contact(r.Context(), i.actor(), id)
	if err != nil {
		return contactJSON{}, err
	}
	return s.contactWithConsent(r.Context(), i.actor(), c)
}

// apiWipeContact erases the contact's personal data; its addresses stay on the suppression list.
func (s *Server) apiWipeContact(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.db.WipeContact(r.Context(), i.actor(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// eventJSON is one ledger entry as the API shows it.
type eventJSON struct {
	ID                     int64     `json:"id"`
	Channel                string    `json:"channel"`
	Purpose                string    `json:"purpose"`
	Kind                   string    `json:"kind"`
	Method                 string    `json:"method"`
	Source                 string    `json:"source"`
	TextVersion            string    `json:"text_version,omitempty"`
	TextSHA256             string    `json:"text_sha256,omitempty"`
	NotConditionOfPurchase bool      `json:"not_condition_of_purchase,omitempty"`
	At                     time.Time `json:"at"`
	IP                     string    `json:"ip,omitempty"`
	UserAgent              string    `json:"user_agent,omitempty"`
	Actor                  string    `json:"actor"`
}

func eventOut(e consent.Event) eventJSON {
	return eventJSON{ID: e.ID, Channel: string(e.Channel), Purpose: string(e.Purpose), Kind: string(e.Kind), Method: string(e.Method),
		Source: e.Source, TextVersion: e.Text.Version, TextSHA256: e.Text.SHA256, NotConditionOfPurchase: e.Text.NotConditionOfPurchase,
		At: e.At, IP: e.IP, UserAgent: e.UserAgent, Actor: e.Actor}
}

func (s *Server) apiConsents(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	evs, err := s.db.ConsentHistory(r.Context(), i.actor(), id)
	if err != nil {
		return err
	}
	out := make([]eventJSON, 0, len(evs))
	for _, e := range evs {
		out = append(out, eventOut(e))
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": out})
	return nil
}

// staffConsent is what staff record on a contact's ledger: what the person said (staff) or
// signed (paper), never a web form or a confirmation, which only the person can make.
type staffConsent struct {
	Channel     string    `json:"channel"`
	Purpose     string    `json:"purpose"`
	Kind        string    `json:"kind"`
	Method      string    `json:"method"`
	TextVersion string    `json:"text_version"`
	At          time.Time `json:"at"`
	Source      string    `json:"source"`
}

func (s *Server) recordStaffConsent(r *http.Request, i *identity, contactID int64, req staffConsent) (consent.Event, error) {
	m := consent.Method(req.Method)
	if m != consent.Staff && m != consent.Paper {
		return consent.Event{}, bedside.Errorf(bedside.EInvalid, "staff record consent with method staff or paper")
	}
	k := consent.Kind(req.Kind)
	if k != consent.Given && k != consent.Revoked {
		return consent.Event{}, bedside.Errorf(bedside.EInvalid, "staff record given or revoked; only the person can confirm")
	}
	source := strings.TrimSpace(req.Source)
	if source == "" {
		source = "staff"
	}
	return s.db.RecordConsent(r.Context(), i.actor(), contactID, consent.Event{Channel: consent.Channel(req.Channel),
		Purpose: consent.Purpose(req.Purpose), Kind: k, Method: m, Source: source, Text: consent.Text{Version: req.TextVersion},
		At: req.At, IP: s.clientIP(r), UserAgent: r.UserAgent()})
}

func (s *Server) apiRecordConsent(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req staffConsent
	if err := readJSON(r, &req); err != nil {
		return err
	}
	e, err := s.recordStaffConsent(r, i, id, req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, eventOut(e))
	return nil
}

// maxContactsCSV bounds an uploaded contact list (50,000 rows of a few fields each).
const maxContactsCSV = 16 << 20

// apiImportContacts takes a CSV file (the body, or a multipart field named file): all rows or
// none, with a result per row.
func (s *Server) apiImportContacts(w http.ResponseWriter, r *http.Request, i *identity) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxContactsCSV)
	body := r.Body
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		f, _, err := r.FormFile("file")
		if err != nil {
			return bedside.Errorf(bedside.EInvalid, "send the CSV as the body, or as multipart/form-data in a field named file")
		}
		defer f.Close()
		body = f
	}
	rows, err := parseContactsCSV(body)
	if err != nil {
		return err
	}
	importID := r.URL.Query().Get("import_id")
	if importID == "" {
		importID = "import-" + strconv.FormatInt(time.Now().UnixMilli(), 10)
	}
	results, err := s.db.ImportContacts(r.Context(), i.actor(), rows, importID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"import_id": importID, "results": results})
	return nil
}

func (s *Server) apiPutConsentText(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		Body                   string `json:"body"`
		NotConditionOfPurchase bool   `json:"not_condition_of_purchase"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	t, err := s.putConsentText(r.Context(), i, r.PathValue("version"), req.Body, req.NotConditionOfPurchase)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"version": t.Version, "sha256": t.SHA256, "not_condition_of_purchase": t.NotConditionOfPurchase})
	return nil
}

// putConsentText registers a wording. A text marked as saying that consent is not a condition of
// purchase must say so in words, since SMS marketing rests on that flag (TCPA).
func (s *Server) putConsentText(ctx context.Context, i *identity, version, body string, notCondition bool) (consent.Text, error) {
	if notCondition && !strings.Contains(strings.ToLower(strings.Join(strings.Fields(body), " ")), "not a condition of purchase") {
		return consent.Text{}, bedside.Errorf(bedside.EInvalid, `a text for marketing texts must say "consent is not a condition of purchase"`)
	}
	return s.db.PutConsentText(ctx, i.actor(), version, body, notCondition)
}

// clientIP is the address the request came from. Proxy headers are believed only when the
// server is configured to sit behind a proxy that sets them; otherwise anyone could write any
// address into the consent evidence or dodge the signup rate limit.
func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.TrustProxyHeaders {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			// The right-most entry is the one our proxy appended; those before it are the client's word.
			if ip := net.ParseIP(strings.TrimSpace(parts[len(parts)-1])); ip != nil {
				return ip.String()
			}
		}
		if ip := net.ParseIP(strings.TrimSpace(r.Header.Get("X-Real-IP"))); ip != nil {
			return ip.String()
		}
	}
	return clientIP(r)
}
