package web

import "net/http"

// registerReleases lists the routes of event photo releases: the people pictured in a media
// asset, their releases, and the public signing page a release link opens.
func (s *Server) registerReleases(api func(string, http.HandlerFunc)) {
	api("GET /api/v1/media/{id}/people", s.api(anyone, s.apiPeople))
	api("POST /api/v1/media/{id}/people", s.api(anyone, s.apiAddPerson))
	api("POST /api/v1/media/{id}/people/{pid}/release-link", s.api(anyone, s.apiReleaseLink))
	api("POST /api/v1/media/{id}/people/{pid}/release", s.api(anyone, s.apiUploadRelease))
	api("POST /api/v1/releases/{id}/revoke", s.api(complianceUp, s.apiRevokeRelease))

	s.mux.HandleFunc("GET /release/{token}", s.releasePage)
	s.mux.HandleFunc("POST /release/{token}", s.releaseSubmit)
	s.mux.HandleFunc("GET /release/{token}/form.pdf", s.releaseDocument(false))
	s.mux.HandleFunc("GET /release/{token}/copy.pdf", s.releaseDocument(true))
}
