package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/campaign"
	"github.com/bedsidehq/bedside/mail"
	"github.com/bedsidehq/bedside/phi"
	"github.com/bedsidehq/bedside/share"
)

// apiCreateCampaign saves a draft whose subject and body the scanner allows and whose merge
// fields are the safe ones; anything else is refused with the findings.
func (s *Server) apiCreateCampaign(w http.ResponseWriter, r *http.Request, i *identity) error {
	var c campaign.Campaign
	if err := readJSON(r, &c); err != nil {
		return err
	}
	c, err := s.createCampaign(r.Context(), i, c)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, c)
	return nil
}

func (s *Server) createCampaign(ctx context.Context, i *identity, c campaign.Campaign) (campaign.Campaign, error) {
	if p := c.Problems(); len(p) > 0 {
		return c, &bedside.Error{Code: bedside.EInvalid, Message: "the campaign cannot be saved: " + strings.Join(p, "; "), Details: p}
	}
	sc, err := s.scanner(ctx, i.User.PracticeID, i.ProfileVersion)
	if err != nil {
		return c, err
	}
	for _, part := range []string{c.Subject, c.Body, c.Sponsor} {
		res, err := sc.Scan(phi.Document{Text: part, Context: phi.Post})
		if err != nil {
			return c, bedside.Errorf(bedside.EInvalid, "%s", err.Error())
		}
		s.metrics.scans.WithLabelValues(string(res.Verdict)).Inc()
		if res.Verdict != phi.Allow {
			return c, &bedside.Error{Code: bedside.EInvalid, Message: "this campaign could disclose protected health information; it was not saved",
				Details: map[string]any{"verdict": res.Verdict, "findings": res.Findings, "suggestion": res.Suggestion}}
		}
	}
	// A dry run with a made-up recipient finds unknown merge fields now, not mid-send.
	dry := c
	dry.ID = 1
	if _, err := s.composeCampaign(dry, mail.Practice{Name: "Practice", Email: "office@example.com", PostalAddress: "1 Main St"},
		1, "recipient@example.com", "Alex", strings.Repeat("t", 32)); err != nil {
		return c, err
	}
	return s.db.CreateCampaign(ctx, i.actor(), c)
}

func (s *Server) apiCampaigns(w http.ResponseWriter, r *http.Request, i *identity) error {
	cs, err := s.db.Campaigns(r.Context(), i.actor())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"campaigns": cs})
	return nil
}

// campaignView is a campaign with its progress.
type campaignView struct {
	campaign.Campaign
	Progress map[string]int `json:"progress"`
}

func (s *Server) apiCampaign(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := s.campaignView(r.Context(), i, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *Server) campaignView(ctx context.Context, i *identity, id int64) (campaignView, error) {
	c, err := s.db.Campaign(ctx, i.actor(), id)
	if err != nil {
		return campaignView{}, err
	}
	p, err := s.db.CampaignProgress(ctx, i.actor(), id)
	return campaignView{Campaign: c, Progress: p}, err
}

// campaignStep runs send, pause or resume and answers with the campaign.
func (s *Server) campaignStep(step func(ctx context.Context, i *identity, id int64) error) func(http.ResponseWriter, *http.Request, *identity) error {
	return func(w http.ResponseWriter, r *http.Request, i *identity) error {
		id, err := pathID(r)
		if err != nil {
			return err
		}
		if err := step(r.Context(), i, id); err != nil {
			return err
		}
		v, err := s.campaignView(r.Context(), i, id)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, v)
		return nil
	}
}

// startCampaign checks what the whole campaign needs, then queues one send per contact.
func (s *Server) startCampaign(ctx context.Context, i *identity, id int64) error {
	c, err := s.db.Campaign(ctx, i.actor(), id)
	if err != nil {
		return err
	}
	if s.cfg.Mail == nil {
		return bedside.Errorf(bedside.EConflict, "no mail server is configured: set BEDSIDE_SMTP_URL")
	}
	if c.UsesPHI {
		// 164.508(a)(3): each recipient needs a signed marketing authorization. Contacts are not
		// linked to patients' authorizations yet, so no recipient can have one.
		return bedside.Errorf(bedside.EConflict, "a campaign that targets a health condition or uses PHI needs a signed HIPAA marketing authorization from every recipient; Bedside cannot link contacts to authorizations yet, so it will not send it")
	}
	prof, _, err := s.db.Profile(ctx, i.User.PracticeID)
	if err != nil {
		return err
	}
	if _, err := s.practiceSender(prof, c.Kind); err != nil {
		return err
	}
	body := ""
	if c.Digest {
		if body, err = s.digestBody(ctx, i); err != nil {
			return err
		}
	}
	_, err = s.db.StartCampaign(ctx, i.actor(), id, body)
	return err
}

// practiceSender is the practice as the From line and footer show it: marketing mail must
// carry a postal address (CAN-SPAM).
func (s *Server) practiceSender(prof phi.Profile, kind campaign.Kind) (mail.Practice, error) {
	p := mail.Practice{Name: prof.Name}
	p.Email = firstOf(prof.Emails)
	p.Phone = firstOf(prof.Phones)
	p.PostalAddress = firstOf(prof.Addresses)
	if p.Name == "" || p.Email == "" {
		return p, bedside.Errorf(bedside.EConflict, "the practice profile needs a name and an email address to send from")
	}
	if kind == campaign.Marketing && p.PostalAddress == "" {
		return p, bedside.Errorf(bedside.EConflict, "marketing mail must show the practice's postal address: add one to the practice profile")
	}
	return p, nil
}

func (s *Server) pauseCampaign(ctx context.Context, i *identity, id int64) error {
	return s.db.PauseCampaign(ctx, i.actor(), id)
}

func (s *Server) resumeCampaign(ctx context.Context, i *identity, id int64) error {
	return s.db.ResumeCampaign(ctx, i.actor(), id)
}

// digestBody lists the posts published since the practice's last digest; a digest with nothing
// new is not sent. A post that went out under a patient's authorization is left out: that
// authorization named the post's channels, not email.
func (s *Server) digestBody(ctx context.Context, i *identity) (string, error) {
	practiceID := i.User.PracticeID
	since, err := s.db.LastDigest(ctx, practiceID)
	if err != nil {
		return "", err
	}
	posts, err := s.db.FeedPosts(ctx, practiceID, 50)
	if err != nil {
		return "", err
	}
	sc, err := s.scanner(ctx, practiceID, i.ProfileVersion)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("New from {{practice_name}}:\n\n")
	n := 0
	for _, p := range posts {
		if p.PublishedAt == nil || !p.PublishedAt.After(since) {
			continue
		}
		if res, err := share.Scan(sc, p.Text, p.Credit); err != nil || res.Verdict != phi.Allow {
			continue
		}
		n++
		fmt.Fprintf(&b, "* %s — %s\n", p.PublishedAt.Format("Jan 2"), markdownLine(p.Text))
	}
	if n == 0 {
		return "", bedside.Errorf(bedside.EConflict, "no posts were published since the last digest (%s); nothing to send", since.Format(time.DateOnly))
	}
	return b.String(), nil
}

// markdownLine keeps a post to one list item: its first line, with Markdown's specials escaped.
func markdownLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", "{", `\{`, "}", `\}`, "`", "\\`", "#", `\#`)
	return r.Replace(s)
}
