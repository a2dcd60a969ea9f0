package scanio

import (
	"fmt"
	"io"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"
)

// genReader produces n JSONL documents of about 2 KB without holding them.
type genReader struct {
	n, i int
	buf  []byte
}

func (g *genReader) Read(p []byte) (int, error) {
	for len(g.buf) == 0 {
		if g.i == g.n {
			return 0, io.EOF
		}
		g.i++
		g.buf = fmt.Appendf(nil, `{"id":%d,"text":"%s Thanks Karen for coming in today, your crown looks great!"}`+"\n", g.i, filler)
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	return n, nil
}

var filler = func() string {
	b := make([]byte, 0, 2000)
	for len(b) < 1900 {
		b = append(b, "Flossing daily keeps your gums healthy and your smile bright. "...)
	}
	return string(b)
}()

// TestStreamMemoryIsBounded streams 40 MB and checks that the live heap stays a few megabytes over
// the scanner's own tables: memory does not grow with the input.
func TestStreamMemoryIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 40 MB")
	}
	if raceEnabled {
		t.Skip("the race detector's shadow memory hides what the stream holds")
	}
	s := scanner(t)
	// The metric is as of the last collection; without this one it may still be the one taken
	// while the rules were being built, which is not what the stream holds.
	runtime.GC()
	done := make(chan struct{})
	peakc := make(chan uint64)
	go func() {
		// The live heap after each collection is what the stream retains; garbage waiting for the
		// next collection depends on how busy the machine is and says nothing about the stream.
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var peak uint64
		for {
			select {
			case <-done:
				peakc <- peak
				return
			case <-time.After(10 * time.Millisecond):
				metrics.Read(sample)
				peak = max(peak, sample[0].Value.Uint64())
			}
		}
	}()
	sum, err := Stream(s, &genReader{n: 20000}, io.Discard, 2)
	close(done)
	peak := <-peakc
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 20000 || sum.Flagged != 20000 {
		t.Fatalf("summary %+v", sum)
	}
	// The lexicon and name model take about 20 MB; the stream itself must add little to that.
	if peak > 48<<20 {
		t.Errorf("live heap peaked at %d MB while streaming", peak>>20)
	}
	t.Logf("live heap peak %d MB for 40 MB of input", peak>>20)
}
