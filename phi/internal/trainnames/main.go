// Command trainnames trains the scanner's person-name model from CoNLL files:
//
//	go run ./phi/internal/trainnames -out phi/rules/names/person.model \
//	    ../shared/data/tweets/btc.train ../shared/data/tweets/wnut17train.conll
//
// Only training splits go in; the development splits stay for eval's TestTweetNames.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"github.com/bedsidehq/bedside/eval"
	"github.com/bedsidehq/bedside/phi"
)

func main() {
	out := flag.String("out", "phi/rules/names/person.model", "model file to write")
	epochs := flag.Int("epochs", 8, "passes over the data")
	seed := flag.Uint64("seed", 1, "shuffle seed")
	flag.Parse()
	var sents []phi.LabelledSentence
	for _, name := range flag.Args() {
		f, err := os.Open(name)
		if err != nil {
			fail(err)
		}
		ss, err := eval.ReadCoNLL(f)
		f.Close()
		if err != nil {
			fail(fmt.Errorf("%s: %w", name, err))
		}
		for _, s := range ss {
			sents = append(sents, phi.LabelledSentence{Tokens: s.Tokens, Person: s.Person})
		}
	}
	if len(sents) == 0 {
		fail(fmt.Errorf("no training sentences: name CoNLL files as arguments"))
	}
	var buf bytes.Buffer
	if err := phi.TrainNameModel(sents, *epochs, *seed, &buf); err != nil {
		fail(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fail(err)
	}
	fmt.Printf("trained on %d sentences, wrote %s (%d bytes)\n", len(sents), *out, buf.Len())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "trainnames:", err)
	os.Exit(1)
}
