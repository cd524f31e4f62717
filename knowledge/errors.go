package knowledge

import (
	"errors"
	"fmt"
)

// Error codes. The transports map them to what a user sees: EINVALID and
// ENOTFOUND are the user's to fix and are shown; EINTERNAL is logged and
// replaced by a generic apology.
const (
	EINVALID  = "invalid"
	ENOTFOUND = "not_found"
	EINTERNAL = "internal"
)

// Error is a domain error with a code and a message fit to show a person.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrTruncated is wrapped by parsers when a page stops before the end that
// every complete page of its kind has.
var ErrTruncated = errors.New("page looks truncated")
