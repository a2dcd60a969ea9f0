package web

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/bedsidehq/bedside"
)

// statusOf maps error codes to HTTP statuses: the one table.
var statusOf = map[string]int{
	bedside.EInvalid:      http.StatusUnprocessableEntity,
	bedside.ENotFound:     http.StatusNotFound,
	bedside.EConflict:     http.StatusConflict,
	bedside.EUnauthorized: http.StatusUnauthorized,
	bedside.EForbidden:    http.StatusForbidden,
	bedside.ERateLimited:  http.StatusTooManyRequests,
	bedside.EInternal:     http.StatusInternalServerError,
}

type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Details any    `json:"details,omitempty"`
}

// writeError answers with the error's code and safe message; internal errors are logged with the
// request id and answered generically.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := bedside.ErrorCode(err)
	if code == bedside.EInternal {
		id, _ := r.Context().Value(keyRequestID).(string)
		slog.Default().Error("internal error", "request_id", id, "route", r.Pattern, "error", err.Error())
	}
	writeJSON(w, statusOf[code], map[string]apiError{"error": {Code: code, Message: bedside.ErrorMessage(err), Details: bedside.ErrorDetails(err)}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// maxBody bounds a JSON request: a 16 MiB document plus its review, with room for JSON escapes.
const maxBody = 40 << 20

// readJSON decodes a request body into v, refusing unknown fields and trailing data.
func readJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return bedside.Errorf(bedside.EInvalid, "send JSON with Content-Type: application/json")
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return bedside.Errorf(bedside.EInvalid, "the body is not valid JSON (at byte %d)", se.Offset)
		case errors.As(err, &te):
			return bedside.Errorf(bedside.EInvalid, "field %q has the wrong type", te.Field)
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			return bedside.Errorf(bedside.EInvalid, "%s", strings.TrimPrefix(err.Error(), "json: "))
		}
		return bedside.Errorf(bedside.EInvalid, "the body must be one JSON object")
	}
	if dec.More() {
		return bedside.Errorf(bedside.EInvalid, "the body must be one JSON object")
	}
	return nil
}
