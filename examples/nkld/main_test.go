package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestErrors checks that bad command lines and bad inputs are errors and
// leave no output file behind.
func TestErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.o")
	os.WriteFile(bad, []byte("\x7fELF garbage"), 0o644)
	out := filepath.Join(dir, "out")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "no input files"},
		{[]string{"-o", out, filepath.Join(dir, "missing.o")}, "no such file"},
		{[]string{"-o", out, bad}, "bad.o: malformed ELF object"},
		{[]string{"-bogus"}, "flag provided but not defined"},
	} {
		err := run(tc.args)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("run(%q) = %v, want error containing %q", tc.args, err, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("run(%q) left %s behind", tc.args, out)
		}
	}
}
