// Spawn 100000 goroutines, each returning a value through a channel of
// its own (a future), then receive them all.
package main

import "fmt"

func job(i int) int { return i*2 + 1 }

func main() {
	n := 100000
	fs := make([]chan int, n)
	for i := range fs {
		fs[i] = make(chan int, 1)
		go func(i int) { fs[i] <- job(i) }(i)
	}
	total := 0
	for _, f := range fs {
		total += <-f
	}
	fmt.Println(total)
}
