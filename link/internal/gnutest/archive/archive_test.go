package archive_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/naturekit/naturekit/link/archive"
	"github.com/naturekit/naturekit/link/internal/gnutest"
	"github.com/naturekit/naturekit/link/internal/linktest"
)

// makeArchive builds an archive with GNU ar from members with short and
// long names; the members are tiny objects so ar writes a symbol index.
func makeArchive(t *testing.T) (string, map[string][]byte) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "lib.a")
	members := map[string][]byte{}
	arArgs := []string{"rcs", lib} // ar names each member by its file's base name
	for i, name := range []string{"a", "a_rather_long_member_name", "another_long_member_name_2"} {
		src := fmt.Sprintf(".globl sym%d\nsym%d: ret\n.globl common_%d\ncommon_%d: ret\n", i, i, i, i)
		obj := gnutest.AMD64.Assemble(t, dir, name, src)
		members[name+".o"] = linktest.ReadFile(t, obj)
		arArgs = append(arArgs, obj)
	}
	gnutest.Exec(t, gnutest.AMD64.Binutil(t, "ar"), arArgs...)
	return lib, members
}

func TestRead(t *testing.T) {
	lib, members := makeArchive(t)
	data, _ := os.ReadFile(lib)
	a, err := archive.Read("lib.a", data)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	for _, m := range a.Members {
		got[m.Name] = m.Data
	}
	if d := cmp.Diff(members, got); d != "" {
		t.Errorf("members differ (-want +got):\n%s", d)
	}
	var syms []string
	for _, s := range a.Symbols {
		syms = append(syms, s.Name+"@"+a.Members[s.Member].Name)
	}
	want := []string{"sym0@a.o", "common_0@a.o", "sym1@a_rather_long_member_name.o", "common_1@a_rather_long_member_name.o",
		"sym2@another_long_member_name_2.o", "common_2@another_long_member_name_2.o"}
	if d := cmp.Diff(want, syms); d != "" || !a.HasIndex {
		t.Errorf("symbol index differs (-want +got):\n%s", d)
	}
}

func TestCorrupt(t *testing.T) {
	lib, _ := makeArchive(t)
	good, _ := os.ReadFile(lib)
	tests := []struct {
		name   string
		mutate func([]byte) []byte
		want   string
	}{
		{"bad magic", func(b []byte) []byte { b[0] = 'X'; return b }, "bad magic"},
		{"truncated header", func(b []byte) []byte { return b[:len(archive.Magic)+30] }, "truncated member header"},
		{"truncated member", func(b []byte) []byte { return b[:len(b)-3] }, "past end"},
		{"bad size", func(b []byte) []byte { copy(b[len(archive.Magic)+48:], "xx"); return b }, "bad member size"},
		{"bad terminator", func(b []byte) []byte { b[len(archive.Magic)+58] = 'x'; return b }, "terminator"},
		{"huge index count", func(b []byte) []byte { copy(b[len(archive.Magic)+60:], "\xff\xff\xff\xff"); return b }, "do not fit"},
		{"bad long name", func(b []byte) []byte {
			i := bytes.Index(b, []byte("/0       "))
			copy(b[i:], "/999")
			return b
		}, "long name offset"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := archive.Read("bad.a", tt.mutate(append([]byte(nil), good...)))
			var fe *archive.FormatError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "bad.a: malformed archive at offset 0x") {
				t.Errorf("error %v, want a FormatError mentioning %q", err, tt.want)
			}
		})
	}
}
