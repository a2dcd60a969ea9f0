package authorization

import (
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/phi"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// good is a complete, valid authorization: Emma's parent allows her name, photo and treatment
// story on Facebook, Instagram and the website as a success story, until a year from now.
func good() Authorization {
	return Authorization{
		Description: "Emma's name, before-and-after photos and a description of her orthodontic treatment",
		Discloser:   "Riverside Health Partners", Recipients: "the public, via Facebook, Instagram and our website",
		Purposes: []Purpose{SuccessStory}, Expires: now.AddDate(1, 0, 0),
		Signer: Signer{Name: "Laura Johnson", Representative: true, Authority: "parent of a minor"}, SignedAt: now.AddDate(0, 0, -1),
		StatesRightToRevoke: true, StatesNoConditioning: true, StatesRedisclosure: true,
		Elements: []phi.Kind{phi.Name, phi.Photo, phi.Case, phi.Date}, Channels: []Channel{"facebook", "instagram", "website"},
		Method: OnScreen, DocumentSHA256: "ab12",
	}
}

func TestValidateEveryDefect(t *testing.T) {
	if ds := Validate(good(), now); len(ds) != 0 {
		t.Fatalf("a complete authorization has defects: %+v", ds)
	}
	cases := []struct {
		name   string
		change func(*Authorization)
		rule   string
		status Status
	}{
		{"no description", func(a *Authorization) { a.Description = "" }, "164.508(c)(1)(i)", Defective},
		{"no discloser", func(a *Authorization) { a.Discloser = "" }, "164.508(c)(1)(ii)", Defective},
		{"no recipients", func(a *Authorization) { a.Recipients = "" }, "164.508(c)(1)(iii)", Defective},
		{"no purpose", func(a *Authorization) { a.Purposes = nil }, "164.508(c)(1)(iv)", Defective},
		{"unknown purpose", func(a *Authorization) { a.Purposes = []Purpose{"fundraising"} }, "164.508(c)(1)(iv)", Defective},
		{"no expiry", func(a *Authorization) { a.Expires = time.Time{} }, "164.508(c)(1)(v)", Defective},
		{"expiry event instead of date", func(a *Authorization) { a.Expires = time.Time{}; a.ExpiryEvent = "end of treatment" }, "", Valid},
		{"unsigned", func(a *Authorization) { a.Signer.Name = "" }, "164.508(c)(1)(vi)", Defective},
		{"undated", func(a *Authorization) { a.SignedAt = time.Time{} }, "164.508(c)(1)(vi)", Defective},
		{"no signed document", func(a *Authorization) { a.DocumentSHA256 = "" }, "164.508(c)(1)(vi)", Defective},
		{"verbal", func(a *Authorization) { a.Method = "verbal" }, "164.508(c)(1)(vi)", Defective},
		{"representative without authority", func(a *Authorization) { a.Signer.Authority = "" }, "164.508(c)(1)(vi)", Defective},
		{"no revocation statement", func(a *Authorization) { a.StatesRightToRevoke = false }, "164.508(c)(2)(i)", Defective},
		{"no conditioning statement", func(a *Authorization) { a.StatesNoConditioning = false }, "164.508(c)(2)(ii)", Defective},
		{"no redisclosure statement", func(a *Authorization) { a.StatesRedisclosure = false }, "164.508(c)(2)(iii)", Defective},
		{"no elements", func(a *Authorization) { a.Elements = nil }, "164.508(c)(1)(i)", Defective},
		{"no channels", func(a *Authorization) { a.Channels = nil }, "164.508(c)(1)(iii)", Defective},
		{"third party paid, unstated", func(a *Authorization) { a.ThirdPartyPaid = true }, "164.508(a)(3)(ii)", Defective},
		{"third party paid, stated", func(a *Authorization) { a.ThirdPartyPaid, a.RemunerationStated = true, true }, "", Valid},
		{"expired", func(a *Authorization) { a.Expires = now.Add(-time.Hour) }, "164.508(b)(2)(i)", Expired},
		{"expiry event occurred", func(a *Authorization) { a.ExpiryEvent, a.ExpiryEventOccurred = "end of treatment", true }, "164.508(b)(2)(i)", Expired},
		{"revoked", func(a *Authorization) { a.RevokedAt = now.Add(-time.Hour) }, "164.508(b)(2)(iii)", Revoked},
		{"revocation dated in the future", func(a *Authorization) { a.RevokedAt = now.Add(time.Hour) }, "", Valid},
		{"compound", func(a *Authorization) { a.Compound = true }, "164.508(b)(2)(iv), (b)(3)", Defective},
		{"conditioned on treatment", func(a *Authorization) { a.ConditionedOnTreatment = true }, "164.508(b)(2)(iv), (b)(4)", Defective},
		{"known false", func(a *Authorization) { a.KnownFalse = true }, "164.508(b)(2)(v)", Defective},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := good()
			c.change(&a)
			status, ds := StatusOf(a, now)
			if status != c.status {
				t.Errorf("status %s, want %s (%+v)", status, c.status, ds)
			}
			found := c.rule == ""
			for _, d := range ds {
				found = found || d.Rule == c.rule
				if d.Message == "" {
					t.Errorf("defect %s without a message", d.Rule)
				}
			}
			if !found {
				t.Errorf("no defect under %s: %+v", c.rule, ds)
			}
			if c.rule == "" && len(ds) != 0 {
				t.Errorf("unexpected defects %+v", ds)
			}
		})
	}
}

