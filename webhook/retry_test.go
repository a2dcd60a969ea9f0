package webhook

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestNextAttemptBounds(t *testing.T) {
	want := []time.Duration{30 * time.Second, 2 * time.Minute, 10 * time.Minute, time.Hour,
		6 * time.Hour, 6 * time.Hour, 6 * time.Hour}
	r := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		var total time.Duration
		for attempt := 1; attempt < MaxAttempts; attempt++ {
			next, ok := NextAttempt(attempt, now, r)
			d := next.Sub(now)
			base := want[attempt-1]
			if !ok || d < base*8/10 || d > base*12/10 {
				t.Fatalf("attempt %d: %v, ok=%v; want %v ±20%%", attempt, d, ok, base)
			}
			total += d
		}
		// 30 s + 2 min + 10 min + 1 h + 3 × 6 h = 19 h 42 min 30 s, give or take 20%.
		if total < 15*time.Hour || total > 24*time.Hour {
			t.Fatalf("schedule spans %v, want about 20 hours", total)
		}
	}
	for _, attempt := range []int{MaxAttempts, MaxAttempts + 1, 100} {
		if next, ok := NextAttempt(attempt, now, r); ok || !next.IsZero() {
			t.Errorf("attempt %d: got %v, %v; want give up", attempt, next, ok)
		}
	}
	if _, ok := NextAttempt(0, now, nil); !ok {
		t.Error("attempt 0 gave up")
	}
}

func TestNextAttemptIsDeterministicAndJittered(t *testing.T) {
	a, _ := NextAttempt(3, now, rand.New(rand.NewPCG(7, 7)))
	b, _ := NextAttempt(3, now, rand.New(rand.NewPCG(7, 7)))
	if !a.Equal(b) {
		t.Errorf("same seed, different times: %v and %v", a, b)
	}
	r := rand.New(rand.NewPCG(1, 1))
	seen := map[time.Time]bool{}
	for range 20 {
		next, _ := NextAttempt(3, now, r)
		seen[next] = true
	}
	if len(seen) < 10 {
		t.Errorf("only %d distinct times in 20 draws: no jitter", len(seen))
	}
}
