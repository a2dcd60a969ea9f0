package web

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// register lists every route. API routes are recorded so that a test can compare them with the
// OpenAPI document.
func (s *Server) register() {
	api := func(pattern string, h http.HandlerFunc) {
		s.routes = append(s.routes, pattern)
		s.mux.HandleFunc(pattern, h)
	}
	api("POST /api/v1/login", s.apiLogin)
	api("POST /api/v1/scan", s.api(anyone, s.apiScan))
	api("GET /api/v1/practice/profile", s.api(anyone, s.apiGetProfile))
	api("PUT /api/v1/practice/profile", s.api(complianceUp, s.apiPutProfile))
	api("GET /api/v1/users", s.api(adminOnly, s.apiUsers))
	api("POST /api/v1/users", s.api(adminOnly, s.apiCreateUser))
	api("GET /api/v1/tokens", s.api(anyone, s.apiTokens))
	api("POST /api/v1/tokens", s.api(anyone, s.apiCreateToken))
	api("DELETE /api/v1/tokens/{id}", s.api(anyone, s.apiRevokeToken))
	api("GET /api/v1/locations", s.api(anyone, s.apiLocations))
	api("POST /api/v1/locations", s.api(adminOnly, s.apiCreateLocation))
	api("GET /api/v1/audit", s.api(complianceUp, s.apiAudit))
	api("POST /api/v1/patients", s.api(anyone, s.apiCreatePatient))
	api("GET /api/v1/patients/{id}", s.api(anyone, s.apiPatient))
	api("POST /api/v1/authorizations", s.api(anyone, s.apiCreateAuthorization))
	api("GET /api/v1/authorizations/{id}", s.api(anyone, s.apiAuthorization))
	api("POST /api/v1/authorizations/{id}/revoke", s.api(complianceUp, s.apiRevokeAuthorization))
	api("POST /api/v1/media", s.api(anyone, s.apiCreateMedia))
	api("GET /api/v1/media/{id}/file", s.api(anyone, s.apiMediaFile))
	api("POST /api/v1/documents", s.api(anyone, s.apiCreateDocument))
	api("GET /api/v1/posts", s.api(anyone, s.apiPosts))
	api("POST /api/v1/posts", s.api(anyone, s.apiCreatePost))
	api("GET /api/v1/posts/{id}", s.api(anyone, s.apiPost))
	api("PUT /api/v1/posts/{id}", s.api(anyone, s.apiUpdatePost))
	api("POST /api/v1/posts/{id}/submit", s.api(anyone, s.postAction(s.submitPost)))
	api("POST /api/v1/posts/{id}/approve", s.api(complianceUp, s.postAction(s.approvePost)))
	api("POST /api/v1/posts/{id}/reject", s.api(complianceUp, s.postAction(s.rejectPost)))
	api("POST /api/v1/posts/{id}/overrides", s.api(complianceUp, s.postAction(s.overrideFinding)))
	api("POST /api/v1/posts/{id}/publish", s.api(anyone, s.postAction(s.publishPost)))
	api("POST /api/v1/posts/{id}/takedown", s.api(complianceUp, s.postAction(s.takeDownPost)))
	api("GET /api/v1/overrides", s.api(complianceUp, s.apiOverrides))
	api("GET /api/v1/takedowns", s.api(anyone, s.apiTakedowns))
	s.mux.HandleFunc("GET /api/openapi.json", s.openAPI)
	s.mux.HandleFunc("GET /feeds/{practice}/{$}", s.feedHTML)
	s.mux.HandleFunc("GET /feeds/{practice}/rss.xml", s.feedHandler("rss"))
	s.mux.HandleFunc("GET /feeds/{practice}/atom.xml", s.feedHandler("atom"))

	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	s.mux.HandleFunc("GET /readyz", s.ready)
	s.mux.Handle("GET /metrics", promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{}))
	s.mux.Handle("GET /static/", s.pages.static)

	s.mux.HandleFunc("GET /login", s.loginPage)
	s.mux.HandleFunc("POST /login", s.loginSubmit)
	s.mux.HandleFunc("GET /setup/{token}", s.setupPage)
	s.mux.HandleFunc("POST /setup/{token}", s.setupSubmit)
	s.mux.HandleFunc("GET /login/totp", s.page(anyone, s.totpPage))
	s.mux.HandleFunc("POST /login/totp", s.page(anyone, s.totpSubmit))
	s.mux.HandleFunc("POST /logout", s.page(anyone, s.logout))
	s.mux.HandleFunc("GET /{$}", s.page(anyone, s.checkerPage))
	s.mux.HandleFunc("GET /profile", s.page(complianceUp, s.profilePage))
	s.mux.HandleFunc("POST /profile", s.page(complianceUp, s.profileSubmit))
	s.mux.HandleFunc("GET /users", s.page(adminOnly, s.usersPage))
	s.mux.HandleFunc("POST /users", s.page(adminOnly, s.usersSubmit))
	s.mux.HandleFunc("POST /users/{id}/role", s.page(adminOnly, s.userRoleSubmit))
	s.mux.HandleFunc("POST /users/{id}/disable", s.page(adminOnly, s.userAccessSubmit(true)))
	s.mux.HandleFunc("POST /users/{id}/enable", s.page(adminOnly, s.userAccessSubmit(false)))
	s.mux.HandleFunc("GET /tokens", s.page(anyone, s.tokensPage))
	s.mux.HandleFunc("POST /tokens", s.page(anyone, s.tokensSubmit))
	s.mux.HandleFunc("POST /tokens/{id}/revoke", s.page(anyone, s.tokenRevokeSubmit))
	s.mux.HandleFunc("GET /audit", s.page(complianceUp, s.auditPage))
	s.mux.HandleFunc("GET /audit.csv", s.page(complianceUp, s.auditCSV))
	s.mux.HandleFunc("GET /account", s.page(anyone, s.accountPage))
	s.mux.HandleFunc("GET /posts", s.page(anyone, s.postsPage))
	s.mux.HandleFunc("POST /posts", s.page(anyone, s.postsSubmit))
	s.mux.HandleFunc("GET /posts/{id}", s.page(anyone, s.postPage))
	s.mux.HandleFunc("POST /posts/{id}/{step}", s.page(anyone, s.postStep))
	s.mux.HandleFunc("GET /takedowns", s.page(anyone, s.takedownsPage))
	s.mux.HandleFunc("GET /patients", s.page(anyone, s.patientsPage))
	s.mux.HandleFunc("POST /patients", s.page(anyone, s.patientsSubmit))
	s.mux.HandleFunc("GET /patients/{id}", s.page(anyone, s.patientPage))
	s.mux.HandleFunc("POST /patients/{id}/signing", s.page(anyone, s.signingRequestSubmit))
	s.mux.HandleFunc("POST /authorizations/{id}/revoke", s.page(complianceUp, s.revokeSubmit))
	s.mux.HandleFunc("GET /sign/{token}", s.signPage)
	s.mux.HandleFunc("POST /sign/{token}", s.signSubmit)
	s.mux.HandleFunc("GET /sign/{token}/form.pdf", s.signDocument(false))
	s.mux.HandleFunc("GET /sign/{token}/copy.pdf", s.signDocument(true))
	s.mux.HandleFunc("POST /account/totp", s.page(anyone, s.totpEnrol))
	s.mux.HandleFunc("POST /account/require-totp", s.page(adminOnly, s.requireTOTPSubmit))
}

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	if err := s.db.Ping(r.Context()); err != nil {
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ready\n"))
}
