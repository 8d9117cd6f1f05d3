package asm

import (
	"strings"
	"testing"
)

// TestIndexLineSpecial checks the word-at-a-time scan against a byte loop
// with every byte value at every position of lines of many lengths.
func TestIndexLineSpecial(t *testing.T) {
	slow := func(s string, hash bool) int {
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '\n' || c == '"' || c == '\'' || c == '/' || c == ';' || (hash && c == '#') {
				return i
			}
		}
		return len(s)
	}
	for n := 0; n <= 40; n++ {
		base := strings.Repeat("mov [rax+8*rcx], 0x7f\t", 2)[:n]
		for c := range 256 {
			for i := 0; i <= n; i++ {
				s := base[:i] + string(byte(c)) + base[i:]
				for _, hash := range []bool{false, true} {
					if got, want := indexLineSpecial(s, hash), slow(s, hash); got != want {
						t.Errorf("indexLineSpecial(%q, %v) = %d, want %d", s, hash, got, want)
					}
				}
			}
		}
	}
}
