// Package programs runs naturekit's own programs (testdata/programs)
// for linux_arm64 under qemu at the default optimisation level.
package programs

import (
	"testing"

	"github.com/naturekit/naturekit/examples/naturec/internal/suite"
)

func TestConformanceARM64(t *testing.T) { suite.ARM64(t, "default", suite.SetPrograms) }
