package webhook

import (
	"math/rand/v2"
	"time"
)

// MaxAttempts is how many times an event is tried before the caller gives up on it: the last
// retry comes about 20 hours after the first, long enough to ride out a receiver's outage
// overnight without queueing a dead endpoint's events for days.
const MaxAttempts = 8

// backoff is the delay after each failed attempt, growing so a receiver that is down is not
// hammered; from the fifth on it stays at the last step.
var backoff = []time.Duration{30 * time.Second, 2 * time.Minute, 10 * time.Minute, time.Hour, 6 * time.Hour}

// jitter spreads retries over ±20% of the delay, so the events of an endpoint that failed
// together are not all retried in the same second and fail again from the same load.
const jitter = 0.2

// NextAttempt says when to try an event again after its attempt-th attempt failed (attempt
// counts from 1), or ok=false when that was the last one. It is pure: r, when not nil, gives
// the jitter, so a test or a replayed outbox gets the same schedule; nil uses the global source.
func NextAttempt(attempt int, now time.Time, r *rand.Rand) (next time.Time, ok bool) {
	if attempt >= MaxAttempts {
		return time.Time{}, false
	}
	base := backoff[min(max(attempt, 1), len(backoff))-1]
	f := rand.Float64
	if r != nil {
		f = r.Float64
	}
	factor := 1 - jitter + 2*jitter*f()
	return now.Add(time.Duration(float64(base) * factor)), true
}
