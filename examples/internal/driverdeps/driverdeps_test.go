package driverdeps

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDepsImportTheDriversImports keeps driverdeps.go's imports equal
// to the driver's, so that a change to any of them reruns the tests that
// build the driver instead of answering from go test's cache.
func TestDepsImportTheDriversImports(t *testing.T) {
	const naturekit = "github.com/naturekit/naturekit/"
	list := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		var ours []string
		for _, p := range strings.Fields(string(out)) {
			if strings.HasPrefix(p, naturekit) && p != naturekit+"examples/internal/driverdeps" {
				ours = append(ours, p)
			}
		}
		return ours
	}
	driver := list(naturekit + "examples/naturec")
	deps := list(naturekit + "examples/internal/driverdeps")
	have := map[string]bool{}
	for _, p := range deps {
		have[p] = true
	}
	for _, p := range driver {
		if !have[p] {
			t.Errorf("naturec imports %s; add it to driverdeps.go", p)
		}
	}
}
