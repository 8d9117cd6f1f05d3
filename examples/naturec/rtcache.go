package main

import (
	"os"
	"path/filepath"

	"github.com/naturekit/naturekit/examples/internal/cli"
	"github.com/naturekit/naturekit/link/object"
	"github.com/naturekit/naturekit/rt/gofront/build"
)

// The runtime (rt/sys, rt/alloc, rt/gc, rt/lang, rt/start) is compiled
// from its embedded Go sources by naturekit itself (rt/build.Runtime).
// That takes far longer than compiling a small program, so the object is
// cached in os.UserCacheDir()/naturekit under rt/build.Key, a hash of
// everything that determines it: the runtime's sources, the target and
// the compiler itself.

// runtimeObject returns the compiled runtime for opts.target, from the
// cache when it can.
func runtimeObject(opts compileOptions) (*object.File, error) {
	key := build.Key(opts.target)
	path := ""
	if dir, err := os.UserCacheDir(); err == nil {
		path = filepath.Join(dir, "naturekit", "runtime-"+key+".o")
	}
	if path != "" && !opts.noCache {
		if data, err := os.ReadFile(path); err == nil {
			// Named as build.Runtime names it: a link error must not
			// show the cache's path.
			if f, err := object.Read("runtime.o", data); err == nil {
				return f, nil
			}
		}
	}
	f, err := build.Runtime(opts.target)
	if err != nil {
		return nil, err
	}
	if path != "" {
		storeRuntime(path, f) // a cache that cannot be written only costs time
	}
	return f, nil
}

func storeRuntime(path string, f *object.File) {
	data, err := f.Marshal()
	if err != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(path), 0o755) == nil {
		cli.WriteOutput(path, data, 0o644)
	}
}
