package connector

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// MaxBody bounds what a connector reads of one response: a page of reviews or comments is far
// smaller, and the bound stops a broken or hostile endpoint from filling memory.
const MaxBody = 10 << 20

// Fetch sends req for source with the bearer token and returns the response with its body, read
// up to MaxBody. A network failure is ErrUnavailable without the URL, which may hold ids; the
// caller maps statuses other than 2xx, and must never quote their bodies.
func Fetch(client *http.Client, req *http.Request, source, token string) (*http.Response, []byte, error) {
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		if ctxErr := req.Context().Err(); ctxErr != nil {
			return nil, nil, fmt.Errorf("%s: %w", source, ctxErr)
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the cause without the URL
		}
		return nil, nil, fmt.Errorf("%s: %w: %w", source, ErrUnavailable, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: read response: %w: %w", source, ErrUnavailable, err)
	}
	if len(body) > MaxBody {
		return nil, nil, Malformed(source, "the response is larger than 10 MiB")
	}
	return resp, body, nil
}
