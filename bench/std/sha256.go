// crypto/sha256 of the same N MB as sha256.n (the argument; 100
// without one); run with GODEBUG=cpu.all=off so that its assembly uses
// no SHA or AVX extensions.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
)

func main() {
	n := 100
	if len(os.Args) > 1 {
		if v, err := strconv.Atoi(os.Args[1]); err == nil {
			n = v
		}
	}
	block := make([]byte, 1<<20)
	for i := range block {
		block[i] = byte(i*31 + 7)
	}
	h := sha256.New()
	for i := 0; i < n; i++ {
		h.Write(block)
	}
	fmt.Println(hex.EncodeToString(h.Sum(nil)))
}
