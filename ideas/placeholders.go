package ideas

import "regexp"

// placeholders is the fixed set of placeholders an idea may use. The composer knows how to fill
// each one (from the practice profile or by asking), so adding one here means teaching it too.
var placeholders = []string{
	"practice name", "phone", "link", "date", "time", "place", "event name",
	"staff name", "staff role", "years", "fun fact", "award name", "organization",
	"partner name", "service", "discount", "topic", "finding", "quote", "author", "review",
}

// Placeholders returns the names of the placeholders ideas may use, without brackets.
func Placeholders() []string { return append([]string(nil), placeholders...) }

var placeholderRE = regexp.MustCompile(`\[([^\[\]]*)\]`)

// PlaceholdersIn returns the placeholder names in text, in order of appearance, repeats included.
func PlaceholdersIn(text string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}
