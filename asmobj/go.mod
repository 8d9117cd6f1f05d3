module github.com/naturekit/naturekit/asmobj

go 1.26.8

require (
	github.com/naturekit/naturekit/asm v0.0.0
	github.com/naturekit/naturekit/link v0.0.0
)

replace (
	github.com/naturekit/naturekit/asm => ../asm
	github.com/naturekit/naturekit/link => ../link
)
