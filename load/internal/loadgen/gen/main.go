// Command gen writes the package of package loadgen into DIR:
//
//	go run ./load/internal/loadgen/gen DIR
package main

import (
	"fmt"
	"os"

	"github.com/naturekit/naturekit/load/internal/loadgen"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen DIR")
		os.Exit(2)
	}
	if err := loadgen.Write(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
