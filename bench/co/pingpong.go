// One million round trips over two unbuffered channels between main and
// one goroutine.
package main

import "fmt"

func main() {
	n := 1000000
	ping, pong := make(chan int), make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			pong <- (<-ping) + 1
		}
	}()
	v := 0
	for i := 0; i < n; i++ {
		ping <- v
		v = <-pong
	}
	fmt.Println(v)
}
