// Command gen writes the JSON document of bench/json.sh to standard
// output: an array of records (numbers, strings with escapes, bools,
// nested objects and arrays), about the size given in bytes, the same
// bytes on every run.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

func main() {
	size := 10 << 20
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		size = n
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	seed := uint64(1)
	next := func(n int) int { // xorshift: deterministic, no package state
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int(seed % uint64(n))
	}
	words := []string{"alpha", "beta", "gamma", "delta", "quote\"d", "back\\slash", "tab\tbed", "caf\u00e9", "new\nline", "plain"}
	cities := []string{"Oslo", "Lima", "Kyoto", "Nairobi", "Z\u00fcrich", "S\u00e3o Paulo"}
	written := 1
	w.WriteString("[")
	for i := 0; written < size; i++ {
		var b strings.Builder
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"id": %d, "name": %q, "email": "user%d@example.com", "active": %v, "score": %d.%d, `,
			i, words[next(len(words))]+" "+words[next(len(words))], i, next(2) == 1, next(100000), []int{0, 5, 25, 125, 75}[next(5)])
		b.WriteString(`"tags": [`)
		for j, n := 0, next(5); j < n; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%q", words[next(len(words))])
		}
		fmt.Fprintf(&b, `], "home": {"city": %q, "zip": %d}, "history": [`, cities[next(len(cities))], next(99999))
		for j, n := 0, next(12); j < n; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "%d", next(1000000)-500000)
		}
		b.WriteString(`], "note": null}`)
		written += b.Len()
		w.WriteString(b.String())
	}
	w.WriteString("]\n")
}
