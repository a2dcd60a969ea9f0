// Command bedside checks a medical practice's social posts, replies and messages for protected
// health information. Run "bedside help" for the subcommands.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

var version = "dev"

// usageError is a mistake in how the command was called: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

type command struct {
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) (int, error)
}

var commands = map[string]command{
	"serve":   {"run the Bedside server (embedded SQLite, or PostgreSQL with --database-url)", runServe},
	"scan":    {"check documents for PHI", runScan},
	"eval":    {"measure the scanner on labelled corpora", runEval},
	"migrate": {"apply database migrations", runMigrate},
	"admin":   {"admin create: create a practice and its first admin", runAdmin},
	"audit":   {"audit verify: check the audit log's hash chain", runAudit},
}

var commandOrder = []string{"serve", "scan", "eval", "migrate", "admin", "audit"}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(stdout, "bedside", version)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "bedside: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	code, err := cmd.run(args[1:], stdin, stdout, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "bedside %s: %v\n", args[0], err)
		var ue usageError
		if errors.As(err, &ue) || code == 0 {
			return 2
		}
	}
	return code
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: bedside <command> [flags]")
	fmt.Fprintln(w)
	for _, name := range commandOrder {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'bedside <command> -h' for a command's flags.")
}
