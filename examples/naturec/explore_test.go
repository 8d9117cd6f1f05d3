package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/naturekit/naturekit/examples/naturec/internal/suite"
)

const exploreProg = "fn sum(int n):int {\n    var s = 0\n    for int i = 0; i < n; i += 1 {\n        s += i\n    }\n    return s\n}\n\nfn main() {\n    println(sum(10))\n}\n"

func TestExplore(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "sum.n")
	if err := os.WriteFile(src, []byte(exploreProg), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "sum.html")
	if code, _, stderr := runCmd(t, "", "explore", src, "-o", out); code != 0 {
		t.Fatalf("explore: exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"main.sum", "main.main", `data-key="asm"`, `data-key="pass1.`, "<svg"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the page has no %q", want)
		}
	}
	code, stdout, stderr := runCmd(t, "", "explore", "-O0", "--func", "sum", src, "-o", "-")
	if code != 0 || !strings.Contains(stdout, "main.sum") || strings.Contains(stdout, "main.main") || strings.Contains(stdout, `data-key="pass1.`) {
		t.Errorf("explore -O0 --func sum -o -: exit %d, stderr %q; page with main.main or SSA passes", code, stderr)
	}
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"explore", src}, 2, "exactly one of"},
		{[]string{"explore", src, "-o", out, "--serve", ":0"}, 2, "exactly one of"},
		{[]string{"explore", "--func", "nope", src, "-o", out}, 1, `no function "nope"`},
		{[]string{"explore", "--serve", "0.0.0.0:0", src}, 1, "--public"},
	} {
		code, _, stderr := runCmd(t, "", c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, stderr, c.code, c.msg)
		}
	}
}

// syncText is a writer that several goroutines write and the test reads.
type syncText = suite.SyncText

// TestExploreServe serves on a loopback port, gets the page and stops.
func TestExploreServe(t *testing.T) {
	src := filepath.Join(t.TempDir(), "sum.n")
	if err := os.WriteFile(src, []byte(exploreProg), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncText
	done := make(chan int)
	go func() { done <- runExploreContext(ctx, []string{"--serve", ":0", src}, &stdout, &stderr) }()
	var url string
	for range 100 {
		if _, rest, ok := strings.Cut(stdout.String(), " on "); ok {
			url = strings.TrimSpace(rest)
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		cancel()
		t.Fatalf("not serving on loopback: stdout %q, stderr %q", stdout.String(), stderr.String())
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(page), "main.sum") {
		t.Errorf("served page without main.sum: %.300s", page)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("explore --serve: exit %d: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("explore --serve did not stop")
	}
}
