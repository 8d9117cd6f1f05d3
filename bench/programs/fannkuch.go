// fannkuch.n in Go (bench/run.sh).
package main

import "fmt"

func flips(perm, perm1 []int, n int) int {
	for i := 0; i < n; i++ {
		perm[i] = perm1[i]
	}
	f := 0
	k := perm[0]
	for k != 0 {
		lo, hi := 0, k
		for lo < hi {
			perm[lo], perm[hi] = perm[hi], perm[lo]
			lo++
			hi--
		}
		f++
		k = perm[0]
	}
	return f
}

func next(perm1, count []int, r, n int) int {
	for r != n {
		p0 := perm1[0]
		for i := 0; i < r; i++ {
			perm1[i] = perm1[i+1]
		}
		perm1[r] = p0
		count[r]--
		if count[r] > 0 {
			return r
		}
		r++
	}
	return n
}

func main() {
	n := 10
	perm := make([]int, n)
	perm1 := make([]int, n)
	count := make([]int, n)
	for i := range perm1 {
		perm1[i] = i
	}
	maxFlips, checksum, permCount := 0, 0, 0
	r := n
	for r != -1 {
		for r != 1 {
			count[r-1] = r
			r--
		}
		f := flips(perm, perm1, n)
		if f > maxFlips {
			maxFlips = f
		}
		if permCount%2 == 0 {
			checksum += f
		} else {
			checksum -= f
		}
		r = next(perm1, count, r, n)
		if r == n {
			r = -1
		}
		permCount++
	}
	fmt.Println(checksum)
	fmt.Println("Pfannkuchen(", n, ") =", maxFlips)
}
