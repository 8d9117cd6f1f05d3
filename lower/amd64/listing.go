package amd64

import "github.com/naturekit/naturekit/lower"

// The listing is the lower package's, shared with lower/arm64; its
// instructions are *amd64.Inst.
type (
	// A Listing is the assembly code of a module.
	Listing = lower.Listing
	// An Item is one statement of assembly.
	Item = lower.Item
	// An ItemKind tells what an Item of a Listing is.
	ItemKind = lower.ItemKind
)
