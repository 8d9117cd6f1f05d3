package subsetcheck

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRuntimeIsRestricted is the guard: the runtime packages, as the
// native build sees them, use only the restricted subset.
func TestRuntimeIsRestricted(t *testing.T) {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, arch := range []string{"amd64", "arm64"} {
		vs, c, err := CheckPackagesFor(root, arch, "abi", "sys", "alloc", "gc", "sched", "lang")
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			t.Errorf("%s: %v", arch, v)
		}
		if c.Files < 15 {
			t.Fatalf("%s: checked only %d files", arch, c.Files)
		}
	}
}

// TestCheckerCatches makes sure each forbidden construct is reported.
func TestCheckerCatches(t *testing.T) {
	vs, _, err := CheckPackages(".", "testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, v := range vs {
		all = append(all, v.String())
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{
		`import of "fmt"`, "iface has a type with interfaces", "generic type", "generic function",
		"m has a type with maps", "f has a type with function values", "ch has a type with channels",
		"builtin new", "builtin make", "builtin append", "builtin panic",
		"address of composite literal", "slice literal", "function literal",
		"defer statement", "go statement", "string concatenation",
		"string conversion", "range over string", "channel send",
		"channel receive", "select statement", "type assertion", "function value",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no report containing %q; got:\n%s", want, text)
		}
	}
}
