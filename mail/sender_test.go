package mail

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/mail/smtptest"
)

func testSender(t testing.TB, sink *smtptest.Sink) *Sender {
	t.Helper()
	s, err := NewSender(SMTPConfig{Host: sink.Host(), Port: sink.Port(), TLS: TLSNone, HELO: "localhost", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func composeTo(t testing.TB, c *Composer, to string, recipient int64) *Email {
	t.Helper()
	m := testMessage()
	m.To, m.RecipientID = to, recipient
	e, err := c.Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestSendDeliversSignedMail(t *testing.T) {
	sink := smtptest.Start(t)
	key := rsaKey(t, 2048)
	e := composeTo(t, signedComposer(t, key), "ana@patient.example", 42)
	if err := testSender(t, sink).Send(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	msgs := sink.Messages()
	if len(msgs) != 1 {
		t.Fatalf("sink got %d messages", len(msgs))
	}
	got := msgs[0]
	if got.From != "hello@smile.example" || len(got.To) != 1 || got.To[0] != "ana@patient.example" {
		t.Errorf("envelope = %q -> %q", got.From, got.To)
	}
	p := parse(t, got.Data)
	for k, want := range map[string]string{
		"From":                  `"Smile Dental" <hello@smile.example>`,
		"To":                    "<ana@patient.example>",
		"Subject":               "Spring cleaning offer for Ana",
		"List-Unsubscribe":      wantListUnsub,
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	} {
		if got := p.header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	for name, part := range map[string]string{"text": p.text, "html": p.html} {
		for _, want := range []string{"12 Oak St, Springfield, IL 62701", wantUnsubURL} {
			if !strings.Contains(part, want) {
				t.Errorf("%s part lacks %q", name, want)
			}
		}
	}
	v := verify(t, got.Data, key)
	if v.Err != nil {
		t.Fatalf("received mail does not verify: %v", v.Err)
	}
	var unsub, post bool
	for _, k := range v.HeaderKeys {
		unsub = unsub || strings.EqualFold(k, "List-Unsubscribe")
		post = post || strings.EqualFold(k, "List-Unsubscribe-Post")
	}
	if !unsub || !post {
		t.Errorf("h= %v does not cover both List-Unsubscribe headers", v.HeaderKeys)
	}
	tampered := strings.Replace(string(got.Data), "/u/tok_0123456789abcdefXYZ>", "/u/tok_someone-elses-token>", 1)
	if tampered == string(got.Data) {
		t.Fatal("List-Unsubscribe not found to tamper with")
	}
	if v := verify(t, []byte(tampered), key); v.Err == nil {
		t.Error("mail with a rewritten List-Unsubscribe still verifies")
	}
}

func TestSendClassifiesRefusals(t *testing.T) {
	sink := smtptest.Start(t)
	sink.Reply("gone@patient.example", 550, "5.1.1", "<gone@patient.example>: user unknown")
	sink.Reply("full@patient.example", 451, "4.2.2", "<full@patient.example>: mailbox full, try later")
	sink.Reply("policy@patient.example", 554, "5.7.1", "<policy@patient.example> rejected by policy")
	s := testSender(t, sink)
	c := testComposer()

	tests := []struct {
		to             string
		permanent, bad bool
		code           string
		reply          int
		enhanced       string
	}{
		{"gone@patient.example", true, true, bedside.EInvalid, 550, "5.1.1"},
		{"full@patient.example", false, false, bedside.EInternal, 451, "4.2.2"},
		{"policy@patient.example", true, true, bedside.EInvalid, 554, "5.7.1"},
	}
	for i, tt := range tests {
		t.Run(tt.to, func(t *testing.T) {
			err := s.Send(context.Background(), composeTo(t, c, tt.to, int64(100+i)))
			if err == nil {
				t.Fatal("sent")
			}
			if Permanent(err) != tt.permanent || Temporary(err) == tt.permanent || BadRecipient(err) != tt.bad {
				t.Errorf("permanent=%t temporary=%t bad=%t: %v", Permanent(err), Temporary(err), BadRecipient(err), err)
			}
			if bedside.ErrorCode(err) != tt.code {
				t.Errorf("code %s, want %s", bedside.ErrorCode(err), tt.code)
			}
			f := bedside.ErrorDetails(err).(Failure)
			if f.Stage != "RCPT" || f.Reply != tt.reply || f.Enhanced != tt.enhanced {
				t.Errorf("failure = %+v", f)
			}
			if strings.Contains(err.Error(), "patient.example") || strings.Contains(err.Error(), "Spring") {
				t.Errorf("error leaks the recipient or the mail: %v", err)
			}
		})
	}
	// A refused recipient does not cost the connection.
	if err := s.Send(context.Background(), composeTo(t, c, "ana@patient.example", 1)); err != nil {
		t.Fatal(err)
	}
	if n := sink.Sessions(); n != 1 {
		t.Errorf("%d sessions, want 1", n)
	}
	if n := sink.Count(); n != 1 {
		t.Errorf("sink accepted %d mails, want 1", n)
	}
}

func TestSendReusesOneConnection(t *testing.T) {
	sink := smtptest.Start(t)
	s := testSender(t, sink)
	c := testComposer()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.Send(context.Background(), composeTo(t, c, "ana@patient.example", int64(i+1))); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if sink.Count() != 20 || sink.Sessions() != 1 {
		t.Errorf("%d mails over %d sessions, want 20 over 1", sink.Count(), sink.Sessions())
	}
}

func TestSendReconnectsAfterDrop(t *testing.T) {
	sink := smtptest.Start(t)
	s := testSender(t, sink)
	c := testComposer()
	for i := range 3 {
		if i > 0 {
			sink.DropConnections()
		}
		if err := s.Send(context.Background(), composeTo(t, c, "ana@patient.example", int64(i+1))); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	if sink.Count() != 3 || sink.Sessions() != 3 {
		t.Errorf("%d mails over %d sessions, want 3 over 3", sink.Count(), sink.Sessions())
	}
	ids := map[string]bool{}
	for _, m := range sink.Messages() {
		ids[parse(t, m.Data).header.Get("Message-ID")] = true
	}
	if len(ids) != 3 {
		t.Errorf("a mail arrived twice: %d distinct Message-IDs", len(ids))
	}
}

func TestSendUnreachableIsTemporary(t *testing.T) {
	sink := smtptest.Start(t)
	port := sink.Port()
	s, err := NewSender(SMTPConfig{Host: "127.0.0.1", Port: port + 1, TLS: TLSNone, HELO: "localhost", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), composeTo(t, testComposer(), "ana@patient.example", 1))
	if err == nil {
		t.Skip("something listens on the next port")
	}
	if !Temporary(err) || bedside.ErrorDetails(err).(Failure).Stage != "connect" {
		t.Errorf("unreachable server: %v (%+v)", err, bedside.ErrorDetails(err))
	}
}

func TestSendMandatoryTLSRefusesPlainServer(t *testing.T) {
	sink := smtptest.Start(t)
	s, err := NewSender(SMTPConfig{Host: sink.Host(), Port: sink.Port(), HELO: "localhost", Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), composeTo(t, testComposer(), "ana@patient.example", 1)); err == nil {
		t.Fatal("sent over a server without STARTTLS under the mandatory policy")
	}
	if sink.Count() != 0 {
		t.Error("sink got the mail")
	}
}

func TestSendCanceled(t *testing.T) {
	sink := smtptest.Start(t)
	s := testSender(t, sink)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := s.Send(ctx, composeTo(t, testComposer(), "ana@patient.example", 1))
	if err == nil || !Temporary(err) {
		t.Errorf("canceled send: %v", err)
	}
	// The next send with a live context works.
	if err := s.Send(context.Background(), composeTo(t, testComposer(), "ana@patient.example", 2)); err != nil {
		t.Fatal(err)
	}
}

func TestSendRefusesBadEnvelope(t *testing.T) {
	s := testSender(t, smtptest.Start(t))
	e := composeTo(t, testComposer(), "ana@patient.example", 1)
	e.To = "ana@patient.example>\r\nRCPT TO:<x@y"
	err := s.Send(context.Background(), e)
	if bedside.ErrorCode(err) != bedside.EInvalid || strings.Contains(err.Error(), "patient") {
		t.Errorf("bad envelope: %v", err)
	}
	if (&Email{MessageID: "<x@y>", To: "ana@patient.example", Data: []byte("Secret")}).String() != "mail <x@y>" {
		t.Error("an Email prints more than its Message-ID")
	}
}

// BenchmarkSend measures one Sender over one connection to the in-process sink, with
// pre-built, DKIM-signed mail: the wire alone.
func BenchmarkSend(b *testing.B) {
	sink := smtptest.Start(b)
	sink.Discard()
	s := testSender(b, sink)
	c := signedComposer(b, ed25519Key(b))
	mails := make([]*Email, 256)
	for i := range mails {
		mails[i] = composeTo(b, c, "ana@patient.example", int64(i+1))
	}
	ctx := context.Background()
	b.SetBytes(int64(len(mails[0].Data)))
	b.ResetTimer()
	start := time.Now()
	for i := 0; b.Loop(); i++ {
		if err := s.Send(ctx, mails[i%len(mails)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "msgs/s")
}

// BenchmarkCompose measures building and signing one mail, the CPU side of a campaign.
func BenchmarkCompose(b *testing.B) {
	for name, key := range map[string]testKey{"ed25519": ed25519Key(b), "rsa2048": rsaKey(b, 2048)} {
		b.Run(name, func(b *testing.B) {
			c := signedComposer(b, key)
			m := testMessage()
			start := time.Now()
			for b.Loop() {
				if _, err := c.Compose(m); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "msgs/s")
		})
	}
}
