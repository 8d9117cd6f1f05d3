package load

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// A Package is a Nature package: a directory with a package.toml, or a
// package of the standard library (spec/semantics.md §12.2–12.3).
type Package struct {
	// Name is the package's name (package.toml's name; for the standard
	// library, the directory's).
	Name string
	// Dir is the package's root: an absolute directory, or for the
	// standard library the package's directory in Config.Std.
	Dir string
	// Std reports whether the package is part of the standard library.
	Std bool
	// Links are the archives package.toml's [links] table names for the
	// target, as paths (absolute for packages on disk).
	Links []string

	fsys fs.FS // the package's files, rooted at Dir
	// fileName is the name of a package file (slash path) in the file
	// set and in messages.
	fileName func(file string) string
	deps     map[string]dep // [dependencies], by the name imports use
	// toml is the package.toml's path for messages ("" for none).
	toml string

	once   sync.Once
	layout *layout
}

// dep is one entry of [dependencies].
type dep struct {
	typ, path, version string
}

// layout is the module structure of a package, found by scanning all of
// its files once.
type layout struct {
	// modules by module path: "" is the root module, "store" a
	// directory module or a file in the root, "util.text.pad" a file
	// module in a sub-directory.
	modules map[string]*modSpec
	// parts maps the slot (module-path spelling of a file, "util.b") of
	// each file that belongs to a directory module to that module.
	parts map[string]*modSpec
	// active maps a file slot ("util/b", no suffix, no .n) to the file
	// chosen for the target ("util/b.linux.n").
	active map[string]string
	// owner maps every active file to its module.
	owner map[string]*modSpec
	// src holds the sources read while scanning, by file.
	src  map[string][]byte
	errs []layoutError
}

// modSpec is one module of a package.
type modSpec struct {
	path  string   // module path: "", "store", "util.text.pad"
	files []string // the files, in path order (slash paths in the package)
	dir   bool     // a directory (or root) module, not a file module
}

// layoutError is an error found while scanning: reported at file:1:1.
type layoutError struct {
	file string // slash path in the package
	msg  string
}

// modName is the display name of module path p of the package.
func (pkg *Package) modName(p string) string {
	if p == "" {
		return pkg.Name
	}
	return pkg.Name + "." + p
}

// targetSuffix splits a file's base name without ".n" into its slot
// name and its target suffix: "x.linux_amd64" is ("x", "linux_amd64"),
// "x" is ("x", ""). Suffixes name an operating system, optionally with
// an architecture.
func targetSuffix(base string) (slot, suffix string) {
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return base, ""
	}
	s := base[i+1:]
	os, arch, hasArch := strings.Cut(s, "_")
	if !knownOS(os) || hasArch && !knownArch(arch) {
		return base, ""
	}
	return base[:i], s
}

func knownOS(s string) bool { return s == "linux" || s == "darwin" || s == "windows" }

func knownArch(s string) bool { return s == "amd64" || s == "arm64" || s == "riscv64" }

// specificity ranks a suffix for target (os_arch): 2 for an exact
// match, 1 for the operating system alone, 0 for none, -1 when the file
// is for another target.
func specificity(suffix, target string) int {
	switch {
	case suffix == "":
		return 0
	case suffix == target:
		return 2
	case !strings.Contains(suffix, "_") && strings.HasPrefix(target, suffix+"_"):
		return 1
	}
	return -1
}

// modLine reads the `mod NAME` line a file starts with (after blank
// lines and comments): the name as written and whether there is one.
func modLine(src []byte) (name string, ok bool) {
	i := 0
	for i < len(src) {
		switch c := src[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';':
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(string(src[i+2:]), "*/")
			if end < 0 {
				return "", false
			}
			i += end + 4
		default:
			rest := src[i:]
			if len(rest) < 4 || string(rest[:3]) != "mod" || (rest[3] != ' ' && rest[3] != '\t') {
				return "", false
			}
			j := 3
			for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t') {
				j++
			}
			k := j
			for k < len(rest) && !strings.ContainsRune(" \t\r\n;/", rune(rest[k])) {
				k++
			}
			if k == j {
				return "", false
			}
			return string(rest[j:k]), true
		}
	}
	return "", false
}

// isIdent reports whether s is a valid module name.
func isIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return s != ""
}

// scan builds the package's layout for target, once.
func (pkg *Package) scan(target string) *layout {
	pkg.once.Do(func() { pkg.layout = scanLayout(pkg, target) })
	return pkg.layout
}

// slotFile is one source file of a directory, by slot.
type slotFile struct {
	file   string // slash path in the package
	suffix string
}

