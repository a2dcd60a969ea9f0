package mail

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
)

func testMessage() Message {
	return Message{
		Kind:        Marketing,
		CampaignID:  7,
		RecipientID: 42,
		Practice: Practice{
			Name:          "Smile Dental",
			Email:         "hello@smile.example",
			Phone:         "555-0100",
			PostalAddress: "12 Oak St, Springfield, IL 62701",
		},
		To:               "ana@patient.example",
		FirstName:        "Ana",
		Subject:          "Spring cleaning offer for {{first_name}}",
		Body:             "Hi {{ first_name }},\n\nBook a cleaning at **{{practice_name}}**: call {{practice_phone}}.",
		UnsubscribeToken: "tok_0123456789abcdefXYZ",
		Date:             time.Date(2026, 3, 14, 9, 30, 0, 0, time.UTC),
	}
}

func testComposer() *Composer {
	return &Composer{Host: "app.bedside.example", Domain: "mail.bedside.example"}
}

const (
	wantUnsubURL  = "https://app.bedside.example/u/tok_0123456789abcdefXYZ"
	wantListUnsub = "<https://app.bedside.example/u/tok_0123456789abcdefXYZ>, " +
		"<mailto:unsubscribe@mail.bedside.example?subject=unsubscribe-tok_0123456789abcdefXYZ>"
)

func TestComposeMarketing(t *testing.T) {
	e, err := testComposer().Compose(testMessage())
	if err != nil {
		t.Fatal(err)
	}
	if e.From != "hello@smile.example" || e.To != "ana@patient.example" {
		t.Errorf("envelope = %q -> %q", e.From, e.To)
	}
	p := parse(t, e.Data)
	for k, want := range map[string]string{
		"From":                  `"Smile Dental" <hello@smile.example>`,
		"To":                    "<ana@patient.example>",
		"Subject":               "Spring cleaning offer for Ana",
		"Message-ID":            e.MessageID,
		"Date":                  "Sat, 14 Mar 2026 09:30:00 +0000",
		"List-Unsubscribe":      wantListUnsub,
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	} {
		if got := p.header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	for _, part := range []struct{ name, body string }{{"text", p.text}, {"html", p.html}} {
		for _, want := range []string{"Hi Ana,", "12 Oak St, Springfield, IL 62701", wantUnsubURL, "advertisement", "555-0100"} {
			if !strings.Contains(part.body, want) {
				t.Errorf("%s part lacks %q:\n%s", part.name, want, part.body)
			}
		}
		if strings.Contains(part.body, "{{") {
			t.Errorf("%s part holds an unmerged field:\n%s", part.name, part.body)
		}
	}
	if !strings.Contains(p.html, `<a href="`+wantUnsubURL+`"`) {
		t.Errorf("HTML part has no unsubscribe link:\n%s", p.html)
	}
}

func TestComposeIsDeterministic(t *testing.T) {
	a, err := testComposer().Compose(testMessage())
	if err != nil {
		t.Fatal(err)
	}
	b, err := testComposer().Compose(testMessage())
	if err != nil {
		t.Fatal(err)
	}
	if a.MessageID != b.MessageID || !bytes.Equal(a.Data, b.Data) {
		t.Error("the same message composed twice differs")
	}
	if !strings.HasPrefix(a.MessageID, "<") || !strings.HasSuffix(a.MessageID, "@mail.bedside.example>") {
		t.Errorf("Message-ID = %q", a.MessageID)
	}
	// A resend at another time keeps the id; another recipient or campaign changes it.
	later := testMessage()
	later.Date = later.Date.Add(time.Hour)
	other := testMessage()
	other.RecipientID++
	otherCampaign := testMessage()
	otherCampaign.CampaignID++
	ids := map[string]string{}
	for name, m := range map[string]Message{"later": later, "recipient": other, "campaign": otherCampaign} {
		e, err := testComposer().Compose(m)
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = e.MessageID
	}
	if ids["later"] != a.MessageID {
		t.Error("a resend got a new Message-ID")
	}
	if ids["recipient"] == a.MessageID || ids["campaign"] == a.MessageID || ids["recipient"] == ids["campaign"] {
		t.Errorf("Message-IDs collide: %v", ids)
	}
	if strings.Contains(a.MessageID, "42") && strings.Contains(a.MessageID, "7@") {
		t.Errorf("Message-ID shows the ids: %s", a.MessageID)
	}
}

func TestComposeRemuneration(t *testing.T) {
	for _, tt := range []struct {
		name    string
		sponsor string
		want    string
	}{
		{"named sponsor", "Acme Aligners", "Smile Dental is paid by Acme Aligners to send you this message."},
		{"unnamed", "", "Smile Dental is paid by a third party to send you this message."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := testMessage()
			m.ThirdPartyPaid, m.Sponsor = true, tt.sponsor
			e, err := testComposer().Compose(m)
			if err != nil {
				t.Fatal(err)
			}
			p := parse(t, e.Data)
			if !strings.Contains(p.text, tt.want) || !strings.Contains(p.html, tt.want) {
				t.Errorf("statement %q missing:\n%s\n%s", tt.want, p.text, p.html)
			}
		})
	}
	e, err := testComposer().Compose(testMessage())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(e.Data), "is paid by") {
		t.Error("an unpaid campaign carries the remuneration statement")
	}
}

