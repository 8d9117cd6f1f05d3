package link_test

import (
	"os"
	"os/exec"
	"testing"
)

func writeFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// gnuLink links objects into out with GNU ld.
func gnuLink(t testing.TB, ld, out string, objs ...string) {
	t.Helper()
	args := append([]string{"-static", "-o", out}, objs...)
	if msg, err := exec.Command(ld, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", ld, args, err, msg)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
