package sema

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/internal/golden"
)

// conformanceDir is the copy of the shared suite kept by parse.
const conformanceDir = "../testdata/conformance"

// conformanceCases reads the cases whose names start with prefix.
func conformanceCases(t *testing.T, prefix string) []golden.Case {
	cases, err := golden.Conformance(conformanceDir, prefix+"*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no %s cases in %s: %v", prefix, conformanceDir, err)
	}
	return cases
}

// TestConformanceT1 requires every tier-1 program to check without error.
func TestConformanceT1(t *testing.T) {
	for _, c := range conformanceCases(t, "t1_") {
		t.Run(c.Name, func(t *testing.T) {
			if _, err := checkFiles(t, c.Files); err != nil {
				t.Errorf("unexpected errors:\n%s", errorText(err))
			}
		})
	}
}

// TestConformanceErrors requires every tE_ program to fail with a
// diagnostic containing its build-error text.
func TestConformanceErrors(t *testing.T) {
	for _, c := range conformanceCases(t, "tE_") {
		t.Run(c.Name, func(t *testing.T) {
			want := strings.TrimSpace(c.Expect["build-error"])
			_, err := checkFiles(t, c.Files)
			if err == nil {
				t.Fatalf("no error, want %q", want)
			}
			if got := errorText(err); !strings.Contains(got, want) {
				t.Errorf("errors do not contain %q:\n%s", want, got)
			}
		})
	}
}

// TestConformanceOthers checks the other tiers: no panic, no hang. Errors
// are logged (unsupported features), not failures.
func TestConformanceOthers(t *testing.T) {
	var cases []golden.Case
	for _, prefix := range []string{"t2_", "t3_", "t4_", "tG_", "tR_"} {
		cases = append(cases, conformanceCases(t, prefix)...)
	}
	clean := 0
	for _, c := range cases {
		if _, err := checkFiles(t, c.Files); err != nil {
			t.Logf("%s:\n%s", c.Name, errorText(err))
			continue
		}
		clean++
	}
	t.Logf("%d of %d cases check without error", clean, len(cases))
}
