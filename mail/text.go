package mail

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// plainText writes the text/plain alternative of a parsed Markdown document: blocks separated by
// blank lines, list markers kept, a link as "label (URL)", raw HTML left out.
func plainText(doc ast.Node, src []byte) string {
	w := textWriter{src: src}
	return strings.Join(w.blocks(doc), "\n") + "\n"
}

type textWriter struct{ src []byte }

// blocks returns the lines of n's child blocks, a blank line between two blocks.
func (w textWriter) blocks(n ast.Node) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		lines := w.block(c)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

func (w textWriter) block(n ast.Node) []string {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		var b strings.Builder
		w.inline(&b, n, false)
		s := strings.TrimSpace(b.String())
		if s == "" {
			return nil
		}
		return strings.Split(s, "\n")
	case *ast.ThematicBreak:
		return []string{"----"}
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		var lines []string
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			lines = append(lines, strings.TrimRight(string(seg.Value(w.src)), "\r\n"))
		}
		return lines
	case *ast.HTMLBlock:
		return nil
	case *ast.Blockquote:
		lines := w.blocks(n)
		for i, l := range lines {
			lines[i] = strings.TrimRight("> "+l, " ")
		}
		return lines
	case *ast.List:
		return w.list(n)
	default:
		return w.blocks(n)
	}
}

func (w textWriter) list(l *ast.List) []string {
	var out []string
	num := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "- "
		if l.IsOrdered() {
			marker = fmt.Sprintf("%d. ", num)
			num++
		}
		indent := strings.Repeat(" ", len(marker))
		for i, line := range w.blocks(item) {
			switch {
			case i == 0:
				line = marker + line
			case line != "":
				line = indent + line
			}
			out = append(out, line)
		}
		if !l.IsTight && item.NextSibling() != nil {
			out = append(out, "")
		}
	}
	return out
}

// inline writes the text of n's inline children. raw is set inside code spans, where
// CommonMark processes neither backslash escapes nor entities.
func (w textWriter) inline(b *strings.Builder, n ast.Node, raw bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(w.src)
			if !raw {
				v = unescape(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			w.inline(b, c, true)
		case *ast.RawHTML:
			// dropped, as in the HTML part
		case *ast.AutoLink:
			b.Write(c.Label(w.src))
		case *ast.Link:
			var label strings.Builder
			w.inline(&label, c, false)
			dest := string(unescape(c.Destination))
			b.WriteString(label.String())
			if safeURL(dest) && dest != label.String() {
				fmt.Fprintf(b, " (%s)", dest)
			}
		default: // emphasis, images (their alt text), extensions
			w.inline(b, c, raw)
		}
	}
}

func unescape(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// safeURL reports whether a link target is one the sanitiser keeps in the HTML part, so the
// text part never shows a javascript: URL the HTML part dropped.
func safeURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return true
	}
	return false
}
