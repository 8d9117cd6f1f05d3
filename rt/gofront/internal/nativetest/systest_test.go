package nativetest

import (
	"os"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/rt/gofront/build"
	"github.com/naturekit/naturekit/rt/gofront/internal/nativerun"
	"github.com/naturekit/naturekit/rt/internal/systest"
)

// TestSystestHost runs the checks against sys_host.go.
func TestSystestHost(t *testing.T) {
	systest.Run()
	got := string(systest.Output())
	want := expected(os.Args[1:], os.Getenv("NATUREKIT_SYSTEST"), false)
	if got != want {
		t.Errorf("host output:\n%s\nwant:\n%s", got, want)
	}
}

// TestSystestNative runs the same checks compiled by naturekit.
func TestSystestNative(t *testing.T) { systestNative(t, build.LinuxAMD64) }

// TestSystestNativeARM64 runs them compiled for linux_arm64, under
// qemu-aarch64-static: the arm64 stubs of rt/sys (sys_arm64.asm).
func TestSystestNativeARM64(t *testing.T) { systestNative(t, build.LinuxARM64) }

func systestNative(t *testing.T, target string) {
	path := nativerun.Build(t, build.Config{FS: os.DirFS("../../.."), Options: build.Options(), Target: target,
		Packages: []string{"github.com/naturekit/naturekit/rt/internal/systest", nativerun.StartPath}}, "systest")
	cmd := nativerun.Command(t, target, path, "alpha", "beta gamma")
	cmd.Env = append(os.Environ(), "NATUREKIT_SYSTEST=42")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if want := expected([]string{"alpha", "beta gamma"}, "42", true); string(out) != want {
		t.Errorf("native output:\n%s\nwant:\n%s", out, want)
	}
}

func expected(args []string, env string, native bool) string {
	var b strings.Builder
	for _, c := range []string{"mmap", "mmap zero", "memmove up", "memmove down", "memclr", "madvise",
		"munmap", "reserve", "commit", "committed", "mmap populate", "mmap populate write", "mmap ENOMEM", "write 0",
		"atomic32", "atomic64", "atomicuintptr", "sleep", "futex EAGAIN", "futex timeout", "futex wake"} {
		b.WriteString(c + ": ok\n")
	}
	b.WriteString("args:")
	for _, a := range args {
		b.WriteString(" " + a)
	}
	b.WriteString("\nargv nil: ok\nenv:")
	if env != "" {
		b.WriteString(" " + env)
	}
	b.WriteString("\n")
	for _, c := range []string{"epoll create", "epoll ctl", "epoll ctl EEXIST", "epoll wait none", "ppoll none",
		"ppoll ready", "epoll ready", "epoll ctl del", "epoll wait EBADF"} {
		b.WriteString(c + ": ok\n")
	}
	if native {
		b.WriteString("native stack: ok\nnative frame pointer spilled: ok\nnative data: ok\n")
	}
	return b.String()
}
