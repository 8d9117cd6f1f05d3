package lower

import (
	"debug/elf"
	"fmt"
	"math"
	"strings"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower/dwarf"
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
	Kind ItemKind
	// Inst is the instruction of an ItemInst: a *amd64.Inst or a
	// *arm64.Inst, as the target emits.
	Inst  asm.Inst
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
// lirc -S prints. The text is GNU as syntax that asm.Assemble reads
// back to the same bytes.
type Listing struct {
	// Syntax is the first line of the text (amd64's
	// ".intel_syntax noprefix"), or "".
	Syntax string
	Items  []Item

	funcs []funcCode   // per function emitted: what the position table needs
	debug []dwarf.Func // per function emitted, with Options.DWARF (debug.go)
}

// Inst appends an instruction.
func (l *Listing) Inst(in asm.Inst) { l.Items = append(l.Items, Item{Kind: ItemInst, Inst: in}) }

// Label appends a label.
func (l *Listing) Label(name string) { l.Items = append(l.Items, Item{Kind: ItemLabel, Name: name}) }

// String returns the listing as assembler source.
func (l *Listing) String() string {
	var sb strings.Builder
	if l.Syntax != "" {
		fmt.Fprintf(&sb, "\t%s\n", l.Syntax)
	}
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

// data emits one global.
func data(l *Listing, g *lir.Global) {
	l.Items = append(l.Items,
		Item{Kind: ItemAlign, N: max(g.Align, 1)},
		Item{Kind: ItemGlobal, Name: g.Name},
		Item{Kind: ItemLabel, Name: g.Name})
	if len(g.Name) >= len(ConstPrefix) && g.Name[:len(ConstPrefix)] == ConstPrefix {
		l.Items = l.Items[:len(l.Items)-2]
		l.Items = append(l.Items, Item{Kind: ItemLabel, Name: g.Name}) // constants stay local
	}
	for _, d := range g.Items {
		switch d.Kind {
		case lir.DataInt:
			l.Items = append(l.Items, Item{Kind: ItemData, Size: d.Type.Size(), Expr: asm.Const(d.Int)})
		case lir.DataFloat:
			bits := lir.Float(d.Type, d.Float)
			l.Items = append(l.Items, Item{Kind: ItemData, Size: d.Type.Size(), Expr: asm.Const(int64(FloatBits(bits)))})
		case lir.DataSym:
			l.Items = append(l.Items, Item{Kind: ItemData, Size: 8, Expr: asm.SymOff(d.Sym, d.Int)})
		case lir.DataBytes:
			l.Items = append(l.Items, Item{Kind: ItemBytes, Bytes: d.Bytes})
		case lir.DataZero:
			l.Items = append(l.Items, Item{Kind: ItemZero, N: d.Int})
		}
	}
}

// FloatBits returns the bits of float constant o in its type.
func FloatBits(o lir.Operand) uint64 {
	if o.Type == lir.F32 {
		return uint64(math.Float32bits(float32(o.FloatValue())))
	}
	return uint64(o.Imm)
}
