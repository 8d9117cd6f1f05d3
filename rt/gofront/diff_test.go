package gofront_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/interp"
	lower "github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/rt/gofront"
	"github.com/naturekit/naturekit/rt/gofront/build"
	"github.com/naturekit/naturekit/rt/gofront/internal/nativerun"
	"github.com/naturekit/naturekit/rt/gofront/internal/testprog"
	"github.com/naturekit/naturekit/ssa"
)

const testprogPath = "github.com/naturekit/naturekit/rt/gofront/internal/testprog"

// rtFS is the rt module's checkout.
var rtFS = os.DirFS("..")

func hostRun() []byte {
	testprog.RunAll()
	return append([]byte(nil), testprog.Output()...)
}

// abortError stops an interpreted program that called sys.Abort.
type abortError struct{ msg string }

func (e abortError) Error() string { return "fatal error: " + e.msg }

// sysExterns implements what the test programs use of rt/sys for the
// interpreter. What they write on standard error is kept, so that Exit
// after sys.Abort's message stops the program with an abortError.
func sysExterns() map[string]interp.Extern {
	var stderr []byte
	return map[string]interp.Extern{
		// Write(fd, p, n) (int, Errno); a[0] is where the results go.
		"rt.sys.Write": func(m *interp.Machine, a []uint64) (uint64, error) {
			if a[1] == 2 {
				b, err := m.Bytes(a[2], int(a[3]))
				if err != nil {
					return 0, err
				}
				stderr = append(stderr, b...)
			}
			return 0, m.Store(a[0], 8, a[3])
		},
		"rt.sys.Exit": func(m *interp.Machine, a []uint64) (uint64, error) {
			msg, aborted := strings.CutPrefix(string(stderr), "fatal error: ")
			stderr = nil
			if aborted && a[0] == 2 {
				return 0, abortError{strings.TrimSuffix(msg, "\n")}
			}
			return 0, fmt.Errorf("exit %d", a[0])
		},
	}
}

// interpRun runs testprog.RunAll in lir/interp and returns the output
// buffer's contents.
func interpRun(t *testing.T, m *lir.Module) []byte {
	t.Helper()
	mc, err := interp.New(m, sysExterns())
	if err != nil {
		t.Fatal(err)
	}
	mc.MaxSteps = 1 << 34
	if _, err := mc.Call("rt.gofront.internal.testprog.RunAll"); err != nil {
		t.Fatal(err)
	}
	// out is a textout.Buffer: {P, Cap, N}.
	outVar, _ := mc.Addr("rt.gofront.internal.testprog.out")
	buf, err := mc.Load(outVar, 8)
	if err != nil {
		t.Fatal(err)
	}
	n, err := mc.Load(outVar+16, 8)
	if err != nil {
		t.Fatal(err)
	}
	out, err := mc.Bytes(buf, int(n))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// nativeRun builds testprog with rt/start into an executable and runs it.
func nativeRun(t *testing.T, opts lower.Options) []byte {
	t.Helper()
	path := nativerun.Build(t, build.Config{FS: rtFS, Options: opts,
		Packages: []string{testprogPath, nativerun.StartPath}}, "testprog")
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, stderr.Bytes())
	}
	return stdout.Bytes()
}

// firstDiff describes the first line where got differs from want.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range w {
		if i >= len(g) {
			return fmt.Sprintf("output ends at line %d; want %q", i+1, w[i])
		}
		if g[i] != w[i] {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d extra lines", len(g)-len(w))
}

// TestDifferential runs the functions of testprog on the host, in the
// LIR interpreter and natively (with and without optimisation) and
// compares what they print.
func TestDifferential(t *testing.T) {
	want := hostRun()
	t.Logf("%d bytes, %d lines", len(want), bytes.Count(want, []byte("\n")))
	m, err := gofront.Compile(gofront.Config{FS: rtFS, Packages: []string{testprogPath}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Funcs {
		if err := lir.Verify(f); err != nil {
			t.Fatalf("@%s: %v", f.Name, err)
		}
	}
	t.Run("interp", func(t *testing.T) {
		if got := interpRun(t, m); !bytes.Equal(got, want) {
			t.Error(firstDiff(got, want))
		}
	})
	for _, c := range []struct {
		name string
		opts lower.Options
	}{
		{"O0", lower.Options{Verify: true}},
		{"O", lower.Options{Passes: ssa.Passes(), Peephole: true, Verify: true}},
	} {
		t.Run("native-"+c.name, func(t *testing.T) {
			if got := nativeRun(t, c.opts); !bytes.Equal(got, want) {
				t.Error(firstDiff(got, want))
			}
		})
	}
}
