package web

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/bedsidehq/bedside"
	"github.com/bedsidehq/bedside/connector/google"
	"github.com/bedsidehq/bedside/store"
)

// parseReviewsFile reads an uploaded file of reviews: Google Business Profile's export (JSON,
// told apart by its opening brace) or the generic CSV format.
func parseReviewsFile(r io.Reader) ([]store.Review, error) {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		br.Discard(3) // spreadsheet programs write one; neither format wants it
	}
	head, _ := br.Peek(512)
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) > 0 && head[0] == '{' {
		rs, err := google.ParseExport(br)
		if err != nil {
			return nil, err
		}
		return reviewsFrom("google", rs), nil
	}
	return parseReviewsCSV(br)
}

// reviewColumns is the generic CSV format: a header row naming these columns, in any order.
var reviewColumns = []string{"source", "external_id", "author", "rating", "text", "written_at"}

// maxCSVRows bounds one import.
const maxCSVRows = 10000

// parseReviewsCSV reads reviews from the generic CSV format. It reports every bad row by line
// number (never its content) and returns nothing unless the whole file is good, so an import is
// all or none.
func parseReviewsCSV(r io.Reader) ([]store.Review, error) {
	t, err := readCSVHeader(r)
	if err != nil {
		return nil, err
	}
	for _, c := range reviewColumns {
		if !t.has(c) {
			return nil, bedside.Errorf(bedside.EInvalid, "the header must name the columns %s", strings.Join(reviewColumns, ", "))
		}
	}
	var out []store.Review
	var bad []string
	err = t.each(func(line int, get func(string) string) error {
		if len(out) >= maxCSVRows {
			return bedside.Errorf(bedside.EInvalid, "a file holds at most %d reviews", maxCSVRows)
		}
		rv := store.Review{Source: get("source"), ExternalID: get("external_id"), Author: get("author"), Text: get("text")}
		var problems []string
		if s := strings.TrimSpace(get("rating")); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				problems = append(problems, "rating is not a number")
			}
			rv.Rating = n
		}
		when, werr := parseWhen(get("written_at"))
		if werr != nil {
			problems = append(problems, "written_at is not a date like 2026-11-26 or 2026-11-26T15:04:05Z")
			when = time.Unix(0, 0) // checked above; keeps Check from saying it again
		}
		rv.WrittenAt = when
		problems = append(problems, rv.Check()...)
		if len(problems) > 0 {
			bad = append(bad, fmt.Sprintf("line %d: %s", line, strings.Join(problems, "; ")))
			return nil
		}
		out = append(out, rv)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return nil, &bedside.Error{Code: bedside.EInvalid, Details: bad,
			Message: fmt.Sprintf("%d line(s) are not valid; nothing was imported. First: %s", len(bad), bad[0])}
	}
	return out, nil
}

func parseWhen(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Parse("2006-01-02", s)
}
