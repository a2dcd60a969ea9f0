package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/auth"
	"github.com/bedsidehq/bedside/phi"
)

// page wraps an HTML handler: a session is required (else the sign-in page), the second factor
// is enforced, and POSTs need the session's CSRF token.
func (s *Server) page(rs roles, h func(http.ResponseWriter, *http.Request, *identity) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		i, err := s.authenticate(r)
		if err != nil || i.Session == nil {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		setIdentity(r, i)
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, maxUpload) // before the CSRF check parses the form
		}
		if i.needsSecondFactor() && r.URL.Path != "/login/totp" && !strings.HasPrefix(r.URL.Path, "/account") {
			if i.User.TOTPEnabled {
				http.Redirect(w, r, "/login/totp", http.StatusSeeOther)
			} else {
				http.Redirect(w, r, "/account", http.StatusSeeOther)
			}
			return
		}
		if err := checkCSRF(r, i); err != nil {
			s.render(w, r, http.StatusForbidden, "checker", view{Title: "Check a post", Error: err.Error()})
			return
		}
		if !rs.allow(i.User.Role) {
			s.render(w, r, http.StatusForbidden, "checker", view{Title: "Check a post", Error: "Your role may not open that page."})
			return
		}
		if gated, err := s.trainingGate(w, r, i); gated || err != nil {
			if err != nil {
				writeError(w, r, err)
			}
			return
		}
		if err := h(w, r, i); err != nil {
			if bedside.ErrorCode(err) == bedside.EInternal {
				writeError(w, r, err)
				return
			}
			s.render(w, r, statusOf[bedside.ErrorCode(err)], "checker", view{Title: "Check a post", Error: bedside.ErrorMessage(err)})
		}
	}
}

func (s *Server) setSessionCookie(w http.ResponseWriter, secret string) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: secret, Path: "/", HttpOnly: true,
		Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode, MaxAge: int(s.cfg.SessionTTL.Seconds())})
}

// startSession signs a user in on this browser.
func (s *Server) startSession(ctx context.Context, w http.ResponseWriter, u bedside.User, secondFactor bool) error {
	secret, hash := auth.NewSecret("")
	csrf, _ := auth.NewSecret("")
	if _, err := s.db.CreateSession(ctx, u, hash, csrf[:32], secondFactor, s.cfg.SessionTTL); err != nil {
		return err
	}
	s.setSessionCookie(w, secret)
	return nil
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if i, err := s.authenticate(r); err == nil && i.Session != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	if has, err := s.db.HasUsers(r.Context()); err == nil && !has {
		s.render(w, r, http.StatusOK, "login", view{Title: "Sign in", Notice: "Bedside is not set up yet: open the setup link that 'bedside serve' printed.", Data: map[string]string{}})
		return
	}
	s.render(w, r, http.StatusOK, "login", view{Title: "Sign in", Data: map[string]string{}})
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	email := r.PostFormValue("email")
	u, _, err := s.checkLogin(r.Context(), clientIP(r), email, r.PostFormValue("password"), "")
	if err == nil {
		err = s.startSession(r.Context(), w, u, false)
	}
	if err != nil {
		if bedside.ErrorCode(err) == bedside.EInternal {
			writeError(w, r, err)
			return
		}
		s.render(w, r, statusOf[bedside.ErrorCode(err)], "login", view{Title: "Sign in", Error: bedside.ErrorMessage(err), Data: map[string]string{"Email": email}})
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) totpPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	if !i.User.TOTPEnabled {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return nil
	}
	s.render(w, r, http.StatusOK, "totp", view{Title: "Second factor"})
	return nil
}

func (s *Server) totpSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	c, err := s.db.CredentialsByEmail(r.Context(), i.User.Email)
	if err != nil {
		return err
	}
	if !auth.ValidTOTP(c.TOTPSecret, r.PostFormValue("code")) {
		if _, err := s.db.LoginFailed(r.Context(), i.User, maxFailures, lockFor); err != nil {
			return err
		}
		s.render(w, r, http.StatusUnauthorized, "totp", view{Title: "Second factor", Error: "That code is not right; try the newest one."})
		return nil
	}
	if err := s.db.SessionSecondFactor(r.Context(), *i.Session); err != nil {
		return err
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, i *identity) error {
	if err := s.db.DeleteSession(r.Context(), *i.Session); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.cfg.SecureCookies})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

func (s *Server) setupPage(w http.ResponseWriter, r *http.Request) {
	ok, err := s.db.SetupTokenValid(r.Context(), auth.HashSecret(r.PathValue("token")))
	if err != nil {
		writeError(w, r, err)
		return
	}
	if !ok {
		s.render(w, r, http.StatusNotFound, "login", view{Title: "Sign in", Error: "This setup link was used already or is not valid.", Data: map[string]string{}})
		return
	}
	s.render(w, r, http.StatusOK, "setup", view{Title: "Set up Bedside", Data: map[string]string{}})
}

