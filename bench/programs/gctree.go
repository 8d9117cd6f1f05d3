// gctree.n in Go (bench/run.sh).
package main

import "fmt"

type node struct {
	left, right *node
	i, j        int
}

const (
	stretchDepth   = 18
	longLivedDepth = 16
	arraySize      = 500000
	minDepth       = 4
	maxDepth       = 16
)

func treeSize(depth int) int { return (1 << (depth + 1)) - 1 }

func populate(depth int, n *node) {
	if depth <= 0 {
		return
	}
	n.left = &node{}
	n.right = &node{}
	populate(depth-1, n.left)
	populate(depth-1, n.right)
}

func makeTree(depth int) *node {
	if depth <= 0 {
		return &node{}
	}
	return &node{left: makeTree(depth - 1), right: makeTree(depth - 1)}
}

func check(t *node) int {
	if t.left == nil {
		return 1
	}
	return 1 + check(t.left) + check(t.right)
}

func main() {
	fmt.Println("stretch tree of depth", stretchDepth, "check:", check(makeTree(stretchDepth)))
	longLived := &node{}
	populate(longLivedDepth, longLived)
	array := make([]float64, arraySize)
	for i := 0; i < arraySize/2; i++ {
		array[i] = 1.0 / float64(i+1)
	}
	for depth := minDepth; depth <= maxDepth; depth += 2 {
		iters := 2 * treeSize(stretchDepth) / treeSize(depth)
		topDown := 0
		for i := 0; i < iters; i++ {
			t := &node{}
			populate(depth, t)
			topDown += check(t)
		}
		bottomUp := 0
		for i := 0; i < iters; i++ {
			bottomUp += check(makeTree(depth))
		}
		fmt.Println(iters, "trees of depth", depth, "check:", topDown, bottomUp)
	}
	fmt.Println("long lived tree of depth", longLivedDepth, "check:", check(longLived), int(array[1000]*1000000.0))
}
