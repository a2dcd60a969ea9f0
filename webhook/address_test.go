package webhook

import (
	"errors"
	"net/netip"
	"testing"
)

func TestPublic(t *testing.T) {
	tests := map[string]bool{
		"93.184.215.14": true, "8.8.8.8": true, "2606:4700:4700::1111": true, "2a00:1450::1": true,
		"10.1.2.3": false, "172.16.0.1": false, "172.31.255.255": false, "192.168.1.1": false,
		"127.0.0.1": false, "127.9.9.9": false, "0.0.0.0": false, "169.254.169.254": false,
		"100.64.0.1": false, "224.0.0.1": false, "255.255.255.255": false,
		"::1": false, "::": false, "fe80::1": false, "fe80::1%eth0": false, "fd00:ec2::254": false,
		"::ffff:127.0.0.1": false, "::ffff:10.0.0.1": false, "::127.0.0.1": false,
		"64:ff9b::a00:1": false, "2002:a00:1::": false, "ff02::1": false,
	}
	for s, want := range tests {
		if got := public(netip.MustParseAddr(s)); got != want {
			t.Errorf("public(%s) = %v, want %v", s, got, want)
		}
	}
	if public(netip.Addr{}) {
		t.Error("the zero address is public")
	}
}

func TestRefusePrivate(t *testing.T) {
	for addr, refused := range map[string]bool{
		"93.184.215.14:443": false, "[2606:4700:4700::1111]:443": false,
		"127.0.0.1:443": true, "[::1]:443": true, "169.254.169.254:80": true, "not an address": true,
	} {
		err := refusePrivate("tcp", addr, nil)
		if refused != errors.Is(err, ErrPrivateAddress) {
			t.Errorf("%s: got %v", addr, err)
		}
	}
}
