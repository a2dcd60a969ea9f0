package web

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/auth"
	"github.com/bedsidehq/bedside/store"
)

type userJSON struct {
	ID          int64        `json:"id"`
	Email       string       `json:"email"`
	Name        string       `json:"name"`
	Role        bedside.Role `json:"role"`
	TOTPEnabled bool         `json:"totp_enabled"`
	Disabled    bool         `json:"disabled"`
}

func toUserJSON(u bedside.User) userJSON {
	return userJSON{u.ID, u.Email, u.Name, u.Role, u.TOTPEnabled, u.Disabled}
}

func (s *Server) apiUsers(w http.ResponseWriter, r *http.Request, i *identity) error {
	us, err := s.db.Users(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	out := make([]userJSON, 0, len(us))
	for _, u := range us {
		out = append(out, toUserJSON(u))
	}
	writeJSON(w, http.StatusOK, map[string]any{"users": out})
	return nil
}

type newUserRequest struct {
	Email    string       `json:"email"`
	Name     string       `json:"name"`
	Role     bedside.Role `json:"role"`
	Password string       `json:"password"`
}

func (s *Server) createUser(r *http.Request, i *identity, req newUserRequest) (bedside.User, error) {
	hash, err := auth.HashPassword(req.Password)
	if err != nil {
		return bedside.User{}, bedside.Errorf(bedside.EInvalid, "%s", err.Error())
	}
	return s.db.CreateUser(r.Context(), i.actor(), req.Email, req.Name, req.Role, hash)
}

func (s *Server) apiCreateUser(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req newUserRequest
	if err := readJSON(r, &req); err != nil {
		return err
	}
	u, err := s.createUser(r, i, req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, toUserJSON(u))
	return nil
}

type tokenJSON struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Prefix    string     `json:"prefix"`
	UserID    int64      `json:"user_id"`
	CreatedAt time.Time  `json:"created_at"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

func (s *Server) apiTokens(w http.ResponseWriter, r *http.Request, i *identity) error {
	ts, err := s.db.Tokens(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	out := make([]tokenJSON, 0, len(ts))
	for _, t := range ts {
		if i.User.Role != bedside.RoleAdmin && t.UserID != i.User.ID {
			continue // only admins see everyone's tokens
		}
		out = append(out, tokenJSON{t.ID, t.Name, t.Prefix, t.UserID, t.CreatedAt, t.ExpiresAt, t.RevokedAt})
	}
	writeJSON(w, http.StatusOK, map[string]any{"tokens": out})
	return nil
}

// newToken creates a named token for the caller; its secret is returned this once.
func (s *Server) newToken(r *http.Request, i *identity, name string) (string, bedside.APIToken, error) {
	if name == "" || len(name) > 100 {
		return "", bedside.APIToken{}, bedside.Errorf(bedside.EInvalid, "a token needs a name of at most 100 characters")
	}
	secret, hash := auth.NewSecret("bs_")
	tok, err := s.db.CreateToken(r.Context(), i.actor(), i.User.ID, name, secret[:10], hash, 0)
	return secret, tok, err
}

func (s *Server) apiCreateToken(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		Name string `json:"name"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	secret, tok, err := s.newToken(r, i, req.Name)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": tok.ID, "name": tok.Name, "token": secret})
	return nil
}

func (s *Server) revokeToken(r *http.Request, i *identity, id int64) error {
	if i.User.Role != bedside.RoleAdmin {
		ts, err := s.db.Tokens(r.Context(), i.User.PracticeID)
		if err != nil {
			return err
		}
		mine := false
		for _, t := range ts {
			mine = mine || t.ID == id && t.UserID == i.User.ID
		}
		if !mine {
			return bedside.Errorf(bedside.ENotFound, "no such token")
		}
	}
	return s.db.RevokeToken(r.Context(), i.actor(), id)
}

func (s *Server) apiRevokeToken(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return bedside.Errorf(bedside.EInvalid, "a token id is a number")
	}
	if err := s.revokeToken(r, i, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiLocations(w http.ResponseWriter, r *http.Request, i *identity) error {
	ls, err := s.db.Locations(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	out := []map[string]any{}
	for _, l := range ls {
		out = append(out, map[string]any{"id": l.ID, "name": l.Name, "address": l.Address})
	}
	writeJSON(w, http.StatusOK, map[string]any{"locations": out})
	return nil
}

func (s *Server) apiCreateLocation(w http.ResponseWriter, r *http.Request, i *identity) error {
	var req struct {
		Name    string `json:"name"`
		Address string `json:"address"`
	}
	if err := readJSON(r, &req); err != nil {
		return err
	}
	l, err := s.db.CreateLocation(r.Context(), i.actor(), req.Name, req.Address)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"id": l.ID, "name": l.Name, "address": l.Address})
	return nil
}

// auditFilter reads the audit log's filters from the query string.
func auditFilter(r *http.Request) (store.AuditFilter, error) {
	q := r.URL.Query()
	f := store.AuditFilter{Action: q.Get("action"), Actor: q.Get("actor"), ObjectType: q.Get("object_type")}
	for name, dst := range map[string]*time.Time{"since": &f.Since, "until": &f.Until} {
		if v := q.Get(name); v != "" {
			t, err := time.Parse("2006-01-02", v)
			if err != nil {
				return f, bedside.Errorf(bedside.EInvalid, "%s must be a date like 2026-11-26", name)
			}
			*dst = t
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return f, bedside.Errorf(bedside.EInvalid, "limit must be a positive number")
		}
		f.Limit = n
	}
	return f, nil
}

type auditJSON struct {
	Seq        int64     `json:"seq"`
	At         time.Time `json:"at"`
	Actor      string    `json:"actor"`
	Action     string    `json:"action"`
	ObjectType string    `json:"object_type"`
	ObjectID   string    `json:"object_id"`
	Hash       string    `json:"hash"`
}

// auditEvents lists the caller's practice's events with the request's filters; an export gets up
// to 10,000 rows unless the request says otherwise.
func (s *Server) auditEvents(r *http.Request, i *identity, export bool) ([]bedside.AuditEvent, store.AuditFilter, error) {
	f, err := auditFilter(r)
	if err != nil {
		return nil, f, err
	}
	if export && f.Limit == 0 {
		f.Limit = 10000
	}
	evs, err := s.db.AuditEvents(r.Context(), i.User.PracticeID, f)
	return evs, f, err
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request, i *identity) error {
	csv := r.URL.Query().Get("format") == "csv"
	evs, _, err := s.auditEvents(r, i, csv)
	if err != nil {
		return err
	}
	if csv {
		return writeAuditCSV(w, evs)
	}
	out := make([]auditJSON, 0, len(evs))
	for _, e := range evs {
		out = append(out, auditJSON{e.Seq, e.At, e.Actor, e.Action, e.ObjectType, e.ObjectID, e.Hash})
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": out})
	return nil
}

func writeAuditCSV(w http.ResponseWriter, evs []bedside.AuditEvent) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="bedside-audit.csv"`)
	cw := csv.NewWriter(w)
	cw.Write([]string{"seq", "at", "actor", "action", "object_type", "object_id", "prev_hash", "hash"})
	for _, e := range evs {
		cw.Write([]string{strconv.FormatInt(e.Seq, 10), e.At.Format(time.RFC3339Nano), e.Actor, e.Action, e.ObjectType, e.ObjectID, e.PrevHash, e.Hash})
	}
	cw.Flush()
	return cw.Error()
}
