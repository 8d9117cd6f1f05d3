package suite

import (
	"os/exec"
	"strings"
	"testing"
)

func TestCheckLevels(t *testing.T) {
	for _, c := range []struct {
		whys []string
		want string
	}{
		{[]string{"", ""}, ""},
		{[]string{"build failed: x", "build failed: x"}, "build failed: x"},
		{[]string{"", "exit status 1, want 0"}, "passes at O0 but not at default: exit status 1, want 0"},
		{[]string{"a", "b"}, "fails differently at each optimisation level:\nat O0: a\nat default: b"},
	} {
		if got := CheckLevels(c.whys); got != c.want {
			t.Errorf("CheckLevels(%q) = %q, want %q", c.whys, got, c.want)
		}
	}
}

func TestFlagTarget(t *testing.T) {
	for _, c := range []struct {
		flags []string
		want  string
	}{
		{nil, "linux_amd64"},
		{[]string{"-O0"}, "linux_amd64"},
		{[]string{"--target", "linux_arm64"}, "linux_arm64"},
		{[]string{"-O0", "-target=linux_arm64"}, "linux_arm64"},
	} {
		if got := flagTarget(c.flags); got != c.want {
			t.Errorf("flagTarget(%q) = %q, want %q", c.flags, got, c.want)
		}
	}
}

// TestDepsImportTheDriversImports keeps deps.go equal to the packages
// the driver imports, so a change to any of them reruns the arm64
// suites instead of answering from go test's cache.
func TestDepsImportTheDriversImports(t *testing.T) {
	const naturekit = "github.com/naturekit/naturekit/"
	list := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", pkg, err)
		}
		var ours []string
		for _, p := range strings.Fields(string(out)) {
			if strings.HasPrefix(p, naturekit) && p != naturekit+"examples/naturec/internal/suite" {
				ours = append(ours, p)
			}
		}
		return ours
	}
	driver := list(naturekit + "examples/naturec")
	suite := list(naturekit + "examples/naturec/internal/suite")
	have := map[string]bool{}
	for _, p := range suite {
		have[p] = true
	}
	for _, p := range driver {
		if !have[p] {
			t.Errorf("naturec imports %s; add it to deps.go", p)
		}
	}
}
