package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

const messy = "fn main(){\n  var x=1\n    println(x)\n}\n"
const tidy = "fn main() {\n    var x = 1\n    println(x)\n}\n"

func TestFmtStdout(t *testing.T) {
	path := writeFile(t, t.TempDir(), "a.n", messy)
	code, out, _ := runCmd(t, "", "fmt", path)
	if code != 0 || out != tidy {
		t.Fatalf("code %d, out %q", code, out)
	}
	if b, _ := os.ReadFile(path); string(b) != messy {
		t.Fatal("fmt without -w changed the file")
	}
}

func TestFmtStdin(t *testing.T) {
	if code, out, _ := runCmd(t, messy, "fmt"); code != 0 || out != tidy {
		t.Fatalf("code %d, out %q", code, out)
	}
}

func TestFmtCheckDiffListWrite(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "sub/b.n", messy)
	writeFile(t, dir, "g.n", tidy)
	writeFile(t, dir, "notes.txt", "not nature")

	if code, _, errOut := runCmd(t, "", "fmt", "--check", dir); code != 1 || !strings.Contains(errOut, "b.n") {
		t.Errorf("--check: code %d, stderr %q", code, errOut)
	}
	if code, out, _ := runCmd(t, "", "fmt", "--diff", dir); code != 1 || !strings.Contains(out, "-fn main(){\n-  var x=1\n+fn main() {\n") {
		t.Errorf("--diff: code %d, out %q", code, out)
	}
	if code, out, _ := runCmd(t, "", "fmt", "-l", dir); code != 0 || out != bad+"\n" {
		t.Errorf("-l: code %d, out %q", code, out)
	}
	if code, _, _ := runCmd(t, "", "fmt", "-w", dir); code != 0 {
		t.Errorf("-w: code %d", code)
	}
	if b, _ := os.ReadFile(bad); string(b) != tidy {
		t.Errorf("-w wrote %q", b)
	}
	if code, _, _ := runCmd(t, "", "fmt", "--check", dir); code != 0 {
		t.Errorf("--check after -w: code %d", code)
	}
}

func TestFmtSyntaxError(t *testing.T) {
	src := "fn main() {\n    var x int = 1\n}\n"
	path := writeFile(t, t.TempDir(), "e.n", src)
	code, out, errOut := runCmd(t, "", "fmt", "-w", path)
	want := path + ":2:13: expected '=' found 'int'\n    var x int = 1\n          ^\n"
	if code != 2 || out != "" || errOut != want {
		t.Errorf("code %d, out %q, stderr %q", code, out, errOut)
	}
	if b, _ := os.ReadFile(path); string(b) != src {
		t.Error("a file with syntax errors was rewritten")
	}
}

