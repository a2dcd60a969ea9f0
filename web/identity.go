package web

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/auth"
	"github.com/bedsidehq/bedside/store"
)

// sessionCookie holds the session secret; __Host- pins it to this host and path "/" when Secure.
const sessionCookie = "bedside_session"

// identity is who is calling: a user through a browser session or a bearer token.
type identity struct {
	User           bedside.User
	Practice       bedside.Practice
	ProfileVersion int64
	Session        *store.Session // nil for bearer tokens
	TokenID        int64
}

func (i *identity) actor() store.Actor {
	return store.Actor{PracticeID: i.User.PracticeID, UserID: i.User.ID, TokenID: i.TokenID}
}

// reqInfo is set by the outermost middleware and filled in by the handlers, so that the request
// log can name the practice and user (ids only).
type reqInfo struct{ ident *identity }

func identityOf(r *http.Request) *identity {
	if ri, _ := r.Context().Value(keyIdentity).(*reqInfo); ri != nil {
		return ri.ident
	}
	return nil
}

func setIdentity(r *http.Request, i *identity) {
	if ri, _ := r.Context().Value(keyIdentity).(*reqInfo); ri != nil {
		ri.ident = i
	}
}

func (s *Server) cookieName() string {
	if s.cfg.SecureCookies {
		return "__Host-" + sessionCookie
	}
	return sessionCookie
}

// authenticate finds the caller from "Authorization: Bearer" or the session cookie.
func (s *Server) authenticate(r *http.Request) (*identity, error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		secret, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || secret == "" {
			return nil, bedside.Errorf(bedside.EUnauthorized, "use Authorization: Bearer <token>")
		}
		tok, pr, err := s.db.TokenByHash(ctx, auth.HashSecret(secret))
		if err != nil {
			return nil, err
		}
		return &identity{User: pr.User, Practice: pr.Practice, ProfileVersion: pr.ProfileVersion, TokenID: tok.ID}, nil
	}
	c, err := r.Cookie(s.cookieName())
	if err != nil || c.Value == "" {
		return nil, bedside.Errorf(bedside.EUnauthorized, "sign in first")
	}
	sess, err := s.db.SessionByHash(ctx, auth.HashSecret(c.Value))
	if err != nil {
		return nil, err
	}
	pr := sess.Principal
	return &identity{User: pr.User, Practice: pr.Practice, ProfileVersion: pr.ProfileVersion, Session: &sess}, nil
}

// needsSecondFactor reports a session that must prove a TOTP code (or enrol one) before going on.
func (i *identity) needsSecondFactor() bool {
	if i.Session == nil || i.Session.SecondFactor {
		return false
	}
	if i.User.TOTPEnabled {
		return true
	}
	return i.Practice.RequireTOTP && (i.User.Role == bedside.RoleAdmin || i.User.Role == bedside.RoleCompliance)
}

// checkCSRF requires the session's token on state changes made with a cookie; bearer requests
// carry no cookie and need none.
func checkCSRF(r *http.Request, i *identity) error {
	if i.Session == nil || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return nil
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf_token")
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(i.Session.CSRFToken)) != 1 {
		return bedside.Errorf(bedside.EForbidden, "the form expired; reload the page and try again")
	}
	return nil
}

// roles lists who may call a route; nil means any signed-in user.
type roles []bedside.Role

var (
	anyone       roles
	adminOnly    = roles{bedside.RoleAdmin}
	complianceUp = roles{bedside.RoleAdmin, bedside.RoleCompliance}
)

func (rs roles) allow(r bedside.Role) bool {
	if rs == nil {
		return true
	}
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// api wraps a JSON handler: authenticated, CSRF-checked, role-checked, second factor enforced.
func (s *Server) api(rs roles, h func(http.ResponseWriter, *http.Request, *identity) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		i, err := s.authenticate(r)
		if err == nil && i.needsSecondFactor() {
			err = bedside.Errorf(bedside.EUnauthorized, "this session must first confirm a TOTP code")
		}
		if err == nil {
			err = checkCSRF(r, i)
		}
		if err == nil && !rs.allow(i.User.Role) {
			err = bedside.Errorf(bedside.EForbidden, "your role may not do this")
		}
		if err != nil {
			writeError(w, r, err)
			return
		}
		setIdentity(r, i)
		if err := h(w, r, i); err != nil {
			writeError(w, r, err)
		}
	}
}
