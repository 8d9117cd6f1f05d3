package amd64

import (
	"debug/elf"
	"fmt"
	"strings"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
)

// An ItemKind tells what an Item of a Listing is.
type ItemKind uint8

const (
	ItemInst    ItemKind = iota // an instruction: Inst
	ItemLabel                   // a label: Name
	ItemSection                 // switch to section Name
	ItemGlobal                  // make symbol Name global
	ItemAlign                   // pad to a multiple of N bytes
	ItemData                    // a Size-byte value: Expr
	ItemBytes                   // literal Bytes
	ItemZero                    // N zero bytes
	ItemType                    // give symbol Name the ELF type of a function
	ItemSize                    // give symbol Name the size Expr
	ItemPCLine                  // a line of the position table: Name-Expr.Minus and Expr as 4 bytes each, then Bytes
)

// An Item is one statement of assembly.
type Item struct {
	Kind  ItemKind
	Inst  *amd64.Inst
	Name  string
	N     int64
	Size  int
	Expr  asm.Expr
	Bytes []byte
	// Pos is, for an instruction, the source position of the LIR
	// instruction it was emitted for (lir.Func.InstrPos), if it has one:
	// what naturec explore links the assembly to the source with. It
	// does not change the code.
	Pos lir.Pos
}

// A Listing is the assembly code of a module: what Compile assembles and
// lirc -S prints. The text is GNU as Intel syntax that asm.Assemble reads
// back to the same bytes.
type Listing struct {
	Items []Item

	funcs []funcCode // per function emitted: what the position table needs
}

func (l *Listing) inst(in *amd64.Inst) { l.Items = append(l.Items, Item{Kind: ItemInst, Inst: in}) }
func (l *Listing) label(name string)   { l.Items = append(l.Items, Item{Kind: ItemLabel, Name: name}) }

// String returns the listing as assembler source.
func (l *Listing) String() string {
	var sb strings.Builder
	sb.WriteString("\t.intel_syntax noprefix\n")
	for _, it := range l.Items {
		switch it.Kind {
		case ItemInst:
			fmt.Fprintf(&sb, "\t%s\n", it.Inst)
		case ItemLabel:
			fmt.Fprintf(&sb, "%s:\n", asm.QuoteSymbol(it.Name))
		case ItemSection:
			fmt.Fprintf(&sb, "\t.section %s\n", it.Name)
		case ItemGlobal:
			fmt.Fprintf(&sb, "\t.globl %s\n", asm.QuoteSymbol(it.Name))
		case ItemAlign:
			fmt.Fprintf(&sb, "\t.balign %d\n", it.N)
		case ItemData:
			fmt.Fprintf(&sb, "\t%s %s\n", dataDirective[it.Size], it.Expr)
		case ItemBytes:
			writeBytes(&sb, it.Bytes)
		case ItemZero:
			fmt.Fprintf(&sb, "\t.zero %d\n", it.N)
		case ItemType:
			fmt.Fprintf(&sb, "\t.type %s, @function\n", asm.QuoteSymbol(it.Name))
		case ItemSize:
			fmt.Fprintf(&sb, "\t.size %s, %s\n", asm.QuoteSymbol(it.Name), it.Expr)
		case ItemPCLine:
			fmt.Fprintf(&sb, "\t.long %s\n\t.long %s\n", asm.Expr{Sym: it.Name, Minus: it.Expr.Minus}, it.Expr)
			writeBytes(&sb, it.Bytes)
		}
	}
	return sb.String()
}

var dataDirective = map[int]string{1: ".byte", 2: ".short", 4: ".long", 8: ".quad"}

// writeBytes writes a .byte directive.
func writeBytes(sb *strings.Builder, p []byte) {
	sb.WriteString("\t.byte ")
	for i, c := range p {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(sb, "%d", c)
	}
	sb.WriteString("\n")
}

// Build appends the listing to an assembler Builder.
func (l *Listing) Build(b *asm.Builder) {
	for _, it := range l.Items {
		switch it.Kind {
		case ItemInst:
			b.Inst(it.Inst)
		case ItemLabel:
			b.Label(it.Name)
		case ItemSection:
			b.Section(it.Name)
		case ItemGlobal:
			b.Global(it.Name)
		case ItemAlign:
			b.Align(uint64(it.N), nil, 0)
		case ItemData:
			b.Data(it.Size, it.Expr)
		case ItemBytes:
			b.Bytes(it.Bytes)
		case ItemZero:
			b.Fill(int(it.N), 0)
		case ItemType:
			b.Type(it.Name, elf.STT_FUNC)
		case ItemSize:
			b.Size(it.Name, it.Expr)
		case ItemPCLine:
			b.Data(4, asm.Expr{Sym: it.Name, Minus: it.Expr.Minus})
			b.Data(4, it.Expr)
			b.Bytes(it.Bytes)
		}
	}
}
