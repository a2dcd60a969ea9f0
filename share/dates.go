package share

import (
	"regexp"

	"github.com/bedsidehq/bedside/phi"
)

// visitDate finds the dates a review ties to a visit that the scanner lets through in the
// speaker's own voice ("we came in last Tuesday"). In a quote nothing needs them, so every
// date-like phrase goes; years alone stay.
var visitDate = regexp.MustCompile(`(?i)\b(?:` +
	`(?:last|this past|this|next|on|on a|el|este|el pasado)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)(?:\s+(?:pasado|morning|afternoon|night|evening))?` +
	`|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:morning|afternoon|night|evening)` +
	`|(?:yesterday|ayer|anteayer|today|tonight|this morning|esta mañana|hoy)` +
	`|(?:last|this past)\s+(?:week|month|weekend|summer|winter|spring|fall)` +
	`|(?:la semana|el mes|el fin de semana)\s+pasad[oa]` +
	`|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?` +
	`|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)` +
	`|\d{1,2}\s+de\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)(?:\s+de(?:l)?\s+\d{4})?` +
	`|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?` +
	`)\b`)

func dateSpans(text string) []span {
	var out []span
	for _, m := range visitDate.FindAllStringIndex(text, -1) {
		out = append(out, span{m[0], m[1], phi.Date})
	}
	return out
}
