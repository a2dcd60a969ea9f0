package google

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/bedsidehq/bedside"
)

// Reply publishes text as the owner's reply to the review named externalID
// (accounts/*/locations/*/reviews/*), which must belong to the Client's location: a name
// from elsewhere is refused rather than answered with this practice's account.
func (c *Client) Reply(ctx context.Context, externalID, text string) error {
	prefix := c.cfg.Location + "/reviews/"
	if !strings.HasPrefix(externalID, prefix) || !validID(externalID[len(prefix):]) {
		return bedside.Errorf(bedside.EInvalid, "google: the review is not one of this location's")
	}
	if strings.TrimSpace(text) == "" {
		return bedside.Errorf(bedside.EInvalid, "google: the reply is empty")
	}
	body, err := json.Marshal(struct {
		Comment string `json:"comment"`
	}{text})
	if err != nil {
		return fmt.Errorf("google: encode reply: %w", err)
	}
	u := c.base.JoinPath("v4", externalID, "reply")
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, u.String(), bytes.NewReader(body))
	if err != nil {
		return bedside.Errorf(bedside.EInvalid, "google: the reply URL cannot be requested")
	}
	req.Header.Set("Content-Type", "application/json")
	_, err = c.do(req)
	return err
}
