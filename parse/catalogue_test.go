package parse

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lex"
)

// TestCatalogue checks the first error of the examples of the parser
// message catalogue (spec/diagnostics.md §3.2). A body without "top:" is
// wrapped in fn main() { ... }.
func TestCatalogue(t *testing.T) {
	tests := []struct{ id, src, want string }{
		{"P1", "var x int = 1", "expected '=' found 'int'"},
		{"P1", "if true println(1)", "expected '{' found 'println'"},
		{"P1", "var p = pt{x = 1}", "expected ':' found '='"},
		{"P1", "println(1, 2\n", "expected ',' found ';'"},
		{"P1", "var 'x' = 1", "expected 'ident_literal' found 'x'"},
		{"P1", "var type = 1", "expected 'ident_literal' found 'type'"},
		{"P1", "for k, v, w in m {\n}", "expected 'in' found ','"},
		{"P1", "top:fn f() -> int {\n}", "expected '{' found '->'"},
		{"P2", "var a = 1 var b = 2", "excepted ';' or '}' at end of statement"},
		{"P2", "x := 1", "excepted ';' or '}' at end of statement"},
		{"P2", "println 1", "excepted ';' or '}' at end of statement"},
		{"P2", "top:type s = struct { int x int y }", "excepted ';' or '}' at end of statement"},
		{"P3", "var a = ]", "cannot parser ident ']'"},
		{"P3", ")", "cannot parser ident ')'"},
		{"P3", "if true {\n}\nelse {\n}", "cannot parser ident 'else'"},
		{"P3", "var x = int", "cannot parser ident 'int'"},
		{"P3", "i++", "cannot parser ident '+'"},
		{"P3", "top:fn main() {\n", "cannot parser ident 'EOF'"},
		{"P4", "top:println(1)", "non-declaration statement outside fn body"},
		{"P4", "top:}", "non-declaration statement outside fn body"},
		{"P5", "top:fn f(5 x) {}", "ident '5' is not a type"},
		{"P6", "top:fn take(int|string v) {}", "union type only be declared in type alias"},
		{"P6", "int|string u = 3", "union type only be declared in type alias"},
		{"P6", "top:type t = struct {\n    int|string f\n}", "union type only be declared in type alias"},
		{"P7", "top:type u = int?|string", "union type declaration cannot use '?'"},
		{"P8", "top:type box<> = struct {\n}", "type alias params cannot empty"},
		{"P9", "top:fn pick<T, T>(T a):T { return a }", "generics param 'T' redeclared"},
		{"P10", "top:fn pick<T:int>(T a):T { return a }", "generic constraints must be declared with '#where'"},
		{"P11", "top:#where\nfn pick<T>(T a):T { return a }", "#where must declare at least one generic constraint"},
		{"P12", "top:#where T: int|float\nfn pick<T>(T a):T { return a }", "generic constraints only support '&' with interface constraints"},
		{"P13", "top:#where T: numeric, T: numeric\nfn pick<T>(T a):T { return a }", "generic param 'T' constraint redeclared"},
		{"P14", "top:#where T: numeric #where T: numeric\nfn pick<T>(T a):T { return a }", "#where redeclared"},
		{"P15", "top:#where T: numeric\nfn pick(int a):int { return a }", "#where can only be used with generic fn"},
		{"P16", "top:#where U: numeric\nfn pick<T>(T a):T { return a }", "generic param 'U' not found"},
		{"P17", "top:#where T: numeric\ntype box<T> = struct {\n}", "#where can only be applied to fn/fx"},
		{"P17", "top:#where T: numeric\nvar x = 1", "#where can only be applied to fn/fx"},
		{"P18", "top:#linkid foo\nvar x = 1", "the label can only be applied to type alias or fn/fx."},
		{"P19", "top:type s = struct {\nint x\nint x\n}", "struct field name 'x' exists"},
		{"P20", "top:type s = struct {\nfn():void f = fn() {}\n}", "struct field default value cannot be a function definition"},
		{"P21", "top:type s = union {\nint circle\nfloat circle\n}", "union tag name 'circle' exists"},
		{"P22", "top:type speaker = interface {\nint x\n}", "interface only supports fn and fx"},
		{"P23", "top:type t = interface {\nfn talk():string\nfn talk():string\n}", "interface method 'talk' exists"},
		{"P24", "top:type color = enum:string { RED, }", "enum only supports integer types"},
		{"P25", "top:type c = enum { RED, RED, }", "enum member 'RED' already exists"},
		{"P26", "top:type cb_t = fn(...[int], int):void", "can only use '...' as the final argument in the fn parameters"},
		{"P27", "top:type cb_t = fn(int a, int):void", "fn with both named and unnamed formal parameters"},
		{"P28", "top:fn printf(string fmt, ...)", "C variadic calls are currently supported only for windows_amd64"},
		{"P29", "top:fn f(...[int] a, int b) {}", "can only use '...' as the final argument in the fn parsms"},
		{"P30", "top:fn f(int 3) {}", "parser variable definitions error, '3' not a ident"},
		{"P31", "top:fn f(self) {}", "keyword `self` can only be used in impl fn"},
		{"P32", "var f = fn named() {}", "closure fn cannot have a name"},
		{"P33", "top:fn void.get():int { return 1 }", "type 'void' cannot impl fn"},
		{"P34", "top:test 5 {}", "test name must be ident or string literal"},
		{"P35", "test foo {}", "test block can only appear at global scope"},
		{"P36", "top:fn helper() {}\nmod main", "'mod' declaration must be the first statement of the file"},
		{"P37", "f(...v, 3)", "can only use '...' as the final argument in the list"},
		{"P38", "var x = is int", "is type must be specified in the match expression"},
		{"P39", "for int i = 0; i < 3 {\n}", "for stmt exception"},
		{"P41", "for k, v in 0..10 {\n}", "for range only supports one iterator variable"},
		{"P42", "f() catch e {} = 3", "catch cannot assign"},
		{"P43", "select {\nch -> {}\n}", "select case must be chan select call"},
		{"P44", "select {\nch.send(1) -> {}\n}", "only on_recv or on_send can be used in select case"},
		{"P45", "select {\n_ -> {}\n}", "select must contains on_call case"},
		{"P46", "defer\n", "defer must have statement body"},
		{"P48", "go a", "go expr must be call"},
		{"P49", "var f = @async(a)", "@async first arg must be call"},
		{"P50", "var a = @nothing(1)", "macro 'nothing' not defined"},
		{"P51", "int a(1)", "only support var (a, b) this form decl assign"},
		{"P52", "(a, 2) = (3, 4)", "tuple destr src operand assign failed"},
		{"P53", "top:pub var (a, b) = (1, 2)", "pub cannot be applied to tuple destructuring"},
		{"P54", "top:import 5", "import token must string"},
		{"P55", "top:import foo .bar", "spaces are not allowed before '.' in import paths"},
		{"P56", "top:import foo. bar", "spaces are not allowed after '.' in import paths"},
		{"P57", "top:import 'lib.n' as 5", "import as must ident"},
	}
	for _, tt := range tests {
		src := "fn main() {\n" + tt.src + "\n}\n"
		if top, ok := strings.CutPrefix(tt.src, "top:"); ok {
			src = top + "\n"
		}
		_, err := ParseFile(lex.NewFileSet(), "m.n", []byte(src))
		list, _ := err.(lex.ErrorList)
		if len(list) == 0 {
			t.Errorf("%s %q: no error, want %q", tt.id, tt.src, tt.want)
			continue
		}
		if !strings.HasPrefix(list[0].Msg, tt.want) {
			t.Errorf("%s %q: got %q, want %q", tt.id, tt.src, list[0].Msg, tt.want)
		}
	}
}
