// Command benchhost is proof.BenchMain compiled by gc: the reference
// the native build of the same code is measured against under
// cachegrind (docs/runtime.md).
package main

import "github.com/naturekit/naturekit/rt/internal/proof"

func main() { proof.BenchMain() }
