// Command generics is bench/generics.sh's Go baseline: generic.n and
// special.n written in Go. With -special it runs the int-only functions,
// without it the generic ones (instantiated at int and float64, as the
// Nature program is). It is built outside the workspace by the script.
package main

import (
	"cmp"
	"flag"
	"fmt"
)

func next(s int) int { return (s*1103515245 + 12345) % 2147483648 }

type number interface {
	~int | ~float64
}

func sum[T number](xs []T) T {
	var acc T
	for _, x := range xs {
		acc += x
	}
	return acc
}

func maxOf[T cmp.Ordered](xs []T) T {
	best := xs[0]
	for _, x := range xs {
		if x > best {
			best = x
		}
	}
	return best
}

func qsort[T cmp.Ordered](a []T, lo, hi int) {
	for lo < hi {
		p := a[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		if j-lo < hi-i {
			qsort(a, lo, j)
			lo = i
		} else {
			qsort(a, i, hi)
			hi = j
		}
	}
}

func sorted[T cmp.Ordered](a []T) bool {
	for i := 1; i < len(a); i++ {
		if a[i-1] > a[i] {
			return false
		}
	}
	return true
}

func sumInt(xs []int) int {
	acc := 0
	for _, x := range xs {
		acc += x
	}
	return acc
}

func maxInt(xs []int) int {
	best := xs[0]
	for _, x := range xs {
		if x > best {
			best = x
		}
	}
	return best
}

func qsortInt(a []int, lo, hi int) {
	for lo < hi {
		p := a[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		if j-lo < hi-i {
			qsortInt(a, lo, j)
			lo = i
		} else {
			qsortInt(a, i, hi)
			hi = j
		}
	}
}

func sortedInt(a []int) bool {
	for i := 1; i < len(a); i++ {
		if a[i-1] > a[i] {
			return false
		}
	}
	return true
}

func main() {
	special := flag.Bool("special", false, "run the int-only functions")
	flag.Parse()
	n, check := 200000, 0
	for round := 0; round < 5; round++ {
		xs := make([]int, n)
		s := round + 1
		for i := range n {
			s = next(s)
			xs[i] = s % 1000000
		}
		if *special {
			check += sumInt(xs)%1000 + maxInt(xs)%1000
			qsortInt(xs, 0, n-1)
			if !sortedInt(xs) {
				fmt.Println("not sorted")
			}
		} else {
			check += sum(xs)%1000 + maxOf(xs)%1000
			qsort(xs, 0, n-1)
			if !sorted(xs) {
				fmt.Println("not sorted")
			}
		}
		check += xs[n/2] % 1000
	}
	fs := []float64{2.5, -1.0, 0.5}
	qsort(fs, 0, 2)
	fmt.Printf("%d %f %f\n", check, sum(fs), fs[0])
}
