package web

import (
	"bytes"
	"io"
	"mime/quotedprintable"
	netmail "net/mail"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/mail"
	"github.com/bedsidehq/bedside/mail/smtptest"
)

// mailbox is a real SMTP server (mail/smtptest) that the harness's server sends its mail to.
type mailbox struct {
	sink *smtptest.Sink
}

// mailbox starts an SMTP sink and points the server's confirmation mail at it.
func (h *harness) mailbox() *mailbox {
	h.t.Helper()
	sink := smtptest.Start(h.t)
	m, err := newSMTPMailer(&MailConfig{Composer: &mail.Composer{Host: "127.0.0.1", Domain: "riverside.example"},
		SMTP: mail.SMTPConfig{Host: sink.Host(), Port: sink.Port(), TLS: mail.TLSNone}})
	if err != nil {
		h.t.Fatal(err)
	}
	h.srv.mailer = m
	return &mailbox{sink: sink}
}

// message waits for the newest mail to addr and returns its headers and decoded body.
func (b *mailbox) message(t *testing.T, addr string) (netmail.Header, string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		msgs := b.sink.Messages()
		for i := len(msgs) - 1; i >= 0; i-- {
			if len(msgs[i].To) != 1 || msgs[i].To[0] != addr {
				continue
			}
			m, err := netmail.ReadMessage(bytes.NewReader(msgs[i].Data))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(quotedprintable.NewReader(m.Body))
			return m.Header, string(body)
		}
	}
	t.Fatalf("no mail to the address arrived")
	return nil, ""
}

var (
	confirmURL = regexp.MustCompile(`https?://[^\s()<>"\]]+/confirm/[A-Za-z0-9_.-]+`)
	prefsURL   = regexp.MustCompile(`https?://[^\s()<>"\]]+/u/[A-Za-z0-9_-]+`)
)

// confirmLink is the confirmation link in the newest mail to addr, which must be an operations
// mail: no List-Unsubscribe, since it is not marketing.
func (b *mailbox) confirmLink(t *testing.T, addr string) string {
	t.Helper()
	hdr, body := b.message(t, addr)
	if hdr.Get("List-Unsubscribe") != "" || !strings.Contains(hdr.Get("Subject"), "confirm") {
		t.Errorf("confirmation mail headers: %v", hdr)
	}
	link := confirmURL.FindString(body)
	if link == "" {
		t.Fatalf("no confirmation link in:\n%s", body)
	}
	return link
}

func (b *mailbox) unsubscribeLink(t *testing.T, addr string) string {
	t.Helper()
	_, body := b.message(t, addr)
	return prefsURL.FindString(body)
}
