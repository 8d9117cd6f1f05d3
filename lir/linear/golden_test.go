package linear

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden reads testdata/*.txtar. Each archive's main.n section is a
// Nature program; the test lowers it and compares the module's text with
// the lir section, or the error with the error section (go test -update
// rewrites them). Every output passes lir.Verify and round-trips
// through lir.Parse, and runs in the interpreter when the archive has a
// stdout section.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			m, err := lower(t, ar)
			if err != nil {
				got["error"] = err.Error() + "\n"
			} else {
				checkModule(t, m)
				got["lir"] = m.String()
				if _, ok := section(ar, "stdout"); ok {
					out, _, err := run(m)
					if err != nil {
						t.Errorf("run: %v", err)
					}
					got["stdout"] = out
				}
			}
			if *update {
				rewrite(t, file, ar, got)
				return
			}
			for _, name := range []string{"lir", "error", "stdout"} {
				want, ok := section(ar, name)
				if !ok && got[name] == "" {
					continue
				}
				if diff := cmp.Diff(want, got[name]); diff != "" {
					t.Errorf("%s (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}

// rewrite writes the archive back with the computed sections.
func rewrite(t *testing.T, file string, ar *txtar.Archive, got map[string]string) {
	out := &txtar.Archive{Comment: ar.Comment}
	for _, f := range ar.Files {
		if strings.HasSuffix(f.Name, ".n") {
			out.Files = append(out.Files, f)
		}
	}
	_, hasStdout := section(ar, "stdout")
	for _, name := range []string{"lir", "error", "stdout"} {
		if s, ok := got[name]; ok && (name != "stdout" || hasStdout) {
			out.Files = append(out.Files, txtar.File{Name: name, Data: []byte(s)})
		}
	}
	if err := os.WriteFile(file, txtar.Format(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestConcurrent lowers two programs at once, many times: Build keeps
// no shared state (run with -race).
func TestConcurrent(t *testing.T) {
	var archives []*txtar.Archive
	for _, name := range []string{"t1_029_closure_counter", "t1_040_struct_defaults"} {
		ar, err := txtar.ParseFile(filepath.Join(conformanceDir, name+".txtar"))
		if err != nil {
			t.Fatal(err)
		}
		archives = append(archives, ar)
	}
	want := make([]string, len(archives))
	for i, ar := range archives {
		m, err := lower(t, ar)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = m.String()
	}
	var wg sync.WaitGroup
	for i, ar := range archives {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				m, err := lower(t, ar)
				if err != nil {
					t.Error(err)
					return
				}
				if m.String() != want[i] {
					t.Error("output differs between runs")
					return
				}
			}
		}()
	}
	wg.Wait()
}
