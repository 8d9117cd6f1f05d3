package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/naturekit/naturekit/examples/internal/cli"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/ssa"
)

// compileFlags registers the flags build and run share. Call the
// returned function after parsing to get the options.
func compileFlags(fl *flag.FlagSet) func() compileOptions {
	opts := &compileOptions{}
	fl.StringVar(&opts.target, "target", "linux_amd64", "target `os_arch`")
	optFlags(fl, opts)
	fl.BoolVar(&opts.noCache, "no-cache", false, "recompile the runtime instead of using the cached object")
	fl.BoolVar(&opts.strip, "s", false, "leave out the debugging information (DWARF)")
	return func() compileOptions { return *opts }
}

// optFlags registers the optimisation flags, which build, run and dump
// share: -O0, -passes, and -O, a no-op kept from when optimisation was
// off by default.
func optFlags(fl *flag.FlagSet, opts *compileOptions) {
	fl.Var(optimizeFlag{opts}, "O", "optimise (the default; kept for compatibility)")
	fl.BoolVar(&opts.noOptimize, "O0", false, "do not optimise: no SSA passes, no peephole pass")
	fl.Var(&passesFlag{opts}, "passes", "run the SSA passes `a,b,c` in this order instead of all of them ("+strings.Join(passNames(), ", ")+"); with -O0 too")
}

// optimizeFlag is -O: optimisation is on by default, so -O does
// nothing; -O=false is -O0.
type optimizeFlag struct{ opts *compileOptions }

func (optimizeFlag) IsBoolFlag() bool { return true }
func (optimizeFlag) String() string   { return "" }

func (o optimizeFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err == nil && !on {
		o.opts.noOptimize = true
	}
	return err
}

// passesFlag is -passes=a,b,c: SSA passes by name, in order, repeats
// allowed; "" runs none.
type passesFlag struct{ opts *compileOptions }

func (p *passesFlag) String() string {
	if p.opts == nil {
		return ""
	}
	names := make([]string, len(p.opts.passes))
	for i, ps := range p.opts.passes {
		names[i] = ps.Name
	}
	return strings.Join(names, ",")
}

func (p *passesFlag) Set(s string) error {
	p.opts.setPasses, p.opts.passes = true, []ssa.Pass{}
	if s == "" {
		return nil
	}
	for name := range strings.SplitSeq(s, ",") {
		name = strings.TrimSpace(name)
		ps, ok := ssa.PassNamed(name)
		if !ok {
			return fmt.Errorf("unknown SSA pass %q (valid: %s)", name, strings.Join(passNames(), ", "))
		}
		p.opts.passes = append(p.opts.passes, ps)
	}
	return nil
}

// passNames lists the SSA passes -passes accepts, in their default order.
func passNames() []string {
	var names []string
	for _, p := range ssa.Passes() {
		if !slices.Contains(names, p.Name) {
			names = append(names, p.Name)
		}
	}
	return names
}

// programArgs parses the arguments of a command that takes one program,
// PATH (build and dump; run takes the program's arguments after PATH),
// and resolves the program's main file. On an error it has printed the
// message, and status is the command's exit status; status is 0 on
// success.
func programArgs(fl *flag.FlagSet, args []string, stderr io.Writer) (pos []string, path string, status int) {
	run := fl.Name() == "run"
	pos, err := parseInterspersed(fl, args, run)
	if err != nil {
		return nil, "", 2
	}
	if len(pos) == 0 || len(pos) > 1 && !run {
		fmt.Fprint(stderr, usage)
		return nil, "", 2
	}
	if path, err = mainFile(pos[0]); err != nil {
		fmt.Fprintf(stderr, "naturec %s: %v\n", fl.Name(), err)
		return nil, "", 2
	}
	return pos, path, 0
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
	pos, path, status := programArgs(fl, args, stderr)
	if status != 0 {
		return status
	}
	outFlag := "-o"
	if *out == "" {
		*out, outFlag = defaultOutput(pos[0]), ""
	}
	if err := cli.CheckOutput(*out, outFlag); err != nil {
		fmt.Fprintln(stderr, "naturec build:", err)
		return 2
	}
	exe, err := buildExecutable(path, options())
	if err != nil {
		return reportCompileError(stderr, err)
	}
	if err := cli.WriteOutput(*out, exe, 0o755); err != nil {
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
	interpret := fl.Bool("interp", false, "run the program's linear LIR in the LIR interpreter instead of building it")
	rest, path, status := programArgs(fl, args, stderr)
	if status != 0 {
		return status
	}
	opts := options()
	if *interpret {
		return interpretProgram(path, rest[1:], stdout, stderr)
	}
	exe, err := buildExecutable(path, opts)
	if err != nil {
		return reportCompileError(stderr, err)
	}
	return runExecutable("run", opts.target, defaultOutput(rest[0]), exe, rest[1:], stdin, stdout, stderr)
}

// runExecutable writes exe, built for target, to a temporary file and
// runs it with args (under cli.Emulator(target) if it names one); it
// returns the program's exit status (128+N when signal N killed it).
// Messages name the program (name), never the temporary file.
func runExecutable(command, target, name string, exe []byte, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	dir, err := os.MkdirTemp("", "naturec-run")
	if err != nil {
		fmt.Fprintf(stderr, "naturec %s: creating a temporary directory: %v\n", command, cli.PathCause(err))
		return 1
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, name)
	if err := os.WriteFile(bin, exe, 0o755); err != nil {
		fmt.Fprintf(stderr, "naturec %s: writing %s: %v\n", command, name, cli.PathCause(err))
		return 1
	}
	cmd := exec.Command(bin, args...)
	if emu := cli.Emulator(target); emu != "" {
		if _, err := exec.LookPath(emu); err != nil {
			fmt.Fprintf(stderr, "naturec %s: running a %s program needs %s (apt-get install qemu-user-static)\n", command, target, emu)
			return 1
		}
		cmd = exec.Command(emu, append([]string{bin}, args...)...)
	}
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
	fmt.Fprintf(stderr, "naturec %s: running %s: %v\n", command, name, cli.PathCause(err))
	return 1
}
