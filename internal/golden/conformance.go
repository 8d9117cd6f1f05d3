package golden

import (
	"path/filepath"
	"strings"

	"golang.org/x/tools/txtar"
)

// A Case is one program of the Nature conformance suite (a copy lives
// in the repository's testdata/conformance): its source files and what
// the reference compiler's build and run of it produced.
type Case struct {
	// Name is the archive's base name without .txtar, e.g. "t1_001_hello".
	Name string
	// Files are the program's files (main.n, modules, package.toml) by
	// path, in Order, the archive's order.
	Files map[string][]byte
	Order []string
	// Expect holds the recorded results by section name: "stdout",
	// "exit", "stderr", "build-error", "args" (the arguments to run
	// the program with), "env" (variables, NAME=value separated by
	// spaces or newlines, the program runs with: naturekit's runtime
	// reads NATURE_MEMLIMIT, for one) and "test" (the case runs the
	// program's test blocks, `nature test` with these arguments, one a
	// line), as present; "NAME.TARGET" (stdout.linux_arm64) replaces
	// NAME's expectation on that target.
	Expect map[string]string
}

// expectSections are the sections of a case that are results, not files.
var expectSections = map[string]bool{"stdout": true, "exit": true, "stderr": true, "build-error": true, "args": true, "env": true, "test": true}

// isExpectSection reports whether a case's section named name is a
// result: one of expectSections, alone or for one target
// ("stdout.linux_arm64": what the program prints on that target where
// it differs from the recorded one).
func isExpectSection(name string) bool {
	base, target, ok := strings.Cut(name, ".")
	if !ok {
		return expectSections[name]
	}
	return expectSections[base] && strings.HasPrefix(target, "linux_") && !strings.Contains(target, ".")
}

// Conformance reads the cases of dir whose file names match the glob
// pattern (e.g. "t1_*.txtar"), in file name order.
func Conformance(dir, pattern string) ([]Case, error) {
	paths, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		return nil, err
	}
	var cases []Case
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			return nil, err
		}
		c := Case{
			Name:   strings.TrimSuffix(filepath.Base(p), ".txtar"),
			Files:  map[string][]byte{},
			Expect: map[string]string{},
		}
		for _, f := range ar.Files {
			if isExpectSection(f.Name) {
				c.Expect[f.Name] = string(f.Data)
				continue
			}
			c.Files[f.Name] = f.Data
			c.Order = append(c.Order, f.Name)
		}
		cases = append(cases, c)
	}
	return cases, nil
}
