// binarytrees.n in Go (bench/run.sh).
package main

import "fmt"

type node struct{ left, right *node }

func bottomUp(depth int) *node {
	if depth == 0 {
		return &node{}
	}
	return &node{bottomUp(depth - 1), bottomUp(depth - 1)}
}

func check(t *node) int {
	if t.left == nil {
		return 1
	}
	return 1 + check(t.left) + check(t.right)
}

func main() {
	n := 16
	maxDepth := n
	stretch := maxDepth + 1
	fmt.Println("stretch tree of depth", stretch, "check:", check(bottomUp(stretch)))
	longLived := bottomUp(maxDepth)
	for depth := 4; depth <= maxDepth; depth += 2 {
		iterations := 1 << (maxDepth - depth + 4)
		sum := 0
		for i := 0; i < iterations; i++ {
			sum += check(bottomUp(depth))
		}
		fmt.Println(iterations, "trees of depth", depth, "check:", sum)
	}
	fmt.Println("long lived tree of depth", maxDepth, "check:", check(longLived))
}