func TestDump(t *testing.T) {
	path := writeFile(t, t.TempDir(), "a.n", "var x = 1 // one\n")
	code, out, _ := runCmd(t, "", "dump", "--stage=tokens", path)
	want := `1:1 KEYWORD "var"
1:5 IDENT "x"
1:7 OP "="
1:9 INT "1"
1:11 COMMENT "// one"
1:17 SEMI "\n"
2:1 EOF ""
`
	if code != 0 || out != want {
		t.Errorf("tokens: code %d, out:\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", "dump", "--stage=ast", path)
	if code != 0 || !strings.Contains(out, "VarDecl Var=1:1 Assign=1:7") {
		t.Errorf("ast: code %d, out:\n%s", code, out)
	}
	if code, _, _ := runCmd(t, "", "dump", "--stage=bogus", path); code != 2 {
		t.Errorf("unknown stage: code %d", code)
	}
}

// TestBuildRunDump drives the compile commands as a user does: build
// and run a program, report compile errors with status 1 and no output
// file, usage errors with status 2, and dump every stage.
func TestBuildRunDump(t *testing.T) {
	dir := t.TempDir()
	good := writeProgram(t, dir, "good.n")
	bad := writeFile(t, dir, "bad.n", "fn main() {\n    int x = 'five'\n}\n")

	if code, out, errOut := runCmd(t, "", "run", good); code != 0 || out != "sq 49\n" {
		t.Errorf("run: code %d, out %q, stderr %q", code, out, errOut)
	}
	exe := filepath.Join(dir, "prog")
	if code, _, errOut := runCmd(t, "", "build", "-o", exe, "-O", good); code != 0 {
		t.Fatalf("build -O: code %d, stderr %q", code, errOut)
	}
	if out, err := exec.Command(exe).Output(); err != nil || string(out) != "sq 49\n" {
		t.Errorf("built program: %q, %v", out, err)
	}
	badExe := filepath.Join(dir, "bad")
	code, _, errOut := runCmd(t, "", "build", "-o", badExe, bad)
	if code != 1 || !strings.Contains(errOut, "bad.n:2:") || !strings.Contains(errOut, "^") {
		t.Errorf("compile error: code %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(badExe); err == nil {
		t.Error("a failed build left its output file")
	}
	if code, _, _ := runCmd(t, "", "build"); code != 2 {
		t.Errorf("build without PATH: code %d, want 2", code)
	}
	if code, _, _ := runCmd(t, "", "build", "--target", "linux_mips", good); code != 1 {
		t.Errorf("unknown target: code %d, want 1", code)
	}
	stages := map[string]string{
		"types": "int", "lir": "func @main.sq", "cfg": " cfg ", "ssa": " ssa ",
		"lower": "func @main.sq", "regalloc": "$", "asm": "main.sq:",
	}
	for stage, want := range stages {
		code, out, errOut := runCmd(t, "", "dump", "--stage="+stage, "--func", "sq", good)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("dump --stage=%s: code %d, stderr %q, output lacks %q:\n%s", stage, code, errOut, want, out)
		}
	}
}

// TestFmtDiff checks the whole --diff output, a missing final newline
// included.
func TestFmtDiff(t *testing.T) {
	src := "fn main() {\n    var a = 1\n    var b = 2\n    var c = 3\n    var d = 4\n    var e  =5\n}"
	path := writeFile(t, t.TempDir(), "d.n", src)
	code, out, errOut := runCmd(t, "", "fmt", "--diff", path)
	want := "--- " + path + "\n+++ " + path + " (formatted)\n" +
		"@@ -3,5 +3,5 @@\n" +
		"     var b = 2\n     var c = 3\n     var d = 4\n" +
		"-    var e  =5\n-}\n\\ No newline at end of file\n" +
		"+    var e = 5\n+}\n"
	if code != 1 || out != want || errOut != "" {
		t.Errorf("code %d, stderr %q, out:\n%s\nwant:\n%s", code, errOut, out, want)
	}
	if code, out, _ := runCmd(t, "", "fmt", "--diff", path+"x"); code != 2 || out != "" {
		t.Errorf("missing file: code %d, out %q", code, out)
	}
}

// TestDumpOptimisation checks that dump shows the stages with the
// build's optimisation: all passes by default, none with -O0, the named
// ones with -passes, and a clear error for an unknown pass.
func TestDumpOptimisation(t *testing.T) {
	path := writeFile(t, t.TempDir(), "c.n", "fn f():int {\n    int x = 6\n    int y = x * 7\n    return y\n}\n\nfn main() {\n    println(f())\n}\n")
	dumpF := func(args ...string) (int, string, string) {
		return runCmd(t, "", append([]string{"dump", "--stage=ssa", "--func", "f", path}, args...)...)
	}
	_, def, _ := dumpF()
	_, o, _ := dumpF("-O")
	_, o0, _ := dumpF("-O0")
	_, ofalse, _ := dumpF("-O=false")
	_, sccp, _ := dumpF("-passes=sccp")
	_, none, _ := dumpF("-passes=")
	_, o0sccp, _ := dumpF("-O0", "-passes", "sccp,dce")
	if def != o || strings.Contains(def, "mul") || !strings.Contains(def, "ret 42") {
		t.Errorf("default (and -O) should fold x*7 to 42:\n%s", def)
	}
	if !strings.Contains(o0, "mul") || o0 != none || o0 != ofalse {
		t.Errorf("-O0, -O=false and -passes= should leave the multiplication:\n%s\n%s\n%s", o0, ofalse, none)
	}
	if !strings.Contains(sccp, "ret 42") || !strings.Contains(o0sccp, "ret 42") {
		t.Errorf("-passes=sccp should fold x*7:\n%s\n%s", sccp, o0sccp)
	}
	for _, bad := range []string{"-passes=sccp,nope", "-passes=sccp,,dce"} {
		code, out, errOut := dumpF(bad)
		if code != 2 || out != "" || !strings.Contains(errOut, "unknown SSA pass") || !strings.Contains(errOut, "inline, selfinline, sccp, copyprop, bce, simplify, thread, strength, gvn, rotate, loadelim, fconst, licm, pollelim, dce, sink, layout") {
			t.Errorf("%s: code %d, out %q, stderr %q", bad, code, out, errOut)
		}
	}
	if code, _, errOut := runCmd(t, "", "build", "-passes=gvn,bogus", path); code != 2 || !strings.Contains(errOut, `unknown SSA pass "bogus"`) {
		t.Errorf("build -passes=gvn,bogus: code %d, stderr %q", code, errOut)
	}
}
