package mail

import (
	"bytes"
	"fmt"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// markdown is CommonMark plus bare-URL links. Raw HTML in the source is dropped by goldmark
// (it is not built WithUnsafe) and again by the sanitiser.
var markdown = goldmark.New(goldmark.WithExtensions(extension.Linkify))

// sanitiser is the UGC policy: no scripts, no styles, no event handlers, only http, https and
// mailto links. Links leaving the mail open in a new tab with rel="nofollow noreferrer
// noopener", so the opened page can neither script the webmail tab nor learn which mail it
// came from.
var sanitiser = bluemonday.UGCPolicy().
	AddTargetBlankToFullyQualifiedLinks(true).
	RequireNoReferrerOnLinks(true)

// Render turns Markdown into a sanitised HTML fragment and a plain-text alternative read from
// the same parse, so the two parts say the same thing.
func Render(source string) (html, plain string, err error) {
	src := []byte(source)
	doc := markdown.Parser().Parse(text.NewReader(src))
	var buf bytes.Buffer
	if err := markdown.Renderer().Render(&buf, src, doc); err != nil {
		return "", "", fmt.Errorf("render markdown: %w", err)
	}
	return sanitiser.Sanitize(buf.String()), plainText(doc, src), nil
}
