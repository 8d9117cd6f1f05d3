module github.com/naturekit/naturekit/cfg

go 1.26.8

require (
	github.com/google/go-cmp v0.7.0
	github.com/naturekit/naturekit/internal/golden v0.0.0
	github.com/naturekit/naturekit/lir v0.0.0
)

require (
	golang.org/x/tools v0.52.0 // indirect
)

replace (
	github.com/naturekit/naturekit/internal/golden => ../internal/golden
	github.com/naturekit/naturekit/lir => ../lir
)
