// Package object is the ELF64 relocatable object model of naturekit: a
// reader that turns the bytes of a .o file into a [File], and a writer that
// turns a [File] back into a correct ET_REL file.
//
// A File is deliberately simple to build by hand. Sections hold their bytes
// and their relocations; symbols and relocations point at each other and at
// sections with ordinary Go pointers, never with table indices, so a
// producer such as an assembler fills in names, bytes and pointers and lets
// [File.WriteTo] work out the symbol table order (locals first, sh_info set),
// the string tables, and one .rela.<name> section per section that has
// relocations.
//
// Only little-endian ELF64 with RELA relocations is supported (linux/amd64
// and linux/arm64). The reader treats its input as hostile: every count,
// offset and index is checked against the size of the input, errors name the
// file and the offending file offset, and it never panics. Section groups
// (SHT_GROUP) are dropped by the reader: the members are kept as ordinary
// sections.
package object
