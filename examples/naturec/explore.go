package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"

	"github.com/naturekit/naturekit/examples/explore"
	"github.com/naturekit/naturekit/examples/internal/cli"
)

// runExplore is naturec explore: every stage of the program's functions
// in one HTML page (package examples/explore builds it; this only reads
// the flags and writes or serves the page).
func runExplore(args []string, stdout, stderr io.Writer) int {
	return runExploreContext(context.Background(), args, stdout, stderr)
}

// runExploreContext is runExplore; with --serve it serves until ctx is
// done (forever from the command line).
func runExploreContext(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("explore", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fn := fl.String("func", "", "show only the function `NAME` (main.NAME also matches)")
	out := fl.String("o", "", "write the page to `FILE` (- for stdout)")
	serve := fl.String("serve", "", "serve the page on `ADDR` (:PORT is loopback only) and rebuild it when the source changes")
	public := fl.Bool("public", false, "with --serve, allow an address that is not a loopback address")
	var opts compileOptions
	optFlags(fl, &opts)
	_, path, status := programArgs(fl, args, stderr)
	if status != 0 {
		return status
	}
	if (*out == "") == (*serve == "") {
		fmt.Fprintln(stderr, "naturec explore: want exactly one of -o FILE and --serve ADDR")
		return 2
	}
	eopts := explore.Options{Func: *fn, Backend: backendOptions(opts)}
	if *serve != "" {
		ln, err := explore.Listen(*serve, *public)
		if err != nil {
			fmt.Fprintln(stderr, "naturec explore:", err)
			return 1
		}
		fmt.Fprintf(stdout, "naturec explore: serving %s on http://%s/\n", path, ln.Addr())
		srv := &http.Server{Handler: explore.NewHandler(path, eopts)}
		go func() {
			<-ctx.Done()
			srv.Close()
		}()
		if err := srv.Serve(ln); err != nil && err != http.ErrServerClosed {
			fmt.Fprintln(stderr, "naturec explore:", err)
			return 1
		}
		return 0
	}
	page, err := explore.Build(path, eopts)
	if err != nil {
		return reportCompileError(stderr, err)
	}
	var buf bytes.Buffer
	if err := page.WriteHTML(&buf, explore.HTMLOptions{}); err != nil {
		fmt.Fprintln(stderr, "naturec explore:", err)
		return 1
	}
	if *out == "-" {
		stdout.Write(buf.Bytes())
		return 0
	}
	if err := cli.WriteOutput(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(stderr, "naturec explore:", err)
		return 1
	}
	return 0
}
