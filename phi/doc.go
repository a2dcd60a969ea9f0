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
package phi
