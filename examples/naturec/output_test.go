package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const sqProgram = "fn sq(int x):int {\n    return x * x\n}\n\nfn main() {\n    println('sq', sq(7))\n}\n"

// writeProgram writes sqProgram to dir/name and returns its path.
func writeProgram(t *testing.T, dir, name string) string { return writeFile(t, dir, name, sqProgram) }

// writeFile writes text to dir/name, creating the directories it needs,
// and returns its path.
func writeFile(tb testing.TB, dir, name, text string) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// checkRuns runs the executable at path and checks what it prints.
func checkRuns(t *testing.T, path string) {
	t.Helper()
	if out, err := exec.Command(path).Output(); err != nil || string(out) != "sq 49\n" {
		t.Errorf("%s: output %q, %v", path, out, err)
	}
}

// noTempFiles checks that no temporary output file is left in dir.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", filepath.Join(dir, e.Name()))
		}
	}
}

// buildIntoFIFO builds into out, which is or leads to a FIFO at fifo,
// reading the FIFO concurrently, and returns what came through it.
func buildIntoFIFO(t *testing.T, src, out, fifo string) []byte {
	t.Helper()
	got := make(chan []byte)
	go func() {
		data, err := os.ReadFile(fifo) // blocks until the build opens it
		if err != nil {
			t.Error(err)
		}
		got <- data
	}()
	code, _, errOut := runCmd(t, "", "build", "-o", out, src)
	if code != 0 {
		t.Errorf("build -o %s: code %d, stderr %q", out, code, errOut)
		if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			f.Close() // let the reader see the end
		}
	}
	return <-got
}

// TestOutputFIFO builds into a FIFO, as into /dev/null: the executable
// goes through it and the FIFO stays.
func TestOutputFIFO(t *testing.T) {
	dir := t.TempDir()
	src := writeProgram(t, dir, "sq.n")
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	data := buildIntoFIFO(t, src, fifo, fifo)
	if !bytes.HasPrefix(data, []byte("\x7fELF")) {
		t.Errorf("read %d bytes from the FIFO, not an executable", len(data))
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v, %v", st.Mode(), err)
	}
	noTempFiles(t, dir)

	// Through a symbolic link to the FIFO: both stay.
	link := filepath.Join(dir, "to-fifo")
	os.Symlink("fifo", link)
	if data := buildIntoFIFO(t, src, link, fifo); !bytes.HasPrefix(data, []byte("\x7fELF")) {
		t.Errorf("read %d bytes from the FIFO through the link, not an executable", len(data))
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", st.Mode(), err)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v, %v", st.Mode(), err)
	}
}

// TestOutputSymlink builds onto symbolic links: the executable is
// written where the link points, and the link stays.
func TestOutputSymlink(t *testing.T) {
	dir := t.TempDir()
	src := writeProgram(t, dir, "sq.n")
	real := filepath.Join(dir, "real")
	os.Mkdir(real, 0o755)
	os.WriteFile(filepath.Join(real, "prog"), []byte("old"), 0o755)
	cases := []struct{ link, target, file string }{
		{"prog", "real/prog", "real/prog"}, // to an existing file
		{"new", "real/new", "real/new"},    // dangling: the target is created
		{"abs", filepath.Join(real, "abs"), "real/abs"},
	}
	for _, c := range cases {
		link := filepath.Join(dir, c.link)
		if err := os.Symlink(c.target, link); err != nil {
			t.Fatal(err)
		}
		if code, _, errOut := runCmd(t, "", "build", "-o", link, src); code != 0 {
			t.Errorf("build -o %s: code %d, stderr %q", c.link, code, errOut)
			continue
		}
		if target, err := os.Readlink(link); err != nil || target != c.target {
			t.Errorf("%s: the link now reads %q, %v", c.link, target, err)
		}
		checkRuns(t, filepath.Join(dir, c.file))
	}
	noTempFiles(t, dir)
	noTempFiles(t, real)
}

// TestOutputDirectory checks the errors for an output that is a
// directory, given with -o or as the default name, and that errors do
// not show temporary file names.
func TestOutputDirectory(t *testing.T) {
	dir := t.TempDir()
	src := writeProgram(t, dir, "sq.n")
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	code, _, errOut := runCmd(t, "", "build", "-o", out, src)
	if code != 2 || errOut != "naturec build: -o "+out+": is a directory\n" {
		t.Errorf("-o a directory: code %d, stderr %q", code, errOut)
	}
	link := filepath.Join(dir, "to-out")
	os.Symlink("out", link)
	if code, _, errOut := runCmd(t, "", "build", "-o", link, src); code != 2 || !strings.Contains(errOut, link+": is a directory") {
		t.Errorf("-o a link to a directory: code %d, stderr %q", code, errOut)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("the build wrote into the directory: %v", ents)
	}

	// naturec build proj, from proj's parent: the default output is
	// proj itself.
	writeProgram(t, dir, "proj/main.n")
	t.Chdir(dir)
	code, _, errOut = runCmd(t, "", "build", "proj")
	if code != 2 || errOut != "naturec build: the default output proj is a directory; name the executable with -o\n" {
		t.Errorf("default output a directory: code %d, stderr %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, "", "build", "-o", "proj/proj", "proj"); code != 0 {
		t.Errorf("build -o proj/proj proj: code %d, stderr %q", code, errOut)
	}
	checkRuns(t, filepath.Join(dir, "proj", "proj"))

	// A missing directory: the message names the output, not the
	// temporary file the build tried to create.
	code, _, errOut = runCmd(t, "", "build", "-o", "nodir/prog", "proj")
	if code != 1 || errOut != "naturec build: writing nodir/prog: no such file or directory\n" {
		t.Errorf("missing directory: code %d, stderr %q", code, errOut)
	}
	noTempFiles(t, dir)
	noTempFiles(t, filepath.Join(dir, "proj"))
}
