package web

import (
	"context"
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bedsidehq/bedside/auth"
	"github.com/bedsidehq/bedside/campaign"
	bmail "github.com/bedsidehq/bedside/mail"
	"github.com/bedsidehq/bedside/mail/smtptest"
	"github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/storetest"
)

// BenchmarkCampaignSend sends one campaign to BEDSIDE_BENCH_RECIPIENTS contacts (default 10,000)
// who all consented, through the real sender loop, to an in-process SMTP sink, on SQLite or, with
// BEDSIDE_BENCH_DB=postgres, PostgreSQL, over BEDSIDE_SMTP_CONNECTIONS connections. It reports messages a second and the largest heap seen.
// scripts/bench-campaign.sh runs it at 100,000 on both.
func BenchmarkCampaignSend(b *testing.B) {
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("BEDSIDE_BENCH_RECIPIENTS")); err == nil && v > 0 {
		n = v
	}
	conns, _ := strconv.Atoi(os.Getenv("BEDSIDE_SMTP_CONNECTIONS")) // 0: the default
	ctx := context.Background()
	for range b.N {
		b.StopTimer()
		var db *store.DB
		if os.Getenv("BEDSIDE_BENCH_DB") == "postgres" {
			db = storetest.Postgres(b)
		} else {
			db = storetest.SQLite(b)
		}
		hash, _ := auth.HashPassword(testPassword)
		p, u, err := db.NewPractice(ctx, "Riverside Dental", "admin@example.com", "Admin", hash)
		if err != nil {
			b.Fatal(err)
		}
		actor := store.Actor{PracticeID: p.ID, UserID: u.ID}
		if err := storetest.SendingPractice(ctx, db, actor); err != nil {
			b.Fatal(err)
		}
		if err := storetest.Subscribers(ctx, db, actor, n, func(int) bool { return true }); err != nil {
			b.Fatal(err)
		}
		sink := smtptest.Start(b)
		sink.Discard()
		srv, err := New(db, slog.New(slog.DiscardHandler), Config{Mail: &MailConfig{
			Composer:    &bmail.Composer{Host: "bedside.example", Domain: "riverside.example"},
			SMTP:        bmail.SMTPConfig{Host: sink.Host(), Port: sink.Port(), TLS: bmail.TLSNone},
			Connections: conns,
		}})
		if err != nil {
			b.Fatal(err)
		}
		c, err := db.CreateCampaign(ctx, actor, campaign.Campaign{Name: "Flu", Kind: campaign.Marketing, Subject: "Flu shots are in, {{first_name}}", Body: "Walk in any weekday. Call {{practice_phone}}."})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.StartCampaign(ctx, actor, c.ID, ""); err != nil {
			b.Fatal(err)
		}
		var peak atomic.Uint64
		stop := make(chan struct{})
		go func() {
			var ms runtime.MemStats
			for {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
		runCtx, cancel := context.WithCancel(ctx)
		start := time.Now()
		b.StartTimer()
		go srv.RunCampaigns(runCtx, 10*time.Millisecond)
		for sink.Count() < n {
			time.Sleep(5 * time.Millisecond)
		}
		b.StopTimer()
		elapsed := time.Since(start)
		cancel()
		close(stop)
		b.ReportMetric(float64(n)/elapsed.Seconds(), "msgs/s")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	}
}
