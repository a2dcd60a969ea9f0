package mail

import (
	"errors"
	"fmt"
	"net/textproto"
	"os"
	"regexp"

	"github.com/bedsidehq/bedside"
)

// Failure is the Details of every error Send returns: what the campaign runner needs to decide
// between suppressing the address, retrying later, and alerting an operator.
type Failure struct {
	Permanent bool   // retrying the same mail cannot succeed
	Stage     string // "connect", "MAIL", "RCPT" or "DATA"
	Reply     int    // the server's SMTP reply code; 0 when it did not answer
	Enhanced  string // the RFC 3463 code, such as "5.1.1", when the server gave one
}

// Permanent reports whether err is a Send failure that retrying cannot fix.
func Permanent(err error) bool {
	f, ok := bedside.ErrorDetails(err).(Failure)
	return ok && f.Permanent
}

// Temporary reports whether err is a Send failure worth retrying later: a 4xx reply, a
// network error, a timeout.
func Temporary(err error) bool {
	f, ok := bedside.ErrorDetails(err).(Failure)
	return ok && !f.Permanent
}

// BadRecipient reports whether the receiving server permanently refused the recipient's
// address, the case in which the caller suppresses it.
func BadRecipient(err error) bool {
	f, ok := bedside.ErrorDetails(err).(Failure)
	return ok && f.Permanent && (f.Stage == stageRcpt || len(f.Enhanced) > 3 && f.Enhanced[:4] == "5.1.")
}

const (
	stageConnect = "connect"
	stageMail    = "MAIL"
	stageRcpt    = "RCPT"
	stageData    = "DATA"
)

// replyError classifies a server's negative reply. Its text is left out: servers echo the
// recipient's address in it ("550 5.1.1 <ana@...>: user unknown").
func replyError(stage string, r *textproto.Error) error {
	f := Failure{Permanent: r.Code >= 500, Stage: stage, Reply: r.Code, Enhanced: enhancedCode(r.Msg)}
	codes := fmt.Sprintf("%s %d", stage, r.Code)
	if f.Enhanced != "" {
		codes += " " + f.Enhanced
	}
	if f.Permanent {
		what := "the message"
		if stage == stageRcpt {
			what = "the recipient"
		}
		return &bedside.Error{Code: bedside.EInvalid, Details: f,
			Message: fmt.Sprintf("mail: the receiving server refused %s permanently (%s)", what, codes)}
	}
	return &bedside.Error{Code: bedside.EInternal, Details: f,
		Message: fmt.Sprintf("mail: the receiving server deferred the message (%s); try again later", codes)}
}

// networkError classifies a failure to talk to the server at all.
func networkError(stage string, err error) error {
	what := "the connection failed"
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		what = "the server did not answer in time"
	case errors.Is(err, errCanceled):
		what = "the send was canceled"
	}
	return &bedside.Error{Code: bedside.EInternal, Details: Failure{Stage: stage},
		Message: fmt.Sprintf("mail: %s at %s; try again later", what, stage)}
}

var errCanceled = errors.New("canceled")

var enhanced = regexp.MustCompile(`^[245]\.[0-9]{1,3}\.[0-9]{1,3}\b`)

// enhancedCode returns the leading RFC 3463 code of a reply text, or "".
func enhancedCode(msg string) string { return enhanced.FindString(msg) }
