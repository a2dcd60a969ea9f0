package form

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestReleaseIsDeterministicAndSigned(t *testing.T) {
	r := Release{Practice: Practice{Name: "Riverside Dental", Address: "12 Main St", Phone: "555-0142"}, Person: "Mia Lee", Child: true,
		Event: "Spring open house", Uses: []string{"social media"}, Generated: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)}
	a, err := RenderRelease(r)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := RenderRelease(r)
	if !bytes.Equal(a, b) || !strings.HasPrefix(string(a), "%PDF-") {
		t.Fatal("the release does not render to the same PDF twice")
	}
	sig := Signature{Name: "Ana Lee", Authority: "mother", PNG: drawing(t), At: r.Generated.Add(time.Hour)}
	if c, err := SignedRelease(r, sig); err != nil || !strings.HasPrefix(string(c), "%PDF-") {
		t.Fatalf("signed copy: %v", err)
	}
	r.Event = ""
	if _, err := RenderRelease(r); err == nil || !strings.Contains(err.Error(), "event") {
		t.Fatalf("a release without its event: %v", err)
	}
}
