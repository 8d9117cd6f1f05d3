// Command record runs Nature programs with the reference compiler and
// writes each as a conformance-format case (the txtar format of
// testdata/conformance/README.md): the program's files, then the stdout,
// exit status (and, for a failed build, the build-error) the reference
// produced. It is how naturekit's own test programs (testdata/programs)
// get their expected outputs; the tests themselves never run the
// reference.
//
// Usage:
//
//	go run ./examples/record [-oracle PATH] [-o DIR] [-desc TEXT] [-env NAME=VALUE]... [-test [-skip NAME]...] PROG.n|DIR...
//
// A .n argument is a one-file program (main.n); a directory is a
// multi-file program whose files are all recorded, entered at main.n.
// Each case is written to DIR/NAME.txtar, NAME the file's or
// directory's base name. With -test the case records `nature test` of
// the program's test blocks instead (its arguments in the section
// "test"; naturec's conformance test runs it with naturec test). Each
// -env variable is set for the program's run and recorded in the
// section "env", one a line, which the conformance test sets for every
// run of the case: the reference ignores naturekit's variables
// (NATURE_MEMLIMIT), so a case whose output depends on one has its
// expected output edited by hand, as its description says.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/txtar"
)

func main() {
	oracle := flag.String("oracle", "../shared/oracle/nature", "the reference compiler")
	out := flag.String("o", "testdata/programs", "output directory")
	desc := flag.String("desc", "", "the case's one-line description (default: the program's first comment line)")
	test := flag.Bool("test", false, "record `nature test` of the program's test blocks instead of its build and run")
	var skip, env skipFlag
	flag.Var(&skip, "skip", "with -test: skip the test `NAME` (repeatable)")
	flag.Var(&env, "env", "run the program with the environment variable `NAME=VALUE` and record it (repeatable)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: record [-oracle PATH] [-o DIR] [-desc TEXT] [-env NAME=VALUE]... [-test [-skip NAME]...] PROG.n|DIR...")
		os.Exit(2)
	}
	for _, v := range env {
		if name, _, ok := strings.Cut(v, "="); !ok || name == "" || strings.ContainsAny(v, " \t\n") {
			fmt.Fprintf(os.Stderr, "record: -env %q: want NAME=VALUE without spaces\n", v)
			os.Exit(2)
		}
	}
	abs, err := filepath.Abs(*oracle)
	if err == nil {
		_, err = os.Stat(abs)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "record: the reference compiler:", err)
		os.Exit(2)
	}
	status := 0
	for _, arg := range flag.Args() {
		var testArgs []string
		if *test {
			testArgs = []string{}
			for _, name := range skip {
				testArgs = append(testArgs, "--skip", name)
			}
		}
		if err := record(abs, *out, *desc, arg, testArgs, env); err != nil {
			fmt.Fprintf(os.Stderr, "record: %s: %v\n", arg, err)
			status = 1
		}
	}
	os.Exit(status)
}

// skipFlag collects the values of a repeatable flag (-skip, -env).
type skipFlag []string

func (s *skipFlag) String() string { return strings.Join(*s, ",") }

func (s *skipFlag) Set(v string) error {
	*s = append(*s, v)
	return nil
}

// record runs one program and writes its case. With testArgs not nil,
// the case runs the program's test blocks: `nature test ARGS main.n`,
// recorded with its arguments, one a line, in the section "test". The
// program runs with the variables of env, recorded in the section
// "env".
func record(oracle, outDir, desc, arg string, testArgs, env []string) error {
	files, name, err := readProgram(arg)
	if err != nil {
		return err
	}
	parent, err := os.MkdirTemp("", "record")
	if err != nil {
		return err
	}
	defer os.RemoveAll(parent)
	dir := filepath.Join(parent, "case")
	for _, f := range files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	ar := &txtar.Archive{Comment: []byte(description(desc, files) + "\n"), Files: files}
	if testArgs != nil {
		return recordTest(oracle, outDir, name, dir, ar, testArgs)
	}
	build := exec.Command(oracle, "build", "-o", filepath.Join(parent, "prog"), "main.n")
	build.Dir = dir
	if msg, err := build.CombinedOutput(); err != nil {
		ar.Files = append(ar.Files, txtar.File{Name: "build-error", Data: firstLine(msg)})
	} else {
		stdout, code, err := run(filepath.Join(parent, "prog"), dir, env)
		if err != nil {
			return err
		}
		if len(env) > 0 {
			ar.Files = append(ar.Files, txtar.File{Name: "env", Data: []byte(strings.Join(env, "\n") + "\n")})
		}
		ar.Files = append(ar.Files,
			txtar.File{Name: "stdout", Data: stdout},
			txtar.File{Name: "exit", Data: []byte(strconv.Itoa(code) + "\n")})
	}
	return writeCase(outDir, name, ar)
}

