package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestDemo runs the demo and checks that each collection frees exactly
// the objects whose last root was dropped: the list, a subtree, a ring
// (a cycle, which reference counting would leak) and then the rest.
func TestDemo(t *testing.T) {
	var out strings.Builder
	if err := run(&out, false); err != nil {
		t.Fatal(err)
	}
	freed := regexp.MustCompile(`live +(\d+) objects .* freed +(\d+)`)
	want := [][2]string{{"27383", "0"}, {"17383", "10000"}, {"9192", "8191"}, {"8192", "1000"}, {"0", "8192"}}
	var got [][2]string
	for _, line := range strings.Split(out.String(), "\n") {
		if m := freed.FindStringSubmatch(line); m != nil {
			got = append(got, [2]string{m[1], m[2]})
		}
	}
	if len(got) != len(want) {
		t.Fatalf("got %d reports, want %d:\n%s", len(got), len(want), out.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("report %d: live %s freed %s, want live %s freed %s", i, got[i][0], got[i][1], want[i][0], want[i][1])
		}
	}
}
