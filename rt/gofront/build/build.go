// Package build compiles the runtime for native programs: it is the
// entry point drivers (naturec build) use.
//
//	rt.Sources (embedded Go + *.asm)
//	  -> rt/gofront       the runtime's Go packages -> one LIR module
//	  -> lower/amd64 or lower/arm64   LIR -> asm.Object
//	  -> asm/amd64 or asm/arm64       the assembly stubs (*_amd64.asm,
//	                                  *_arm64.asm of rt/sys, rt/start, ...)
//	  -> link -r          everything -> one relocatable ELF object
//
// Runtime returns that object. A driver caches it under Key(target),
// which changes whenever a source or the compiler changes, and links it
// with the program's objects (Executable). The runtime defines _start,
// which calls rt.lang.Init, the program's main.main and rt.lang.Exit(0)
// (see rt/start).
package build

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asmobj"
	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/link/object"
	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/lower/arm64"
	"github.com/naturekit/naturekit/rt"
	"github.com/naturekit/naturekit/rt/gofront"
	"github.com/naturekit/naturekit/rt/gofront/internal/pkgload"
	"github.com/naturekit/naturekit/ssa"
)

// The targets.
const (
	LinuxAMD64 = "linux_amd64"
	LinuxARM64 = "linux_arm64"
)

// machine returns the back end of target ("" is LinuxAMD64) and its
// GOARCH, which names the files of the target (*_arm64.go, *_arm64.asm).
func machine(target string) (*lower.Machine, string, error) {
	switch target {
	case "", LinuxAMD64:
		return amd64.Machine(), "amd64", nil
	case LinuxARM64:
		return arm64.Machine(), "arm64", nil
	}
	return nil, "", fmt.Errorf("rt/gofront/build: unsupported target %q (want %s or %s)", target, LinuxAMD64, LinuxARM64)
}

// Config describes a compilation of runtime-style Go (the runtime
// itself, or a test program in restricted Go).
type Config struct {
	// FS is the rt module's tree (rt.Sources or os.DirFS of a checkout).
	FS fs.FS
	// Packages are the import paths to compile, with their dependencies.
	Packages []string
	// Options are the back end's (Options() gives the optimised default).
	Options lower.Options
	// NoInline turns off gofront's inlining of small functions.
	NoInline bool
	// Target is LinuxAMD64 (also when empty) or LinuxARM64.
	Target string
}

// Options returns the back-end settings of runtime builds: every SSA
// pass and the peephole pass.
func Options() lower.Options {
	return lower.Options{Passes: ssa.Passes(), Peephole: true}
}

// Compile compiles cfg.Packages and links the result with the assembly
// stubs of every compiled package (its *_amd64.asm or *_arm64.asm
// files) into one relocatable object.
func Compile(cfg Config) (*object.File, error) {
	mc, arch, err := machine(cfg.Target)
	if err != nil {
		return nil, err
	}
	m, err := gofront.Compile(gofront.Config{FS: cfg.FS, Packages: cfg.Packages, NoInline: cfg.NoInline, Arch: arch})
	if err != nil {
		return nil, err
	}
	obj, err := lower.Compile(m, mc, cfg.Options)
	if err != nil {
		return nil, fmt.Errorf("runtime back end: %w", err)
	}
	goObj, err := asmobj.Convert("runtime-go.o", obj)
	if err != nil {
		return nil, err
	}
	inputs := []link.Input{{Object: goObj}}
	stubs, err := stubFiles(cfg.FS, cfg.Packages, arch)
	if err != nil {
		return nil, err
	}
	for _, name := range stubs {
		f, err := assembleStub(cfg.FS, name, mc.Arch)
		if err != nil {
			return nil, err
		}
		inputs = append(inputs, link.Input{Object: f})
	}
	data, err := link.Link(link.Config{Kind: link.Relocatable}, inputs...)
	if err != nil {
		return nil, err
	}
	return object.Read("runtime.o", data)
}

