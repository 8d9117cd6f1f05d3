//go:build !arm64

package sched

// archMaxStacks is Config.MaxStacks's default: DefaultMaxStacks
// (stacks_arm64.go has arm64's).
const archMaxStacks = DefaultMaxStacks
