package link_test

import (
	"bytes"
	"debug/elf"
	"fmt"

	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/link/object"
)

// Example links a hand-built amd64 object whose _start exits with status
// 3, and inspects the executable with debug/elf. A real program would read
// its inputs with link.Open and write the result to a file.
func Example() {
	text := &object.Section{
		Name:  ".text",
		Type:  elf.SHT_PROGBITS,
		Flags: elf.SHF_ALLOC | elf.SHF_EXECINSTR,
		Align: 16,
		Data: []byte{
			0xb8, 60, 0, 0, 0, // mov $60, %eax (exit)
			0xbf, 3, 0, 0, 0, // mov $3, %edi
			0x0f, 0x05, // syscall
		},
	}
	text.Size = uint64(len(text.Data))
	obj := &object.File{
		Name:     "start.o",
		Machine:  elf.EM_X86_64,
		Sections: []*object.Section{text},
		Symbols: []*object.Symbol{
			{Name: "_start", Section: text, Bind: elf.STB_GLOBAL, Type: elf.STT_FUNC, Size: text.Size},
		},
	}
	exe, err := link.Link(link.Config{}, link.Input{Object: obj})
	if err != nil {
		fmt.Println(err)
		return
	}
	f, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%v %v entry=%#x\n", f.Type, f.Machine, f.Entry)
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD {
			fmt.Printf("LOAD %#x %v\n", p.Vaddr, p.Flags)
		}
	}
	// Output:
	// ET_EXEC EM_X86_64 entry=0x4000f0
	// LOAD 0x400000 PF_X+PF_R
}
