package object_test

import (
	"bytes"
	"debug/elf"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/naturekit/naturekit/link/internal/gnutest"
	"github.com/naturekit/naturekit/link/internal/linktest"
	"github.com/naturekit/naturekit/link/object"
)

// TestWriteLinkGNU links the hand-built object with GNU ld and runs it.
func TestWriteLinkGNU(t *testing.T) {
	dir := t.TempDir()
	obj, exe := filepath.Join(dir, "hand.o"), filepath.Join(dir, "hand")
	linktest.WriteFile(t, obj, linktest.HandBuiltELF(t), 0o644)
	gnutest.AMD64.LinkGNU(t, exe, obj)
	if out, code := gnutest.AMD64.Run(t, exe); out != "hi\n" || code != 5 {
		t.Errorf("got %q exit %d, want \"hi\\n\" exit 5", out, code)
	}
}

// TestRoundTripGCC reads objects made by gcc, writes them again, checks
// that the result reads back the same and links and runs with GNU ld.
func TestRoundTripGCC(t *testing.T) {
	for _, tg := range gnutest.Both {
		t.Run(tg.Name, func(t *testing.T) {
			dir := t.TempDir()
			flags := append([]string{"-g"}, gnutest.FreestandingFlags...)
			var objs []string
			for _, in := range tg.Compile(t, flags, dir, "../testdata/free/main.c", "../testdata/free/lib.c") {
				f, err := object.Read(in, linktest.ReadFile(t, in))
				if err != nil {
					t.Fatal(err)
				}
				b, err := f.Marshal()
				if err != nil {
					t.Fatal(err)
				}
				if _, err := elf.NewFile(bytes.NewReader(b)); err != nil {
					t.Fatalf("debug/elf cannot read the rewritten %s: %v", in, err)
				}
				g, err := object.Read("rewritten", b)
				if err != nil {
					t.Fatal(err)
				}
				linktest.SortLocalsFirst(f)
				if d := cmp.Diff(linktest.Dump(f), linktest.Dump(g)); d != "" {
					t.Errorf("%s: round trip differs (-read +rewritten):\n%s", in, d)
				}
				out := strings.TrimSuffix(in, ".o") + ".rewritten.o"
				linktest.WriteFile(t, out, b, 0o644)
				objs = append(objs, out)
			}
			exe := filepath.Join(dir, "a.out")
			tg.LinkGNU(t, exe, objs...)
			if out, code := tg.Run(t, exe); code != 7 || !strings.HasPrefix(out, "hello from lib\n") {
				t.Errorf("run: exit %d, stdout %q", code, out)
			}
		})
	}
}
