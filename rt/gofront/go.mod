module github.com/naturekit/naturekit/rt/gofront

go 1.26.8

require (
	github.com/naturekit/naturekit/asm v0.0.0
	github.com/naturekit/naturekit/asmobj v0.0.0-00010101000000-000000000000
	github.com/naturekit/naturekit/internal/golden v0.0.0
	github.com/naturekit/naturekit/link v0.0.0
	github.com/naturekit/naturekit/lir v0.0.0
	github.com/naturekit/naturekit/lower v0.0.0-00010101000000-000000000000
	github.com/naturekit/naturekit/rt v0.0.0-00010101000000-000000000000
	github.com/naturekit/naturekit/ssa v0.0.0
	golang.org/x/tools v0.52.0
)

require (
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/naturekit/naturekit/cfg v0.0.0 // indirect
	github.com/naturekit/naturekit/regalloc v0.0.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
)

replace (
	github.com/naturekit/naturekit/asm => ../../asm
	github.com/naturekit/naturekit/asmobj => ../../asmobj
	github.com/naturekit/naturekit/cfg => ../../cfg
	github.com/naturekit/naturekit/internal/golden => ../../internal/golden
	github.com/naturekit/naturekit/link => ../../link
	github.com/naturekit/naturekit/lir => ../../lir
	github.com/naturekit/naturekit/lower => ../../lower
	github.com/naturekit/naturekit/regalloc => ../../regalloc
	github.com/naturekit/naturekit/rt => ..
	github.com/naturekit/naturekit/ssa => ../../ssa
)
