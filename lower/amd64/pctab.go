package amd64

import "github.com/naturekit/naturekit/lower"

// The position table is the lower package's (lower.PCTableSymbol and
// the sizes and kinds of its records); these names keep amd64's API.
const (
	PCTableSymbol   = lower.PCTableSymbol
	PCTabHeaderSize = lower.PCTabHeaderSize
	PCTabFuncSize   = lower.PCTabFuncSize
	PCTabLineSize   = lower.PCTabLineSize
	PCTabFileSize   = lower.PCTabFileSize
	PCTabCall       = lower.PCTabCall
	PCTabDivide     = lower.PCTabDivide
	PCTabMemory     = lower.PCTabMemory
)
