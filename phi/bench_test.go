package phi

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// socialText returns the texts of the labelled corpora: real-looking posts, replies and messages.
func socialText(t testing.TB) []string {
	var out []string
	for _, c := range loadCorpusForTest(t) {
		if c.Text != "" {
			out = append(out, c.Text)
		}
	}
	if len(out) == 0 {
		t.Fatal("no corpus texts")
	}
	return out
}

// BenchmarkScanSocial measures throughput on the corpora's posts as one stream of documents.
func BenchmarkScanSocial(b *testing.B) { benchSocial(b, testScanner(b).Scan) }

// BenchmarkCheckSocial is the same without suggestions.
func BenchmarkCheckSocial(b *testing.B) { benchSocial(b, testScanner(b).Check) }

func benchSocial(b *testing.B, scan func(Document) (Result, error)) {
	texts := socialText(b)
	total := 0
	for _, t := range texts {
		total += len(t)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			if _, err := scan(Document{Text: t}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// post2KB builds a 2 KB post from corpus texts.
func post2KB(tb testing.TB) string {
	var sb strings.Builder
	for _, t := range socialText(tb) {
		if sb.Len()+len(t)+1 > 2048 {
			break
		}
		sb.WriteString(t)
		sb.WriteByte('\n')
	}
	return sb.String()
}

// BenchmarkScan2KB reports the latency of one 2 KB post, with its 99th percentile.
func BenchmarkScan2KB(b *testing.B) { bench2KB(b, testScanner(b).Scan) }

// BenchmarkCheck2KB is the same without the suggestion.
func BenchmarkCheck2KB(b *testing.B) { bench2KB(b, testScanner(b).Check) }

func bench2KB(b *testing.B, scan func(Document) (Result, error)) {
	post := post2KB(b)
	b.SetBytes(int64(len(post)))
	b.ReportAllocs()
	lat := make([]time.Duration, 0, 1<<16)
	for b.Loop() {
		t0 := time.Now()
		if _, err := scan(Document{Text: post}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns")
}

// BenchmarkCheckTweets measures throughput on the tweet development sets: real social text.
func BenchmarkCheckTweets(b *testing.B) {
	s := testScanner(b)
	var texts []string
	total := 0
	for _, name := range []string{"../eval/testdata/tweets/btc.dev", "../eval/testdata/tweets/emerging.dev.conll"} {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		for _, block := range strings.Split(string(data), "\n\n") {
			var words []string
			for _, line := range strings.Split(block, "\n") {
				if tok, _, ok := strings.Cut(line, "\t"); ok {
					words = append(words, tok)
				}
			}
			if len(words) > 0 {
				t := strings.Join(words, " ")
				texts = append(texts, t)
				total += len(t)
			}
		}
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			if _, err := s.Check(Document{Text: t}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkPathological scans the inputs of TestPathological at two sizes each; MB/s staying level
// from the small to the large size is what linear time looks like.
func BenchmarkPathological(b *testing.B) {
	s := testScanner(b)
	gens := map[string]func(n int) string{
		"word":    func(n int) string { return strings.Repeat("a", n) },
		"digits":  func(n int) string { return strings.Repeat("7", n) },
		"invalid": func(n int) string { return strings.Repeat("\xff\xc3(", n/3) },
		"dots":    func(n int) string { return strings.Repeat("a.", n/2) },
		"names":   func(n int) string { return strings.Repeat("Karen Smith had a root canal ", n/29) },
	}
	for _, name := range []string{"word", "digits", "invalid", "dots", "names"} {
		for _, size := range []int{1 << 20, 10 << 20} {
			text := gens[name](size)
			b.Run(name+"/"+strconv.Itoa(size>>20)+"MB", func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					if _, err := s.Scan(Document{Text: text}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
