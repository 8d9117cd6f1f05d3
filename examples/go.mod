module github.com/naturekit/naturekit/examples

go 1.26.8

require (
	github.com/aymanbagabas/go-udiff v0.4.2
	github.com/naturekit/naturekit/asm v0.0.0
	github.com/naturekit/naturekit/asmobj v0.0.0
	github.com/naturekit/naturekit/ast v0.0.0
	github.com/naturekit/naturekit/internal/golden v0.0.0
	github.com/naturekit/naturekit/lex v0.0.0
	github.com/naturekit/naturekit/link v0.0.0
	github.com/naturekit/naturekit/load v0.0.0
	github.com/naturekit/naturekit/lir v0.0.0
	github.com/naturekit/naturekit/lir/linear v0.0.0
	github.com/naturekit/naturekit/lower v0.0.0
	github.com/naturekit/naturekit/parse v0.0.0
	github.com/naturekit/naturekit/rt v0.0.0
	github.com/naturekit/naturekit/rt/gofront v0.0.0
	github.com/naturekit/naturekit/sema v0.0.0
	github.com/naturekit/naturekit/ssa v0.0.0
	golang.org/x/tools v0.52.0
)

require (
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/naturekit/naturekit/cfg v0.0.0 // indirect
	github.com/naturekit/naturekit/regalloc v0.0.0 // indirect
	github.com/naturekit/naturekit/std v0.0.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)

replace (
	github.com/naturekit/naturekit/asm => ../asm
	github.com/naturekit/naturekit/asmobj => ../asmobj
	github.com/naturekit/naturekit/ast => ../ast
	github.com/naturekit/naturekit/cfg => ../cfg
	github.com/naturekit/naturekit/internal/golden => ../internal/golden
	github.com/naturekit/naturekit/lex => ../lex
	github.com/naturekit/naturekit/link => ../link
	github.com/naturekit/naturekit/load => ../load
	github.com/naturekit/naturekit/lir => ../lir
	github.com/naturekit/naturekit/lir/linear => ../lir/linear
	github.com/naturekit/naturekit/lower => ../lower
	github.com/naturekit/naturekit/parse => ../parse
	github.com/naturekit/naturekit/regalloc => ../regalloc
	github.com/naturekit/naturekit/rt => ../rt
	github.com/naturekit/naturekit/rt/gofront => ../rt/gofront
	github.com/naturekit/naturekit/sema => ../sema
	github.com/naturekit/naturekit/ssa => ../ssa
	github.com/naturekit/naturekit/std => ../std
)
