package linear

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/naturekit/naturekit/lir/linear/hostrt"
)

// genericSrc has an instance of each kind: a function at two types and
// twice at one, a method of a generic type, a method with its own type
// parameter, a static method, a method declared on vec<T>, a closure in
// an instance and a generic function calling another with its own T.
const genericSrc = `
type box<T> = struct {
    T v
}

fn box<T>.get(self):T {
    return self.v
}

fn box<T>.map<U>(self, fn(T):U f):box<U> {
    return box<U>{v: f(self.v)}
}

fn box<T>.of(T v):box<T> {
    return box<T>{v: v}
}

fn vec<T>.last(self):T {
    return self[self.len() - 1]
}

fn id<T>(T v):T {
    return v
}

fn twice<T>(T v):[T] {
    var f = fn():T {
        return id(v)
    }
    return [f(), f()]
}

type point = struct {
    int x
}

fn main() {
    println(id(1), id(2), id('s'), id<i64>(3))
    var b = box<{string:[int]}>.of({'a': [1]})
    println(b.get().len(), b.map(fn({string:[int]} m):(int, bool) { return (m.len(), true) }).v[0])
    println([1.5, 2.5].last(), twice(point{x: 4})[1].x)
}
`

// TestInstanceNames: instances are deduplicated (int and i64 are one
// type) and named readably.
func TestInstanceNames(t *testing.T) {
	m, err := lower(t, []byte(genericSrc))
	if err != nil {
		t.Fatal(err)
	}
	checkModule(t, m)
	var names []string
	for _, f := range m.Funcs {
		names = append(names, f.Name)
	}
	for _, want := range []string{
		"main.id<int>",
		"main.id<string>",
		"main.box<map<string,vec<int>>>.of",
		"main.box<map<string,vec<int>>>.get",
		"main.box<map<string,vec<int>>>.map<tup<int,bool>>",
		"main.vec<float>.last",
		"main.twice<point>",
		"main.twice<point>.lambda.0",
		"main.id<point>",
	} {
		if !slices.Contains(names, want) {
			t.Errorf("no function %s in %q", want, names)
		}
	}
	for _, name := range names {
		if strings.Contains(name, "id<i64>") {
			t.Errorf("id<i64> is a second instance of id<int>: %q", names)
		}
	}
	if !strings.Contains(m.String(), `call @"main.id<int>"(i64 3)`) {
		t.Errorf("id<i64>(3) does not call main.id<int>:\n%s", m)
	}
	out, _, err := hostrt.Run(m, hostrt.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "1 2 s 3\n1 1\n2.500000 4\n"; out != want {
		t.Errorf("output %q, want %q", out, want)
	}
}

// TestInstanceLimit: a generic function that instantiates itself with an
// ever deeper type argument is an error, not a hang.
func TestInstanceLimit(t *testing.T) {
	src := `
fn deep<T>(T v, int n):int {
    if n == 0 {
        return 0
    }
    return 1 + deep<[T]>([v], n - 1)
}

fn main() {
    println(deep(1, 3))
}
`
	done := make(chan error, 1)
	go func() {
		_, err := lower(t, []byte(src))
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "main.n:6:16: linear: instantiating main.deep without end") {
			t.Errorf("error %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no answer in 20 s")
	}
}

// TestGenericConcurrent lowers generic programs in parallel (run with
// -race): instantiation keeps its state per Build.
func TestGenericConcurrent(t *testing.T) {
	lowerConcurrently(t, 10, [][]byte{[]byte(genericSrc)}, "t2_043_generic_struct_methods", "t2_067_generic_higher_order")
}
