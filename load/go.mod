module github.com/naturekit/naturekit/load

go 1.26.8

require (
	github.com/naturekit/naturekit/ast v0.0.0
	github.com/naturekit/naturekit/internal/golden v0.0.0
	github.com/naturekit/naturekit/lex v0.0.0
	github.com/naturekit/naturekit/parse v0.0.0
	github.com/naturekit/naturekit/sema v0.0.0
	github.com/naturekit/naturekit/std v0.0.0
)

require (
	github.com/google/go-cmp v0.7.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

replace (
	github.com/naturekit/naturekit/ast => ../ast
	github.com/naturekit/naturekit/internal/golden => ../internal/golden
	github.com/naturekit/naturekit/lex => ../lex
	github.com/naturekit/naturekit/parse => ../parse
	github.com/naturekit/naturekit/sema => ../sema
	github.com/naturekit/naturekit/std => ../std
)