func (s *Server) setupSubmit(w http.ResponseWriter, r *http.Request) {
	form := map[string]string{"Practice": r.PostFormValue("practice"), "Name": r.PostFormValue("name"), "Email": r.PostFormValue("email")}
	hash, err := auth.HashPassword(r.PostFormValue("password"))
	if err != nil {
		s.render(w, r, http.StatusUnprocessableEntity, "setup", view{Title: "Set up Bedside", Error: err.Error(), Data: form})
		return
	}
	_, u, err := s.db.UseSetupToken(r.Context(), auth.HashSecret(r.PathValue("token")), form["Practice"], form["Email"], form["Name"], hash)
	if err == nil {
		err = s.startSession(r.Context(), w, u, false)
	}
	if err != nil {
		if bedside.ErrorCode(err) == bedside.EInternal {
			writeError(w, r, err)
			return
		}
		s.render(w, r, statusOf[bedside.ErrorCode(err)], "setup", view{Title: "Set up Bedside", Error: bedside.ErrorMessage(err), Data: form})
		return
	}
	http.Redirect(w, r, "/profile", http.StatusSeeOther)
}

func (s *Server) checkerPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	s.render(w, r, http.StatusOK, "checker", view{Title: "Check a post"})
	return nil
}

type profileField struct{ Key, Label, Value string }

func profileFields(p phi.Profile) []profileField {
	j := func(l []string) string { return strings.Join(l, "\n") }
	return []profileField{
		{"aliases", "Other names of the practice", j(p.Aliases)},
		{"staff", "Staff (names as written in posts, e.g. Dr. Priya Patel)", j(p.Staff)},
		{"phones", "Phone numbers", j(p.Phones)},
		{"faxes", "Fax numbers", j(p.Faxes)},
		{"emails", "Email addresses", j(p.Emails)},
		{"websites", "Websites", j(p.Websites)},
		{"addresses", "Street addresses", j(p.Addresses)},
		{"handles", "Social media handles", j(p.Handles)},
	}
}

func (s *Server) profilePage(w http.ResponseWriter, r *http.Request, i *identity) error {
	p, _, err := s.db.Profile(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "profile", view{Title: "Practice profile", Data: map[string]any{"Name": p.Name, "Fields": profileFields(p)}})
	return nil
}

func (s *Server) profileSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	lines := func(key string) []string {
		var out []string
		for _, l := range strings.Split(r.PostFormValue(key), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	p := phi.Profile{Name: strings.TrimSpace(r.PostFormValue("name")), Aliases: lines("aliases"), Staff: lines("staff"),
		Phones: lines("phones"), Faxes: lines("faxes"), Emails: lines("emails"), Websites: lines("websites"),
		Addresses: lines("addresses"), Handles: lines("handles")}
	v := view{Title: "Practice profile", Data: map[string]any{"Name": p.Name, "Fields": profileFields(p)}}
	if _, err := s.db.UpdateProfile(r.Context(), i.actor(), p); err != nil {
		if bedside.ErrorCode(err) == bedside.EInternal {
			return err
		}
		v.Error = bedside.ErrorMessage(err)
		s.render(w, r, statusOf[bedside.ErrorCode(err)], "profile", v)
		return nil
	}
	v.Notice = "Saved. The checker uses the new profile from now on."
	s.render(w, r, http.StatusOK, "profile", v)
	return nil
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	return s.renderUsers(w, r, i, http.StatusOK, "", "")
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, i *identity, status int, errMsg, notice string) error {
	us, err := s.db.Users(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	s.render(w, r, status, "users", view{Title: "Users and roles", Error: errMsg, Notice: notice, Data: map[string]any{"Users": us}})
	return nil
}

func (s *Server) usersSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	_, err := s.createUser(r, i, newUserRequest{Email: r.PostFormValue("email"), Name: r.PostFormValue("name"),
		Role: bedside.Role(r.PostFormValue("role")), Password: r.PostFormValue("password")})
	if err != nil && bedside.ErrorCode(err) != bedside.EInternal {
		return s.renderUsers(w, r, i, statusOf[bedside.ErrorCode(err)], bedside.ErrorMessage(err), "")
	}
	if err != nil {
		return err
	}
	return s.renderUsers(w, r, i, http.StatusOK, "", "User added.")
}

func (s *Server) userRoleSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return bedside.Errorf(bedside.EInvalid, "a user id is a number")
	}
	if id == i.User.ID {
		return s.renderUsers(w, r, i, http.StatusUnprocessableEntity, "You cannot change your own role.", "")
	}
	if err := s.db.SetRole(r.Context(), i.actor(), id, bedside.Role(r.PostFormValue("role"))); err != nil {
		return err
	}
	return s.renderUsers(w, r, i, http.StatusOK, "", "Role changed.")
}