func TestComposeTreatmentHasNoUnsubscribe(t *testing.T) {
	m := testMessage()
	m.Kind = Treatment
	m.UnsubscribeToken = ""
	m.Subject = "Your recall is due"
	e, err := testComposer().Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, e.Data)
	if p.header.Get("List-Unsubscribe") != "" || p.header.Get("List-Unsubscribe-Post") != "" {
		t.Error("treatment mail carries List-Unsubscribe")
	}
	if strings.Contains(p.text, "advertisement") || !strings.Contains(p.text, "12 Oak St") {
		t.Errorf("treatment footer:\n%s", p.text)
	}
}

// A first name is data a person typed: it must stay text, whatever it holds.
func TestComposeMergeValuesStayText(t *testing.T) {
	m := testMessage()
	m.FirstName = "[Ana](javascript:alert(1)) <script>x</script> **bold**\n# heading"
	e, err := testComposer().Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, e.Data)
	for _, bad := range []string{"<script", `href="javascript`, "<strong>bold", "<h1>"} {
		if strings.Contains(p.html, bad) {
			t.Errorf("HTML holds %q:\n%s", bad, p.html)
		}
	}
	if !strings.Contains(p.text, "Hi [Ana](javascript:alert(1)) <script>x</script> **bold** # heading,") {
		t.Errorf("text part does not show the name as typed:\n%s", p.text)
	}
	if strings.ContainsAny(p.header.Get("Subject"), "\r\n") {
		t.Error("a line break in a merge value reached the Subject")
	}
}

func TestComposeRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Message)
		want   string // in the error message
	}{
		{"no postal address", func(m *Message) { m.Practice.PostalAddress = " " }, "postal address"},
		{"no unsubscribe token", func(m *Message) { m.UnsubscribeToken = "" }, "unsubscribe token"},
		{"token with a slash", func(m *Message) { m.UnsubscribeToken = "abcdefghijklmnop/../x" }, "unsubscribe token"},
		{"unknown field in body", func(m *Message) { m.Body = "Hi {{last_name}}" }, "unknown merge field {{last_name}}"},
		{"unknown field in subject", func(m *Message) { m.Subject = "Hi {{diagnosis}}" }, "unknown merge field {{diagnosis}}"},
		{"text between braces is not quoted", func(m *Message) { m.Body = "Hi {{Ana Smith, DOB 1/2/80}}" }, "a merge field is not one of"},
		{"unclosed field", func(m *Message) { m.Body = "Hi {{first_name}" }, "not closed"},
		{"stray closing braces", func(m *Message) { m.Body = "Hi first_name}}" }, "not closed"},
		{"unsubscribe_url outside marketing", func(m *Message) { m.Kind = Operations; m.Body = "{{unsubscribe_url}}" }, "unknown merge field"},
		{"paid treatment mail", func(m *Message) { m.Kind = Treatment; m.ThirdPartyPaid = true }, "is marketing"},
		{"sponsor without payment", func(m *Message) { m.Sponsor = "Acme" }, "not marked as paid"},
		{"bad recipient", func(m *Message) { m.To = "ana@patient.example\r\nBcc: x@y" }, "recipient address"},
		{"display name as recipient", func(m *Message) { m.To = "Ana <ana@patient.example>" }, "recipient address"},
		{"bad sender", func(m *Message) { m.Practice.Email = "nope" }, "sender address"},
		{"empty subject", func(m *Message) { m.Subject = "  " }, "subject is empty"},
		{"unknown kind", func(m *Message) { m.Kind = "newsletter" }, "unknown kind"},
		{"no ids", func(m *Message) { m.RecipientID = 0 }, "ids"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testMessage()
			tt.change(&m)
			_, err := testComposer().Compose(m)
			if err == nil {
				t.Fatal("composed")
			}
			if bedside.ErrorCode(err) != bedside.EInvalid {
				t.Errorf("code = %s, want invalid (%v)", bedside.ErrorCode(err), err)
			}
			var be *bedside.Error
			if !errors.As(err, &be) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to say %q", err, tt.want)
			}
			for _, leak := range []string{"ana@patient.example", "Ana Smith", "1/2/80"} {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("error quotes %q: %v", leak, err)
				}
			}
		})
	}
}

func TestComposeNeedsConfiguration(t *testing.T) {
	_, err := (&Composer{}).Compose(testMessage())
	if bedside.ErrorCode(err) != bedside.EInvalid {
		t.Errorf("unconfigured composer: %v", err)
	}
}
