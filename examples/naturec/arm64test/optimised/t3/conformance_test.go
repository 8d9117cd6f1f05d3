// Package t3 runs the t3_ tier of the shared conformance suite
// (coroutines) for linux_arm64 under qemu at the default optimisation level.
package t3

import (
	"testing"

	"github.com/naturekit/naturekit/examples/naturec/internal/suite"
)

func TestConformanceARM64(t *testing.T) { suite.ARM64(t, "default", suite.SetT3) }
