package scanio

import (
	"encoding/json"
	"io"
	"sort"
	"unicode/utf8"

	"github.com/bedsidehq/bedside/phi"
)

// SARIFFile is one scanned file for a SARIF report.
type SARIFFile struct {
	Name   string
	Text   string
	Result phi.Result
}

// WriteSARIF writes a SARIF 2.1.0 log, one result per finding, with byte offsets and the line and
// column (in characters) where each starts. A finding's text is not copied into the log; the region
// points at it.
func WriteSARIF(w io.Writer, version string, files []SARIFFile) error {
	type rule struct {
		ID        string            `json:"id"`
		ShortDesc map[string]string `json:"shortDescription"`
	}
	type region struct {
		ByteOffset  int `json:"byteOffset"`
		ByteLength  int `json:"byteLength"`
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
	}
	type location struct {
		Physical struct {
			Artifact map[string]string `json:"artifactLocation"`
			Region   region            `json:"region"`
		} `json:"physicalLocation"`
	}
	type result struct {
		RuleID    string            `json:"ruleId"`
		Level     string            `json:"level"`
		Message   map[string]string `json:"message"`
		Locations []location        `json:"locations"`
		Props     map[string]any    `json:"properties"`
	}
	rules := map[string]rule{}
	results := []result{}
	for _, f := range files {
		for _, fd := range f.Result.Findings {
			rules[fd.Rule] = rule{ID: fd.Rule, ShortDesc: map[string]string{"text": fd.Reason}}
			var loc location
			loc.Physical.Artifact = map[string]string{"uri": f.Name}
			line, col := lineCol(f.Text, fd.Start)
			loc.Physical.Region = region{ByteOffset: fd.Start, ByteLength: fd.End - fd.Start, StartLine: line, StartColumn: col}
			results = append(results, result{RuleID: fd.Rule, Level: level(fd.Effect), Message: map[string]string{"text": fd.Reason},
				Locations: []location{loc}, Props: map[string]any{"kind": fd.Kind, "confidence": fd.Confidence}})
		}
	}
	ids := make([]string, 0, len(rules))
	for id := range rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	ruleList := make([]rule, 0, len(ids))
	for _, id := range ids {
		ruleList = append(ruleList, rules[id])
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name": "bedside", "version": version, "informationUri": "https://github.com/bedsidehq/bedside", "rules": ruleList,
			}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

func level(v phi.Verdict) string {
	switch v {
	case phi.Block:
		return "error"
	case phi.Review:
		return "warning"
	}
	return "note"
}

// lineCol returns the 1-based line and character column of byte offset off.
func lineCol(text string, off int) (int, int) {
	line, col := 1, 1
	for i := 0; i < off && i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}
