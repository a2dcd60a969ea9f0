package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/textproto"
	"sync"
	"time"

	"github.com/bedsidehq/bedside"
	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// TLSPolicy says whether the sender insists on STARTTLS.
type TLSPolicy string

// The policies.
const (
	TLSMandatory     TLSPolicy = "mandatory"     // refuse a server without STARTTLS (the default)
	TLSOpportunistic TLSPolicy = "opportunistic" // use STARTTLS when offered
	TLSNone          TLSPolicy = "none"          // plain text: tests and a relay on localhost only
)

// SMTPConfig is where mail goes.
type SMTPConfig struct {
	Host      string
	Port      int // 587 when zero
	TLS       TLSPolicy
	TLSConfig *tls.Config // nil: verify the server's certificate against the system roots
	Username  string      // SMTP AUTH when set
	Password  string
	HELO      string        // the machine's hostname when empty
	Timeout   time.Duration // for dialing and for each mail; 30s when zero
}

// Sender sends built mail over one SMTP connection, which it keeps open between mails and
// opens again when the server has dropped it. Send is safe for concurrent use; mails go one
// at a time, so a caller that wants more throughput runs several Senders.
//
// go-mail does the dialing, STARTTLS and AUTH. The transaction itself goes through go-mail's
// smtp.Client rather than Client.Send, because Client.Send writes a go-mail Msg, and our mail
// is already signed bytes: re-serialising it through a Msg could change a header the DKIM
// signature covers. go-mail's own DKIM option is not used either: it signs inside go-mail's
// writer where we cannot choose the header list (h= must cover both List-Unsubscribe
// headers) and the mail could not be verified before it is sent.
type Sender struct {
	client  *gomail.Client
	timeout time.Duration

	mu   sync.Mutex
	conn net.Conn     // the raw connection, for deadlines; set by dial
	smtp *smtp.Client // nil when not connected
}

// NewSender checks cfg and returns a Sender. It does not connect until the first Send.
func NewSender(cfg SMTPConfig) (*Sender, error) {
	if cfg.Host == "" {
		return nil, errors.New("mail: SMTP host is required")
	}
	s := &Sender{timeout: cfg.Timeout}
	if s.timeout <= 0 {
		s.timeout = 30 * time.Second
	}
	port := cfg.Port
	if port == 0 {
		port = 587
	}
	policy := gomail.TLSMandatory
	switch cfg.TLS {
	case "", TLSMandatory:
	case TLSOpportunistic:
		policy = gomail.TLSOpportunistic
	case TLSNone:
		policy = gomail.NoTLS
	default:
		return nil, fmt.Errorf("mail: unknown TLS policy %q", cfg.TLS)
	}
	opts := []gomail.Option{
		gomail.WithPort(port),
		gomail.WithTLSPolicy(policy),
		gomail.WithTimeout(s.timeout),
		gomail.WithDialContextFunc(s.dial),
		// Send checks the connection itself; a NOOP and a RSET around every mail would
		// double the round trips.
		gomail.WithoutNoop(),
		gomail.WithoutRset(),
	}
	if cfg.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(cfg.TLSConfig))
	}
	if cfg.HELO != "" {
		opts = append(opts, gomail.WithHELO(cfg.HELO))
	}
	if cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
	}
	c, err := gomail.NewClient(cfg.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP client: %w", err)
	}
	s.client = c
	return s, nil
}

// dial keeps the raw connection so Send can put the context's deadline on it.
func (s *Sender) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	s.conn = conn // under s.mu: only Send dials
	return conn, nil
}

// Send delivers e. A failure is a *bedside.Error whose Details is a Failure; use Permanent,
// Temporary and BadRecipient to read it. It never holds the recipient's address or the body.
func (s *Sender) Send(ctx context.Context, e *Email) error {
	from, to, err := envelope(e)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for attempt := 0; ; attempt++ {
		fresh := s.smtp == nil
		if fresh {
			if err := s.connect(ctx); err != nil {
				return err
			}
		}
		stage, err := s.transact(ctx, from, to, e.Data)
		if err == nil {
			return nil
		}
		var reply *textproto.Error
		if errors.As(err, &reply) && reply.Code != 421 {
			// The server answered, so the connection is good once the transaction is reset.
			if s.smtp.Reset() != nil {
				s.drop()
			}
			return replyError(stage, reply)
		}
		s.drop()
		if stage == stageMail && !fresh && attempt == 0 && ctx.Err() == nil {
			// A kept connection had gone stale (the server timed it out or restarted).
			// Nothing was accepted yet, so the mail cannot arrive twice: retry once.
			continue
		}
		if ctx.Err() != nil {
			err = errCanceled
		}
		return networkError(stage, err)
	}
}

// Close ends the connection politely.
func (s *Sender) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.smtp == nil {
		return nil
	}
	err := s.smtp.Quit()
	s.drop()
	return err
}

func (s *Sender) connect(ctx context.Context) error {
	c, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		if s.conn != nil {
			s.conn.Close()
			s.conn = nil
		}
		var reply *textproto.Error
		if errors.As(err, &reply) {
			return replyError(stageConnect, reply)
		}
		// The dial, TLS and AUTH errors name the server, never a recipient; the operator
		// needs them to fix the configuration.
		return &bedside.Error{Code: bedside.EInternal, Details: Failure{Stage: stageConnect},
			Message: fmt.Sprintf("mail: cannot reach the SMTP server: %v; try again later", err)}
	}
	s.smtp = c
	return nil
}

func (s *Sender) drop() {
	if s.conn != nil {
		s.conn.Close()
	}
	s.conn, s.smtp = nil, nil
}

// transact runs MAIL, RCPT and DATA, and says at which stage it stopped.
func (s *Sender) transact(ctx context.Context, from, to string, data []byte) (string, error) {
	deadline := time.Now().Add(s.timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	if err := s.conn.SetDeadline(deadline); err != nil {
		return stageMail, err
	}
	conn := s.conn
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	if err := s.smtp.Mail(from); err != nil {
		return stageMail, err
	}
	if err := s.smtp.Rcpt(to); err != nil {
		return stageRcpt, err
	}
	w, err := s.smtp.Data()
	if err != nil {
		return stageData, err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return stageData, err
	}
	return stageData, w.Close()
}

// envelope returns the MAIL FROM and RCPT TO arguments of e.
func envelope(e *Email) (from, to string, err error) {
	if e == nil || len(e.Data) == 0 {
		return "", "", bedside.Errorf(bedside.EInvalid, "mail: nothing to send")
	}
	f, err1 := mail.ParseAddress(e.From)
	t, err2 := mail.ParseAddress(e.To)
	if err1 != nil || err2 != nil || f.Name != "" || t.Name != "" {
		return "", "", &bedside.Error{Code: bedside.EInvalid, Details: Failure{Permanent: true, Stage: stageMail},
			Message: "mail: the envelope address is not valid"}
	}
	return "<" + f.Address + ">", "<" + t.Address + ">", nil
}
