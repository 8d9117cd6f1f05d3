// knucleotide.n in Go (bench/run.sh).
package main

import "fmt"

func main() {
	n := 60000
	dna := make([]int, n)
	seed := 42
	for i := 0; i < n; i++ {
		seed = (seed*3877 + 29573) % 139968
		dna[i] = seed * 4 / 139968
	}
	total := 0
	for round := 0; round < 5; round++ {
		for k := 1; k <= 10; k++ {
			counts := map[int]int{}
			mask := (1 << (2 * k)) - 1
			key := 0
			for i := 0; i < n; i++ {
				key = ((key << 2) | dna[i]) & mask
				if i+1 >= k {
					counts[key]++
				}
			}
			best := 0
			for _, c := range counts {
				if c > best {
					best = c
				}
			}
			if round == 0 {
				fmt.Println(k, len(counts), best)
			}
			total += len(counts)
		}
	}
	fmt.Println(total)
}
