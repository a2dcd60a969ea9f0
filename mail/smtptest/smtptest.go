// Package smtptest runs an in-process SMTP server for tests: it records what it receives and
// can refuse chosen recipients with a 4xx or 5xx reply, or drop its connections.
package smtptest

import (
	"bytes"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one mail the sink accepted.
type Message struct {
	From string   // envelope sender
	To   []string // envelope recipients
	Data []byte   // the raw message as received
}

// Sink is a running server. Its methods are safe to call from any goroutine.
type Sink struct {
	addr   string
	server *smtp.Server

	mu       sync.Mutex
	messages []Message
	count    int
	discard  bool
	replies  map[string]*smtp.SMTPError
	conns    map[*smtp.Conn]struct{}
	sessions int
}

// Start listens on 127.0.0.1:0 and stops when the test ends.
func Start(t testing.TB) *Sink {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtptest: listen: %v", err)
	}
	s := &Sink{
		addr:    l.Addr().String(),
		replies: map[string]*smtp.SMTPError{},
		conns:   map[*smtp.Conn]struct{}{},
	}
	s.server = smtp.NewServer(s)
	s.server.Domain = "sink.test"
	s.server.ReadTimeout = 30 * time.Second
	s.server.WriteTimeout = 30 * time.Second
	s.server.MaxMessageBytes = 10 << 20
	s.server.AllowInsecureAuth = true
	done := make(chan struct{})
	var closing atomic.Bool
	go func() {
		defer close(done)
		if err := s.server.Serve(l); err != nil && !closing.Load() {
			t.Errorf("smtptest: serve: %v", err)
		}
	}()
	t.Cleanup(func() {
		closing.Store(true)
		s.server.Close()
		// Close the listener too: when the test ends before Serve has registered it,
		// server.Close does not know it and Serve would wait in Accept for ever.
		l.Close()
		<-done
	})
	return s
}

// Addr is the host:port the sink listens on.
func (s *Sink) Addr() string { return s.addr }

// Host is the sink's IP address.
func (s *Sink) Host() string { h, _, _ := net.SplitHostPort(s.addr); return h }

// Port is the sink's TCP port.
func (s *Sink) Port() int {
	_, p, _ := net.SplitHostPort(s.addr)
	n, _ := strconv.Atoi(p)
	return n
}

// Messages returns a copy of what the sink accepted, in order.
func (s *Sink) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Count is how many messages the sink accepted, including discarded ones.
func (s *Sink) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count
}

// Sessions is how many SMTP sessions clients opened: a sender that reuses its connection
// opens one.
func (s *Sink) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions
}

// Discard makes the sink count messages without keeping them, for benchmarks.
func (s *Sink) Discard() {
	s.mu.Lock()
	s.discard = true
	s.mu.Unlock()
}

// Reply makes the sink answer RCPT TO:<rcpt> with code (such as 550 or 451) and the enhanced
// status code enhanced (such as "5.1.1"; "" for none).
func (s *Sink) Reply(rcpt string, code int, enhanced, text string) {
	e := &smtp.SMTPError{Code: code, Message: text, EnhancedCode: smtp.NoEnhancedCode}
	if enhanced != "" {
		var ec smtp.EnhancedCode
		for i, p := range strings.SplitN(enhanced, ".", 3) {
			for _, c := range p {
				ec[i] = ec[i]*10 + int(c-'0')
			}
		}
		e.EnhancedCode = ec
	}
	s.mu.Lock()
	s.replies[strings.ToLower(rcpt)] = e
	s.mu.Unlock()
}

// DropConnections closes every open client connection without a reply, as a server that
// restarts or times a client out does.
func (s *Sink) DropConnections() {
	s.mu.Lock()
	conns := s.conns
	s.conns = map[*smtp.Conn]struct{}{}
	s.mu.Unlock()
	for c := range conns {
		c.Conn().Close()
	}
}

// NewSession implements smtp.Backend.
func (s *Sink) NewSession(c *smtp.Conn) (smtp.Session, error) {
	s.mu.Lock()
	s.conns[c] = struct{}{}
	s.sessions++
	s.mu.Unlock()
	return &session{sink: s, conn: c}, nil
}

type session struct {
	sink *Sink
	conn *smtp.Conn
	msg  Message
}

func (x *session) Reset() { x.msg = Message{} }

func (x *session) Logout() error {
	x.sink.mu.Lock()
	delete(x.sink.conns, x.conn)
	x.sink.mu.Unlock()
	return nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	x.msg = Message{From: from}
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.sink.mu.Lock()
	reply := x.sink.replies[strings.ToLower(to)]
	x.sink.mu.Unlock()
	if reply != nil {
		return reply
	}
	x.msg.To = append(x.msg.To, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(r); err != nil {
		return err
	}
	x.sink.mu.Lock()
	defer x.sink.mu.Unlock()
	x.sink.count++
	if !x.sink.discard {
		x.msg.Data = buf.Bytes()
		x.sink.messages = append(x.sink.messages, x.msg)
	}
	x.msg = Message{}
	return nil
}
