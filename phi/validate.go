package phi

import (
	"math/big"
	"net/netip"
	"strings"
)

// Checksums and range checks that turn a pattern match into an identifier. Validating keeps
// prices, years, part numbers and times from being reported.

func digitsOf(s string) []byte {
	d := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			d = append(d, s[i]-'0')
		}
	}
	return d
}

func luhnValid(s string) bool {
	d := digitsOf(s)
	if len(d) < 13 || len(d) > 19 || d[0] < 3 || d[0] > 6 {
		return false
	}
	sum := 0
	for i := range d {
		v := int(d[len(d)-1-i])
		if i%2 == 1 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

// ssnValid applies the SSA's rules: no area 000, 666 or 900-999, no group 00, no serial 0000.
func ssnValid(s string) bool {
	d := digitsOf(s)
	if len(d) != 9 {
		return false
	}
	area := int(d[0])*100 + int(d[1])*10 + int(d[2])
	return area != 0 && area != 666 && area < 900 && (d[3] != 0 || d[4] != 0) &&
		(d[5] != 0 || d[6] != 0 || d[7] != 0 || d[8] != 0)
}

// nanpValid checks a North American number: area code and exchange start with 2-9.
func nanpValid(s string) bool {
	d := digitsOf(s)
	if len(d) == 11 && d[0] == 1 {
		d = d[1:]
	}
	if len(d) == 7 {
		return d[0] >= 2
	}
	if len(d) != 10 || d[0] < 2 || d[3] < 2 || d[1] == 1 && d[2] == 1 { // N11 codes are services
		return false
	}
	// Toll-free numbers (800, 833, 844, 855, 866, 877, 888) belong to organisations, not people.
	return !(d[0] == 8 && (d[1] == 0 && d[2] == 0 || d[1] == d[2] && d[1] >= 3))
}

func ipv4Valid(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is4() && !a.IsUnspecified()
}

func ipv6Valid(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is6() && strings.Count(s, ":") >= 2
}

var vinValues = func() [256]int {
	var v [256]int
	for i := range v {
		v[i] = -1
	}
	for c := '0'; c <= '9'; c++ {
		v[c] = int(c - '0')
	}
	for i, c := range "ABCDEFGH" {
		v[c] = i + 1
	}
	for i, c := range "JKLMN" {
		v[c] = i + 1
	}
	v['P'], v['R'] = 7, 9
	for i, c := range "STUVWXYZ" {
		v[c] = i + 2
	}
	return v
}()

// vinValid checks the North American check digit (position 9) of a 17-character VIN.
func vinValid(s string) bool {
	s = strings.ToUpper(s)
	if len(s) != 17 {
		return false
	}
	weights := [17]int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}
	sum, letters, digits := 0, 0, 0
	for i := 0; i < 17; i++ {
		v := vinValues[s[i]]
		if v < 0 {
			return false
		}
		if isDigit(s[i]) {
			digits++
		} else {
			letters++
		}
		sum += v * weights[i]
	}
	check := byte('0' + sum%11)
	if sum%11 == 10 {
		check = 'X'
	}
	return s[8] == check && letters >= 2 && digits >= 4
}

// mbiValid checks the format of a Medicare Beneficiary Identifier (CMS): 11 characters,
// C A AN N A AN N A A N N, letters excluding S, L, O, I, B and Z.
func mbiValid(s string) bool {
	s = strings.ToUpper(strings.ReplaceAll(s, "-", ""))
	if len(s) != 11 {
		return false
	}
	letter := func(c byte) bool { return 'A' <= c && c <= 'Z' && !strings.ContainsRune("SLOIBZ", rune(c)) }
	num := func(c byte) bool { return isDigit(c) }
	an := func(c byte) bool { return letter(c) || num(c) }
	checks := []func(byte) bool{num, letter, an, num, letter, an, num, letter, letter, num, num}
	if s[0] == '0' {
		return false
	}
	for i, ok := range checks {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

// ibanValid checks an IBAN's mod-97 checksum (ISO 13616).
func ibanValid(s string) bool {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	var b strings.Builder
	for _, c := range s[4:] + s[:4] {
		switch {
		case '0' <= c && c <= '9':
			b.WriteRune(c)
		case 'A' <= c && c <= 'Z':
			b.WriteString(big.NewInt(int64(c - 'A' + 10)).String())
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(b.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}
