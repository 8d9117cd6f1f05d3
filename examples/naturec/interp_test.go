package main

import (
	"strings"
	"testing"
)

// TestRunInterp runs a program that prints and then panics in the LIR
// interpreter and natively: the interpreter prints on stdout what the
// native program prints on stdout and stderr, with the same status.
func TestRunInterp(t *testing.T) {
	path := writeFile(t, t.TempDir(), "main.n", `fn pick([int] v, int i):int {
    return v[i] * 2
}

fn main() {
    [int] v = [1, 2, 3]
    string s = 'x'
    for int i = 0; i < 3; i += 1 {
        s += s
        println(pick(v, i), s, s.len())
    }
    println(pick(v, 7))
}
`)
	code, out, errOut := runCmd(t, "", "run", "--interp", path)
	nativeCode, nativeOut, nativeErr := runCmd(t, "", "run", path)
	if code != nativeCode || out != nativeOut+nativeErr || errOut != "" {
		t.Errorf("run --interp: status %d, stdout %q, stderr %q\nnative: status %d, stdout+stderr %q", code, out, errOut, nativeCode, nativeOut+nativeErr)
	}
	if !strings.Contains(out, "index out of range [7] with length 3") {
		t.Errorf("run --interp: no panic in %q", out)
	}
}

// TestRunInterpUnsupported checks the message for a program the host
// runtime cannot run: it names the entry point.
func TestRunInterpUnsupported(t *testing.T) {
	path := writeFile(t, t.TempDir(), "main.n", `fn main() {
    var ch = chan<int>.new(1)
    ch.send(1)
    println(ch.recv())
}
`)
	code, _, errOut := runCmd(t, "", "run", "--interp", path)
	const want = "naturec run --interp: rt.lang.ChanNew is not supported by the interpreter's runtime\n"
	if code != 1 || errOut != want {
		t.Errorf("status %d, stderr %q; want 1, %q", code, errOut, want)
	}
}
