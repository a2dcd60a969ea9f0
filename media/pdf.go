package media

import "bytes"

// pdfTail is how near the end the end-of-file marker must be: readers look in the last 1024
// bytes, and some writers add a little after it.
const pdfTail = 1024

// cleanPDF keeps a PDF byte for byte, since its hash is what proves which document was
// signed, and only checks that it was not cut short in the upload.
func cleanPDF(data []byte) (Result, error) {
	tail := data[max(0, len(data)-pdfTail):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return Result{}, damaged(PDF)
	}
	return Result{Data: data, Type: PDF, SHA256: hash(data)}, nil
}
