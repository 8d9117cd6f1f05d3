package gofront

import (
	"fmt"
	"os"
	"testing"
)

func TestZZInlineStats(t *testing.T) {
	var pk []string
	for _, d := range []string{"abi", "sys", "alloc", "gc"} {
		pk = append(pk, "github.com/naturekit/naturekit/rt/"+d)
	}
	m, err := Compile(Config{FS: os.DirFS(".."), Packages: pk, NoInline: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Funcs {
		switch f.Name {
		case "rt.alloc.Heap.FindObject", "rt.gc.Heap.shade", "rt.gc.worklist.push", "rt.gc.worklist.pop", "rt.alloc.Span.nextFree", "rt.alloc.Cache.allocSmall", "rt.alloc.SizeToClass", "rt.alloc.Heap.writePtrBits", "rt.alloc.ctz64":
			fmt.Println(f.Name, inlineSize(f), isLeaf(f))
		}
	}
}
