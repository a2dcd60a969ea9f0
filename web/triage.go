package web

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/store"
)

// inboxItem is a review with its triage flags and reply-by time.
type inboxItem struct {
	store.Review
	Flags   []string  `json:"flags"` // disclosed_health, negative, mentions_staff
	ReplyBy time.Time `json:"reply_by"`
	Overdue bool      `json:"overdue"`
}

// triage flags each review for whoever answers it, and puts those past the reply-by target
// (within of being written) first. A review whose author disclosed their own health
// information needs a reply that repeats none of it.
func (s *Server) triage(ctx context.Context, practiceID int64, rs []store.Review, within time.Duration) ([]inboxItem, error) {
	prof, version, err := s.db.Profile(ctx, practiceID)
	if err != nil {
		return nil, err
	}
	sc, err := s.scanner(ctx, practiceID, version)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	out := make([]inboxItem, 0, len(rs))
	for _, r := range rs {
		it := inboxItem{Review: r, Flags: []string{}, ReplyBy: r.WrittenAt.Add(within)}
		open := r.State == store.ReviewNew || r.State == store.ReviewAwaitingApproval || r.State == store.ReviewDrafted
		it.Overdue = open && now.After(it.ReplyBy)
		if res, err := sc.Scan(phi.Document{Text: r.Text, Context: phi.Comment}); err == nil &&
			slices.ContainsFunc(res.Findings, func(f phi.Finding) bool { return f.Kind == phi.Case }) {
			it.Flags = append(it.Flags, "disclosed_health")
		}
		if r.Rating > 0 && r.Rating <= negativeRating {
			it.Flags = append(it.Flags, "negative")
		}
		if mentionsStaff(r.Text, prof.Staff) {
			it.Flags = append(it.Flags, "mentions_staff")
		}
		out = append(out, it)
	}
	slices.SortStableFunc(out, func(a, b inboxItem) int {
		switch {
		case a.Overdue && !b.Overdue:
			return -1
		case b.Overdue && !a.Overdue:
			return 1
		}
		return 0
	})
	return out, nil
}

// mentionsStaff reports whether text names a staff member, by full name or surname.
func mentionsStaff(text string, staff []string) bool {
	lower := strings.ToLower(text)
	for _, name := range staff {
		words := strings.Fields(strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(name, "Dr. "), "Dr ")))
		if len(words) == 0 {
			continue
		}
		if strings.Contains(lower, strings.Join(words, " ")) {
			return true
		}
		if last := words[len(words)-1]; len(last) > 3 && containsWord(lower, last) {
			return true
		}
	}
	return false
}

func containsWord(text, w string) bool {
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !(r == '-' || r == '\'' || ('a' <= r && r <= 'z') || r > 127) }) {
		if f == w {
			return true
		}
	}
	return false
}
