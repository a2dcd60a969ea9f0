package replies

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/bedsidehq/bedside/phi"
)

// placeholders is the fixed set of placeholders a template may use. Fill knows where each one
// comes from, so adding one here means teaching Fill too.
var placeholders = []string{
	"practice name", "phone", "email", "website", "office manager title", "service",
}

// Placeholders returns the names of the placeholders templates may use, without brackets.
func Placeholders() []string { return append([]string(nil), placeholders...) }

// officeManager is how a reply names the person who takes calls about reviews. The practice
// profile has no field for it, so each language has one wording that needs no name: a reply
// that names a staff member invites the reviewer to name them back.
var officeManager = map[string]string{
	English: "our office manager",
	Spanish: "la gerencia de nuestra oficina",
}

var placeholderRE = regexp.MustCompile(`\[([^\[\]]*)\]`)

// PlaceholdersIn returns the placeholder names in text, in order of appearance, repeats included.
func PlaceholdersIn(text string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// Fill replaces the placeholders of t with the practice's own details from p: its name, first
// phone, first email and first website. service is the service a general_info reply talks
// about ("teeth whitening"); other kinds ignore it. Fill fails, naming the value, when the
// template needs something the profile or the caller did not give, so that no reply is ever
// posted with a bracket or a blank in it.
func Fill(t Template, p phi.Profile, service string) (string, error) {
	var missing []string
	text := placeholderRE.ReplaceAllStringFunc(t.Text, func(m string) string {
		name := m[1 : len(m)-1]
		v, err := value(name, t, p, service)
		if err != nil {
			missing = append(missing, err.Error())
			return m
		}
		return v
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("replies: %s", strings.Join(missing, "; "))
	}
	return text, nil
}

// value returns what one placeholder stands for, or an error that says what is missing.
func value(name string, t Template, p phi.Profile, service string) (string, error) {
	first := func(field string, vs []string) (string, error) {
		for _, v := range vs {
			if v = strings.TrimSpace(v); v != "" {
				return v, nil
			}
		}
		return "", fmt.Errorf("[%s] needs a %s in the practice profile", name, field)
	}
	switch name {
	case "practice name":
		return first("name", []string{p.Name})
	case "phone":
		return first("phone number", p.Phones)
	case "email":
		return first("email address", p.Emails)
	case "website":
		return first("website", p.Websites)
	case "office manager title":
		if v, ok := officeManager[t.Lang]; ok {
			return v, nil
		}
		return "", fmt.Errorf("[%s] has no wording in language %q", name, t.Lang)
	case "service":
		if t.Kind != GeneralInfo {
			return "", fmt.Errorf("[%s] is only for %s templates, not %s", name, GeneralInfo, t.Kind)
		}
		if s := strings.TrimSpace(service); s != "" {
			return s, nil
		}
		return "", fmt.Errorf("[%s] needs the name of a service, such as teeth whitening", name)
	}
	return "", fmt.Errorf("[%s] is not a known placeholder", name)
}