func scanLayout(pkg *Package, target string) *layout {
	lay := &layout{
		modules: map[string]*modSpec{},
		parts:   map[string]*modSpec{},
		active:  map[string]string{},
		owner:   map[string]*modSpec{},
		src:     map[string][]byte{},
	}
	dirs := map[string]map[string][]slotFile{} // dir -> slot -> variants
	fs.WalkDir(pkg.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != "." && (strings.HasPrefix(d.Name(), ".") || isFile(pkg.fsys, path.Join(p, "package.toml"))) {
				return fs.SkipDir // hidden, or a package of its own
			}
			return nil
		}
		if !strings.HasSuffix(p, ".n") || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		dir := path.Dir(p)
		if dir == "." {
			dir = ""
		}
		slot, suffix := targetSuffix(strings.TrimSuffix(d.Name(), ".n"))
		if dirs[dir] == nil {
			dirs[dir] = map[string][]slotFile{}
		}
		dirs[dir][slot] = append(dirs[dir][slot], slotFile{file: p, suffix: suffix})
		return nil
	})
	var names []string
	for d := range dirs {
		names = append(names, d)
	}
	sort.Strings(names)
	fileMods := map[string]string{} // file module path -> its file, for M7
	for _, dir := range names {
		lay.scanDir(pkg, target, dir, dirs[dir], fileMods)
	}
	for p, file := range fileMods {
		if m := lay.modules[p]; m != nil && m.dir {
			lay.errs = append(lay.errs, layoutError{file, fmt.Sprintf("module %s is defined by two layouts: %s and %s", pkg.modName(p), pkg.display(file), pkg.display(m.files[0]))})
		}
	}
	for p, file := range fileMods {
		if lay.modules[p] == nil {
			m := &modSpec{path: p, files: []string{file}}
			lay.modules[p] = m
			lay.owner[file] = m
		}
	}
	sort.Slice(lay.errs, func(i, j int) bool { return lay.errs[i].file < lay.errs[j].file })
	return lay
}

// scanDir adds the modules of one directory of the package.
func (lay *layout) scanDir(pkg *Package, target, dir string, slots map[string][]slotFile, fileMods map[string]string) {
	dn := path.Base(dir)
	if dir == "" {
		dn = pkg.Name
	}
	modPath := func(slot string) string {
		if dir == "" {
			return slot
		}
		return strings.ReplaceAll(dir, "/", ".") + "." + slot
	}
	dirMod := strings.ReplaceAll(dir, "/", ".")
	var slotNames []string
	for s := range slots {
		slotNames = append(slotNames, s)
	}
	sort.Strings(slotNames)
	var entry string
	entryHasMod := false
	var parts []string // files declaring mod dn, other than the entry
	for _, s := range slotNames {
		variants := slots[s]
		sort.Slice(variants, func(i, j int) bool { return variants[i].file < variants[j].file })
		best, rank := "", -1
		mods := make([]string, len(variants))
		hasMod := make([]bool, len(variants))
		for i, v := range variants {
			src, err := fs.ReadFile(pkg.fsys, v.file)
			if err != nil {
				continue
			}
			mods[i], hasMod[i] = modLine(src)
			if r := specificity(v.suffix, target); r > rank {
				best, rank = v.file, r
				lay.src[v.file] = src
			}
		}
		base := 0 // the file without a suffix, if any: the one reported
		for i, v := range variants {
			if v.suffix == "" {
				base = i
			}
		}
		for i := range variants {
			if mods[i] != mods[base] || hasMod[i] != hasMod[base] {
				lay.errs = append(lay.errs, layoutError{variants[base].file, fmt.Sprintf(
					"target variants of '%s' must belong to the same module, but %s declares %s and %s declares %s",
					s, pkg.display(variants[i].file), modPhrase(mods[i], hasMod[i]), pkg.display(variants[base].file), modPhrase(mods[base], hasMod[base]))})
				break
			}
		}
		if best == "" {
			continue
		}
		slotPath := s
		if dir != "" {
			slotPath = dir + "/" + s
		}
		lay.active[slotPath] = best
		var name string
		var has bool
		for i, v := range variants {
			if v.file == best {
				name, has = mods[i], hasMod[i]
			}
		}
		switch {
		case has && !isIdent(name):
			lay.errs = append(lay.errs, layoutError{best, fmt.Sprintf("'mod %s' is not a valid identifier", name)})
		case has && name != dn && dir == "":
			lay.errs = append(lay.errs, layoutError{best, fmt.Sprintf("'mod %s' does not match package name '%s', use 'mod %s'", name, dn, dn)})
		case has && name != dn:
			lay.errs = append(lay.errs, layoutError{best, fmt.Sprintf("'mod %s' does not match directory '%s', use 'mod %s'", name, dn, dn)})
		case s == dn:
			entry, entryHasMod = best, has
		case has:
			parts = append(parts, best)
		default:
			fileMods[modPath(s)] = best
		}
	}
	switch {
	case entry != "":
		if len(parts) > 0 && !entryHasMod {
			lay.errs = append(lay.errs, layoutError{entry, fmt.Sprintf("module %s requires 'mod %s' in '%s.n'", pkg.modName(dirMod), dn, dn)})
		}
		files := append([]string{entry}, parts...)
		sort.Strings(files)
		m := &modSpec{path: dirMod, files: files, dir: true}
		lay.modules[dirMod] = m
		lay.parts[modPath(dn)] = m
		for _, f := range files {
			lay.owner[f] = m
			slot, _ := targetSuffix(strings.TrimSuffix(path.Base(f), ".n"))
			lay.parts[modPath(slot)] = m
		}
	case len(parts) > 0:
		lay.errs = append(lay.errs, layoutError{parts[0], fmt.Sprintf("directory module %s must have entry '%s.n' declaring 'mod %s'", pkg.modName(dirMod), dn, dn)})
	}
}

// modPhrase spells a variant's module for the M8 message.
func modPhrase(name string, has bool) string {
	if !has {
		return "no mod"
	}
	return "'mod " + name + "'"
}

// display is the name of a package file in messages.
func (pkg *Package) display(file string) string {
	return pkg.fileName(file)
}

func isFile(fsys fs.FS, p string) bool {
	st, err := fs.Stat(fsys, p)
	return err == nil && !st.IsDir()
}
