package webhook

import (
	"net/netip"
	"syscall"

	"github.com/bedsidehq/bedside"
)

// ErrPrivateAddress is returned when the endpoint's host resolves only to addresses that are
// not on the public internet. A practice types the URL, so without this check anyone with a
// practice account could make Bedside's servers POST to its own network or to a cloud metadata
// service (server-side request forgery).
var ErrPrivateAddress = &bedside.Error{Code: bedside.EInvalid, Message: "webhook: the URL's host is a private, loopback or link-local address"}

// nonPublic are the ranges a webhook may not reach: private, loopback, link-local (where cloud
// metadata services live), shared carrier NAT, documentation, benchmarking, multicast and
// reserved space, and the IPv6 forms that tunnel to an IPv4 address (NAT64, 6to4, Teredo, the
// deprecated IPv4-compatible form) because they could carry any of the IPv4 ranges.
var nonPublic = prefixes(
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
	"192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
	"203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
	"::/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32", "2002::/16",
	"fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
)

func prefixes(ss ...string) []netip.Prefix {
	ps := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		ps[i] = netip.MustParsePrefix(s)
	}
	return ps
}

// public reports whether a is an address on the public internet.
func public(a netip.Addr) bool {
	a = a.Unmap() // ::ffff:10.0.0.1 is 10.0.0.1
	if !a.IsValid() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a.WithZone("")) {
			return false
		}
	}
	return true
}

// refusePrivate is a net.Dialer Control function. It runs after name resolution, on the very
// address about to be connected, so a name that resolves to a public address when checked and
// to a private one when dialled (DNS rebinding) is still refused.
func refusePrivate(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil || !public(ap.Addr()) {
		return ErrPrivateAddress
	}
	return nil
}
