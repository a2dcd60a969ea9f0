package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/bedsidehq/bedside/auth"
)

func runMigrate(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var db dbFlags
	db.register(fs)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0, nil
		}
		return 2, usagef("%v", err)
	}
	s, err := db.open(context.Background()) // Open migrates
	if err != nil {
		return 1, err
	}
	defer s.Close()
	fmt.Fprintf(stdout, "database is up to date (%s)\n", s.Dialect())
	return 0, nil
}

func runAdmin(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	if len(args) == 0 || args[0] != "create" {
		return 2, usagef("usage: bedside admin create --practice NAME --email E --password-stdin [--data DIR | --database-url URL]")
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var db dbFlags
	db.register(fs)
	practice := fs.String("practice", "", "name of the new practice")
	email := fs.String("email", "", "the admin's email address")
	name := fs.String("name", "", "the admin's name")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := fs.Parse(args[1:]); err != nil {
		if err == flag.ErrHelp {
			return 0, nil
		}
		return 2, usagef("%v", err)
	}
	if *practice == "" || *email == "" || !*fromStdin {
		return 2, usagef("--practice, --email and --password-stdin are required")
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return 2, err
	}
	hash, err := auth.HashPassword(strings.TrimRight(line, "\r\n"))
	if err != nil {
		return 2, err
	}
	s, err := db.open(context.Background())
	if err != nil {
		return 1, err
	}
	defer s.Close()
	p, u, err := s.NewPractice(context.Background(), *practice, *email, *name, hash)
	if err != nil {
		return 1, err
	}
	fmt.Fprintf(stdout, "created practice %d (%s) and admin user %d (%s)\n", p.ID, p.Name, u.ID, u.Email)
	return 0, nil
}

func runAudit(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error) {
	if len(args) == 0 || args[0] != "verify" {
		return 2, usagef("usage: bedside audit verify [--data DIR | --database-url URL]")
	}
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var db dbFlags
	db.register(fs)
	if err := fs.Parse(args[1:]); err != nil {
		if err == flag.ErrHelp {
			return 0, nil
		}
		return 2, usagef("%v", err)
	}
	s, err := db.open(context.Background())
	if err != nil {
		return 1, err
	}
	defer s.Close()
	n, breaks, err := s.VerifyAudit(context.Background())
	if err != nil {
		return 1, err
	}
	if len(breaks) == 0 {
		fmt.Fprintf(stdout, "audit log intact: %d events\n", n)
		return 0, nil
	}
	for _, b := range breaks {
		fmt.Fprintf(stdout, "practice %d: first broken link at event %d: %s\n", b.PracticeID, b.Seq, b.Problem)
	}
	return 1, nil
}
