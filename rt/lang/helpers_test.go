package lang

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/sys"
)

// testRT is a Runtime whose output goes to a temporary file, plus a root
// area for values the test holds across allocations.
type testRT struct {
	*Runtime
	t     testing.TB
	file  *os.File
	roots *[numRoots]uintptr
}

const numRoots = 256

// newRT returns a runtime for a test. The heap is small; cfg.GC.Arenas
// defaults to 1.
func newRT(t testing.TB, cfg gc.Config) *testRT {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Arenas == 0 {
		cfg.Arenas = 1
	}
	r := new(Runtime)
	r.Init(Config{OutFD: int(f.Fd()), GC: cfg})
	mem, errno := sys.Mmap(numRoots * 8)
	if errno != 0 {
		t.Fatalf("mmap: errno %d", errno)
	}
	r.heap.AddRoots(mem, unsafe.Add(mem, numRoots*8))
	t.Cleanup(func() {
		r.Destroy()
		sys.Munmap(mem, numRoots*8)
		f.Close()
	})
	return &testRT{Runtime: r, t: t, file: f, roots: (*[numRoots]uintptr)(mem)}
}

// output flushes the runtime and returns (and forgets) what it wrote.
func (tr *testRT) output() string {
	tr.t.Helper()
	tr.flush()
	if _, err := tr.file.Seek(0, io.SeekStart); err != nil {
		tr.t.Fatal(err)
	}
	b, err := io.ReadAll(tr.file)
	if err != nil {
		tr.t.Fatal(err)
	}
	if err := tr.file.Truncate(0); err != nil {
		tr.t.Fatal(err)
	}
	if _, err := tr.file.Seek(0, io.SeekStart); err != nil {
		tr.t.Fatal(err)
	}
	return string(b)
}

// str makes a runtime string with the bytes of s ("" is nil).
func (tr *testRT) str(s string) *String { return mkstr(tr.Runtime, s) }

func mkstr(r *Runtime, s string) *String {
	if s == "" {
		return nil
	}
	p := r.newString(int64(len(s)))
	sys.Memmove(p.Data, unsafe.Pointer(unsafe.StringData(s)), uintptr(len(s)))
	return p
}

// root stores p in root slot i and returns it.
func (tr *testRT) root(i int, p unsafe.Pointer) unsafe.Pointer {
	tr.roots[i] = uintptr(p)
	return p
}

// goString returns s's bytes as a Go string.
func goString(s *String) string {
	if s == nil {
		return ""
	}
	return string(unsafe.Slice((*byte)(s.Data), s.Len))
}

// elems returns v's elements as 64-bit values (zero-extended).
func elems(v *Vec) []uint64 {
	var out []uint64
	for i := int64(0); i < VecLen(v); i++ {
		p := elemAddr(v, i)
		switch v.Elem &^ abi.VecElemPtr {
		case 1:
			out = append(out, uint64(*(*uint8)(p)))
		case 2:
			out = append(out, uint64(*(*uint16)(p)))
		case 4:
			out = append(out, uint64(*(*uint32)(p)))
		default:
			out = append(out, *(*uint64)(p))
		}
	}
	return out
}

// vecOf makes a vec of 8-byte integers.
func (tr *testRT) vecOf(xs ...uint64) *Vec {
	v := tr.VecMake(8, int64(len(xs)), 0)
	for i, x := range xs {
		*(*uint64)(tr.VecIndex(v, int64(i), nil)) = x
	}
	return v
}

// childEnv names the case a child test process runs.
const childEnv = "NATUREKIT_LANG_CHILD"

// inChild reports whether this process is a child started by expectExit.
func inChild() bool { return os.Getenv(childEnv) != "" }

// expectExit runs f in a child process (the test binary again, running
// only this test) with a runtime writing to standard output, and checks
// the child's standard output and exit status. If f returns, the child
// exits with status 0 through Runtime.Exit. Every case of a test needs
// its own name. The child's environment has the variables of env
// ("NAME=value") too.
func expectExit(t *testing.T, name, wantOut string, wantCode int, f func(r *Runtime), env ...string) {
	t.Helper()
	id := t.Name() + "/" + name
	if env := os.Getenv(childEnv); env != "" {
		if env == id {
			r := new(Runtime)
			r.Init(Config{OutFD: 1, GC: gc.Config{Arenas: 1}})
			f(r)
			r.Exit(0)
		}
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), childEnv+"="+id), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if code != wantCode || stdout.String() != wantOut {
		t.Errorf("%s: exit %d, stdout %q; want exit %d, stdout %q (stderr %q)",
			name, code, stdout.String(), wantCode, wantOut, strings.TrimSpace(stderr.String()))
	}
}

func gcConfigManual() gc.Config { return gc.Config{GOGC: -1} }

// kindTypes are stand-in type descriptors for boxes in tests: one per
// value kind, as the compiler's descriptors of int, string, ... would
// have. Never written after initialisation.
var kindTypes = [...]Type{
	abi.KindBool:   {Value: abi.KindBool, NKind: abi.NKindBool},
	abi.KindInt:    {Value: abi.KindInt, NKind: abi.NKindI64},
	abi.KindUint:   {Value: abi.KindUint, NKind: abi.NKindU64},
	abi.KindFloat:  {Value: abi.KindFloat, NKind: abi.NKindF64},
	abi.KindString: {Value: abi.KindString, NKind: abi.NKindString},
	abi.KindNull:   {Value: abi.KindNull, NKind: abi.NKindNull},
	abi.KindPtr:    {Value: abi.KindPtr, NKind: abi.NKindPtr},
	abi.KindHex:    {Value: abi.KindHex, NKind: abi.NKindEnum},
}

// kt returns the stand-in descriptor of value kind k.
func kt(k int64) *Type { return &kindTypes[k] }
