package pkgload

import (
	"os"
	"reflect"
	"testing"
)

func TestFiles(t *testing.T) {
	got, err := Files(os.DirFS("../../.."), "sys")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"sys/doc.go", "sys/mutex.go", "sys/sys_native.go", "sys/ucontext_amd64.go"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Files(sys) = %q, want %q (native file set, no tests)", got, want)
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
	want := []string{"sys/doc.go", "sys/mutex.go", "sys/sys_native.go", "sys/ucontext_arm64.go"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FilesFor(sys, arm64) = %q, want %q", got, want)
	}
}
