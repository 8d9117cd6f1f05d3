// 100000 goroutines blocked receiving on one channel: main prints
// "ready" when they all wait, then sleeps while the memory is measured.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	n := 100000
	gate := make(chan int)
	started := make(chan int, n)
	for i := 0; i < n; i++ {
		go func() {
			started <- 1
			<-gate
		}()
	}
	for i := 0; i < n; i++ {
		<-started
	}
	fmt.Println("ready")
	os.Stdout.Sync()
	time.Sleep(3 * time.Second)
}