// stubFiles returns the assembly stubs of the packages (given by import
// path) and of the rt packages they import that are assembled for arch
// (forArch), as paths in fsys.
func stubFiles(fsys fs.FS, pkgs []string, arch string) ([]string, error) {
	ld := pkgload.NewLoader(fsys)
	ld.Arch = arch
	if err := ld.Load(pkgs...); err != nil {
		return nil, err
	}
	var names []string
	for _, p := range ld.Packages() {
		m, err := fs.Glob(fsys, path.Join(p.Dir, "*.asm"))
		if err != nil {
			return nil, err
		}
		for _, name := range m {
			if forArch(name, arch) {
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	return names, nil
}

// forArch reports whether the stub file name is assembled for arch: a
// NAME_ARCH.asm file (ARCH amd64 or arm64) only for its ARCH, as Go
// selects *_ARCH.go files; any other for every target (data that the
// targets share, in GNU syntax both assemblers read, with "//"
// comments).
func forArch(name, arch string) bool {
	base := strings.TrimSuffix(path.Base(name), ".asm")
	for _, a := range []string{"amd64", "arm64"} {
		if strings.HasSuffix(base, "_"+a) {
			return a == arch
		}
	}
	return true
}

func assembleStub(fsys fs.FS, name string, arch asm.Arch) (*object.File, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	o, err := asm.Assemble(arch, name, src)
	if err != nil {
		return nil, err
	}
	TypeFunctions(o)
	return asmobj.Convert(path.Base(name)+".o", o)
}

// TypeFunctions makes every named symbol without a type in the code of
// hand-written assembly (the runtime's stubs, naturec's C glue) a
// function whose size runs to the next such symbol (or the end of the
// section), as Go's assembler does for TEXT symbols, so that profilers
// and debuggers attribute that code (the sources need no .type and
// .size lines, and code shared through local labels counts for the
// function before it).
func TypeFunctions(o *asm.Object) {
	for _, sec := range o.Sections {
		if sec.Flags&elf.SHF_EXECINSTR == 0 {
			continue
		}
		var syms []*asm.Symbol
		for i := range o.Symbols {
			s := &o.Symbols[i]
			if s.Section == sec.Name && s.Type == elf.STT_NOTYPE && s.Name != "" && !strings.HasPrefix(s.Name, ".L") {
				syms = append(syms, s)
			}
		}
		sort.SliceStable(syms, func(i, j int) bool { return syms[i].Value < syms[j].Value })
		for i, s := range syms {
			end := sec.Size
			for _, next := range syms[i+1:] {
				if next.Value > s.Value {
					end = next.Value
					break
				}
			}
			s.Type, s.Size = elf.STT_FUNC, end-s.Value
		}
	}
}

// SourceDir is the DW_AT_comp_dir of the runtime's DWARF: its file
// names ("sys/mutex.go") are those of package rt's embedded sources,
// relative to the rt directory of a checkout.
const SourceDir = "rt"

// Runtime compiles the whole runtime for target (LinuxAMD64 or
// LinuxARM64): rt/sys, rt/alloc, rt/gc, rt/sched, rt/lang and rt/start
// from the sources embedded in package rt, with their assembly stubs
// for the target, into one relocatable object that defines _start; the
// program supplies main.main.
func Runtime(target string) (*object.File, error) {
	if _, _, err := machine(target); err != nil || target == "" {
		return nil, fmt.Errorf("rt/gofront/build: unsupported target %q (want %s or %s)", target, LinuxAMD64, LinuxARM64)
	}
	opts := Options()
	// DWARF for the runtime's functions: subprograms at their Go
	// declarations and call frame information, so that debuggers and
	// profilers unwind through the runtime.
	opts.DWARF, opts.CompDir = true, SourceDir
	return Compile(Config{FS: rt.Sources, Packages: runtimePackages(), Options: opts, Target: target})
}

// runtimePackages returns the import paths of the rt packages every
// native program carries.
func runtimePackages() []string {
	var out []string
	for _, dir := range []string{"abi", "sys", "alloc", "gc", "sched", "lang", "start"} {
		out = append(out, pkgload.ModulePath+"/"+dir)
	}
	return out
}

// Key returns the cache key of Runtime(target): a hash of the target,
// the embedded sources and the compiler itself (its build information
// and the bytes of the running executable). Two calls
// with the same key give the same object.
func Key(target string) string {
	h := sha256.New()
	fmt.Fprintf(h, "naturekit runtime\x00%s\x00", target)
	fs.WalkDir(rt.Sources, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(rt.Sources, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(data))
		h.Write(data)
		return nil
	})
	if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprintf(h, "%s\x00", bi.String())
	}
	// Development builds record no versions for the workspace's
	// modules: the executable's own bytes stand for the compiler.
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Executable links the runtime object with the program's objects into
// a static executable entered at _start.
func Executable(runtime *object.File, program ...*object.File) ([]byte, error) {
	inputs := []link.Input{{Object: runtime}}
	for _, p := range program {
		inputs = append(inputs, link.Input{Object: p})
	}
	return link.Link(link.Config{}, inputs...)
}

// Program compiles a whole program in restricted Go — cfg.Packages,
// which must include rt/start and a package that defines main.main —
// into a static executable.
func Program(cfg Config) ([]byte, error) {
	obj, err := Compile(cfg)
	if err != nil {
		return nil, err
	}
	return Executable(obj)
}
