package release

import (
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/authorization"
)

var now = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

func good() Release {
	return Release{Kind: Staff, SignerName: "Dana Lee", Event: "Open house", Uses: []Use{SocialMedia, Website},
		SignedAt: now.Add(-time.Hour), Method: authorization.OnScreen, DocumentSHA256: "ab"}
}

func TestCover(t *testing.T) {
	fb := []authorization.Channel{"facebook"}
	cases := []struct {
		name     string
		rs       func() []Release
		channels []authorization.Channel
		want     string // a word of the reason, "" when covered
	}{
		{"valid", func() []Release { return []Release{good()} }, fb, ""},
		{"until revoked", func() []Release { return []Release{good()} }, []authorization.Channel{"website", "rss", "instagram"}, ""},
		{"none", func() []Release { return nil }, fb, "no signed release"},
		{"expired", func() []Release { r := good(); r.Expires = now.Add(-time.Second); return []Release{r} }, fb, "expired"},
		{"revoked", func() []Release { r := good(); r.RevokedAt = now.Add(-time.Second); return []Release{r} }, fb, "revoked"},
		{"website only", func() []Release { r := good(); r.Uses = []Use{Website}; return []Release{r} }, fb, "social_media"},
		{"child without guardian", func() []Release { r := good(); r.Kind = Child; return []Release{r} }, fb, "defective"},
		{"child with guardian", func() []Release { r := good(); r.Kind, r.Relationship = Child, "mother"; return []Release{r} }, fb, ""},
		{"one of two valid", func() []Release { r := good(); r.RevokedAt = now.Add(-time.Hour); return []Release{r, good()} }, fb, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Cover(c.rs(), c.channels, now)
			if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
				t.Fatalf("Cover = %q, want %q", got, c.want)
			}
		})
	}
}

func TestValidateChildNeedsGuardian(t *testing.T) {
	r := good()
	r.Kind = Child
	if ds := Validate(r, now); len(ds) != 1 || !strings.Contains(ds[0], "parent or guardian") {
		t.Fatalf("problems %q", ds)
	}
}
