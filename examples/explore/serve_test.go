package explore

import (
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestListenLoopback checks that an address without a host listens on
// the loopback interface only and that another host is refused without
// public.
func TestListenLoopback(t *testing.T) {
	ln, err := Listen(":0", false)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		t.Errorf(":0 listens on %v, not a loopback address", ip)
	}
	for _, addr := range []string{"0.0.0.0:0", "[::]:0", "192.0.2.1:0", "example.com:0"} {
		if ln, err := Listen(addr, false); err == nil {
			ln.Close()
			t.Errorf("Listen(%q, false) succeeded", addr)
		} else if !strings.Contains(err.Error(), "--public") {
			t.Errorf("Listen(%q, false): %v", addr, err)
		}
	}
	if _, err := Listen("no port", false); err == nil {
		t.Error("Listen of an address without a port succeeded")
	}
}

// TestServe serves a program, changes its source and waits, with a
// bounded number of requests, for the page's version to change and the
// page to show the new function; then breaks the program and gets the
// error page, then fixes it again.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "main.n")
	write := func(src string, age time.Duration) {
		t.Helper()
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		// Distinct modification times even on a coarse clock.
		mt := time.Now().Add(-age)
		if err := os.Chtimes(path, mt, mt); err != nil {
			t.Fatal(err)
		}
	}
	write("fn twice(int x):int {\n    return x * 2\n}\n\nfn main() {\n    println(twice(21))\n}\n", time.Hour)
	ln, err := Listen("127.0.0.1:0", false)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: NewHandler(path, Options{})}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()
	get := func(p string) (int, string) {
		t.Helper()
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, string(b)
	}
	code, page := get("/")
	if code != 200 || !strings.Contains(page, "main.twice") || !strings.Contains(page, "XMLHttpRequest") {
		t.Fatalf("GET / = %d, page without main.twice or its reload script:\n%.500s", code, page)
	}
	_, v1 := get("/version")
	if code, _ := get("/nothing"); code != 404 {
		t.Errorf("GET /nothing = %d, want 404", code)
	}
	// waitFor asks for the version until it is not old (at most 50
	// requests) and returns it.
	waitFor := func(old string) string {
		t.Helper()
		for range 50 {
			if _, v := get("/version"); v != old {
				return v
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("the version stayed %q after the source changed", old)
		return ""
	}
	if _, v := get("/version"); v != v1 {
		t.Fatalf("the version changed without a change: %q, %q", v1, v)
	}
	write("fn thrice(int x):int {\n    return x * 3\n}\n\nfn main() {\n    println(thrice(14))\n}\n", 30*time.Minute)
	v2 := waitFor(v1)
	if _, page := get("/"); !strings.Contains(page, "main.thrice") || strings.Contains(page, "main.twice") {
		t.Fatalf("the page was not rebuilt:\n%.500s", page)
	}
	write("fn main() {\n    println(\n}\n", 20*time.Minute)
	v3 := waitFor(v2)
	if _, page := get("/"); !strings.Contains(page, `class="err"`) || !strings.Contains(page, "main.n:") {
		t.Fatalf("no error shown for a broken program:\n%.800s", page)
	}
	write("fn main() {\n    println(1)\n}\n", 10*time.Minute)
	waitFor(v3)
	if _, page := get("/"); strings.Contains(page, `class="err"`) || !strings.Contains(page, "main.main") {
		t.Fatalf("the page was not rebuilt after the fix:\n%.800s", page)
	}
}
