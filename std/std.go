// Package std holds naturekit's standard library: Nature source embedded
// in the compiler, so that a naturec binary is self-contained.
//
// Each directory below this one is a package of the standard library,
// laid out like any Nature package (spec/semantics.md §12.3): its root
// module is <name>/<name>.n (with the files that declare `mod <name>`),
// other files and directories are its modules (import co.mutex is
// co/mutex.n), and file-name target suffixes (x.linux_amd64.n) select
// platform variants. A package.toml is optional; its name, when given,
// must be the directory's. `import fmt` in any program, and every import
// of a name that is neither the current package nor one of its
// dependencies, resolves here (package load).
//
// The sources are naturekit's own, written for its runtime; they bind C
// and the runtime with #linkid. To add a package, create its directory
// and add the directory's name to the go:embed line below.
package std

import "embed"

// FS is the standard library: one directory per package, e.g.
// "libc/libc.n", "strings/strings.n".
//
//go:embed base64 co crypto elf fmt fs io json libc mem os path process reflect runtime strings syscall testing time unsafe
var FS embed.FS
