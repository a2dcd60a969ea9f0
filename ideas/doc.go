// Package ideas holds starting points for the post composer: ready-to-edit posts in the
// categories a practice may publish without an authorization (health tips, research links,
// quotes, public events, awards, staff bios, offers, blog promotion, partnerships, anonymous
// reviews, office updates and shared posts from professionals).
//
// The ideas live in ideas.json, embedded at build time, so that people who write copy rather than
// code can edit them. Texts carry placeholders in square brackets, such as [practice name] or
// [link], from the fixed set Placeholders returns; the composer fills them in. The tests check
// that every idea, once filled with realistic values, is allowed by the phi scanner.
package ideas
