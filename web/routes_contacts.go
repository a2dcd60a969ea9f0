package web

import "net/http"

// registerContacts lists the routes of contacts, consent and subscribing, kept in one place so
// that routes.go stays a list of nouns.
func (s *Server) registerContacts(api func(string, http.HandlerFunc)) {
	api("GET /api/v1/contacts", s.api(anyone, s.apiContacts))
	api("POST /api/v1/contacts", s.api(anyone, s.apiCreateContact))
	api("POST /api/v1/contacts/import", s.api(anyone, s.apiImportContacts))
	api("GET /api/v1/contacts/{id}", s.api(anyone, s.apiContact))
	api("DELETE /api/v1/contacts/{id}", s.api(complianceUp, s.apiWipeContact))
	api("GET /api/v1/contacts/{id}/consents", s.api(anyone, s.apiConsents))
	api("POST /api/v1/contacts/{id}/consents", s.api(anyone, s.apiRecordConsent))
	api("PUT /api/v1/consent-texts/{version}", s.api(complianceUp, s.apiPutConsentText))

	s.mux.HandleFunc("GET /contacts", s.page(anyone, s.contactsPage))
	s.mux.HandleFunc("POST /contacts", s.page(anyone, s.contactsSubmit))
	s.mux.HandleFunc("POST /contacts/import", s.page(anyone, s.contactsImport))
	s.mux.HandleFunc("GET /contacts/{id}", s.page(anyone, s.contactPage))
	s.mux.HandleFunc("POST /contacts/{id}/consents", s.page(anyone, s.contactConsentSubmit))
	s.mux.HandleFunc("POST /contacts/{id}/wipe", s.page(complianceUp, s.contactWipeSubmit))
	s.mux.HandleFunc("GET /settings/consent", s.page(anyone, s.consentSettingsPage))
	s.mux.HandleFunc("POST /settings/consent", s.page(complianceUp, s.consentTextSubmit))

	// Public: no sign-in. The token in /confirm/ and /u/ is the credential.
	s.mux.HandleFunc("GET /subscribe/{practice}", s.subscribePage)
	s.mux.HandleFunc("POST /subscribe", s.subscribeSubmit)
	s.mux.HandleFunc("GET /confirm/{token}", s.confirmPage)
	s.mux.HandleFunc("POST /confirm/{token}", s.confirmSubmit)
	s.mux.HandleFunc("GET /u/{token}", s.preferencesPage)
	s.mux.HandleFunc("POST /u/{token}", s.unsubscribeSubmit)
}

// publicPosts lets two public forms through the cross-origin protection: the signup snippet
// posts from the practice's own website, and mailbox providers send the RFC 8058 one-click
// unsubscribe from wherever they like. Neither acts on anyone's session, so neither needs it.
func publicPosts(cop *http.CrossOriginProtection) {
	cop.AddInsecureBypassPattern("POST /subscribe")
	cop.AddInsecureBypassPattern("POST /u/{token}")
}
