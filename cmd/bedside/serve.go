package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/bedsidehq/bedside/auth"
	"github.com/bedsidehq/bedside/web"
)

func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var db dbFlags
	db.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	cert := fs.String("tls-cert", "", "TLS certificate `file` (PEM); serve HTTPS with --tls-key")
	key := fs.String("tls-key", "", "TLS private key `file` (PEM)")
	secure := fs.Bool("secure-cookies", false, "mark cookies Secure (on by itself with TLS; set it behind a TLS proxy)")
	var m mailFlags
	m.register(fs)
	publicURL := fs.String("public-url", os.Getenv("BEDSIDE_PUBLIC_URL"), "the `URL` the outside world calls this server at (https://bedside.example.com): links in mail, and Twilio's webhook signatures; default $BEDSIDE_PUBLIC_URL")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0, nil
		}
		return 2, usagef("%v", err)
	}
	if (*cert == "") != (*key == "") {
		return 2, usagef("--tls-cert and --tls-key go together")
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	slog.SetDefault(log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	store, err := db.open(ctx)
	if err != nil {
		return 1, err
	}
	defer store.Close()
	mailCfg, err := mailConfig(*publicURL)
	if err != nil {
		return 2, usagef("%v", err)
	}
	cfg := web.Config{SecureCookies: *secure || *cert != "", Version: version, Mail: mailCfg, PublicURL: *publicURL}
	if err := m.apply(&cfg); err != nil {
		return 2, usagef("%v", err)
	}
	srv, err := web.New(store, log, cfg)
	if err != nil {
		return 1, err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return 1, err
	}
	scheme := "http"
	if *cert != "" {
		scheme = "https"
	}
	base := fmt.Sprintf("%s://%s", scheme, ln.Addr())
	has, err := store.HasUsers(ctx)
	if err != nil {
		return 1, err
	}
	if !has {
		secret, hash := auth.NewSecret("")
		if err := store.CreateSetupToken(ctx, hash); err != nil {
			return 1, err
		}
		// The link is a secret: it goes to the terminal only, never into the logs.
		fmt.Fprintf(stdout, "No practice yet. Open this one-time link to create the first practice and its admin:\n\n    %s/setup/%s\n\n", base, secret)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	log.Info("listening", "addr", ln.Addr().String(), "tls", *cert != "", "database", string(store.Dialect()))
	fmt.Fprintf(stdout, "Bedside is running at %s/\n", base)
	go srv.RunBackground(ctx, 5*time.Second) // scheduled posts, webhook deliveries, reply retries
	go srv.RunCampaigns(ctx, time.Second)
	errc := make(chan error, 1)
	go func() {
		if *cert != "" {
			errc <- hs.ServeTLS(ln, *cert, *key)
		} else {
			errc <- hs.Serve(ln)
		}
	}()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return 1, err
		}
	case <-ctx.Done():
		log.Info("shutting down")
		shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := hs.Shutdown(shutdown); err != nil {
			return 1, err
		}
	}
	return 0, nil
}
