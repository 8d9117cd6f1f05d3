// Package conformance runs the shared conformance suite but its t3_ tier
// (testdata/conformance) for linux_arm64 under qemu at -O0.
package conformance

import (
	"testing"

	"github.com/naturekit/naturekit/examples/naturec/internal/suite"
)

func TestConformanceARM64(t *testing.T) { suite.ARM64(t, "O0", suite.SetConformance) }
