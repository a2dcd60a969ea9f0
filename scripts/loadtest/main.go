// Command loadtest drives POST /api/v1/scan with 2 KB posts from many connections and reports
// throughput and latency percentiles. scripts/bench-server.sh runs it against a fresh server.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Two 2 KB posts: a compliant one (no suggestion needed) and one that is blocked.
var posts = map[string]string{
	"allow": "Flossing once a day removes the plaque a brush cannot reach. Gum disease affects nearly half of adults over 30, and it is preventable. ",
	"block": "Congratulations to Emma on finishing her Invisalign treatment after 18 months! Thanks for coming in today, Karen, your root canal went well. ",
}

func post(kind string) string {
	var b strings.Builder
	for b.Len() < 2048 {
		b.WriteString(posts[kind])
	}
	return b.String()[:2048]
}

func main() {
	url := flag.String("url", "http://127.0.0.1:8080", "server base URL")
	token := flag.String("token", os.Getenv("BEDSIDE_TOKEN"), "bearer token")
	conns := flag.Int("c", 64, "concurrent connections")
	dur := flag.Duration("d", 10*time.Second, "how long to run")
	kind := flag.String("post", "allow", "which 2 KB post: allow or block")
	flag.Parse()
	if posts[*kind] == "" || *token == "" {
		fmt.Fprintln(os.Stderr, "loadtest: need -token and -post allow|block")
		os.Exit(2)
	}
	body, _ := json.Marshal(map[string]string{"text": post(*kind), "context": "post"})
	tr := &http.Transport{MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	var ok, failed atomic.Int64
	lat := make([][]time.Duration, *conns)
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for c := 0; c < *conns; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for time.Now().Before(deadline) {
				req, _ := http.NewRequest("POST", *url+"/api/v1/scan", bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+*token)
				req.Header.Set("Content-Type", "application/json")
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					failed.Add(1)
					continue
				}
				lat[c] = append(lat[c], time.Since(t0))
				ok.Add(1)
			}
		}(c)
	}
	start := time.Now()
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[int(float64(len(all)-1)*p)]
	}
	fmt.Printf("post=%s connections=%d duration=%s ok=%d failed=%d\n", *kind, *conns, elapsed.Round(time.Millisecond), ok.Load(), failed.Load())
	fmt.Printf("throughput %.0f requests/s; latency p50 %s p95 %s p99 %s max %s\n",
		float64(ok.Load())/elapsed.Seconds(), pct(0.50), pct(0.95), pct(0.99), pct(1))
}
