// fmt.Sprintf of the same mixed verbs as sprintf.n, N times (the
// argument; 300000 without one). The total length printed is the same
// as sprintf.n's; the checksum is not (Nature's %f truncates, Go's
// rounds).
package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	n := 300000
	if len(os.Args) > 1 {
		if v, err := strconv.Atoi(os.Args[1]); err == nil {
			n = v
		}
	}
	total, sum := 0, 0
	x := 3.25
	for i := 0; i < n; i++ {
		s := fmt.Sprintf("%d %s %x %08.3f %c %v|%5d", i, "name", i*7, x, byte(65), i%2 == 0, i%1000)
		total += len(s)
		sum += int(s[len(s)-1])
		x += 0.5
	}
	fmt.Println(total, sum)
}
