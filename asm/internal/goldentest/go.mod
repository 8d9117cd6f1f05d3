module github.com/naturekit/naturekit/asm/internal/goldentest

go 1.26.8

require (
	github.com/naturekit/naturekit/asm v0.0.0
	github.com/naturekit/naturekit/internal/golden v0.0.0
)

require (
	github.com/google/go-cmp v0.7.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

replace (
	github.com/naturekit/naturekit/asm => ../..
	github.com/naturekit/naturekit/internal/golden => ../../../internal/golden
)
