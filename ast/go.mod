module github.com/naturekit/naturekit/ast

go 1.26.8

require (
	github.com/google/go-cmp v0.7.0
	github.com/naturekit/naturekit/lex v0.0.0
)

replace (
	github.com/naturekit/naturekit/lex => ../lex
)
