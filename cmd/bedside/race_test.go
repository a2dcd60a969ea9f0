//go:build race

package main

// raceEnabled: under the race detector the child server runs ten times slower, so the
// 10,000-recipient crash test runs in the separate step of .ci/run without it.
const raceEnabled = true
