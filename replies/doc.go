// Package replies holds safe reply templates for answering online reviews and public comments.
//
// A reply to a review is read together with the review, and the practice knows who wrote it, so
// a reply must never confirm that the reviewer is a patient, repeat their name, condition or
// visit, or argue about what happened. The templates here thank, invite a private conversation
// or give general information, and say nothing about any one person's care.
//
// The templates live in replies.json, embedded at build time, so that people who write copy
// rather than code can edit them. Texts carry placeholders in square brackets, such as
// [practice name] or [phone], from the fixed set Placeholders returns; Fill takes their values
// from the practice profile. The tests fill every template and check that the phi scanner allows
// it as an answer to each review of a realistic test set.
package replies
