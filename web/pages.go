package web

import (
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"

	"github.com/bedsidehq/bedside"
)

//go:embed templates static
var assets embed.FS

type pages struct {
	t      map[string]*template.Template
	sign   *template.Template            // the public signing page has no layout: no navigation for the patient
	public map[string]*template.Template // signup, confirmation and preference pages: no navigation either
	static http.Handler
}

func loadPages() (*pages, error) {
	p := &pages{t: map[string]*template.Template{}}
	for _, name := range []string{"login", "totp", "setup", "checker", "profile", "users", "tokens", "audit", "account",
		"posts", "post", "takedowns", "patients", "patient", "incidents", "reviews", "review", "loyalty", "loyalty_member",
		"contacts", "contact", "consent_settings", "campaigns", "campaign", "personal",
		"policy", "training", "compliance"} {
		t, err := template.ParseFS(assets, "templates/layout.html", "templates/composer.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.t[name] = t
	}
	sign, err := template.ParseFS(assets, "templates/sign.html")
	if err != nil {
		return nil, fmt.Errorf("template sign: %w", err)
	}
	p.sign = sign
	p.public = map[string]*template.Template{}
	for _, name := range []string{"subscribe", "confirm", "preferences", "message"} {
		t, err := template.ParseFS(assets, "templates/public.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.public[name] = t
	}
	sub, err := fs.Sub(assets, "static")
	if err != nil {
		return nil, err
	}
	p.static = http.StripPrefix("/static/", http.FileServerFS(sub))
	return p, nil
}

// me is the signed-in user as the layout shows them.
type me struct {
	Email       string
	Role        bedside.Role
	TOTPEnabled bool
}

func (m *me) IsAdmin() bool        { return m.Role == bedside.RoleAdmin }
func (m *me) CanAudit() bool       { return m.Role == bedside.RoleAdmin || m.Role == bedside.RoleCompliance }
func (m *me) CanEditProfile() bool { return m.CanAudit() }

type view struct {
	Title  string
	Me     *me
	CSRF   string
	Error  string
	Notice string
	Data   any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	if i := identityOf(r); i != nil && v.Me == nil && i.Session != nil {
		v.Me = &me{Email: i.User.Email, Role: i.User.Role, TOTPEnabled: i.User.TOTPEnabled}
		v.CSRF = i.Session.CSRFToken
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := s.pages.t[name].ExecuteTemplate(w, "layout", v); err != nil {
		s.log.Error("template", "template", name, "error", err.Error())
	}
}
