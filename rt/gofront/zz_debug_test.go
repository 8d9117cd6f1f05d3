package gofront

import (
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/naturekit/naturekit/lir"
)

func TestZZInlineStats(t *testing.T) {
	var pk []string
	for _, d := range []string{"abi", "sys", "alloc", "gc", "lang", "start"} {
		pk = append(pk, "github.com/naturekit/naturekit/rt/"+d)
	}
	m, err := Compile(Config{FS: os.DirFS(".."), Packages: pk, NoInline: true})
	if err != nil {
		t.Fatal(err)
	}
	calls := map[string]int{}
	size := map[string]int{}
	for _, f := range m.Funcs {
		size[f.Name] = inlineSize(f)
		for _, id := range f.Linear {
			if c, ok := f.Instrs[id].(*lir.Call); ok && c.Callee.Kind == lir.SymOperand {
				calls[f.Syms[c.Callee.Index]]++
			}
		}
	}
	var names []string
	for n := range calls {
		if s := size[n]; s > 0 {
			names = append(names, n)
		}
	}
	sort.Slice(names, func(i, j int) bool { return calls[names[i]]*size[names[i]] > calls[names[j]]*size[names[j]] })
	for _, n := range names[:40] {
		fmt.Println(n, calls[n], size[n])
	}
}
