package link

import (
	"debug/elf"
	"fmt"

	"github.com/naturekit/naturekit/link/archive"
	"github.com/naturekit/naturekit/link/object"
)

// A Kind is the kind of file a link produces.
type Kind int

const (
	// Executable is a static ET_EXEC executable.
	Executable Kind = iota
	// Relocatable is an ET_REL object combining the inputs (ld -r).
	Relocatable
)

// A Config controls a link. The zero Config links a static executable for
// the machine of the inputs, entered at _start.
type Config struct {
	// Machine is elf.EM_X86_64 or elf.EM_AARCH64; zero means the machine
	// of the first object input. Every object must match it.
	Machine elf.Machine
	// Entry is the name of the entry symbol; "" means "_start".
	Entry string
	// Kind is the kind of output.
	Kind Kind
	// Base is the address of the first loaded byte (the ELF header);
	// zero means 0x400000.
	Base uint64
	// StripDebug discards the debugging sections (.debug_*), as ld -S
	// does; by default an executable keeps them, not loaded, after its
	// segments, with their relocations applied (a reference to a
	// discarded section resolves to 0). A relocatable output keeps every
	// section either way.
	StripDebug bool
}

// An Input is one linker input: an object file or an archive. Inputs are
// processed in order, as on an ld command line: an archive only supplies
// members that define symbols still undefined when it is reached (it is
// rescanned until it supplies nothing more).
type Input struct {
	Object  *object.File     // an object file, or
	Archive *archive.Archive // a static library
}

// Open decodes the contents of an object file or archive, telling them
// apart by their signature. name is used in error messages.
func Open(name string, data []byte) (Input, error) {
	if archive.IsArchive(data) {
		a, err := archive.Read(name, data)
		return Input{Archive: a}, err
	}
	f, err := object.Read(name, data)
	return Input{Object: f}, err
}

const defaultBase = 0x400000

// archInfo describes a target machine to the linker.
type archInfo struct {
	machine  elf.Machine
	maxPage  uint64 // segment alignment
	scan     func(l *linker, o *objFile, is *inSec, r *object.Reloc) error
	apply    func(l *linker, c *relocCtx) error
	gotEntry uint64 // always 8
}

func archFor(m elf.Machine) (*archInfo, error) {
	switch m {
	case elf.EM_X86_64:
		return &archInfo{machine: m, maxPage: 0x1000, scan: scanAMD64, apply: applyAMD64}, nil
	case elf.EM_AARCH64:
		return &archInfo{machine: m, maxPage: 0x10000, scan: scanARM64, apply: applyARM64}, nil
	}
	return nil, fmt.Errorf("unsupported machine %v (want EM_X86_64 or EM_AARCH64)", m)
}
