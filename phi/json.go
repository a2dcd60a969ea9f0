package phi

import (
	"strconv"
	"unicode/utf8"
)

// AppendJSON appends the result as JSON, the same bytes encoding/json writes, without reflection:
// results can carry hundreds of findings, and they are written for every keystroke in the live
// checker and for every line of a JSONL run.
func (r Result) AppendJSON(b []byte) []byte {
	b = append(b, `{"verdict":`...)
	b = appendJSONString(b, string(r.Verdict))
	b = append(b, `,"findings":`...)
	if r.Findings == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, f := range r.Findings {
			if i > 0 {
				b = append(b, ',')
			}
			b = f.appendJSON(b)
		}
		b = append(b, ']')
	}
	b = append(b, `,"suggestion":`...)
	b = appendJSONString(b, r.Suggestion)
	return append(b, '}')
}

func (f Finding) appendJSON(b []byte) []byte {
	b = append(b, `{"kind":`...)
	b = appendJSONString(b, string(f.Kind))
	b = append(b, `,"start":`...)
	b = strconv.AppendInt(b, int64(f.Start), 10)
	b = append(b, `,"end":`...)
	b = strconv.AppendInt(b, int64(f.End), 10)
	b = append(b, `,"text":`...)
	b = appendJSONString(b, f.Text)
	b = append(b, `,"reason":`...)
	b = appendJSONString(b, f.Reason)
	b = append(b, `,"confidence":`...)
	b = strconv.AppendFloat(b, f.Confidence, 'g', -1, 64)
	b = append(b, `,"rule":`...)
	b = appendJSONString(b, f.Rule)
	b = append(b, `,"effect":`...)
	b = appendJSONString(b, string(f.Effect))
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as a JSON string: control characters, quotes, backslashes, the HTML
// characters <, > and &, and U+2028/U+2029 are escaped; invalid UTF-8 becomes U+FFFD, as
// encoding/json does.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
