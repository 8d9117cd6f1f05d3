// Dynamic interface calls in a tight loop: the Go twin of
// bench/iface/iface.n (bench/iface.sh sets iterations). The values come
// from a function that is not inlined, so the compiler cannot
// devirtualize the calls.
package main

import "fmt"

const iterations = 1000000

type shape interface {
	area() int
}

type square struct{ side int }

func (s *square) area() int { return s.side * s.side }

type rect struct{ w, h int }

func (r *rect) area() int { return r.w * r.h }

//go:noinline
func shapes() (shape, shape) { return &square{side: 3}, &rect{w: 2, h: 5} }

func main() {
	a, b := shapes()
	total := 0
	for i := 0; i < iterations; i++ {
		s := a
		if i&1 != 0 {
			s = b
		}
		total += s.area()
	}
	fmt.Println(total)
}
