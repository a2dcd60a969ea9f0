package mail

import (
	"regexp"
	"strings"

	"github.com/bedsidehq/bedside"
)

// Fields a template may use. The list is closed on purpose: a merge field is a way to put
// patient data into a mail, and only these are known not to be PHI beyond the name the
// recipient already knows is theirs.
const (
	FieldFirstName       = "first_name"
	FieldPracticeName    = "practice_name"
	FieldPracticePhone   = "practice_phone"
	FieldPracticeAddress = "practice_address"
	FieldUnsubscribeURL  = "unsubscribe_url"
)

var mergeField = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)

// fieldName is what an unknown field's name must look like to be quoted in an error; anything
// else may be text a person typed between braces.
var fieldName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// merge replaces {{field}} in template with values[field] as esc writes it. A field not in
// values, or a stray "{{", is an EInvalid error: a typo must stop the campaign, not send
// "Dear {{frist_name}}" to a thousand patients.
func merge(template string, values map[string]string, esc func(field, value string) string) (string, error) {
	var bad string
	out := mergeField.ReplaceAllStringFunc(template, func(m string) string {
		name := mergeField.FindStringSubmatch(m)[1]
		v, ok := values[name]
		if !ok {
			if bad == "" {
				bad = name
			}
			return m
		}
		return esc(name, v)
	})
	if bad != "" {
		if fieldName.MatchString(bad) {
			return "", bedside.Errorf(bedside.EInvalid, "unknown merge field {{%s}}; allowed: %s", bad, allowedFields(values))
		}
		return "", bedside.Errorf(bedside.EInvalid, "a merge field is not one of: %s", allowedFields(values))
	}
	if rest := mergeField.ReplaceAllString(template, ""); strings.Contains(rest, "{{") || strings.Contains(rest, "}}") {
		return "", bedside.Errorf(bedside.EInvalid, "a merge field is not closed: write {{field}}")
	}
	return out, nil
}

func allowedFields(values map[string]string) string {
	var names []string
	for _, f := range []string{FieldFirstName, FieldPracticeName, FieldPracticePhone, FieldPracticeAddress, FieldUnsubscribeURL} {
		if _, ok := values[f]; ok {
			names = append(names, f)
		}
	}
	return strings.Join(names, ", ")
}

// markdownText escapes a value for Markdown: every ASCII punctuation character gets a
// backslash, so a first name like "[x](javascript:…)" or "**Ana**" is shown as typed, and
// line breaks become spaces, so a value cannot start a heading or a list.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < ' ' || r == 0x7f:
			b.WriteByte(' ')
		case r < 0x80 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// headerText flattens a value for a header such as Subject: no line breaks, no controls.
func headerText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
