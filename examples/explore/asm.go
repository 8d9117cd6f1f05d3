package explore

import (
	"encoding/hex"
	"fmt"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lower"
)

// markPrefix names the labels asmPanel puts before each instruction to
// find its bytes; a name no symbol of a program can have.
const markPrefix = "explore mark "

// asmPanel is the function's final assembly, each instruction with its
// source line (lower.Item.Pos) and its machine bytes. The bytes come from
// assembling the function's listing alone, with a label before every
// instruction: what the real build assembles, branch relaxation
// included; the fields of relocations (calls, addresses of other
// symbols) are the zeros the linker fills in.
func asmPanel(code *lower.Listing, file string) *Panel {
	p := &Panel{Key: "asm", Title: "assembly and machine code (lower/amd64.Emit, asm)"}
	marked := &lower.Listing{Items: []lower.Item{{Kind: lower.ItemSection, Name: ".text"}}}
	var lineOf []int // per instruction: its index in p.Lines
	used := map[string]bool{}
	for i, it := range code.Items {
		if in, ok := it.Inst.(*amd64.Inst); ok && it.Kind == lower.ItemInst {
			for _, a := range in.Args() {
				used[fmt.Sprint(a)] = true
			}
		} else if it.Kind == lower.ItemLabel && i <= 3 {
			used[it.Name] = true // the function's own symbol
		}
	}
	for _, it := range code.Items {
		switch it.Kind {
		case lower.ItemLabel:
			// Labels nothing jumps to (those of the position table)
			// are assembled but not shown.
			if used[it.Name] || used[asm.QuoteSymbol(it.Name)] {
				p.Lines = append(p.Lines, Line{Text: asm.QuoteSymbol(it.Name) + ":"})
			}
		case lower.ItemInst:
			marked.Items = append(marked.Items, lower.Item{Kind: lower.ItemLabel, Name: fmt.Sprint(markPrefix, len(lineOf))})
			lineOf = append(lineOf, len(p.Lines))
			p.Lines = append(p.Lines, Line{Text: "\t" + it.Inst.String(), Src: srcLine(it.Pos, file)})
		default:
			continue
		}
		marked.Items = append(marked.Items, it)
	}
	marked.Items = append(marked.Items, lower.Item{Kind: lower.ItemLabel, Name: fmt.Sprint(markPrefix, len(lineOf))})
	b := asm.NewBuilder(amd64.Arch{})
	marked.Build(b)
	obj, err := b.Assemble()
	if err != nil {
		p.Lines = append(p.Lines, Line{Text: "# machine code: " + err.Error()})
		return p
	}
	text := obj.Section(".text")
	at := map[string]uint64{}
	for _, s := range obj.Symbols {
		if s.Section == ".text" {
			at[s.Name] = s.Value
		}
	}
	for i, li := range lineOf {
		lo, ok1 := at[fmt.Sprint(markPrefix, i)]
		hi, ok2 := at[fmt.Sprint(markPrefix, i+1)]
		if ok1 && ok2 && lo <= hi && hi <= uint64(len(text.Data)) {
			p.Lines[li].Bytes = hex.EncodeToString(text.Data[lo:hi])
		}
	}
	return p
}
