// Package nativerun builds restricted-Go test programs natively for the
// runtime's tests: the one place that compiles, links and writes them.
package nativerun

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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

// Command returns the command that runs the executable at path, built
// for target, with args: the executable itself, or under
// qemu-aarch64-static for linux_arm64 on a host that is not arm64 (the
// test is skipped without it, or fails with NATUREKIT_ORACLES=1).
func Command(t testing.TB, target, path string, args ...string) *exec.Cmd {
	t.Helper()
	if target != build.LinuxARM64 || runtime.GOARCH == "arm64" {
		return exec.Command(path, args...)
	}
	const qemu = "qemu-aarch64-static"
	if _, err := exec.LookPath(qemu); err != nil {
		if os.Getenv("NATUREKIT_ORACLES") == "1" {
			t.Fatalf("%s not found (NATUREKIT_ORACLES=1): install the Debian package qemu-user-static", qemu)
		}
		t.Skipf("%s not found: install the Debian package qemu-user-static", qemu)
	}
	return exec.Command(qemu, append([]string{path}, args...)...)
}