// recordTest runs `nature test ARGS main.n` in dir and writes the case:
// its arguments, stdout and exit status, or the first line of the
// compile error.
func recordTest(oracle, outDir, name, dir string, ar *txtar.Archive, args []string) error {
	var lines []byte
	for _, a := range args {
		lines = append(lines, a+"\n"...)
	}
	ar.Files = append(ar.Files, txtar.File{Name: "test", Data: lines})
	cmd := exec.Command(oracle, append(append([]string{"test"}, args...), "main.n")...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	code := 0
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		return err
	}
	if code != 0 && stdout.Len() == 0 {
		ar.Files = append(ar.Files, txtar.File{Name: "build-error", Data: firstLine(stderr.Bytes())})
	} else {
		ar.Files = append(ar.Files,
			txtar.File{Name: "stdout", Data: stdout.Bytes()},
			txtar.File{Name: "exit", Data: []byte(strconv.Itoa(code) + "\n")})
	}
	return writeCase(outDir, name, ar)
}

// writeCase writes the case to outDir/name.txtar.
func writeCase(outDir, name string, ar *txtar.Archive) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(outDir, name+".txtar"), txtar.Format(ar), 0o644)
}

// readProgram returns a program's files, main.n first, and its name.
func readProgram(arg string) ([]txtar.File, string, error) {
	st, err := os.Stat(arg)
	if err != nil {
		return nil, "", err
	}
	if !st.IsDir() {
		data, err := os.ReadFile(arg)
		return []txtar.File{{Name: "main.n", Data: data}}, strings.TrimSuffix(filepath.Base(arg), ".n"), err
	}
	var files []txtar.File
	err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(arg, p)
		data, err := os.ReadFile(p)
		f := txtar.File{Name: filepath.ToSlash(rel), Data: data}
		if f.Name == "main.n" {
			files = append([]txtar.File{f}, files...)
		} else {
			files = append(files, f)
		}
		return err
	})
	if err == nil && (len(files) == 0 || files[0].Name != "main.n") {
		err = errors.New("no main.n")
	}
	return files, filepath.Base(filepath.Clean(arg)), err
}

// run runs the executable in dir, with the variables of env added to
// the environment, and returns its stdout and status.
func run(exe, dir string, env []string) ([]byte, int, error) {
	cmd := exec.Command(exe)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return stdout.Bytes(), exit.ExitCode(), nil
		}
		return stdout.Bytes(), 0, err
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		return nil, 0, errors.New("the program ran for 30 s")
	}
}

// description is desc, or the first line of main.n if it is a comment.
func description(desc string, files []txtar.File) string {
	if desc != "" {
		return desc
	}
	line, _, _ := strings.Cut(string(files[0].Data), "\n")
	if c, ok := strings.CutPrefix(line, "//"); ok {
		return strings.TrimSpace(c)
	}
	return "A naturekit test program."
}

// firstLine returns the first line of a compiler's message, with its
// newline: the file:line:col and message the case checks for, the path
// relative to the case directory as the shared suite records it.
func firstLine(msg []byte) []byte {
	line, _, _ := bytes.Cut(bytes.TrimSpace(msg), []byte("\n"))
	line = bytes.TrimPrefix(line, []byte("case/"))
	return append(line, '\n')
}
