package phi

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// A learned person-name recogniser for the words the dictionary rules leave open: an averaged
// perceptron over hashed features of a word and its neighbours (case, shape, affixes, the name
// and word lists). It is trained on the training halves of two public tweet corpora
// (internal/trainnames) and shipped as rules/names/person.model.

const (
	modelBits = 18
	modelSize = 1 << modelBits
	maxFeat   = 40
)

type nameModel struct {
	w []float32 // modelSize weights
}

// featureSet is a fixed buffer so that extraction allocates nothing.
type featureSet struct {
	ids [maxFeat]uint32
	n   int
}

func (fs *featureSet) add(kind uint64, v uint64) {
	if fs.n == maxFeat {
		return
	}
	h := (kind*0x9e3779b97f4a7c15 ^ v) * 0xbf58476d1ce4e5b9
	h ^= h >> 31
	fs.ids[fs.n] = uint32(h & (modelSize - 1))
	fs.n++
}

// shapeClass sums up how a token is written.
func shapeClass(t *token) uint64 {
	switch {
	case t.kind != tkWord:
		return 10 + uint64(t.kind)
	case t.shape&shDigit != 0:
		return 1
	case t.shape&shUpper != 0:
		return 2
	case t.shape&shCap != 0:
		return 3
	case t.shape&shLower != 0:
		return 4
	}
	return 5
}

// nameMask keeps the lexicon categories that bear on names.
const nameMask = fFirst | fSurname | fCommon | fPlace | fState | fOrg | fTitle | fGreeting | fRelative | fPron1 |
	fPron2 | fPron3 | fStopEN | fStopES | fMonth | fWeekday | fClinical | fRole | fSpanish

func nameFlags(f flag) uint64 { return uint64(f & nameMask) }

// features fills fs for token i of toks; prev tells whether the word before was tagged a name.
func features(fs *featureSet, text string, toks []token, tf []flag, i int, prev bool) {
	fs.n = 0
	t := &toks[i]
	sh := shapeClass(t)
	fl := nameFlags(tf[i])
	fs.add(1, 0)
	fs.add(2, t.hash)
	fs.add(3, sh)
	fs.add(4, fl)
	fs.add(5, fl<<8|sh)
	w := text[t.start:t.end]
	if len(w) >= 3 {
		fs.add(6, foldHash(w[len(w)-3:]))
		fs.add(7, foldHash(w[:3]))
	}
	if len(w) >= 4 {
		fs.add(14, foldHash(w[len(w)-4:]))
		fs.add(15, foldHash(w[:4]))
	}
	fs.add(16, wordPattern(w))
	if len(w) >= 2 {
		fs.add(8, foldHash(w[len(w)-2:]))
	}
	fs.add(9, uint64(min(len(w), 12)))
	var p uint64
	if prev {
		p = 1
	}
	fs.add(10, p)
	fs.add(11, p<<8|sh)
	if t.sp&spFirst != 0 {
		fs.add(12, sh)
	}
	if t.sp&spPoss != 0 {
		fs.add(13, sh)
	}
	for d := -2; d <= 2; d++ {
		j := i + d
		if d == 0 {
			continue
		}
		kind := uint64(20 + d + 2)
		if j < 0 || j >= len(toks) {
			fs.add(kind, 999)
			continue
		}
		o := &toks[j]
		fs.add(kind, shapeClass(o))
		fs.add(kind+10, nameFlags(tf[j]))
		if d == -1 || d == 1 {
			fs.add(kind+20, o.hash)
			fs.add(kind+30, shapeClass(o)<<8|sh)
			fs.add(kind+40, nameFlags(tf[j])<<16|fl)
		}
	}
}

// wordPattern maps "McDonald" to "XxXx", "iPhone" to "xXx", "O'Neil" to "X'Xx".
func wordPattern(w string) uint64 {
	h := uint64(fnvOffset)
	last := byte(0)
	for i := 0; i < len(w) && i < 24; i++ {
		c := w[i]
		var k byte
		switch {
		case 'a' <= c && c <= 'z':
			k = 'x'
		case 'A' <= c && c <= 'Z':
			k = 'X'
		case isDigit(c):
			k = 'd'
		case c >= 0x80:
			k = 'u'
		default:
			k = c
		}
		if k != last {
			h = (h ^ uint64(k)) * fnvPrime
			last = k
		}
	}
	return h
}

func (m *nameModel) score(fs *featureSet) float32 {
	var s float32
	for k := 0; k < fs.n; k++ {
		s += m.w[fs.ids[k]]
	}
	return s
}

// modelMagic starts a model file: "BSNM" and a format version.
var modelMagic = [8]byte{'B', 'S', 'N', 'M', 0, 0, 0, 1}

// readModel reads a gzip-compressed list of (index uint32, weight float32) pairs.
func readModel(r io.Reader) (*nameModel, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("name model: %w", err)
	}
	var magic [8]byte
	if _, err := io.ReadFull(zr, magic[:]); err != nil || magic != modelMagic {
		return nil, errors.New("name model: not a Bedside name model")
	}
	m := &nameModel{w: make([]float32, modelSize)}
	var rec [8]byte
	for {
		_, err := io.ReadFull(zr, rec[:])
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return nil, fmt.Errorf("name model: %w", err)
		}
		idx := binary.LittleEndian.Uint32(rec[:4])
		if idx >= modelSize {
			return nil, fmt.Errorf("name model: weight index %d out of range", idx)
		}
		m.w[idx] = math.Float32frombits(binary.LittleEndian.Uint32(rec[4:]))
	}
}

// writeModel writes the non-zero weights.
func (m *nameModel) writeModel(w io.Writer) error {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(modelMagic[:])
	var rec [8]byte
	for i, v := range m.w {
		if v == 0 {
			continue
		}
		binary.LittleEndian.PutUint32(rec[:4], uint32(i))
		binary.LittleEndian.PutUint32(rec[4:], math.Float32bits(v))
		zw.Write(rec[:])
	}
	if err := zw.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
