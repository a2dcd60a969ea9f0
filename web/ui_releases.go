package web

import (
	"net/http"
	"strconv"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/release"
	"github.com/bedsidehq/bedside/store"
)

// pictures opens who each of a post's pictures shows, for the post page.
func (s *Server) pictures(r *http.Request, i *identity, ids []int64) ([]store.Pictured, error) {
	var out []store.Pictured
	for _, id := range ids {
		pic, err := s.db.Pictured(r.Context(), i.actor(), id)
		if err != nil {
			return nil, err
		}
		out = append(out, pic)
	}
	return out, nil
}

// releaseStep runs one people-pictured step from the post page: list a person, mark a picture as
// showing nobody identifiable, make a release link, upload a signed scan, or revoke a release.
func (s *Server) releaseStep(w http.ResponseWriter, r *http.Request, i *identity) (notice, link string, err error) {
	step := r.PathValue("step")
	if step == "release-upload" {
		r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			return "", "", bedside.Errorf(bedside.EInvalid, "choose the scan of the signed release")
		}
	}
	mid, _ := strconv.ParseInt(r.FormValue("media"), 10, 64)
	pid, _ := strconv.ParseInt(r.FormValue("person"), 10, 64)
	switch step {
	case "person":
		_, err = s.db.AddPerson(r.Context(), i.actor(), mid, store.Person{Kind: release.Kind(r.FormValue("kind")), Label: r.FormValue("label"),
			Name: r.FormValue("name"), GuardianName: r.FormValue("guardian_name"), GuardianRelationship: r.FormValue("guardian_relationship")})
		return "Person added.", "", err
	case "none-identifiable":
		return "Recorded: nobody can be recognised in this picture.", "", s.db.MarkNoneIdentifiable(r.Context(), i.actor(), mid)
	case "release-link":
		terms := releaseTerms{Event: r.FormValue("event"), Expires: r.FormValue("expires")}
		for _, u := range r.PostForm["use"] {
			terms.Uses = append(terms.Uses, release.Use(u))
		}
		link, _, err = s.createReleaseLink(r, i, mid, pid, terms)
		return "Release ready to sign.", link, err
	case "release-upload":
		_, err = s.uploadRelease(w, r, i, mid, pid)
		return "Signed release recorded.", "", err
	}
	if !complianceUp.allow(i.User.Role) {
		return "", "", bedside.Errorf(bedside.EForbidden, "only a compliance officer or an admin may revoke a release")
	}
	rid, _ := strconv.ParseInt(r.FormValue("release"), 10, 64)
	return "Release revoked.", "", s.db.RevokeRelease(r.Context(), i.actor(), rid)
}
