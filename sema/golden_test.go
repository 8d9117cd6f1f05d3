package sema

import (
	"bytes"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/internal/golden"
)

// TestGolden checks the src.n section of each testdata/*.txtar (the
// other .n sections are importable modules) and compares the
// diagnostics in full form with the errors section and, when the
// archive's description contains "[types]", the typed dump (Fprint,
// without positions) with the types section. Regenerate with -update and
// review the diff.
func TestGolden(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, g *golden.File) {
		files := map[string][]byte{"main.n": g.Input("src.n")}
		for _, f := range g.Archive.Files {
			if strings.HasSuffix(f.Name, ".n") && f.Name != "src.n" {
				files[f.Name] = f.Data
			}
		}
		info, err := checkFiles(t, files)
		var dump bytes.Buffer
		if bytes.Contains(g.Archive.Comment, []byte("[types]")) && info != nil && info.Main != nil {
			for _, f := range info.Main.Files {
				Fprint(&dump, nil, f, info)
			}
		}
		g.OutputString("errors", errorText(err))
		g.Output("types", dump.Bytes())
	})
}
