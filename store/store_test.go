package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/phi"
	. "github.com/bedsidehq/bedside/store"
)

func newPractice(t *testing.T, db *DB, name, email string) (bedside.Practice, bedside.User, Actor) {
	t.Helper()
	p, u, err := db.NewPractice(context.Background(), name, email, "Admin", "hash")
	if err != nil {
		t.Fatal(err)
	}
	return p, u, Actor{PracticeID: p.ID, UserID: u.ID}
}

func TestPracticesAndUsers(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p, admin, actor := newPractice(t, db, "Riverside", "Admin@Example.com")
		if admin.Email != "admin@example.com" || admin.Role != bedside.RoleAdmin {
			t.Fatalf("admin %+v", admin)
		}
		u, err := db.CreateUser(ctx, actor, "staff@example.com", "Sam", bedside.RoleStaff, "h")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateUser(ctx, actor, "STAFF@example.com", "Sam", bedside.RoleStaff, "h"); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("duplicate email: %v", err)
		}
		if _, err := db.CreateUser(ctx, actor, "x@example.com", "X", "owner", "h"); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("bad role: %v", err)
		}
		if err := db.SetRole(ctx, actor, u.ID, bedside.RoleCompliance); err != nil {
			t.Fatal(err)
		}
		got, err := db.User(ctx, p.ID, u.ID)
		if err != nil || got.Role != bedside.RoleCompliance {
			t.Fatalf("user %+v %v", got, err)
		}
		users, _ := db.Users(ctx, p.ID)
		if len(users) != 2 {
			t.Fatalf("%d users", len(users))
		}
		c, err := db.CredentialsByEmail(ctx, " staff@EXAMPLE.com ")
		if err != nil || c.User.ID != u.ID || c.PasswordHash != "h" {
			t.Fatalf("credentials %+v %v", c, err)
		}
	})
}

// TestIsolation: nothing of one practice can be read or changed through another practice's actor.
func TestIsolation(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		a, _, actorA := newPractice(t, db, "A", "a@example.com")
		b, adminB, actorB := newPractice(t, db, "B", "b@example.com")
		userB, _ := db.CreateUser(ctx, actorB, "b2@example.com", "B2", bedside.RoleStaff, "h")
		tokB, _ := db.CreateToken(ctx, actorB, adminB.ID, "b", "pre", "hash-b", 0)
		if _, err := db.User(ctx, a.ID, userB.ID); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Errorf("practice A read B's user: %v", err)
		}
		for name, err := range map[string]error{
			"role":    db.SetRole(ctx, actorA, userB.ID, bedside.RoleAdmin),
			"disable": db.SetDisabled(ctx, actorA, userB.ID, true),
			"totp":    db.SetTOTP(ctx, actorA, userB.ID, "secret", true),
			"revoke":  db.RevokeToken(ctx, actorA, tokB.ID),
		} {
			if bedside.ErrorCode(err) != bedside.ENotFound {
				t.Errorf("%s across practices: %v", name, err)
			}
		}
		if _, err := db.CreateToken(ctx, actorA, userB.ID, "steal", "p", "hash-x", 0); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Errorf("token for another practice's user: %v", err)
		}
		got, _ := db.User(ctx, b.ID, userB.ID)
		if got.Role != bedside.RoleStaff || got.Disabled {
			t.Errorf("B's user was changed: %+v", got)
		}
		usersA, _ := db.Users(ctx, a.ID)
		tokensA, _ := db.Tokens(ctx, a.ID)
		eventsA, _ := db.AuditEvents(ctx, a.ID, AuditFilter{})
		for _, u := range usersA {
			if u.PracticeID != a.ID {
				t.Errorf("A lists B's user %d", u.ID)
			}
		}
		if len(tokensA) != 0 {
			t.Errorf("A lists %d tokens", len(tokensA))
		}
		for _, ev := range eventsA {
			if ev.PracticeID != a.ID {
				t.Errorf("A lists B's event %+v", ev)
			}
		}
		if _, err := db.UpdateProfile(ctx, actorA, phi.Profile{Name: "A only"}); err != nil {
			t.Fatal(err)
		}
		pb, _, _ := db.Profile(ctx, b.ID)
		if pb.Name != "B" {
			t.Errorf("B's profile changed to %q", pb.Name)
		}
	})
}

