package sms

import (
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		body string
		want Kind
	}{
		{"STOP", OptOut},
		{"stop", OptOut},
		{"Stop.", OptOut},
		{"  sToP!!", OptOut},
		{"please STOP texting me", OptOut},
		{"quit", OptOut},
		{"END", OptOut},
		{"revoke", OptOut},
		{"Cancel", OptOut},
		{"unsubscribe me please", OptOut},
		{"STOPALL", OptOut},
		{"opt out", OptOut},
		{"Opt-Out", OptOut},
		{"optout", OptOut},
		{"OPT\nOUT", OptOut},
		{"ＳＴＯＰ", OptOut},               // full-width
		{"S\u200bTOP", OptOut},         // zero-width space inside
		{"\u202estop", OptOut},         // bidi override before
		{"don't stop", OptOut},         // revocation wins ties
		{"yes stop", OptOut},           // opt-in only as the whole reply
		{"help me stop these", OptOut}, // help only as the whole reply
		{"see you at the end of the day", OptOut},
		{"I need to cancel my appointment", OptOut},
		{"stop?", OptOut},

		{"HELP", Help},
		{"help.", Help},
		{"Info", Help},
		{"START", OptIn},
		{"unstop", OptIn},
		{"Yes", OptIn},
		{"yes!", OptIn},

		{"", None},
		{"   ", None},
		{"see you this weekend", None}, // "end" inside a word
		{"the bleeding stopped", None}, // "stop" inside a word
		{"nonstop pain since Tuesday", None},
		{"can you help me reschedule", None}, // help inside a sentence goes to staff
		{"yes I will be there", None},        // yes inside a sentence is not consent
		{"start time?", None},
		{"option outside", None},
		{"Thanks, see you Tuesday", None},
		{"stopp", None},
	}
	for _, tt := range tests {
		if got := Classify(tt.body); got != tt.want {
			t.Errorf("Classify(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

func TestKeywordRepliesFitOneSegmentAndSellNothing(t *testing.T) {
	p := Practice{Name: "Lakeside Family Dental & Orthodontics", Phone: "(555) 010-1234"}
	for name, text := range map[string]string{"confirmation": ConfirmationText(p), "help": HelpText(p)} {
		c := Segments(text)
		if c.Encoding != GSM7 || c.Segments != 1 {
			t.Errorf("%s text is %+v, want one GSM-7 segment: %q", name, c, text)
		}
		if reasons := bodyReasons(text); len(reasons) > 0 {
			t.Errorf("%s text breaks %v: %q", name, reasons, text)
		}
	}
	if h := HelpText(p); !strings.Contains(h, "STOP") || !strings.Contains(h, p.Phone) {
		t.Errorf("help text must say how to stop and whom to call: %q", h)
	}
	if c := ConfirmationText(p); !strings.Contains(c, p.Name) || !strings.Contains(c, "START") {
		t.Errorf("confirmation must name the practice and the way back: %q", c)
	}
}
