package web

import "context"

// confirmMailer sends the double opt-in email. The server holds one only when SMTP is
// configured.
type confirmMailer interface {
	confirm(ctx context.Context, practice, to, link, unsubscribe string) error
}
