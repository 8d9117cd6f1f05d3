package lang

import (
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/rt/gc"
)

// TestGCTraceAndScavenge runs three explicit collections after 4 MB of
// large objects became garbage: each writes its trace line
// (NATURE_GCTRACE's format, docs/runtime.md), and the scavenger's step
// after each gives the freed pages back at the second, not the first.
func TestGCTraceAndScavenge(t *testing.T) {
	r := newRT(t, gc.Config{MinTrigger: 64 << 20})
	f, err := os.CreateTemp(t.TempDir(), "trace")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r.gcx.traceFD = int(f.Fd())
	const n, size = 40, 100 << 10
	for i := 0; i < n; i++ {
		r.AllocBytes(size)
	}
	var scavenged [3]uintptr
	for i := range scavenged {
		r.Collect()
		scavenged[i] = r.heap.Mem.Scavenged()
	}
	if scavenged[0] != 0 || scavenged[1] < n*size || scavenged[2] != scavenged[1] {
		t.Errorf("bytes scavenged after each collection: %d, want 0, then at least %d, then the same", scavenged, n*size)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("trace:\n%s\nwant 3 lines", b)
	}
	re := regexp.MustCompile(`^gc (\d+) @\d+\.\d{3}s \d+%: \d+\.\d{3} ms pause, (\d+)->(\d+) MB, (\d+) MB goal, (\d+) MB scavenged, 1 P$`)
	want := [][5]int{
		{1, 4, 0, 64, 0}, // 4160 KiB of garbage freed; the goal is MinTrigger
		{2, 0, 0, 64, 4}, // its pages given back after the second step
		{3, 0, 0, 64, 4},
	}
	for i, line := range lines {
		m := re.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("trace line %q does not have the documented form", line)
		}
		for j, w := range want[i] {
			if got, _ := strconv.Atoi(m[j+1]); got != w {
				t.Errorf("trace line %q: field %d is %d, want %d", line, j+1, got, w)
			}
		}
	}
}