func TestSessionsTokensAndLockout(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now })
		_, admin, actor := newPractice(t, db, "P", "p@example.com")
		s, err := db.CreateSession(ctx, admin, "sess-hash", "csrf", false, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.SessionByHash(ctx, "sess-hash")
		if err != nil || got.User.ID != admin.ID || got.CSRFToken != "csrf" {
			t.Fatalf("session %+v %v", got, err)
		}
		now = now.Add(2 * time.Hour)
		if _, err := db.SessionByHash(ctx, "sess-hash"); bedside.ErrorCode(err) != bedside.EUnauthorized {
			t.Fatalf("expired session: %v", err)
		}
		if err := db.DeleteSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		tok, err := db.CreateToken(ctx, actor, admin.ID, "ci", "bs_abc", "tok-hash", 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, pr, err := db.TokenByHash(ctx, "tok-hash"); err != nil || pr.User.ID != admin.ID || pr.Practice.Name != "P" {
			t.Fatalf("token: %v", err)
		}
		if err := db.RevokeToken(ctx, actor, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.TokenByHash(ctx, "tok-hash"); bedside.ErrorCode(err) != bedside.EUnauthorized {
			t.Fatalf("revoked token: %v", err)
		}
		for i := 1; i <= 5; i++ {
			locked, err := db.LoginFailed(ctx, admin, 5, 15*time.Minute)
			if err != nil || locked != (i == 5) {
				t.Fatalf("failure %d: locked %v err %v", i, locked, err)
			}
		}
		c, _ := db.CredentialsByEmail(ctx, admin.Email)
		if !c.LockedUntil.After(now) {
			t.Fatalf("not locked: %v", c.LockedUntil)
		}
		for i := 0; i < 3; i++ {
			ok, err := db.LoginAllowed(ctx, "ip:1.2.3.4", 3, time.Minute)
			if err != nil || !ok {
				t.Fatalf("attempt %d refused", i)
			}
		}
		if ok, _ := db.LoginAllowed(ctx, "ip:1.2.3.4", 3, time.Minute); ok {
			t.Fatal("fourth attempt in the window allowed")
		}
		now = now.Add(time.Minute)
		if ok, _ := db.LoginAllowed(ctx, "ip:1.2.3.4", 3, time.Minute); !ok {
			t.Fatal("a new window must allow again")
		}
	})
}

func TestSetupLinkWorksOnce(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		if err := db.CreateSetupToken(ctx, "setup"); err != nil {
			t.Fatal(err)
		}
		if ok, _ := db.SetupTokenValid(ctx, "setup"); !ok {
			t.Fatal("fresh link not valid")
		}
		if _, _, err := db.UseSetupToken(ctx, "setup", "", "a@example.com", "A", "h"); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("empty practice name: %v", err)
		}
		if ok, _ := db.SetupTokenValid(ctx, "setup"); !ok {
			t.Fatal("a failed setup must leave the link usable")
		}
		if _, _, err := db.UseSetupToken(ctx, "setup", "Clinic", "a@example.com", "A", "h"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.UseSetupToken(ctx, "setup", "Again", "b@example.com", "B", "h"); bedside.ErrorCode(err) != bedside.EForbidden {
			t.Fatalf("second use: %v", err)
		}
	})
}

func TestAuditChain(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, actor := newPractice(t, db, "P", "p@example.com")
		_, _, other := newPractice(t, db, "Q", "q@example.com")
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				a := actor
				if i%2 == 1 {
					a = other
				}
				if _, err := db.CreateLocation(ctx, a, "Office", ""); err != nil {
					t.Error(err)
				}
			}(i)
		}
		wg.Wait()
		n, breaks, err := db.VerifyAudit(ctx)
		if err != nil || len(breaks) != 0 || n != 2*2+20 {
			t.Fatalf("verify: %d events, breaks %+v, err %v", n, breaks, err)
		}
		evs, _ := db.AuditEvents(ctx, actor.PracticeID, AuditFilter{Action: "location."})
		if len(evs) != 10 {
			t.Fatalf("%d location events", len(evs))
		}
		// Tamper with one event: verify names the first broken link.
		if err := db.ExecForTest(ctx, "UPDATE audit_events SET object_id = '999' WHERE practice_id = ? AND seq = 3", actor.PracticeID); err != nil {
			t.Fatal(err)
		}
		_, breaks, _ = db.VerifyAudit(ctx)
		if len(breaks) != 1 || breaks[0].PracticeID != actor.PracticeID || breaks[0].Seq != 3 {
			t.Fatalf("breaks %+v", breaks)
		}
		if err := db.ExecForTest(ctx, "DELETE FROM audit_events WHERE practice_id = ? AND seq = (SELECT MAX(seq) FROM audit_events WHERE practice_id = ?)", other.PracticeID, other.PracticeID); err != nil {
			t.Fatal(err)
		}
		_, breaks, _ = db.VerifyAudit(ctx)
		if len(breaks) != 2 {
			t.Fatalf("a removed last event must break the chain: %+v", breaks)
		}
	})
}

func TestProfileVersions(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		p, _, actor := newPractice(t, db, "P", "p@example.com")
		_, v1, err := db.Profile(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		v2, err := db.UpdateProfile(ctx, actor, phi.Profile{Name: "P", Phones: []string{"(541) 555-0142"}})
		if err != nil || v2 != v1+1 {
			t.Fatalf("version %d -> %d, %v", v1, v2, err)
		}
		if _, err := db.UpdateProfile(ctx, actor, phi.Profile{Phones: []string{"12"}}); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("invalid profile: %v", err)
		}
		got, _, _ := db.Profile(ctx, p.ID)
		if len(got.Phones) != 1 {
			t.Fatalf("profile %+v", got)
		}
		if _, err := db.Practice(ctx, 9999); !errors.Is(err, err) || bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("missing practice: %v", err)
		}
	})
}
