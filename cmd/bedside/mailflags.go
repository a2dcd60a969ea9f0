package main

import (
	"errors"
	"flag"
	"os"
	"strconv"

	"github.com/bedsidehq/bedside/web"
)

// mailFlags configure the signing of double opt-in links and whether proxy headers are
// believed; the SMTP server itself comes from mailConfig. Each defaults to an environment
// variable, so that the secret need not appear in a process list.
type mailFlags struct {
	linkSecret string
	trustProxy bool
}

func (m *mailFlags) register(fs *flag.FlagSet) {
	trust, _ := strconv.ParseBool(os.Getenv("BEDSIDE_TRUST_PROXY"))
	fs.BoolVar(&m.trustProxy, "trust-proxy", trust, "believe X-Forwarded-For for client addresses (only behind a proxy that sets it); default $BEDSIDE_TRUST_PROXY")
	m.linkSecret = os.Getenv("BEDSIDE_LINK_SECRET")
}

func (m *mailFlags) apply(cfg *web.Config) error {
	cfg.TrustProxyHeaders = m.trustProxy
	if m.linkSecret != "" {
		if len(m.linkSecret) < 32 {
			return errors.New("BEDSIDE_LINK_SECRET must be at least 32 characters")
		}
		cfg.LinkSecret = []byte(m.linkSecret)
	}
	return nil
}