func TestValidateReportsEveryDefectAtOnce(t *testing.T) {
	if ds := Validate(Authorization{}, now); len(ds) < 12 {
		t.Fatalf("an empty authorization lists only %d defects: %+v", len(ds), ds)
	}
}

func finding(k phi.Kind) phi.Finding {
	return phi.Finding{Kind: k, Text: "x", Effect: phi.Block}
}

func TestGate(t *testing.T) {
	post := []phi.Finding{finding(phi.Name), finding(phi.Case), {Kind: phi.Name, Text: "Dr. Patel", Effect: phi.Allow}}
	req := Request{Findings: post, Channels: []Channel{"facebook", "website"}, Purpose: SuccessStory, At: now}
	cases := []struct {
		name   string
		linked func() []Authorization
		req    func(Request) Request
		want   string // a word of the reason, "" when covered
	}{
		{"covered", func() []Authorization { return []Authorization{good()} }, nil, ""},
		{"nothing linked", func() []Authorization { return nil }, nil, "no signed authorization"},
		{"element missing", func() []Authorization { a := good(); a.Elements = []phi.Kind{phi.Name}; return []Authorization{a} }, nil, "CASE"},
		{"channel missing", func() []Authorization { return []Authorization{good()} }, func(r Request) Request { r.Channels = []Channel{"facebook", "tiktok"}; return r }, "tiktok"},
		{"purpose missing", func() []Authorization { return []Authorization{good()} }, func(r Request) Request { r.Purpose = Marketing; return r }, "marketing"},
		{"expired", func() []Authorization { a := good(); a.Expires = now.Add(-time.Second); return []Authorization{a} }, nil, "not valid"},
		{"revoked before publishing", func() []Authorization { a := good(); a.RevokedAt = now.Add(-time.Second); return []Authorization{a} }, nil, "not valid"},
		{"two authorizations together", func() []Authorization {
			a, b := good(), good()
			a.Elements, b.Elements = []phi.Kind{phi.Name}, []phi.Kind{phi.Case}
			return []Authorization{a, b}
		}, nil, ""},
		{"allowed findings need nothing", func() []Authorization { return nil }, func(r Request) Request { r.Findings = post[2:]; return r }, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := req
			if c.req != nil {
				r = c.req(r)
			}
			un := Gate(r, c.linked())
			if c.want == "" {
				if len(un) != 0 {
					t.Fatalf("refused: %+v", un)
				}
				return
			}
			if len(un) == 0 {
				t.Fatal("allowed a post the authorizations do not cover")
			}
			joined := ""
			for _, u := range un {
				joined += u.Reason + "; "
				if u.Finding.Effect == phi.Allow {
					t.Errorf("an allowed finding was listed: %+v", u)
				}
			}
			if !strings.Contains(joined, c.want) {
				t.Errorf("reasons %q lack %q", joined, c.want)
			}
		})
	}
}

// TestCoverPhoto: a picture needs the release of the very patient in it, with PHOTO, for every
// channel and the purpose.
func TestCoverPhoto(t *testing.T) {
	req := Request{Channels: []Channel{"facebook"}, Purpose: SuccessStory, At: now}
	photo := func(patient int64) Authorization {
		a := good()
		a.PatientID, a.Elements = patient, []phi.Kind{phi.Photo}
		return a
	}
	cases := []struct {
		name   string
		linked []Authorization
		want   string
	}{
		{"their release", []Authorization{photo(7)}, ""},
		{"another patient's release", []Authorization{photo(8)}, "no signed authorization"},
		{"no PHOTO element", []Authorization{func() Authorization { a := photo(7); a.Elements = []phi.Kind{phi.Name}; return a }()}, "PHOTO"},
		{"revoked", []Authorization{func() Authorization { a := photo(7); a.RevokedAt = now.Add(-time.Hour); return a }()}, "not valid"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CoverPhoto(7, req, c.linked)
			if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
				t.Fatalf("CoverPhoto = %q, want %q", got, c.want)
			}
		})
	}
	if got := CoverPhoto(7, Request{Channels: []Channel{"facebook", "tiktok"}, Purpose: SuccessStory, At: now}, []Authorization{photo(7)}); !strings.Contains(got, "tiktok") {
		t.Fatalf("a channel the release does not name: %q", got)
	}
}
