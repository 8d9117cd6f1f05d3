package lang

import (
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/gc"
)

func TestParseBytes(t *testing.T) {
	cases := []struct {
		in   string
		want uintptr
		ok   bool
	}{
		{"0", 0, true},
		{"123456", 123456, true},
		{"100B", 100, true},
		{"64KiB", 64 << 10, true},
		{"64MiB", 64 << 20, true},
		{"3GiB", 3 << 30, true},
		{"2TiB", 2 << 40, true},
		{"4611686018427387903", 1<<62 - 1, true},
		{"4611686018427387904", 0, false}, // 2^62
		{"99999999999999999999999", 0, false},
		{"4194304TiB", 0, false}, // 2^62
		{"", 0, false},
		{"MiB", 0, false},
		{"64M", 0, false},
		{"64MB", 0, false},
		{"64 MiB", 0, false},
		{"64mib", 0, false},
		{"-5", 0, false},
		{"1.5GiB", 0, false},
		{"64MiBx", 0, false},
	}
	for _, c := range cases {
		b := append([]byte(c.in), 0)
		got, ok := parseBytes(unsafe.Pointer(&b[0]))
		if got != c.want || ok != c.ok {
			t.Errorf("parseBytes(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestMemLimitEnv checks how the process's configuration reads
// NATURE_MEMLIMIT (the host's sys.Envp is the process's environment).
func TestMemLimitEnv(t *testing.T) {
	for _, c := range []struct{ env, want string }{
		{"64MiB", "67108864"}, {"off", "0"}, {"0", "1"}, {"1000", "1000"},
	} {
		expectExit(t, "env-"+c.env, c.want+"\n", 0, func(r *Runtime) {
			r.PrintUint(uint64(processConfig().GC.MemLimit))
			r.PrintString(mkstr(r, "\n"))
		}, memLimitEnv+"="+c.env)
	}
	expectExit(t, "env-malformed", "", 2, func(r *Runtime) {
		processConfig()
	}, memLimitEnv+"=64MB")
}

// TestOutOfMemory runs a runtime capped at 8 MiB in a child process:
// garbage worth many times the cap is allocated without trouble (each
// refusal collects), then objects kept live past the cap end the
// program with the out-of-memory runtime error (without a position: the
// host has no position table) and exit status 1, after its output.
func TestOutOfMemory(t *testing.T) {
	const limit = 8 << 20
	const size = 1 << 20
	limited := func() *testRT {
		tr := newRT(t, gc.Config{GOGC: -1, MemLimit: limit}) // only refusals collect
		tr.fd = 1
		return tr
	}
	expectExit(t, "garbage", "200 MiB of garbage\n", 0, func(r *Runtime) {
		tr := limited()
		for i := 0; i < 200; i++ {
			b := tr.AllocBytes(size)
			*(*byte)(unsafe.Add(b, size-1)) = 1
		}
		tr.PrintString(mkstr(tr.Runtime, "200 MiB of garbage\n"))
		tr.Exit(0)
	})
	expectExit(t, "live", "kept 1 MiB objects\npanic: '"+outOfMemory+"'\n", 1, func(r *Runtime) {
		tr := limited()
		tr.PrintString(mkstr(tr.Runtime, "kept 1 MiB objects\n"))
		for i := 0; i < numRoots; i++ {
			tr.root(i, tr.AllocBytes(size))
		}
		tr.PrintString(mkstr(tr.Runtime, "all of them\n"))
		tr.Exit(0)
	})
	expectExit(t, "too-large", "panic: '"+outOfMemory+"'\n", 1, func(r *Runtime) {
		r.AllocBytes(maxObject + 1)
	})
}
