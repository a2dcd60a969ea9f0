package phi

import "math/bits"

// wordTable maps folded-word hashes to lexicon flags: open addressing with linear probing, at
// most half full, keys and values side by side so that a lookup touches one cache line. It
// answers the lexer's one lookup per word faster than a Go map of the same size.
type wordTable struct {
	slots []wordSlot
	shift uint
	n     int
}

type wordSlot struct {
	key uint64 // 0 marks an empty slot; a real key of 0 is stored as zeroKey
	val flag
}

const zeroKey = 0x9e3779b97f4a7c15

func newWordTable(capacity int) *wordTable {
	size := 1024
	for size < capacity*2 {
		size <<= 1
	}
	shift := uint(64)
	for s := size; s > 1; s >>= 1 {
		shift--
	}
	return &wordTable{slots: make([]wordSlot, size), shift: shift}
}

func (t *wordTable) slot(h uint64) int {
	if h == 0 {
		h = zeroKey
	}
	i := int((h * 0x9e3779b97f4a7c15) >> t.shift)
	mask := len(t.slots) - 1
	for t.slots[i].key != 0 && t.slots[i].key != h {
		i = (i + 1) & mask
	}
	return i
}

// get returns the flags of h, or 0.
func (t *wordTable) get(h uint64) flag {
	return t.slots[t.slot(h)].val
}

// or adds flags to h, growing the table when it would pass half full.
func (t *wordTable) or(h uint64, f flag) {
	if h == 0 {
		h = zeroKey
	}
	i := t.slot(h)
	if t.slots[i].key == 0 {
		if (t.n+1)*2 > len(t.slots) {
			t.grow()
			i = t.slot(h)
		}
		t.slots[i].key = h
		t.n++
	}
	t.slots[i].val |= f
}

// clear removes flags from h where it is present.
func (t *wordTable) clear(h uint64, f flag) {
	if i := t.slot(h); t.slots[i].key != 0 {
		t.slots[i].val &^= f
	}
}

func (t *wordTable) grow() {
	old := t.slots
	*t = *newWordTable(len(old))
	for _, s := range old {
		if s.key != 0 {
			j := t.slot(s.key)
			t.slots[j] = s
			t.n++
		}
	}
}

// wordSet is a fixed set of folded-word hashes: the short word lists the detectors test token by
// token. A lookup is a multiply and, nearly always, one compare, several times cheaper than a Go
// map; some of these run for every token of every sentence.
type wordSet struct {
	keys  []uint64 // open addressing, at most a quarter full; 0 marks an empty slot
	shift uint
}

func hashSet(words ...string) wordSet {
	size := 8
	for size < 4*len(words) {
		size <<= 1
	}
	s := wordSet{keys: make([]uint64, size), shift: uint(64 - bits.TrailingZeros(uint(size)))}
	for _, w := range words {
		h := foldHash(w)
		if h == 0 {
			panic("phi: word list entry hashes to 0: " + w)
		}
		s.keys[s.slot(h)] = h
	}
	return s
}

func (s wordSet) slot(h uint64) int {
	i := int((h * 0x9e3779b97f4a7c15) >> s.shift)
	for s.keys[i] != 0 && s.keys[i] != h {
		i = (i + 1) & (len(s.keys) - 1)
	}
	return i
}

// has reports whether h is in the set. Tokens without a word (links, punctuation) hash to 0.
func (s wordSet) has(h uint64) bool { return h != 0 && s.keys[s.slot(h)] == h }
