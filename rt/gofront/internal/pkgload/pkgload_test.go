package pkgload

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func TestFiles(t *testing.T) {
	got, err := Files(os.DirFS("../../.."), "sys")
	if err != nil {
		t.Fatal(err)
	}
	checkFiles(t, got, "amd64", "arm64")
}

// checkFiles checks a native file set of rt/sys for arch: the native
// declarations and arch's files, not the host's, other's or tests.
func checkFiles(t *testing.T, got []string, arch, other string) {
	t.Helper()
	has := map[string]bool{}
	for _, name := range got {
		has[name] = true
		if strings.HasSuffix(name, "_test.go") || strings.HasSuffix(name, "_"+other+".go") {
			t.Errorf("%s: %s is in the native file set", arch, name)
		}
	}
	for name, want := range map[string]bool{"sys/doc.go": true, "sys/sys_native.go": true, "sys/ucontext_" + arch + ".go": true, "sys/sys_host.go": false} {
		if has[name] != want {
			t.Errorf("%s: %s in the native file set: %v, want %v (%q)", arch, name, has[name], want, got)
		}
	}
}

func TestLoad(t *testing.T) {
	l := NewLoader(os.DirFS("../../.."))
	if err := l.Load(ModulePath + "/gc"); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range l.Packages() {
		paths = append(paths, p.Dir)
	}
	if want := []string{"sys", "abi", "alloc", "gc"}; !reflect.DeepEqual(paths, want) {
		t.Errorf("packages %q, want %q in dependency order", paths, want)
	}
	if err := NewLoader(os.DirFS("../../..")).Load("fmt"); err == nil {
		t.Error("loading fmt succeeded")
	}
}

func TestFilesARM64(t *testing.T) {
	got, err := FilesFor(os.DirFS("../../.."), "sys", "arm64")
	if err != nil {
		t.Fatal(err)
	}
	checkFiles(t, got, "arm64", "amd64")
}
