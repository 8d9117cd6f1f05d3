package lang

import (
	"testing"
	"unsafe"
)

func TestStrings(t *testing.T) {
	r := newRT(t, manual)
	foo, bar := r.str("foo"), r.str("bar")
	c := r.StringConcat(foo, bar)
	if goString(c) != "foobar" || StringLen(c) != 6 {
		t.Fatalf("concat = %q", goString(c))
	}
	if *(*byte)(unsafe.Add(c.Data, c.Len)) != 0 {
		t.Error("fresh string not NUL-terminated")
	}
	if r.StringConcat(foo, nil) != foo || r.StringConcat(nil, bar) != bar || r.StringConcat(nil, nil) != nil {
		t.Error("concat with empty must return the other operand")
	}
	if StringLen(nil) != 0 {
		t.Error("StringLen(nil)")
	}
	for _, cmp := range []struct {
		a, b string
		want int64
	}{
		{"", "", 0}, {"", "a", -1}, {"a", "", 1}, {"ab", "abc", -1}, {"b", "abc", 1},
		{"abc", "abc", 0}, {"abd", "abc", 1}, {"\xff", "\x01", 1}, {"foo", "bar", 1},
	} {
		if got := StringCompare(r.str(cmp.a), r.str(cmp.b)); got != cmp.want {
			t.Errorf("compare(%q, %q) = %d, want %d", cmp.a, cmp.b, got, cmp.want)
		}
	}
	if StringCompare(c, c) != 0 {
		t.Error("compare with itself")
	}
	s := r.str("conformance")
	for i, want := range []byte("conformance") {
		if got := r.StringIndex(s, int64(i), nil); got != want {
			t.Errorf("s[%d] = %d", i, got)
		}
	}
	for _, sl := range []struct {
		lo, hi int64
		want   string
	}{{0, 4, "conf"}, {4, 8, "orma"}, {0, 3, "con"}, {8, 11, "nce"}, {3, 3, ""}, {2, 9, "nforman"}, {0, 11, "conformance"}} {
		got := r.StringSlice(s, sl.lo, sl.hi, nil)
		if goString(got) != sl.want {
			t.Errorf("s[%d..%d] = %q, want %q", sl.lo, sl.hi, goString(got), sl.want)
		}
	}
	if r.StringSlice(s, 0, 11, nil) != s || r.StringSlice(s, 5, 5, nil) != nil {
		t.Error("whole slice must be s itself, empty slice nil")
	}
	if r.StringSlice(nil, 0, 0, nil) != nil {
		t.Error("slice of nil")
	}

	// s as [u8] copies; editing the copy leaves s alone; back to string.
	hello := r.str("hello")
	b := r.StringToBytes(hello)
	if VecLen(b) != 5 || VecCap(b) != 5 || b.Elem != 1 || string(bytesOf(b)) != "hello" {
		t.Fatalf("bytes = %q len %d cap %d elem %d", bytesOf(b), VecLen(b), VecCap(b), b.Elem)
	}
	*(*byte)(r.VecIndex(b, 0, nil)) = 'j'
	if goString(hello) != "hello" || goString(r.StringFromBytes(b)) != "jello" {
		t.Error("as [u8] must copy")
	}
	if r.StringToBytes(nil) != nil || r.StringFromBytes(nil) != nil {
		t.Error("empty conversions must be nil")
	}
	// (s as [u8]).slice(1, 4) as string
	if got := goString(r.StringFromBytes(r.VecSlice(r.StringToBytes(hello), 1, 1, 4, nil))); got != "ell" {
		t.Errorf("slice of bytes = %q", got)
	}
	// Pushing bytes.
	var built *Vec
	for i := 0; i < 5; i++ {
		built = r.VecPush(built, 1, uint64(65+i))
	}
	if got := goString(r.StringFromBytes(built)); got != "ABCDE" {
		t.Errorf("built = %q", got)
	}
}

func bytesOf(v *Vec) []byte {
	if v == nil {
		return nil
	}
	return unsafe.Slice((*byte)(v.Data), v.Len)
}

// TestStringHashEqual: equal contents hash equally wherever they live.
func TestStringHashEqual(t *testing.T) {
	r := newRT(t, manual)
	long := "the quick brown fox jumps over the lazy dog"
	a := r.str(long)
	for lo := 0; lo < len(long); lo++ {
		for hi := lo; hi <= len(long); hi++ {
			x := r.StringSlice(a, int64(lo), int64(hi), nil)
			y := r.str(long[lo:hi])
			if stringHash(x) != stringHash(y) || !stringEqual(x, y) {
				t.Fatalf("[%d:%d]: hash or equality differs", lo, hi)
			}
		}
	}
}
