package web

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/auth"
	"github.com/bedsidehq/bedside/store"
)

// Sign-in limits: per client address and per account, in the shared database.
const (
	maxAttemptsPerIP    = 30
	maxAttemptsPerEmail = 10
	attemptWindow       = 15 * time.Minute
	maxFailures         = 5 // failed passwords before the account is locked
	lockFor             = 15 * time.Minute
	apiLoginTTL         = 12 * time.Hour
)

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// checkLogin verifies an email, password and (when the account has one) TOTP code, applying the
// rate limits and the lockout. Every failure answers the same, so accounts cannot be discovered.
func (s *Server) checkLogin(ctx context.Context, ip, email, password, code string) (bedside.User, bool, error) {
	bad := bedside.Errorf(bedside.EUnauthorized, "wrong email, password or code")
	if ok, err := s.db.LoginAllowed(ctx, "ip:"+ip, maxAttemptsPerIP, attemptWindow); err != nil {
		return bedside.User{}, false, err
	} else if !ok {
		return bedside.User{}, false, bedside.Errorf(bedside.ERateLimited, "too many sign-in attempts; wait a few minutes")
	}
	if ok, err := s.db.LoginAllowed(ctx, "email:"+store.NormalizeEmail(email), maxAttemptsPerEmail, attemptWindow); err != nil {
		return bedside.User{}, false, err
	} else if !ok {
		return bedside.User{}, false, bedside.Errorf(bedside.ERateLimited, "too many sign-in attempts; wait a few minutes")
	}
	c, err := s.db.CredentialsByEmail(ctx, email)
	if bedside.ErrorCode(err) == bedside.ENotFound {
		auth.DummyCheck(password)
		return bedside.User{}, false, bad
	}
	if err != nil {
		return bedside.User{}, false, err
	}
	if time.Now().Before(c.LockedUntil) {
		return bedside.User{}, false, bedside.Errorf(bedside.ERateLimited, "this account is locked for a few minutes after too many failed sign-ins")
	}
	if c.User.Disabled || !auth.CheckPassword(c.PasswordHash, password) {
		if _, err := s.db.LoginFailed(ctx, c.User, maxFailures, lockFor); err != nil {
			return bedside.User{}, false, err
		}
		return bedside.User{}, false, bad
	}
	secondFactor := false
	if c.User.TOTPEnabled && code != "" {
		if !auth.ValidTOTP(c.TOTPSecret, code) {
			if _, err := s.db.LoginFailed(ctx, c.User, maxFailures, lockFor); err != nil {
				return bedside.User{}, false, err
			}
			return bedside.User{}, false, bad
		}
		secondFactor = true
	}
	return c.User, secondFactor, nil
}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	TOTP     string `json:"totp,omitempty"`
}

// apiLogin trades an email and password (and a TOTP code when the account uses one) for a bearer
// token that lasts apiLoginTTL.
func (s *Server) apiLogin(w http.ResponseWriter, r *http.Request) {
	var req loginRequest
	if err := readJSON(r, &req); err != nil {
		writeError(w, r, err)
		return
	}
	u, second, err := s.checkLogin(r.Context(), clientIP(r), req.Email, req.Password, req.TOTP)
	if err == nil && u.TOTPEnabled && !second {
		err = bedside.Errorf(bedside.EUnauthorized, "this account needs a TOTP code: send it as \"totp\"")
	}
	if err == nil {
		p, perr := s.db.Practice(r.Context(), u.PracticeID)
		if perr == nil && p.RequireTOTP && !u.TOTPEnabled && (u.Role == bedside.RoleAdmin || u.Role == bedside.RoleCompliance) {
			err = bedside.Errorf(bedside.EForbidden, "your practice requires a second factor: set one up in the web interface first")
		} else if perr != nil {
			err = perr
		}
	}
	if err != nil {
		writeError(w, r, err)
		return
	}
	secret, hash := auth.NewSecret("bs_")
	actor := store.Actor{PracticeID: u.PracticeID, UserID: u.ID}
	if _, err := s.db.CreateToken(r.Context(), actor, u.ID, "sign-in", secret[:10], hash, apiLoginTTL); err != nil {
		writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"token": secret, "expires_in": int(apiLoginTTL.Seconds())})
}
