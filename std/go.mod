module github.com/naturekit/naturekit/std

go 1.26.8
