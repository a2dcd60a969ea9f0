package scanio

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bedsidehq/bedside/phi"
)

func TestSARIF(t *testing.T) {
	s := scanner(t)
	text := "Great day!\nThanks for coming in, Karen — your crown looks great."
	r, err := s.Scan(phi.Document{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, "test", []SARIFFile{{Name: "post.txt", Text: text, Result: r}}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string } `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Locations []struct {
					Physical struct {
						Region struct {
							ByteOffset, ByteLength, StartLine, StartColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) != len(r.Findings) {
		t.Fatalf("bad log: %s", buf.String())
	}
	for i, res := range log.Runs[0].Results {
		reg := res.Locations[0].Physical.Region
		f := r.Findings[i]
		if reg.ByteOffset != f.Start || reg.ByteLength != f.End-f.Start || reg.StartLine != 2 {
			t.Errorf("result %d region %+v for finding %+v", i, reg, f)
		}
	}
	if strings.Contains(buf.String(), "Karen") {
		t.Error("the SARIF log copies finding text; regions should point at it instead")
	}
}

func TestText(t *testing.T) {
	s := scanner(t)
	text := "Hi Karen, your root canal is done"
	r, _ := s.Scan(phi.Document{Text: text, Context: phi.Reply})
	var plain, color bytes.Buffer
	WriteText(&plain, "", text, r, false)
	WriteText(&color, "", text, r, true)
	if !strings.Contains(plain.String(), "[[Karen]]") || !strings.Contains(plain.String(), "verdict: block") {
		t.Errorf("plain output:\n%s", plain.String())
	}
	if strings.Contains(plain.String(), "\x1b[") || !strings.Contains(color.String(), ansiBlock+"Karen"+ansiReset) {
		t.Errorf("colour only when asked:\n%q", color.String())
	}
}
