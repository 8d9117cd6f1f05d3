// Package t3 runs the t3_ tier of the shared conformance suite
// (coroutines) for linux_arm64 under qemu at -O0.
package t3

import (
	"testing"

	"github.com/naturekit/naturekit/examples/naturec/internal/suite"
)

func TestConformanceARM64(t *testing.T) { suite.ARM64(t, "O0", suite.SetT3) }
