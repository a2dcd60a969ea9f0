package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/authorization"
	"github.com/bedsidehq/bedside/phi"
	. "github.com/bedsidehq/bedside/store"
	"github.com/bedsidehq/bedside/storetest"
)

func signedAuthorization(patientID int64, at time.Time) authorization.Authorization {
	return authorization.Authorization{PatientID: patientID,
		Description: "Zebulon's name and his treatment story", Discloser: "the practice", Recipients: "the public on Facebook",
		Purposes: []authorization.Purpose{authorization.SuccessStory}, Expires: at.AddDate(1, 0, 0),
		Signer: authorization.Signer{Name: "Zebulon Quixotic"}, SignedAt: at, Method: authorization.OnScreen, DocumentSHA256: "f00d",
		StatesRightToRevoke: true, StatesNoConditioning: true, StatesRedisclosure: true,
		Elements: []phi.Kind{phi.Name, phi.Case}, Channels: []authorization.Channel{"facebook"}}
}

func TestPatientsAndAuthorizations(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, actor := newPractice(t, db, "P", "p@example.com")
		_, _, other := newPractice(t, db, "Q", "q@example.com")
		p, err := db.CreatePatient(ctx, actor, Patient{Name: "Zebulon Quixotic", BirthDate: "1961-04-12", Contact: "zq@example.com", ChartID: "RHP-55821"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Patient(ctx, actor, p.ID)
		if err != nil || got.Name != "Zebulon Quixotic" || got.Contact != "zq@example.com" {
			t.Fatalf("patient %+v %v", got, err)
		}
		if _, err := db.Patient(ctx, other, p.ID); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("another practice read the patient: %v", err)
		}
		if _, err := db.CreatePatient(ctx, actor, Patient{Name: "X", BirthDate: "12/04/1961"}); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("bad birth date: %v", err)
		}
		now := time.Now().UTC().Truncate(time.Millisecond)
		a, err := db.CreateAuthorization(ctx, actor, signedAuthorization(p.ID, now))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateAuthorization(ctx, other, signedAuthorization(p.ID, now)); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("an authorization for another practice's patient: %v", err)
		}
		back, err := db.Authorization(ctx, actor, a.ID)
		if err != nil || back.Signer.Name != "Zebulon Quixotic" || len(back.Elements) != 2 {
			t.Fatalf("authorization %+v %v", back, err)
		}
		if st, _ := authorization.StatusOf(back, now.Add(time.Minute)); st != authorization.Valid {
			t.Fatalf("status %s", st)
		}
		if err := db.Revoke(ctx, actor, a.ID, Revocation{ReceivedAt: now, Method: "phone", DocumentSHA256: "x"}); bedside.ErrorCode(err) != bedside.EInvalid {
			t.Fatalf("a spoken revocation must be refused: %v", err)
		}
		if err := db.Revoke(ctx, other, a.ID, Revocation{ReceivedAt: now, Method: "letter", DocumentSHA256: "x"}); bedside.ErrorCode(err) != bedside.ENotFound {
			t.Fatalf("another practice revoked it: %v", err)
		}
		if err := db.Revoke(ctx, actor, a.ID, Revocation{ReceivedAt: now, Method: "letter", DocumentSHA256: "beef"}); err != nil {
			t.Fatal(err)
		}
		back, _ = db.Authorization(ctx, actor, a.ID)
		if st, _ := authorization.StatusOf(back, now.Add(time.Minute)); st != authorization.Revoked {
			t.Fatalf("after revocation: %s", st)
		}
		if err := db.Revoke(ctx, actor, a.ID, Revocation{ReceivedAt: now, Method: "letter", DocumentSHA256: "beef"}); bedside.ErrorCode(err) != bedside.EConflict {
			t.Fatalf("second revocation: %v", err)
		}
		evs, _ := db.AuditEvents(ctx, actor.PracticeID, AuditFilter{Action: "patient."})
		if len(evs) != 2 {
			t.Fatalf("patient events %d: creating and viewing are both audited", len(evs))
		}
		if _, breaks, _ := db.VerifyAudit(ctx); len(breaks) != 0 {
			t.Fatalf("audit chain broken: %+v", breaks)
		}
	})
}

