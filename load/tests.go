package load

import (
	"fmt"
	"strings"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/parse"
)

// TestFuncPrefix starts the names of the functions the entry module's
// test blocks become in a test program (TestProgram): the N-th block
// run is the function __nk_test_N.
const TestFuncPrefix = "__nk_test_"

// TestProgram turns the loaded program into the program `naturec test`
// runs (spec/semantics.md §13): in the entry module, fn main goes away
// (the reference neither checks nor runs it), each test block becomes
// an errable void function, and a generated fn main runs them in
// declaration order. It prints `Test [i/n] NAME ... ` before each test,
// then `OK`, or `FAILED` and the error's message when the test throws,
// and at the end `All n tests passed.` or `P passed; S skipped; F
// failed.`; its status is 0 whatever the tests do, and a panic ends
// the run as in any program. The tests named in skip are left out
// (counted as skipped, not run, not numbered). The test blocks of other
// modules are ignored, as the reference ignores them.
func (p *Program) TestProgram(skip []string) error {
	skipped := map[string]bool{}
	for _, s := range skip {
		skipped[s] = true
	}
	var names []string
	nskip := 0
	for _, f := range p.Entry.Files {
		if f == nil {
			continue
		}
		decls := f.Decls[:0]
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name != nil && d.Name.Name == "main" {
					continue
				}
			case *ast.TestDecl:
				name := testName(d)
				if skipped[name] {
					nskip++
					continue
				}
				names = append(names, name)
				fn := &ast.Ident{NamePos: d.Test, Name: fmt.Sprint(TestFuncPrefix, len(names))}
				decls = append(decls, &ast.FuncDecl{Fn: d.Test, Name: fn,
					Type: &ast.FuncType{Fn: d.Test, Errable: d.Test}, Body: d.Body})
				continue
			}
			decls = append(decls, d)
		}
		f.Decls = decls
	}
	src := testMain(names, nskip)
	file, err := parse.ParseFile(p.Fset, "<test main>", src)
	if err != nil {
		return fmt.Errorf("the generated test main: %v", err)
	}
	p.Entry.Files = append(p.Entry.Files, file)
	return nil
}

// testName is a test block's name as the reference prints it: the
// identifier, or the string's value.
func testName(d *ast.TestDecl) string {
	switch n := d.Name.(type) {
	case *ast.Ident:
		return n.Name
	case *ast.BasicLit:
		if s, err := lex.Unquote(n.Value); err == nil {
			return s
		}
		return n.Value
	}
	return ""
}

// testMain is the source of the test program's main and its helper.
func testMain(names []string, skipped int) []byte {
	var b strings.Builder
	b.WriteString(`fn __nk_test_run(string head, fn():void! t):bool {
    print(head)
    t() catch e {
        println('FAILED')
        println(e.msg())
        return false
    }
    println('OK')
    return true
}

fn main() {
    int passed = 0
    int failed = 0
`)
	for i, name := range names {
		head := fmt.Sprintf("Test [%d/%d] %s ... ", i+1, len(names), name)
		fmt.Fprintf(&b, "    if __nk_test_run(%s, %s%d) {\n        passed += 1\n    } else {\n        failed += 1\n    }\n",
			quote(head), TestFuncPrefix, i+1)
	}
	fmt.Fprintf(&b, `    if failed == 0 && %d == 0 {
        println('All', passed, 'tests passed.')
    } else {
        println(passed, 'passed;', %d, 'skipped;', failed, 'failed.')
    }
}
`, skipped, skipped)
	return []byte(b.String())
}

// quote writes s as a Nature string literal: printable ASCII as is but
// for the quote and the backslash, every other byte as \xHH.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= ' ' && c < 0x7f && c != '\'' && c != '\\' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "\\x%02x", c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}
