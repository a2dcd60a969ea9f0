//go:build !race

package scanio

const raceEnabled = false
