package mail

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestRender(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		html      []string // substrings the HTML part must hold
		notHTML   []string // and must not
		text      string   // the whole text part
		notInText []string
	}{
		{
			name: "paragraphs and emphasis",
			in:   "Hello **Ana**,\n\nsee you *soon*.",
			html: []string{"<p>Hello <strong>Ana</strong>,</p>", "<em>soon</em>"},
			text: "Hello Ana,\n\nsee you soon.\n",
		},
		{
			name: "external link gets noopener",
			in:   "[Book now](https://example.com/book)",
			html: []string{`href="https://example.com/book"`, `rel="nofollow noreferrer noopener"`, `target="_blank"`},
			text: "Book now (https://example.com/book)\n",
		},
		{
			name:    "script and raw html dropped",
			in:      "hi <script>alert(1)</script>\n\n<div onclick=\"x()\">boo</div>\n\n<img src=x onerror=alert(1)>",
			notHTML: []string{"<script", "onclick", "onerror", "<img"},
			text:    "hi alert(1)\n",
		},
		{
			name:      "javascript link loses its target in both parts",
			in:        "[click](javascript:alert(1))",
			notHTML:   []string{"javascript"},
			text:      "click\n",
			notInText: []string{"javascript"},
		},
		{
			name: "lists, headings, quotes, escapes and entities",
			in:   "# Offer\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n\\*not bold\\* &amp; &#65;",
			html: []string{"<h1>Offer</h1>", "<li>one</li>", "<blockquote>"},
			text: "Offer\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n*not bold* & A\n",
		},
		{
			name: "bare url becomes a link",
			in:   "Visit https://example.com today",
			html: []string{`<a href="https://example.com"`},
			text: "Visit https://example.com today\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, txt, err := Render(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.html {
				if !strings.Contains(h, s) {
					t.Errorf("HTML lacks %q:\n%s", s, h)
				}
			}
			for _, s := range tt.notHTML {
				if strings.Contains(h, s) {
					t.Errorf("HTML holds %q:\n%s", s, h)
				}
			}
			if tt.text != "" && txt != tt.text {
				t.Errorf("text = %q, want %q", txt, tt.text)
			}
			for _, s := range tt.notInText {
				if strings.Contains(txt, s) {
					t.Errorf("text holds %q: %q", s, txt)
				}
			}
		})
	}
}

// FuzzRender checks that no Markdown makes Render panic or lets a script or an event handler
// through to the HTML part.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"hello *world*",
		"<script>alert(1)</script>",
		"<a href=\"javascript:alert(1)\" onmouseover=\"x\">x</a>",
		"[x](javascript:alert(1))",
		"![img](x\" onerror=\"alert(1))",
		"<SCRIPT SRC=//evil/x.js></SCRIPT>",
		"<<script>script>alert(1)<</script>/script>",
		"<svg onload=alert(1)>",
		"```\n<script>\n```",
		"<style>body{}</style><iframe src=x>",
		"&lt;script&gt;",
		"[a](<javascript:alert(1)>)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		h, _, err := Render(in)
		if err != nil {
			return
		}
		if strings.Contains(strings.ToLower(h), "<script") {
			t.Fatalf("script in output: %q", h)
		}
		z := html.NewTokenizer(strings.NewReader(h))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			name, more := z.TagName()
			switch string(name) {
			case "script", "style", "iframe", "object", "embed":
				t.Fatalf("<%s> in output: %q", name, h)
			}
			for more {
				var key, val []byte
				key, val, more = z.TagAttr()
				if strings.HasPrefix(strings.ToLower(string(key)), "on") {
					t.Fatalf("event handler %s in output: %q", key, h)
				}
				if scheme(val) == "javascript:" {
					t.Fatalf("javascript URL in output: %q", h)
				}
			}
		}
	})
}

// scheme returns the first 11 bytes of an attribute value as a browser reads a URL's scheme:
// lowercased, with the ASCII whitespace and control characters it skips removed.
func scheme(val []byte) string {
	var b strings.Builder
	for _, c := range strings.ToLower(string(val)) {
		if c > ' ' {
			b.WriteRune(c)
		}
		if b.Len() == len("javascript:") {
			break
		}
	}
	return b.String()
}
