package phi

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

type corpusCase struct {
	ID        string  `json:"id"`
	Text      string  `json:"text"`
	Context   Context `json:"context"`
	InReplyTo *Parent `json:"in_reply_to"`
}

func loadCorpusForTest(t testing.TB) []corpusCase {
	t.Helper()
	files, _ := filepath.Glob("../eval/testdata/*/*.jsonl")
	var out []corpusCase
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var c corpusCase
			if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out = append(out, c)
		}
		f.Close()
	}
	return out
}
