// Package bedside holds the domain types shared by Bedside's storage, web server and commands:
// practices and their people, roles, audit events, and the one error type every layer returns.
// It depends on the standard library only.
package bedside

import (
	"errors"
	"fmt"
	"time"
)

// Role is what a user may do in their practice.
type Role string

// The roles.
const (
	RoleAdmin      Role = "admin"      // manages users, settings and everything below
	RoleCompliance Role = "compliance" // a compliance officer: approves, reviews the audit log
	RoleStaff      Role = "staff"      // drafts and checks posts and replies
)

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleCompliance || r == RoleStaff }

// Practice is a tenant: everything else belongs to exactly one practice.
type Practice struct {
	ID          int64
	Name        string
	RequireTOTP bool // admins and compliance officers must use a second factor
	CreatedAt   time.Time
}

// Location is one office of a practice.
type Location struct {
	ID         int64
	PracticeID int64
	Name       string
	Address    string
}

// User is a person who signs in to a practice.
type User struct {
	ID          int64
	PracticeID  int64
	Email       string
	Name        string
	Role        Role
	TOTPEnabled bool
	Disabled    bool
	CreatedAt   time.Time
}

// APIToken is a named bearer token; its secret is shown once and stored only as a hash.
type APIToken struct {
	ID         int64
	PracticeID int64
	UserID     int64
	Name       string
	Prefix     string // the first characters of the secret, to recognise it in a list
	CreatedAt  time.Time
	ExpiresAt  *time.Time
	RevokedAt  *time.Time
	LastUsedAt *time.Time
}

// AuditEvent records one change or one view of patient-related data. It holds ids, never content.
type AuditEvent struct {
	ID         int64
	PracticeID int64
	Seq        int64 // position in the practice's chain, from 1
	At         time.Time
	Actor      string // "user:12", "token:3", "system"
	Action     string // "user.create", "profile.update", "scan"...
	ObjectType string
	ObjectID   string
	PrevHash   string // hex SHA-256 of the previous event, "" for the first
	Hash       string
}

// Error codes, mapped to HTTP statuses in one table by the web server.
const (
	EInvalid      = "invalid"
	ENotFound     = "not_found"
	EConflict     = "conflict"
	EUnauthorized = "unauthorized"
	EForbidden    = "forbidden"
	ERateLimited  = "rate_limited"
	EInternal     = "internal"
)

// Error is an application error whose message is safe to show to the user: it never holds
// patient data or internal details.
type Error struct {
	Code    string
	Message string
	Details any // machine-readable reasons, such as the findings a refused post leaves uncovered
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, or EInternal when err is not an *Error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EInternal
}

// ErrorDetails returns the details of err, or nil.
func ErrorDetails(err error) any {
	var e *Error
	if errors.As(err, &e) {
		return e.Details
	}
	return nil
}

// ErrorMessage returns the user-facing message of err; internal errors get a generic one.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