// TestSealedAtRest: a patient's name and contact details, and a draft naming them, are not readable in the raw SQLite files
// or in the PostgreSQL tables.
func TestSealedAtRest(t *testing.T) {
	secrets := [][]byte{[]byte("Zebulon"), []byte("Quixotic"), []byte("zq@example.com"), []byte("RHP-55821"), []byte("1961-04-12"), []byte("203.0.113.77")}
	store := func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, _, actor := newPractice(t, db, "P", "p@example.com")
		p, err := db.CreatePatient(ctx, actor, Patient{Name: "Zebulon Quixotic", BirthDate: "1961-04-12", Contact: "zq@example.com", ChartID: "RHP-55821"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreateAuthorization(ctx, actor, signedAuthorization(p.ID, time.Now())); err != nil {
			t.Fatal(err)
		}
		if _, err := db.CreatePost(ctx, actor, Post{Text: "Zebulon Quixotic finished his treatment", Channels: []authorization.Channel{"facebook"}}); err != nil {
			t.Fatal(err)
		}
		draft := signedAuthorization(p.ID, time.Now())
		if _, err := db.CreateSigningRequest(ctx, actor, draft, []byte(`{"patient":"Zebulon Quixotic"}`), []byte("%PDF form for Zebulon Quixotic"), "tok", time.Hour); err != nil {
			t.Fatal(err)
		}
		copyOf := func(SigningRequest, authorization.Authorization) ([]byte, error) {
			return []byte("%PDF copy for Zebulon Quixotic"), nil
		}
		if _, err := db.Sign(ctx, "tok", Evidence{TypedName: "Zebulon Quixotic", SignaturePNG: []byte("png"), IP: "203.0.113.77", UserAgent: "Tablet", At: time.Now()}, copyOf); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		keys := storetest.Keys(t)
		db, err := Open(context.Background(), Config{DataDir: dir, Keys: keys})
		if err != nil {
			t.Fatal(err)
		}
		store(t, db)
		db.Close()
		for _, name := range []string{"bedside.db", "bedside.db-wal"} {
			raw, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				continue
			}
			for _, s := range secrets {
				if bytes.Contains(raw, s) {
					t.Errorf("%q is readable in %s", s, name)
				}
			}
		}
	})
	t.Run("postgres", func(t *testing.T) {
		db := storetest.Postgres(t)
		store(t, db)
		dump, err := db.DumpForTest(context.Background(), "patients", "authorizations", "posts", "documents", "signing_requests")
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(dump, s) {
				t.Errorf("%q is readable in the PostgreSQL tables", s)
			}
		}
	})
}

// TestTOTPSealed: a user's TOTP secret is not readable in the users table, and still works.
func TestTOTPSealed(t *testing.T) {
	eachDB(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		_, u, actor := newPractice(t, db, "P", "p@example.com")
		const secret = "JBSWY3DPEHPK3PXPJBSWY3DP"
		if err := db.SetTOTP(ctx, actor, u.ID, secret, true); err != nil {
			t.Fatal(err)
		}
		dump, err := db.DumpForTest(ctx, "users")
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(dump, []byte(secret)) {
			t.Fatal("the TOTP secret is readable in the users table")
		}
		c, err := db.CredentialsByEmail(ctx, "p@example.com")
		if err != nil || c.TOTPSecret != secret {
			t.Fatalf("credentials: %q %v", c.TOTPSecret, err)
		}
	})
}

// TestDatabaseFilesOwnerOnly: the SQLite files are readable by their owner only.
func TestDatabaseFilesOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(context.Background(), Config{DataDir: dir, Keys: storetest.Keys(t)})
	if err != nil {
		t.Fatal(err)
	}
	newPractice(t, db, "P", "p@example.com")
	for _, name := range []string{"bedside.db", "bedside.db-wal"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v", name, st.Mode().Perm())
		}
	}
	db.Close()
}
