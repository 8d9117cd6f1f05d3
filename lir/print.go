package lir

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// String returns the module in the text format; Parse reads it back.
func (m *Module) String() string {
	var sb strings.Builder
	sep := ""
	for _, e := range m.Externs {
		fmt.Fprintf(&sb, "extern %s\n", SymbolText(e))
		sep = "\n"
	}
	for _, g := range m.Globals {
		sb.WriteString(sep)
		writeGlobal(&sb, g)
		sep = "\n"
	}
	for _, f := range m.Funcs {
		sb.WriteString(sep)
		writeFunc(&sb, f)
		sep = "\n"
	}
	return sb.String()
}

func writeGlobal(sb *strings.Builder, g *Global) {
	kw := "data"
	if g.ReadOnly {
		kw = "rodata"
	}
	fmt.Fprintf(sb, "%s %s align %d {\n", kw, SymbolText(g.Name), g.Align)
	for _, d := range g.Items {
		sb.WriteString("\t")
		switch d.Kind {
		case DataInt:
			fmt.Fprintf(sb, "%s %d", d.Type, d.Int)
		case DataFloat:
			fmt.Fprintf(sb, "%s %s", d.Type, formatFloat(d.Float))
		case DataSym:
			fmt.Fprintf(sb, "ptr %s", SymbolText(d.Sym))
			if d.Int != 0 {
				fmt.Fprintf(sb, "%+d", d.Int)
			}
		case DataBytes:
			fmt.Fprintf(sb, "bytes %s", strconv.Quote(string(d.Bytes)))
		case DataZero:
			fmt.Fprintf(sb, "zero %d", d.Int)
		}
		sb.WriteString("\n")
	}
	sb.WriteString("}\n")
}

// String returns the function in the text format.
func (f *Func) String() string {
	var sb strings.Builder
	writeFunc(&sb, f)
	return sb.String()
}

func writeFunc(sb *strings.Builder, f *Func) {
	fmt.Fprintf(sb, "func %s(", SymbolText(f.Name))
	for i, p := range f.Params {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(sb, "%%%d:%s", p, f.Values[p].Type)
	}
	fmt.Fprintf(sb, ") %s %s", f.Result, f.Form)
	if f.Pos.File != "" || f.Pos.IsValid() {
		fmt.Fprintf(sb, " pos %s", strconv.Quote(f.Pos.String()))
	}
	sb.WriteString(" {\n")
	for i, s := range f.Slots {
		fmt.Fprintf(sb, "\tss%d = slot %d align %d\n", i, s.Size, s.Align)
	}
	if f.Form == Linear {
		for _, id := range f.Linear {
			writeLine(sb, f, f.Instrs[id])
		}
	} else {
		for b := range f.Blocks {
			fmt.Fprintf(sb, "%s:\n", f.BlockName(BlockID(b)))
			for _, id := range f.Blocks[b].Instrs {
				writeLine(sb, f, f.Instrs[id])
			}
		}
	}
	sb.WriteString("}\n")
}

func writeLine(sb *strings.Builder, f *Func, in Instr) {
	if l, ok := in.(*Label); ok {
		fmt.Fprintf(sb, "%s:\n", f.BlockName(l.Block))
		return
	}
	sb.WriteString("\t")
	sb.WriteString(f.FormatInstr(in))
	sb.WriteString("\n")
}

// FormatInstr returns in as one line of the text format, without
// indentation.
func (f *Func) FormatInstr(in Instr) string {
	var sb strings.Builder
	if d := in.Dest(); d != nil {
		sb.WriteString(f.FormatOperand(*d))
		fmt.Fprintf(&sb, ":%s = ", d.Type)
	}
	op := in.Op().String()
	switch in := in.(type) {
	case *Binary:
		fmt.Fprintf(&sb, "%s %s, %s", op, f.FormatOperand(in.X), f.FormatOperand(in.Y))
	case *Unary:
		fmt.Fprintf(&sb, "%s %s", op, f.FormatOperand(in.X))
	case *Compare:
		fmt.Fprintf(&sb, "%s.%s %s, %s", op, in.X.Type, f.FormatOperand(in.X), f.FormatOperand(in.Y))
	case *Convert:
		fmt.Fprintf(&sb, "%s.%s %s", op, in.X.Type, f.FormatOperand(in.X))
	case *Load:
		fmt.Fprintf(&sb, "load %s", f.formatMem(in.Addr, in.Off))
	case *Store:
		fmt.Fprintf(&sb, "%s.%s %s, %s", op, in.Val.Type, f.FormatOperand(in.Val), f.formatMem(in.Addr, in.Off))
	case *Addr:
		fmt.Fprintf(&sb, "addr %s, %s, %d, %d", f.FormatOperand(in.Base), f.FormatOperand(in.Index), in.Scale, in.Off)
	case *Call:
		fmt.Fprintf(&sb, "%s %s(", op, f.FormatOperand(in.Callee))
		for i, a := range in.Args {
			if i > 0 {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, "%s %s", a.Type, f.FormatOperand(a))
		}
		sb.WriteString(")")
	case *Phi:
		sb.WriteString("phi")
		for i, e := range in.Edges {
			if i > 0 {
				sb.WriteString(",")
			}
			fmt.Fprintf(&sb, " [%s: %s]", f.BlockName(e.Pred), f.FormatOperand(e.Val))
		}
	case *Jump:
		fmt.Fprintf(&sb, "jmp %s", f.BlockName(in.Target))
	case *Branch:
		fmt.Fprintf(&sb, "br %s, %s, %s", f.FormatOperand(in.Cond), f.BlockName(in.Then), f.BlockName(in.Else))
	case *Return:
		sb.WriteString("ret")
		if in.Val.Kind != NoOperand {
			sb.WriteString(" " + f.FormatOperand(in.Val))
		}
	case *Label:
		fmt.Fprintf(&sb, "%s:", f.BlockName(in.Block))
	default:
		sb.WriteString(op)
	}
	return sb.String()
}

func (f *Func) formatMem(addr Operand, off int64) string {
	if off == 0 {
		return "[" + f.FormatOperand(addr) + "]"
	}
	return fmt.Sprintf("[%s%+d]", f.FormatOperand(addr), off)
}

// FormatOperand returns o in the text format (without its type).
func (f *Func) FormatOperand(o Operand) string {
	switch o.Kind {
	case RegOperand:
		return "%" + strconv.Itoa(int(o.Index))
	case PhysOperand:
		return "$" + strconv.Itoa(int(o.Index))
	case IntOperand:
		return strconv.FormatInt(o.Imm, 10)
	case FloatOperand:
		return formatFloat(o.FloatValue())
	case SymOperand:
		if int(o.Index) >= 0 && int(o.Index) < len(f.Syms) {
			return SymbolText(f.Syms[o.Index])
		}
		return fmt.Sprintf("@sym%d", o.Index)
	case SlotOperand:
		return "ss" + strconv.Itoa(int(o.Index))
	}
	return "_"
}

// SymbolText returns symbol name as the text format writes it: @name when
// the name is letters, digits, '_' and '.', else @ and the name as a Go
// quoted string (@"main.box<int>.get"), which Parse reads back.
func SymbolText(name string) string {
	plain := name != ""
	for i := 0; i < len(name) && plain; i++ {
		plain = isIdentByte(name[i])
	}
	if plain {
		return "@" + name
	}
	return "@" + strconv.Quote(name)
}

// formatFloat prints x so that it reads back as the same float64 and is
// never mistaken for an integer.
func formatFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".en") {
		s += ".0"
	}
	return s
}
