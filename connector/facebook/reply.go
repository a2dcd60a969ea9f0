package facebook

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector"
)

// Reply publishes text as the Page's reply to the comment externalID, a comment id from List
// or ParseCommentEvent. Graph keeps every reply: unlike Google, an earlier reply is not
// replaced. A comment id does not say whose Page it is on, and a Page token may comment on
// other public Pages, so callers must pass only ids this Page's listing gave them.
func (c *Client) Reply(ctx context.Context, externalID, text string) error {
	if !validID(externalID) || !strings.Contains(externalID, "_") {
		return bedside.Errorf(bedside.EInvalid, "facebook: the comment id is not a Graph comment id")
	}
	if strings.TrimSpace(text) == "" {
		return bedside.Errorf(bedside.EInvalid, "facebook: the reply is empty")
	}
	u := c.base.JoinPath(c.cfg.APIVersion, externalID, "comments")
	form := url.Values{"message": {text}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), strings.NewReader(form))
	if err != nil {
		return bedside.Errorf(bedside.EInvalid, "facebook: the reply URL cannot be requested")
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	body, err := c.do(req)
	if err != nil {
		return err
	}
	var created struct {
		ID string `json:"id"`
	}
	if err := decode(body, &created); err != nil {
		return err
	}
	if created.ID == "" {
		return connector.Malformed(name, "the created reply has no id")
	}
	return nil
}
