// Package share turns what others wrote into posts the practice may publish: a patient's review
// quoted without identity, and another author's article re-shared with credit. It is pure: text
// in, text and counts out, with the scanner deciding what is still PHI.
package share
