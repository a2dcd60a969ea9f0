// Package sms sends a practice's treatment texts through a Twilio-compatible Messages API and
// holds the TCPA rules every text must pass first. It keeps no state: callers pass the
// recipient's previous send times and consent, and store what comes back.
//
// The rules, and where they come from (see also shared/DOMAIN.md §5):
//
//   - Revocation (47 CFR 64.1200(a)(10), FCC 24-24): a reply containing "stop", "quit", "end",
//     "revoke", "opt out", "cancel" or "unsubscribe" (and "stopall", the carriers' keyword)
//     revokes consent even with other words around it. Classify matches whole words in any
//     case, so "weekend" or "stopped" do not revoke, but "don't stop" and "see you at the end"
//     do: a missed revocation costs $500-$1,500 a text, a wrong one costs a patient who can
//     reply START, so revocation wins every tie. One confirmation (ConfirmationText), with no
//     marketing, may follow. The law allows ten business days to honour it; callers should
//     suppress the number at once.
//   - HELP/INFO and START/UNSTOP/YES are the CTIA keywords; they count only as the whole
//     reply, so "yes, stop" or "can you help me stop these" stay revocations.
//   - Quiet hours (47 CFR 64.1200(c)(1)): texts go out only from 8:00 to before 21:00 in the
//     recipient's zone: the contact's IANA zone when known, else every zone the number's area
//     code covers (libphonenumber), and the window must hold in all of them. No zone, no send.
//   - Treatment texts (the conditions of the FCC's 2015 healthcare exemption, 30 FCC Rcd
//     7961): one segment (160 GSM-7 septets, or 70 UCS-2 units when any character is outside
//     GSM-7), no marketing or billing wording (a short word list: obvious cases only, the
//     compliance review catches the rest), at most one in any day and three in any week for a
//     recipient. The windows roll back from now: 24 hours, or to the same wall-clock time the
//     day before in the recipient's zone when that reaches further (a 25-hour DST day); a
//     week likewise.
//
// Errors are *bedside.Error values (or wrap one) and never hold a phone number, a message body
// or Twilio's own error text, which can echo both.
package sms
