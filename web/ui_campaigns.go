package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/campaign"
	"github.com/bedsidehq/bedside/phi"
)

// campaignsView is the Campaigns page: the list, the draft form (kept when refused) and the
// scanner's findings.
type campaignsView struct {
	Campaigns []campaign.Campaign
	Draft     campaign.Campaign
	Findings  []phi.Finding
	CanSend   bool
}

func (s *Server) campaignsPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	return s.renderCampaigns(w, r, i, campaignsView{Draft: campaign.Campaign{Kind: campaign.Marketing}}, "", "")
}

func (s *Server) renderCampaigns(w http.ResponseWriter, r *http.Request, i *identity, v campaignsView, msg, notice string) error {
	cs, err := s.db.Campaigns(r.Context(), i.actor())
	if err != nil {
		return err
	}
	v.Campaigns, v.CanSend = cs, complianceUp.allow(i.User.Role)
	status := http.StatusOK
	if msg != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "campaigns", view{Title: "Campaigns", Error: msg, Notice: notice, Data: v})
	return nil
}

// campaignsCreate saves a draft from the form; a refusal keeps the form and shows the findings.
func (s *Server) campaignsCreate(w http.ResponseWriter, r *http.Request, i *identity) error {
	if !complianceUp.allow(i.User.Role) {
		return bedside.Errorf(bedside.EForbidden, "only a compliance officer or an admin may write campaigns")
	}
	c := campaign.Campaign{Name: r.PostFormValue("name"), Kind: campaign.Kind(r.PostFormValue("kind")),
		Subject: strings.TrimSpace(r.PostFormValue("subject")), Body: r.PostFormValue("body"),
		DoubleOptIn: r.PostFormValue("double_opt_in") == "on", Digest: r.PostFormValue("digest") == "on",
		UsesPHI: r.PostFormValue("uses_phi") == "on", ThirdPartyPaid: r.PostFormValue("third_party_paid") == "on",
		Sponsor: strings.TrimSpace(r.PostFormValue("sponsor"))}
	saved, err := s.createCampaign(r.Context(), i, c)
	if bedside.ErrorCode(err) == bedside.EInvalid {
		v := campaignsView{Draft: c}
		if d, ok := bedside.ErrorDetails(err).(map[string]any); ok {
			v.Findings, _ = d["findings"].([]phi.Finding)
		}
		return s.renderCampaigns(w, r, i, v, bedside.ErrorMessage(err), "")
	} else if err != nil {
		return err
	}
	http.Redirect(w, r, "/campaigns/"+strconv.FormatInt(saved.ID, 10), http.StatusSeeOther)
	return nil
}

func (s *Server) campaignPage(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.renderCampaign(w, r, i, id, "", "")
}

func (s *Server) renderCampaign(w http.ResponseWriter, r *http.Request, i *identity, id int64, msg, notice string) error {
	v, err := s.campaignView(r.Context(), i, id)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusConflict
	}
	s.render(w, r, status, "campaign", view{Title: "Campaign: " + v.Name, Error: msg, Notice: notice,
		Data: map[string]any{"Campaign": v, "CanSend": complianceUp.allow(i.User.Role)}})
	return nil
}

// campaignAction runs send, pause or resume from the campaign's page.
func (s *Server) campaignAction(w http.ResponseWriter, r *http.Request, i *identity) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if !complianceUp.allow(i.User.Role) {
		return bedside.Errorf(bedside.EForbidden, "only a compliance officer or an admin may send campaigns")
	}
	steps := map[string]struct {
		run    func(*http.Request) error
		notice string
	}{
		"send":   {func(r *http.Request) error { return s.startCampaign(r.Context(), i, id) }, "Sending. Each recipient's consent is checked when their turn comes."},
		"pause":  {func(r *http.Request) error { return s.pauseCampaign(r.Context(), i, id) }, "Paused. Messages already on their way finish."},
		"resume": {func(r *http.Request) error { return s.resumeCampaign(r.Context(), i, id) }, "Resumed. Nobody gets a message twice."},
	}
	step, ok := steps[r.PathValue("action")]
	if !ok {
		return bedside.Errorf(bedside.ENotFound, "no such step")
	}
	if err := step.run(r); bedside.ErrorCode(err) == bedside.EConflict {
		return s.renderCampaign(w, r, i, id, bedside.ErrorMessage(err), "")
	} else if err != nil {
		return err
	}
	return s.renderCampaign(w, r, i, id, "", step.notice)
}
