// Package phi finds protected health information (PHI) in the text a medical practice is about to
// publish or send: a social post, a comment, a reply to a review, a direct message.
//
// It is pure: text, the embedded rules and a practice profile go in, a Result comes out. It does
// no I/O after the rules are loaded and never logs what it reads.
//
// One pass tokenises the text sentence by sentence; every word is looked up once in a hashed
// lexicon built at start (names, clinical vocabulary, cue words). Identifier matchers run only where
// a digit, an '@' or a rule keyword appears, and the context rules that find a case (health
// information about a specific person) work on the flags of one sentence and a little state
// carried from the sentences before it.
//
// Where things are: token.go (the lexer), lexicon.go and table.go (word lists and their lookup),
// state.go (per-document state; analyse runs the passes), idents.go (numbers and keyword
// identifiers), names.go (finding names), whose.go (whose a name is), namemodel.go (the learned
// name recogniser), context.go (who a sentence is about), cases.go (health information about
// someone), answer.go (what a reply says about the person it answers), reply.go (what the review
// being answered disclosed), milestone.go (recoveries told as milestones), photo.go, when.go
// (dates and ages), places.go (addresses and roles), unique.go, suggest.go (the safe rewrite),
// scanner.go (the entry points).
package phi
