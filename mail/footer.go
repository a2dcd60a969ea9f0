package mail

import "strings"

// footer is the Markdown appended to every mail. Marketing mail says it is an advertisement,
// states the remuneration when a third party pays, gives the postal address, and shows the
// unsubscribe link; other mail names the practice and its address when it has one.
func (c *Composer) footer(m Message) string {
	p := m.Practice
	var b strings.Builder
	b.WriteString("\n\n---\n\n")
	if m.Kind != Marketing {
		b.WriteString(markdownText(p.Name))
		if p.PostalAddress != "" {
			b.WriteString(", " + markdownText(p.PostalAddress))
		}
		b.WriteString("\n")
		return b.String()
	}
	if m.ThirdPartyPaid {
		payer := "a third party"
		if m.Sponsor != "" {
			payer = markdownText(m.Sponsor)
		}
		b.WriteString(markdownText(p.Name) + " is paid by " + payer + " to send you this message.\n\n")
	}
	b.WriteString("This is an advertisement from " + markdownText(p.Name) + ", " + markdownText(p.PostalAddress) + ".\n\n")
	u := c.unsubscribeURL(m.UnsubscribeToken)
	b.WriteString("To stop these emails, [unsubscribe](" + u + ") at any time.\n")
	return b.String()
}
