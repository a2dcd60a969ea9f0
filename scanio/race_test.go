//go:build race

package scanio

// raceEnabled: the race detector's shadow memory makes heap figures meaningless.
const raceEnabled = true
