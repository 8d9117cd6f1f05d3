module github.com/naturekit/naturekit/link/internal/gnutest

go 1.26.8

require (
	github.com/google/go-cmp v0.7.0
	github.com/naturekit/naturekit/asm v0.0.0
	github.com/naturekit/naturekit/link v0.0.0
)

replace (
	github.com/naturekit/naturekit/asm => ../../../asm
	github.com/naturekit/naturekit/link => ../..
)
