module github.com/naturekit/naturekit/lower

go 1.26.8

require (
	github.com/naturekit/naturekit/asm v0.0.0
	github.com/naturekit/naturekit/cfg v0.0.0
	github.com/naturekit/naturekit/internal/golden v0.0.0
	github.com/naturekit/naturekit/lir v0.0.0
	github.com/naturekit/naturekit/regalloc v0.0.0
	github.com/naturekit/naturekit/ssa v0.0.0
)

require (
	github.com/google/go-cmp v0.7.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

replace (
	github.com/naturekit/naturekit/asm => ../asm
	github.com/naturekit/naturekit/cfg => ../cfg
	github.com/naturekit/naturekit/internal/golden => ../internal/golden
	github.com/naturekit/naturekit/lir => ../lir
	github.com/naturekit/naturekit/regalloc => ../regalloc
	github.com/naturekit/naturekit/ssa => ../ssa
)
