package load

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLoadCheck loads and checks the package in $NATUREKIT_LOADBENCH
// (bench/load.sh generates one of 200 modules), without building it.
func BenchmarkLoadCheck(b *testing.B) {
	dir := os.Getenv("NATUREKIT_LOADBENCH")
	if dir == "" {
		b.Skip("set NATUREKIT_LOADBENCH to a package directory (bench/load.sh)")
	}
	for i := 0; i < b.N; i++ {
		prog, err := Load(filepath.Join(dir, "main.n"), &Config{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		prog.Check(nil)
	}
}
