module github.com/naturekit/naturekit/lir/linear

go 1.26.8

require (
	github.com/naturekit/naturekit/ast v0.0.0
	github.com/naturekit/naturekit/internal/golden v0.0.0
	github.com/naturekit/naturekit/lex v0.0.0
	github.com/naturekit/naturekit/lir v0.0.0-00010101000000-000000000000
	github.com/naturekit/naturekit/parse v0.0.0
	github.com/naturekit/naturekit/rt v0.0.0
	github.com/naturekit/naturekit/sema v0.0.0-00010101000000-000000000000
)

require (
	github.com/google/go-cmp v0.7.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

replace (
	github.com/naturekit/naturekit/ast => ../../ast
	github.com/naturekit/naturekit/internal/golden => ../../internal/golden
	github.com/naturekit/naturekit/lex => ../../lex
	github.com/naturekit/naturekit/lir => ..
	github.com/naturekit/naturekit/parse => ../../parse
	github.com/naturekit/naturekit/rt => ../../rt
	github.com/naturekit/naturekit/sema => ../../sema
)
