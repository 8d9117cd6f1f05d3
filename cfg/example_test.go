package cfg_test

import (
	"fmt"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
)

func ExampleBuild() {
	f, err := lir.ParseFunc("f.lir", `
func @f(%0:i64) i64 linear pos "f.n:1:1" {
	br %0, pos, neg
pos:
	ret 1
neg:
	%1:i64 = copy 2
}`)
	if err != nil {
		panic(err)
	}
	fmt.Println(cfg.Build(f))
	fmt.Print(f)
	// Output:
	// f.n:1:1: missing return at end of function @f
	// func @f(%0:i64) i64 cfg pos "f.n:1:1" {
	// entry:
	// 	br %0, pos, neg
	// pos:
	// 	ret 1
	// neg:
	// 	%1:i64 = copy 2
	// 	unreachable
	// }
}

func ExampleSplitCriticalEdges() {
	f, err := lir.ParseFunc("g.lir", `
func @g(%0:i64) i64 cfg {
entry:
	br %0, join, other
other:
	jmp join
join:
	ret %0
}`)
	if err != nil {
		panic(err)
	}
	n := cfg.SplitCriticalEdges(f)
	fmt.Println(n, "edge split")
	fmt.Print(f)
	// Output:
	// 1 edge split
	// func @g(%0:i64) i64 cfg {
	// entry:
	// 	br %0, entry_join, other
	// other:
	// 	jmp join
	// join:
	// 	ret %0
	// entry_join:
	// 	jmp join
	// }
}
