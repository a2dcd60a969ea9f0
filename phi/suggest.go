package phi

import (
	"strings"
)

// usedRuleIDs are the rules the Go detectors report under; loading fails if one is missing.
var usedRuleIDs = []string{"handle", "email", "url", "social_url", "name.title", "name.greeting",
	"name.person", "name.model", "name.initial", "name.possessive", "name.family", "name.hashtag", "name.reviewer", "date.visit",
	"date.relative", "date.duration", "age.over89", "age.patient", "address.street", "address.unit",
	"address.zip", "address.facility", "role", "role.unique", "vehicle", "biometric", "photo.patient",
	"photo.beforeafter", "photo.event", "case.incident", "case.relation", "case.person", "case.practice", "case.reply", "case.echo"}

// suggest proposes a safe text: for a reply, one that neither confirms nor denies a patient
// relationship and invites the person to call; for a post, the text with each finding replaced
// by a placeholder of its kind.
func (s *Scanner) suggest(doc Document, ctx Context, res Result, spanish bool) string {
	if res.Verdict == Allow {
		return ""
	}
	if ctx != Post || doc.InReplyTo != nil {
		rating := 0
		if doc.InReplyTo != nil {
			rating = doc.InReplyTo.Rating
		}
		return s.safeReply(spanish, rating, ctx == Message)
	}
	// Removing one finding can leave text that reads differently ("don Aurelio" loses its
	// context), so the suggestion is scanned again until it passes.
	text := placeholders(doc.Text, res.Findings)
	for range 3 {
		r, err := s.scan(Document{Text: text, Context: ctx, InReplyTo: doc.InReplyTo}, false)
		if err != nil || r.Verdict == Allow {
			break
		}
		text = placeholders(text, r.Findings)
	}
	return text
}

func (s *Scanner) safeReply(spanish bool, rating int, message bool) string {
	p := s.raw
	var b strings.Builder
	switch {
	case spanish && rating >= 4:
		b.WriteString("¡Muchas gracias por tomarse el tiempo de compartir sus comentarios! Los apreciamos mucho.")
	case spanish:
		b.WriteString("Gracias por sus comentarios. Nos tomamos en serio cada inquietud, pero las leyes de privacidad no nos permiten hablar en línea sobre la atención de ninguna persona.")
	case rating >= 4:
		b.WriteString("Thank you so much for taking the time to share your feedback! We truly appreciate it.")
	case message:
		b.WriteString("Thanks for reaching out. To protect everyone's privacy we can't discuss health details here.")
	default:
		b.WriteString("Thank you for your feedback. We take every concern seriously, but privacy laws keep us from discussing anyone's care online.")
	}
	if rating < 4 || rating == 0 {
		switch {
		case spanish && len(p.Phones) > 0:
			b.WriteString(" Por favor llame a nuestra oficina al " + p.Phones[0] + " para hablar directamente.")
		case spanish:
			b.WriteString(" Por favor comuníquese directamente con nuestra oficina.")
		case len(p.Phones) > 0:
			b.WriteString(" Please call our office at " + p.Phones[0] + " so we can talk with you directly.")
		default:
			b.WriteString(" Please contact our office directly so we can talk with you.")
		}
	}
	if p.Name != "" {
		b.WriteString(" — " + p.Name)
	}
	return b.String()
}

// placeholders replaces each finding that affects the verdict with "[KIND]".
func placeholders(text string, fs []Finding) string {
	var b strings.Builder
	at := 0
	for _, f := range fs {
		if f.Effect == Allow || f.Start < at {
			continue
		}
		b.WriteString(text[at:f.Start])
		b.WriteString("[" + placeholder(f.Kind) + "]")
		at = f.End
	}
	b.WriteString(text[at:])
	return b.String()
}

// placeholder is how a kind is written in a suggestion: "[NAME]", "[HEALTH-PLAN]".
func placeholder(k Kind) string { return strings.ReplaceAll(string(k), "_", "-") }
