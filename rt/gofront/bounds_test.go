package gofront_test

import (
	"bytes"
	"errors"
	"os/exec"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/lir/interp"
	"github.com/naturekit/naturekit/rt/gofront"
	"github.com/naturekit/naturekit/rt/gofront/build"
	"github.com/naturekit/naturekit/rt/gofront/internal/nativerun"
)

const boundsProg = `
-- x.go --
package t

import "github.com/naturekit/naturekit/rt/sys"

var table [8]int64

var sel int64

func Index(i int64) int64 { return table[i] }

func Slice(lo, hi int64) int64 {
	s := table[lo:hi]
	return int64(len(s))
}

func StrIndex(i int64) byte {
	s := "abc"
	return s[i]
}

// Guarded, Narrowed and FromMinus check what bce.go may and may not
// prove: a guarded unsigned index loses its check, a guarded value
// converted to a narrower signed type or a loop variable starting
// below zero does not.
func Guarded(i uint64) int64 {
	if i < 8 {
		return table[i]
	}
	return -1
}

func Narrowed(i uint8) int64 {
	var big [200]int64
	if i < 200 {
		return big[int8(i)]
	}
	return -1
}

func FromMinus(start int64) int64 {
	s := table[:]
	n := int64(0)
	for i := start; i < int64(len(s)); i++ {
		n += s[i]
	}
	return n
}

//naturekit:symbol main.main
func nativeMain() {
	switch sel {
	case 0:
		Index(8)
	case 1:
		Slice(3, 2)
	}
}

//naturekit:symbol rt.lang.Init
func langInit() {}

//naturekit:symbol rt.lang.Exit
func langExit(code int64) { sys.Exit(int(code)) }
`

// TestBounds checks that out-of-range indexing and slicing call
// sys.Abort, in the interpreter and natively.
func TestBounds(t *testing.T) {
	fsys := withPackage(t, txtar.Parse([]byte(boundsProg)))
	m, err := gofront.Compile(gofront.Config{FS: fsys, Packages: []string{"github.com/naturekit/naturekit/rt/t"}})
	if err != nil {
		t.Fatal(err)
	}
	mc, err := interp.New(m, sysExterns())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		fn   string
		args []uint64
		want string // "" for no abort
	}{
		{"rt.t.Index", []uint64{7}, ""},
		{"rt.t.Index", []uint64{8}, "index out of range"},
		{"rt.t.Index", []uint64{^uint64(0)}, "index out of range"},
		{"rt.t.Slice", []uint64{2, 8}, ""},
		{"rt.t.Slice", []uint64{3, 2}, "slice bounds out of range"},
		{"rt.t.Slice", []uint64{0, 9}, "slice bounds out of range"},
		{"rt.t.StrIndex", []uint64{2}, ""},
		{"rt.t.StrIndex", []uint64{3}, "index out of range"},
		{"rt.t.Guarded", []uint64{7}, ""},
		{"rt.t.Guarded", []uint64{8}, ""},
		{"rt.t.Narrowed", []uint64{127}, ""},
		{"rt.t.Narrowed", []uint64{128}, "index out of range"},
		{"rt.t.FromMinus", []uint64{0}, ""},
		{"rt.t.FromMinus", []uint64{^uint64(0)}, "index out of range"},
	} {
		_, err := mc.Call(c.fn, c.args...)
		var ab abortError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s%v: %v", c.fn, c.args, err)
		case c.want != "" && (!errors.As(err, &ab) || ab.msg != c.want):
			t.Errorf("%s%v = %v, want abort %q", c.fn, c.args, err, c.want)
		}
	}

	path := nativerun.Build(t, build.Config{FS: fsys, Options: build.Options(),
		Packages: []string{"github.com/naturekit/naturekit/rt/t", nativerun.StartPath}}, "bounds")
	var stderr bytes.Buffer
	cmd := exec.Command(path)
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || stderr.String() != "fatal error: index out of range\n" {
		t.Errorf("native out-of-range index: %v, stderr %q; want exit 2 and the abort message", err, stderr.String())
	}
}
