// Package bad uses every construct the runtime subset forbids; the
// checker's test expects one report per marked line.
package bad

import "fmt" // want: import

type iface interface{ M() } // want: interface type

type generic[T any] struct{ v T } // want: generic type

type holder struct {
	m map[int]int // want: map
	f func()      // want: function
}

type node struct{ next *node }

func g[T any](x T) T { return x } // want: generic function

func use(b []byte, s string, ch chan int) { // want: channel
	p := new(node)      // want: builtin new
	q := make([]int, 3) // want: builtin make
	q = append(q, 1)    // want: builtin append
	r := &node{}        // want: composite literal
	sl := []int{1, 2}   // want: slice literal
	fn := func() {}     // want: function literal (and function value)
	defer use(b, s, ch) // want: defer
	go use(b, s, ch)    // want: go
	t := s + "x"        // want: concatenation
	t += s              // want: concatenation
	bs := string(b)     // want: conversion
	for range s {       // want: range over string
	}
	ch <- 1                                      // want: send
	<-ch                                         // want: receive
	select {}                                    // want: select
	var x any = p                                // want: interface
	_ = x.(*node)                                // want: type assertion
	f := use                                     // want: function value
	panic(fmt.Sprint(p, q, r, sl, fn, t, bs, f)) // want: panic
}
