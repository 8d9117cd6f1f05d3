package lex

import "testing"

func TestUnquote(t *testing.T) {
	tests := []struct{ lit, want string }{
		{`'abc'`, "abc"},
		{`"abc"`, "abc"},
		{"`a\\nb`", `a\nb`},
		{`'\n\t\r\b\f\a\v\0\\\'\"'`, "\n\t\r\b\f\a\v\x00\\'\""},
		{`"\x41\x7a"`, "Az"},
		{`'héllo'`, "héllo"},
	}
	for _, tt := range tests {
		got, err := Unquote(tt.lit)
		if err != nil || got != tt.want {
			t.Errorf("Unquote(%s) = %q, %v; want %q", tt.lit, got, err, tt.want)
		}
	}
	for _, bad := range []string{`'\q'`, `'\x4'`, `'\xZZ'`, `'abc`, `'`} {
		if _, err := Unquote(bad); err == nil {
			t.Errorf("Unquote(%s) succeeded", bad)
		}
	}
}

func TestIntValue(t *testing.T) {
	tests := []struct {
		lit  string
		want uint64
	}{
		{"42", 42}, {"0xff", 255}, {"0xFF", 255}, {"0o17", 15}, {"0b101", 5},
		{"017", 15}, {"0", 0}, {"18446744073709551615", 1<<64 - 1},
	}
	for _, tt := range tests {
		if got, err := IntValue(tt.lit); err != nil || got != tt.want {
			t.Errorf("IntValue(%s) = %d, %v; want %d", tt.lit, got, err, tt.want)
		}
	}
	if _, err := IntValue("0x1FFFFFFFFFFFFFFFF"); err == nil {
		t.Error("overflow not detected")
	}
}

func TestLookupWholeWords(t *testing.T) {
	// The reference scanner's fall-through quirk is not reproduced.
	for _, id := range []string{"e32", "e64", "eor", "ealse", "v8", "vint", "vnion", "meturn", "new", "self", "vec"} {
		if tok := Lookup(id); tok != IDENT {
			t.Errorf("Lookup(%s) = %v, want IDENT", id, tok)
		}
	}
	if Lookup("u64") != U64 || Lookup("match") != MATCH || Lookup("interface") != INTERFACE {
		t.Error("keyword lookup failed")
	}
}

func TestPositions(t *testing.T) {
	fset := NewFileSet()
	a := fset.AddFile("a.n", []byte("x\ny\n"))
	b := fset.AddFile("b.n", []byte("zz"))
	ScanFile(a)
	ScanFile(b)
	if got := fset.Position(a.Pos(2)).String(); got != "a.n:2:1" {
		t.Errorf("got %s", got)
	}
	if got := fset.Position(b.Pos(1)).String(); got != "b.n:1:2" {
		t.Errorf("got %s", got)
	}
	if got := a.LineText(2); got != "y" {
		t.Errorf("LineText = %q", got)
	}
}

// TestErrorListSort: diagnostics sort by file, line and column, and those
// at the same place keep the order they were reported in.
func TestErrorListSort(t *testing.T) {
	at := func(file string, line, col int, msg string) *Error {
		return &Error{Pos: Position{Filename: file, Line: line, Column: col}, Msg: msg}
	}
	l := ErrorList{at("b.n", 1, 1, "5"), at("a.n", 2, 1, "4"), at("a.n", 1, 9, "3"), at("a.n", 1, 2, "1"), at("a.n", 1, 2, "2")}
	l.Sort()
	var got string
	for _, e := range l {
		got += e.Msg
	}
	if got != "12345" {
		t.Errorf("sorted order %s, want 12345", got)
	}
}
