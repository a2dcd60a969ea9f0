package main

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"

	"github.com/bedsidehq/bedside/mail"
	"github.com/bedsidehq/bedside/web"
)

// mailConfig reads how Bedside sends email from the environment:
//
//	BEDSIDE_SMTP_URL          smtp://user:password@host:587?tls=mandatory|opportunistic|none
//	BEDSIDE_SMTP_CONNECTIONS  connections used at once by campaigns (default 8)
//	BEDSIDE_SMTP_RATE         campaign messages a second at most (default: no limit)
//	BEDSIDE_MAIL_DOMAIN       the domain of Message-IDs and unsubscribe@ (default: the public host)
//	BEDSIDE_DKIM_DOMAIN, BEDSIDE_DKIM_SELECTOR, BEDSIDE_DKIM_KEY or BEDSIDE_DKIM_KEY_FILE
//
// publicURL (--public-url, $BEDSIDE_PUBLIC_URL) is the host of the unsubscribe links. Without
// BEDSIDE_SMTP_URL there is no mail: campaigns refuse to start and say why.
func mailConfig(publicURL string) (*web.MailConfig, error) {
	raw := os.Getenv("BEDSIDE_SMTP_URL")
	if raw == "" {
		return nil, nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "smtp" || u.Hostname() == "" {
		return nil, errors.New("BEDSIDE_SMTP_URL must look like smtp://user:password@host:587?tls=mandatory")
	}
	cfg := mail.SMTPConfig{Host: u.Hostname(), TLS: mail.TLSMandatory}
	if p := u.Port(); p != "" {
		if cfg.Port, err = strconv.Atoi(p); err != nil {
			return nil, errors.New("BEDSIDE_SMTP_URL has a port that is not a number")
		}
	}
	if u.User != nil {
		cfg.Username = u.User.Username()
		cfg.Password, _ = u.User.Password()
	}
	switch tls := u.Query().Get("tls"); tls {
	case "", "mandatory":
	case "opportunistic", "none":
		cfg.TLS = mail.TLSPolicy(tls)
	default:
		return nil, errors.New("BEDSIDE_SMTP_URL: tls is mandatory, opportunistic or none")
	}
	public, err := url.Parse(publicURL)
	if err != nil || public.Host == "" {
		return nil, errors.New("with BEDSIDE_SMTP_URL, --public-url (or BEDSIDE_PUBLIC_URL) must be set, such as https://bedside.example.com: mail links to it")
	}
	domain := os.Getenv("BEDSIDE_MAIL_DOMAIN")
	if domain == "" {
		domain = public.Hostname()
	}
	composer := &mail.Composer{Host: public.Host, Domain: domain}
	signer, err := mail.SignerFromEnv()
	switch {
	case err == nil:
		composer.Signer = signer
	case !errors.Is(err, mail.ErrNoDKIMKey):
		return nil, fmt.Errorf("DKIM: %w", err)
	}
	conns := 8
	if v := os.Getenv("BEDSIDE_SMTP_CONNECTIONS"); v != "" {
		if conns, err = strconv.Atoi(v); err != nil || conns < 1 || conns > 64 {
			return nil, errors.New("BEDSIDE_SMTP_CONNECTIONS is a number from 1 to 64")
		}
	}
	var perSecond float64
	if v := os.Getenv("BEDSIDE_SMTP_RATE"); v != "" {
		if perSecond, err = strconv.ParseFloat(v, 64); err != nil || perSecond <= 0 {
			return nil, errors.New("BEDSIDE_SMTP_RATE is a number of messages a second, above 0")
		}
	}
	return &web.MailConfig{Composer: composer, SMTP: cfg, Connections: conns, Rate: perSecond}, nil
}
