// Package mail builds and sends a practice's email: Markdown rendered to a sanitised HTML part
// and a plain-text part, a footer, the headers mailbox providers require, a DKIM signature, and
// an SMTP sender that reuses one connection. It holds no database code: the campaign runner
// gives it a Message and records what Send returns.
//
// The choices the law and the mailbox providers make for us (DOMAIN.md §4):
//
//   - CAN-SPAM: every marketing mail says it is an advertisement, names the practice and its
//     valid postal address, and shows a working unsubscribe link in both the HTML and the text
//     part. Compose refuses marketing mail without a postal address or an unsubscribe token
//     rather than sending a mail that breaks the law.
//   - RFC 8058 one-click unsubscribe: marketing mail carries
//     List-Unsubscribe: <https://HOST/u/TOKEN>, <mailto:unsubscribe@DOMAIN?subject=unsubscribe-TOKEN>
//     and List-Unsubscribe-Post: List-Unsubscribe=One-Click. The opaque token alone identifies
//     the subscription, because the provider's POST carries no cookie; the web handler must
//     unsubscribe on POST only, never on GET (link scanners follow links).
//   - DKIM covers both List-Unsubscribe headers, so nobody on the way can swap the link.
//     Headers the signer lists but a mail lacks (List-Unsubscribe on a treatment mail) are
//     signed as absent, so they cannot be added later either.
//   - HIPAA: a campaign paid for by a third party is marketing, and its mail states that the
//     practice is paid for it when the caller says so.
//   - The Message-ID is derived from the campaign, the recipient and the domain, so a resend
//     after a crash carries the same id and receivers can drop the duplicate.
//
// Errors never hold a recipient's address, a merge value or a body: a mail server's reply is
// reduced to its status codes, since servers echo the address back.
package mail
