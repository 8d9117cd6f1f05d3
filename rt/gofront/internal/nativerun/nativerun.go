// Package nativerun builds restricted-Go test programs natively for the
// runtime's tests: the one place that compiles, links and writes them.
package nativerun

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/naturekit/naturekit/rt/gofront/build"
)

// StartPath is rt/start's import path: every native program includes it.
const StartPath = "github.com/naturekit/naturekit/rt/start"

// Build compiles cfg.Packages (which include StartPath) into an
// executable written to the test's temporary directory under name, and
// returns its path; it ends the test on any error.
func Build(t testing.TB, cfg build.Config, name string) string {
	t.Helper()
	exe, err := build.Program(cfg)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}
