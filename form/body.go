package form

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/phi"
)

// body writes the form, in the order of 164.508(c)(1) and then (c)(2).
func (d *doc) body() {
	f, a, l, p := d.f, d.f.Authorization, d.l, d.pdf
	pr := f.Practice
	p.SetFont("Helvetica", "B", 16)
	p.MultiCell(0, 8, d.tr(l.say(mTitle)), "", "L", false)
	p.SetFont("Helvetica", "", 10)
	p.MultiCell(0, 5, d.tr(l.say(mSubtitle)), "", "L", false)
	p.Ln(3)
	d.field(l.say(mPatient), f.PatientName)
	d.field(l.say(mPractice), pr.Name)
	p.Ln(2)
	d.para(l.say(mIntro))

	d.heading(l.say(mWhatHead), 30)
	d.para(fmt.Sprintf(l.say(mWhatLead), pr.Name))
	d.bullets(d.kinds())
	if a.Description != "" {
		d.para(fmt.Sprintf(l.say(mDetails), a.Description))
	}
	d.heading(l.say(mWhoHead), 20)
	d.para(fmt.Sprintf(l.say(mWho), pr.Name, pr.Address, pr.Phone))
	d.heading(l.say(mToHead), 30)
	d.para(l.say(mTo))
	d.bullets(d.channels())
	d.heading(l.say(mWhyHead), 20)
	d.bullets(d.purposes())
	d.heading(l.say(mEndHead), 20)
	d.para(d.expiry())

	d.heading(l.say(mRightsHead), 40)
	rights := []string{
		fmt.Sprintf(l.say(mRevoke), pr.Name, pr.Address, pr.Phone),
		fmt.Sprintf(l.say(mNoCondition), pr.Name),
		l.say(mRedisclose),
	}
	if a.ThirdPartyPaid {
		rights = append(rights, fmt.Sprintf(l.say(mPaid), pr.Name))
	}
	d.bullets(append(rights, l.say(mCopy)))
	d.signature()
}

// signature leaves lines for the signature, date, printed name and a representative's
// authority, kept together on one page.
func (d *doc) signature() {
	l, p := d.l, d.pdf
	d.heading(l.say(mSignHead), 75)
	w, _ := p.GetPageSize()
	width := w - 2*margin
	y := p.GetY()
	d.blank(l.say(mSignLine), margin, y, width-60)
	d.blank(l.say(mDateLine), w-margin-50, y, 50)
	d.blank(l.say(mNameLine), margin, y+17, width-60)
	p.SetXY(margin, y+36)
	d.para(l.say(mAuthorityLine))
	y = p.GetY()
	p.Line(margin, y+7, w-margin, y+7)
	p.SetY(y + 12)
}

// kinds lists the information in phi.Kinds order whatever the order of the draft, with each
// wording once: the scope is a set, and a reviewer compares forms more easily this way.
func (d *doc) kinds() []string {
	ks := slices.Clone(d.f.Authorization.Elements)
	slices.SortStableFunc(ks, func(a, b phi.Kind) int { return rank(phi.Kinds, a) - rank(phi.Kinds, b) })
	var out []string
	for _, k := range ks {
		if w := d.l.kind(k); !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func (d *doc) channels() []string {
	var out []string
	for _, c := range authorization.Channels {
		if slices.Contains(d.f.Authorization.Channels, c) {
			out = append(out, channelWords[c][d.l])
		}
	}
	return out
}

func (d *doc) purposes() []string {
	var out []string
	for _, pu := range authorization.Purposes {
		if slices.Contains(d.f.Authorization.Purposes, pu) {
			out = append(out, purposeWords[pu][d.l])
		}
	}
	return out
}

func (d *doc) expiry() string {
	a, l := d.f.Authorization, d.l
	// The sentence supplies its own full stop.
	ev := strings.TrimRight(strings.TrimSpace(a.ExpiryEvent), ".")
	switch {
	case a.Expires.IsZero():
		return fmt.Sprintf(l.say(mEndEvent), ev)
	case ev == "":
		return fmt.Sprintf(l.say(mEndDate), l.date(a.Expires))
	}
	return fmt.Sprintf(l.say(mEndBoth), l.date(a.Expires), ev)
}

// rank places unknown values after known ones, keeping their order.
func rank[T comparable](all []T, v T) int {
	if i := slices.Index(all, v); i >= 0 {
		return i
	}
	return len(all)
}
