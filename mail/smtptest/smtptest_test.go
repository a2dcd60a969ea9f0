package smtptest

import (
	"errors"
	"strings"
	"testing"

	"github.com/emersion/go-smtp"
)

func TestSinkRecordsAndRefuses(t *testing.T) {
	s := Start(t)
	s.Reply("gone@example.test", 550, "5.1.1", "no such user")
	send := func(to string) error {
		c, err := smtp.Dial(s.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		return c.SendMail("from@example.test", []string{to}, strings.NewReader("Subject: hi\r\n\r\nbody\r\n"))
	}
	if err := send("to@example.test"); err != nil {
		t.Fatal(err)
	}
	err := send("gone@example.test")
	var se *smtp.SMTPError
	if !errors.As(err, &se) || se.Code != 550 || se.EnhancedCode != (smtp.EnhancedCode{5, 1, 1}) {
		t.Errorf("refused recipient: %v", err)
	}
	msgs := s.Messages()
	if len(msgs) != 1 || msgs[0].From != "from@example.test" || msgs[0].To[0] != "to@example.test" ||
		!strings.Contains(string(msgs[0].Data), "Subject: hi") {
		t.Errorf("messages = %+v", msgs)
	}
	if s.Count() != 1 || s.Sessions() != 2 {
		t.Errorf("count %d sessions %d", s.Count(), s.Sessions())
	}
}
