package web

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/bedsidehq/bedside"
)

// csvTable reads an uploaded CSV file with a header line, for the contact and review imports:
// the byte-order mark spreadsheet programs write is dropped, columns are found by lower-case
// name in any order, and errors name lines, never values.
type csvTable struct {
	cr  *csv.Reader
	col map[string]int
}

func readCSVHeader(r io.Reader) (*csvTable, error) {
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, bedside.Errorf(bedside.EInvalid, "the file is empty or not CSV")
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	return &csvTable{cr: cr, col: col}, nil
}

// has reports whether the header names column c.
func (t *csvTable) has(c string) bool {
	_, ok := t.col[c]
	return ok
}

// each calls fn for every record after the header, with its line number and a lookup of a
// column's raw value (empty when the column or the field is missing), until the file ends or fn
// returns an error.
func (t *csvTable) each(fn func(line int, get func(column string) string) error) error {
	for line := 2; ; line++ {
		rec, err := t.cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return bedside.Errorf(bedside.EInvalid, "line %d is not valid CSV", pe.Line)
			}
			return fmt.Errorf("read csv: %w", err)
		}
		get := func(c string) string {
			if i, ok := t.col[c]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		if err := fn(line, get); err != nil {
			return err
		}
	}
}
