package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/naturekit/naturekit/examples/internal/cli"
	"github.com/naturekit/naturekit/lex"
)

// compileFlags registers the flags build and run share. Call the
// returned function after parsing to get the options.
func compileFlags(fl *flag.FlagSet) func() compileOptions {
	opts := compileOptions{}
	fl.StringVar(&opts.target, "target", "linux_amd64", "target `os_arch`")
	optimize := fl.Bool("O", false, "optimise: SSA passes and the peephole pass")
	noOptimize := fl.Bool("O0", false, "do not optimise (the default; wins over -O)")
	fl.BoolVar(&opts.noCache, "no-cache", false, "recompile the runtime instead of using the cached object")
	return func() compileOptions {
		opts.optimize = *optimize && !*noOptimize
		return opts
	}
}

// parseInterspersed parses flags that may come before or after the
// positional arguments up to the first positional one: "build x.n -o
// out" and "build -o out x.n" both work, and for run everything after
// PATH belongs to the program.
func parseInterspersed(fl *flag.FlagSet, args []string, stopAtFirst bool) ([]string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			return nil, err
		}
		args = fl.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if stopAtFirst {
			return args, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("o", "", "output `file` (default: the program's name in the working directory)")
	options := compileFlags(fl)
	pos, err := parseInterspersed(fl, args, false)
	if err != nil {
		return 2
	}
	if len(pos) != 1 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	path, err := mainFile(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, "naturec build:", err)
		return 2
	}
	if *out == "" {
		*out = defaultOutput(pos[0])
	}
	exe, err := buildExecutable(path, options())
	if err != nil {
		return reportCompileError(stderr, err)
	}
	if err := cli.WriteFile(*out, exe, 0o755); err != nil {
		fmt.Fprintln(stderr, "naturec build:", err)
		return 1
	}
	return 0
}

// defaultOutput names the executable after the file or directory.
func defaultOutput(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "main"
	}
	if st, err := os.Stat(abs); err == nil && st.IsDir() {
		return filepath.Base(abs)
	}
	return strings.TrimSuffix(filepath.Base(abs), ".n")
}

// reportCompileError prints compile errors (positioned diagnostics with
// source lines, or a plain message) and returns exit status 1.
func reportCompileError(stderr io.Writer, err error) int {
	var list lex.ErrorList
	var one *lex.Error
	if errors.As(err, &list) || errors.As(err, &one) {
		lex.Print(stderr, err)
	} else {
		fmt.Fprintln(stderr, err)
	}
	return 1
}

func runRun(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("run", flag.ContinueOnError)
	fl.SetOutput(stderr)
	options := compileFlags(fl)
	rest, err := parseInterspersed(fl, args, true)
	if err != nil {
		return 2
	}
	if len(rest) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	path, err := mainFile(rest[0])
	if err != nil {
		fmt.Fprintln(stderr, "naturec run:", err)
		return 2
	}
	exe, err := buildExecutable(path, options())
	if err != nil {
		return reportCompileError(stderr, err)
	}
	dir, err := os.MkdirTemp("", "naturec-run")
	if err != nil {
		fmt.Fprintln(stderr, "naturec run:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, defaultOutput(rest[0]))
	if err := os.WriteFile(bin, exe, 0o755); err != nil {
		fmt.Fprintln(stderr, "naturec run:", err)
		return 1
	}
	cmd := exec.Command(bin, rest[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	err = cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	fmt.Fprintln(stderr, "naturec run:", err)
	return 1
}
