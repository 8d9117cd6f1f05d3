package standalone

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestModuleGraphDoc checks the module graph drawn in docs/internals.md
// (the "modules" block: a module's folder, then its naturekit
// requirements, "(test)" after those only its tests import) against
// every go.mod of the workspace and against what the modules' non-test
// packages import. The golden harness, internal/golden, is left out of
// the drawing where only tests require it.
func TestModuleGraphDoc(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command once per module")
	}
	root := repoRoot(t)
	doc := docGraph(t, filepath.Join(root, "docs", "internals.md"))
	mods := workspaceModules(t, root)
	if !slices.Equal(sortedKeys(doc), mods) {
		t.Errorf("docs/internals.md lists modules %v, go.work uses %v", sortedKeys(doc), mods)
	}
	for _, m := range mods {
		want, ok := doc[m]
		if !ok {
			continue
		}
		got := requirements(t, root, m)
		if !slices.Equal(got, want) {
			t.Errorf("%s: go.mod requires %v, docs/internals.md says %v", m, got, want)
		}
	}
}

// docGraph reads the fenced "modules" block of the internals page.
func docGraph(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	graph := map[string][]string{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "```modules":
			in = true
		case in && line == "```":
			return graph
		case in:
			fields := strings.Fields(line)
			if len(fields) > 0 {
				reqs := fields[1:]
				slices.Sort(reqs)
				graph[fields[0]] = reqs
			}
		}
	}
	t.Fatalf("%s has no ```modules block", path)
	return nil
}

// workspaceModules returns the folders go.work uses, sorted.
func workspaceModules(t *testing.T, root string) []string {
	t.Helper()
	var work struct{ Use []struct{ DiskPath string } }
	goJSON(t, root, &work, "work", "edit", "-json")
	var mods []string
	for _, u := range work.Use {
		mods = append(mods, strings.TrimPrefix(u.DiskPath, "./"))
	}
	slices.Sort(mods)
	return mods
}

// requirements returns a module's naturekit requirements, as folders,
// each followed by "(test)" when no non-test package of the module
// imports it, sorted.
func requirements(t *testing.T, root, mod string) []string {
	t.Helper()
	dir := filepath.Join(root, mod)
	var gomod struct{ Require []struct{ Path string } }
	goJSON(t, dir, &gomod, "mod", "edit", "-json")
	cmd := exec.Command(goTool(), "list", "-deps", "-f", "{{with .Module}}{{.Path}}{{end}}", "./...")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list in %s: %v", mod, err)
	}
	used := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		used[p] = true
	}
	var reqs []string
	for _, r := range gomod.Require {
		name, ok := strings.CutPrefix(r.Path, modPrefix)
		if !ok {
			continue
		}
		if !used[r.Path] {
			if name == "internal/golden" {
				continue // the shared golden harness: in tests only, not drawn
			}
			name += "(test)"
		}
		reqs = append(reqs, name)
	}
	slices.Sort(reqs)
	return reqs
}

func goJSON(t *testing.T, dir string, v any, args ...string) {
	t.Helper()
	cmd := exec.Command(goTool(), args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s in %s: %v", strings.Join(args, " "), dir, err)
	}
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatal(err)
	}
}

func goTool() string { return filepath.Join(runtime.GOROOT(), "bin", "go") }

func sortedKeys(m map[string][]string) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
