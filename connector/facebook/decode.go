package facebook

import (
	"encoding/json"
	"errors"

	"github.com/bedsidehq/bedside/connector"
)

// decode unmarshals a response body. Its errors say where the body went wrong but never
// quote it: encoding/json's messages can carry a character or a value of the payload.
func decode(body []byte, v any) error {
	err := json.Unmarshal(body, v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return connector.Malformed(name, "the body is not JSON")
	case errors.As(err, &te):
		return connector.Malformed(name, "the field "+te.Field+" has the wrong type")
	}
	return connector.Malformed(name, "the body cannot be read as JSON")
}

type errString string

func (e errString) Error() string { return string(e) }
