package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// FuzzJSON runs the standard library's json.parse, json.deserialize and
// json.serialize on arbitrary texts (testdata/fuzz_json.n, compiled
// once). The program must end normally, with no panic, fault or hang,
// whatever the input; json.parse must accept exactly the texts Go's
// encoding/json accepts (nested at most 256 deep, json's limit), and
// what json.serialize writes of the tree must read back, with Go, as the
// same value as the input. `go test -fuzz FuzzJSON ./examples/naturec`
// explores; the plain test runs the seeds.
func FuzzJSON(f *testing.F) {
	exe := fuzzDriver(f, "fuzz_json")
	for _, seed := range []string{
		`{"b":true,"n":3,"kids":[{"s":"x"}],"extra":[1,{"a":null}]}`,
		`{"small":300,"port":-1,"ratio":0.1,"x":-2.5e-3,"nums":[1,2,3],"m":{"a":1,"b":2}}`,
		`[1, "two", [3], {}, null, true, false, -0, 0.5e+3, 1E-2]`,
		`"\u00e9\ud83d\ude00\ud800\udc00\ude00 \" \\ \/ \b\f\n\r\t"`,
		`{"a":1,}`, `[1 2]`, `01`, `1.`, `-`, `1e`, `"\x"`, `"\u12"`, `"abc`, ``, `   `,
		`{"dup":1,"dup":2}`, `123456789012345678901234567890`, `{"maybe":null,"extra":{"k":[[]]}}`,
		strings.Repeat("[", 256) + strings.Repeat("]", 256),
		strings.Repeat("[", 257) + strings.Repeat("]", 257),
		"\"a\x01b\"", "\"\xff\xfe\"", "{\"s\":\"\u2028\"}",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		out := runDriver(t, exe, text)
		lines := strings.Split(out, "\n")
		got := lines[0]
		valid := json.Valid([]byte(text))
		if valid && jsonDepth(text) > 256 {
			if !strings.HasPrefix(got, "error JSON nesting exceeds 256 at position ") {
				t.Fatalf("%q: nested deeper than 256, got %q", text, got)
			}
			return
		}
		ok := strings.HasPrefix(got, "ok ")
		if ok != valid {
			t.Fatalf("%q: encoding/json says valid=%v, json.parse: %q", text, valid, got)
		}
		if !ok {
			if !strings.HasPrefix(got, "error ") || !strings.Contains(got, " at position ") {
				t.Fatalf("%q: json.parse: %q", text, got)
			}
			return
		}
		want, back := goJSON(t, text), goJSON(t, strings.TrimPrefix(got, "ok "))
		if !reflect.DeepEqual(want, back) {
			t.Fatalf("%q: json.serialize wrote %q, which reads as %#v, not %#v", text, got, back, want)
		}
		// deserialize reads a number no f64 holds as an infinity, as
		// the reference does (std_json_deserialize: 1e400), and
		// serialize refuses to write one back (docs/std.md).
		if len(lines) < 2 || !strings.HasPrefix(lines[1], "ok ") && !strings.HasPrefix(lines[1], "error ") &&
			!strings.HasPrefix(lines[1], "serialize error unsupported value `") {
			t.Fatalf("%q: json.deserialize: %q", text, out)
		}
	})
}

// goJSON reads a JSON text with encoding/json, numbers kept as text.
func goJSON(t *testing.T, text string) any {
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	return v
}

// jsonDepth returns how deeply the arrays and objects of a valid JSON
// text nest, reading it with encoding/json's tokenizer.
func jsonDepth(text string) int {
	dec := json.NewDecoder(strings.NewReader(text))
	depth, most := 0, 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return most
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
			most = max(most, depth)
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
	}
}

// fuzzDriver builds testdata/NAME.n, the driver program of a fuzz
// target, once, and returns the executable.
func fuzzDriver(f *testing.F, name string) string {
	bin := naturec(f)
	dir := f.TempDir()
	exe := filepath.Join(dir, name)
	src, err := filepath.Abs(filepath.Join("testdata", name+".n"))
	if err != nil {
		f.Fatal(err)
	}
	if out, err := runIn(dir, 2*time.Minute, bin, "build", "-o", exe, src); err != nil {
		f.Fatalf("build: %v\n%s", err, out.Combined)
	}
	return exe
}

// runDriver runs a fuzz driver with stdin as its standard input and
// returns what it printed; the driver must end normally within ten
// seconds with "done" as its last line.
func runDriver(t *testing.T, exe, stdin string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe)
	cmd.Stdin = strings.NewReader(stdin)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("input %q: timed out", stdin)
	}
	if err != nil || !strings.HasSuffix(out.String(), "done\n") {
		t.Fatalf("input %q: %v\n%s", stdin, err, out.String())
	}
	return out.String()
}