// userAccessSubmit disables a user (ending their sessions) or lets them back in.
func (s *Server) userAccessSubmit(disable bool) func(http.ResponseWriter, *http.Request, *identity) error {
	return func(w http.ResponseWriter, r *http.Request, i *identity) error {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return bedside.Errorf(bedside.EInvalid, "a user id is a number")
		}
		if id == i.User.ID {
			return s.renderUsers(w, r, i, http.StatusUnprocessableEntity, "You cannot disable yourself.", "")
		}
		if err := s.db.SetDisabled(r.Context(), i.actor(), id, disable); err != nil {
			return err
		}
		notice := "User enabled."
		if disable {
			notice = "User disabled; their sessions and tokens stop working."
		}
		return s.renderUsers(w, r, i, http.StatusOK, "", notice)
	}
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	return s.renderTokens(w, r, i, "", "")
}

func (s *Server) renderTokens(w http.ResponseWriter, r *http.Request, i *identity, secret, notice string) error {
	ts, err := s.db.Tokens(r.Context(), i.User.PracticeID)
	if err != nil {
		return err
	}
	var mine []bedside.APIToken
	for _, t := range ts {
		if i.User.Role == bedside.RoleAdmin || t.UserID == i.User.ID {
			mine = append(mine, t)
		}
	}
	s.render(w, r, http.StatusOK, "tokens", view{Title: "API tokens", Notice: notice, Data: map[string]any{"Tokens": mine, "NewSecret": secret}})
	return nil
}

func (s *Server) tokensSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	secret, _, err := s.newToken(r, i, strings.TrimSpace(r.PostFormValue("name")))
	if err != nil {
		return err
	}
	return s.renderTokens(w, r, i, secret, "")
}

func (s *Server) tokenRevokeSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return bedside.Errorf(bedside.EInvalid, "a token id is a number")
	}
	if err := s.revokeToken(r, i, id); err != nil {
		return err
	}
	return s.renderTokens(w, r, i, "", "Token revoked.")
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	evs, f, err := s.auditEvents(r, i, false)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	s.render(w, r, http.StatusOK, "audit", view{Title: "Audit log", Data: map[string]any{"Events": evs, "Filter": f,
		"Since": q.Get("since"), "Until": q.Get("until"), "Query": filterQuery(q)}})
	return nil
}

// filterQuery keeps the filters for the CSV link.
func filterQuery(q url.Values) string {
	keep := url.Values{}
	for _, k := range []string{"action", "actor", "object_type", "since", "until"} {
		if v := q.Get(k); v != "" {
			keep.Set(k, v)
		}
	}
	return keep.Encode()
}

func (s *Server) auditCSV(w http.ResponseWriter, r *http.Request, i *identity) error {
	evs, _, err := s.auditEvents(r, i, true)
	if err != nil {
		return err
	}
	return writeAuditCSV(w, evs)
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	data := map[string]any{"PracticeRequires": i.Practice.RequireTOTP, "Required": i.needsSecondFactor()}
	if !i.User.TOTPEnabled {
		secret, url, err := auth.NewTOTP("Bedside", i.User.Email)
		if err != nil {
			return err
		}
		data["Secret"], data["URL"] = secret, url
	}
	s.render(w, r, http.StatusOK, "account", view{Title: "Your account", Data: data})
	return nil
}

func (s *Server) totpEnrol(w http.ResponseWriter, r *http.Request, i *identity) error {
	secret := r.PostFormValue("secret")
	if !auth.ValidTOTP(secret, r.PostFormValue("code")) {
		s.render(w, r, http.StatusUnprocessableEntity, "account", view{Title: "Your account", Error: "That code does not match; try the newest one.",
			Data: map[string]any{"Secret": secret, "URL": "", "Required": i.needsSecondFactor()}})
		return nil
	}
	if err := s.db.SetTOTP(r.Context(), i.actor(), i.User.ID, secret, true); err != nil {
		return err
	}
	if err := s.db.SessionSecondFactor(r.Context(), *i.Session); err != nil {
		return err
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
	return nil
}

func (s *Server) requireTOTPSubmit(w http.ResponseWriter, r *http.Request, i *identity) error {
	if err := s.db.SetRequireTOTP(r.Context(), i.actor(), r.PostFormValue("require") == "1"); err != nil {
		return err
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
	return nil
}
