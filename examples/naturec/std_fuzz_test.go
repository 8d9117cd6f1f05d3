package main

import "testing"

// FuzzFmt runs the standard library's fmt.sscanf and fmt.sprintf on
// arbitrary formats and texts (testdata/fuzz_fmt.n, compiled once): the
// program must end normally, with no panic, fault or hang, whatever the
// input. `go test -fuzz FuzzFmt ./examples/naturec` explores; the plain
// test runs the seeds.
func FuzzFmt(f *testing.F) {
	exe := fuzzDriver(f, "fuzz_fmt")
	for _, seed := range [][2]string{
		{"%d %d %s", "12 34 bob"},
		{"%d-%d", "2024-07"},
		{"x=%d,y=%d", "x=10;y=20"},
		{"%2d%3d%s", "123456"},
		{"%x %X %o", "ff FF 777"},
		{"%f %f", "3.25 -0.5"},
		{"%3c%c", "abcdef"},
		{"%5c", "ab"},
		{"%d%%", "50%"},
		{"%", ""},
		{"%0", "%0"},
		{"%5", "%5."},
		{"%.", "%.9"},
		{"%300d %260f %.300f", "%-5d %q %%"},
		{"%s%s%s%s%s%s%s%s%s%s%s%s", "a b c d e f g h i j k l"},
		{"%99999999999999999999d", "99999999999999999999999"},
		{"%f", "-.e5"},
		{"%c%c%c", ""},
		{"  %d  ", "   "},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, format, text string) {
		runDriver(t, exe, format+"\n"+text)
	})
}
