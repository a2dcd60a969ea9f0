package sms

import "unicode/utf16"

// Encoding is how a text travels over SMS.
type Encoding string

// The encodings. GSM-7 packs 160 septets in a segment; any character outside it forces the
// whole text into UCS-2, 70 UTF-16 units a segment.
const (
	GSM7 Encoding = "GSM-7"
	UCS2 Encoding = "UCS-2"
)

// Segment sizes (3GPP TS 23.040): a long text carries a 6-byte header in each part, leaving
// 153 septets or 67 UCS-2 units.
const (
	gsmSingle  = 160
	gsmPart    = 153
	ucs2Single = 70
	ucs2Part   = 67
)

// gsmBasic is the GSM 03.38 default alphabet; each costs one septet.
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsmExtension is the default alphabet's extension table; each costs two septets (escape + char).
const gsmExtension = "\f^{}\\[~]|€"

var gsmCost = func() map[rune]int {
	m := make(map[rune]int, 138)
	for _, r := range gsmBasic {
		m[r] = 1
	}
	for _, r := range gsmExtension {
		m[r] = 2
	}
	return m
}()

// Count says how body travels: its encoding, its length in that encoding's units (septets or
// UTF-16 units) and the number of segments it takes.
type Count struct {
	Encoding Encoding
	Units    int
	Segments int
}

// Segments counts body as a carrier would. An escape pair or a surrogate pair is never split
// across two segments, so a long text can need one more segment than Units alone suggests.
// Invalid UTF-8 counts as U+FFFD, which is UCS-2.
func Segments(body string) Count {
	if body == "" {
		return Count{Encoding: GSM7}
	}
	costs := make([]int, 0, len(body))
	enc := GSM7
	for _, r := range body {
		c, ok := gsmCost[r]
		if !ok {
			enc = UCS2
			break
		}
		costs = append(costs, c)
	}
	single, part := gsmSingle, gsmPart
	if enc == UCS2 {
		costs = costs[:0]
		for _, r := range body {
			costs = append(costs, utf16.RuneLen(r))
		}
		single, part = ucs2Single, ucs2Part
	}
	units := 0
	for _, c := range costs {
		units += c
	}
	if units <= single {
		return Count{Encoding: enc, Units: units, Segments: 1}
	}
	segs, used := 1, 0
	for _, c := range costs {
		if used+c > part {
			segs++
			used = 0
		}
		used += c
	}
	return Count{Encoding: enc, Units: units, Segments: segs}
}
