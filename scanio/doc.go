// Package scanio reads documents for the scanner and writes its results: the streaming JSON
// lines format, SARIF for code-scanning tools, and text for people.
package scanio
