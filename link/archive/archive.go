// Package archive reads System V / GNU "ar" archives, the format of static
// libraries such as musl's libc.a: the members, the symbol index (the
// member named "/", or "/SYM64/" for 64-bit offsets) and GNU long member
// names (the member named "//").
//
// The reader treats its input as hostile: every size, offset and name is
// checked against the input, errors name the archive and the offending
// offset, and it never panics.
package archive

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// Magic is the signature at the start of every archive.
const Magic = "!<arch>\n"

const hdrSize = 60

// An Archive is a parsed ar archive.
type Archive struct {
	Name    string
	Members []*Member
	// Symbols is the symbol index: each defined global symbol and the index
	// in Members of the member that defines it, in index order. It is empty
	// if the archive has no index.
	Symbols []Symbol
	// HasIndex reports whether the archive had a symbol index member.
	HasIndex bool
}

// A Member is one file stored in an archive.
type Member struct {
	Name   string
	Offset int64  // file offset of the member's header
	Data   []byte // contents; aliases the input
}

// A Symbol is an entry of the archive's symbol index.
type Symbol struct {
	Name   string
	Member int // index in Archive.Members
}

// A FormatError reports a malformed archive.
type FormatError struct {
	File string
	Off  int64
	Msg  string
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("%s: malformed archive at offset %#x: %s", e.File, e.Off, e.Msg)
}

// IsArchive reports whether data starts with the archive signature.
func IsArchive(data []byte) bool { return bytes.HasPrefix(data, []byte(Magic)) }

type rawIndex struct {
	off   int64
	data  []byte
	width int // 4 or 8
}

// Read parses the archive in data. name is used in error messages.
func Read(name string, data []byte) (*Archive, error) {
	errf := func(off int64, format string, args ...any) error {
		return &FormatError{File: name, Off: off, Msg: fmt.Sprintf(format, args...)}
	}
	if !IsArchive(data) {
		return nil, errf(0, "not an ar archive (bad magic)")
	}
	a := &Archive{Name: name}
	var index *rawIndex
	var longNames []byte
	byOffset := map[int64]int{}
	off := int64(len(Magic))
	for off < int64(len(data)) {
		if int64(len(data))-off < hdrSize {
			return nil, errf(off, "truncated member header")
		}
		h := data[off : off+hdrSize]
		if string(h[58:60]) != "`\n" {
			return nil, errf(off+58, "bad member header terminator")
		}
		size, err := strconv.ParseUint(strings.TrimRight(string(h[48:58]), " "), 10, 63)
		if err != nil {
			return nil, errf(off+48, "bad member size %q", h[48:58])
		}
		start := off + hdrSize
		if size > uint64(int64(len(data))-start) {
			return nil, errf(off+48, "member size %d past end of archive", size)
		}
		body := data[start : start+int64(size) : start+int64(size)]
		rawName := strings.TrimRight(string(h[0:16]), " ")
		switch {
		case rawName == "/" || rawName == "/SYM64/":
			if index != nil {
				return nil, errf(off, "more than one symbol index")
			}
			w := 4
			if rawName == "/SYM64/" {
				w = 8
			}
			index = &rawIndex{off: start, data: body, width: w}
		case rawName == "//":
			longNames = body
		default:
			mname, err := memberName(rawName, longNames)
			if err != nil {
				return nil, errf(off, "%v", err)
			}
			byOffset[off] = len(a.Members)
			a.Members = append(a.Members, &Member{Name: mname, Offset: off, Data: body})
		}
		off = start + int64(size)
		if off%2 == 1 {
			off++
		}
	}
	if index != nil {
		a.HasIndex = true
		syms, err := parseIndex(index, byOffset)
		if err != nil {
			return nil, errf(index.off, "symbol index: %v", err)
		}
		a.Symbols = syms
	}
	return a, nil
}

// memberName decodes a member name: "name/" (System V), "/123" (GNU long
// name at offset 123 of the "//" member) or "#1/len" is not supported.
func memberName(raw string, longNames []byte) (string, error) {
	if strings.HasPrefix(raw, "/") && len(raw) > 1 {
		n, err := strconv.ParseUint(raw[1:], 10, 31)
		if err != nil {
			return "", fmt.Errorf("bad long name reference %q", raw)
		}
		if n >= uint64(len(longNames)) {
			return "", fmt.Errorf("long name offset %d out of range (table size %d)", n, len(longNames))
		}
		s := longNames[n:]
		end := bytes.IndexByte(s, '\n')
		if end < 0 {
			return "", fmt.Errorf("long name at %d not terminated", n)
		}
		return strings.TrimSuffix(string(s[:end]), "/"), nil
	}
	return strings.TrimSuffix(raw, "/"), nil
}

// parseIndex decodes the symbol index: a big-endian count, that many
// member header offsets, then that many NUL-terminated names.
func parseIndex(ix *rawIndex, byOffset map[int64]int) ([]Symbol, error) {
	d := ix.data
	w := ix.width
	if len(d) < w {
		return nil, fmt.Errorf("truncated")
	}
	word := func(b []byte) uint64 {
		if w == 4 {
			return uint64(binary.BigEndian.Uint32(b))
		}
		return binary.BigEndian.Uint64(b)
	}
	n := word(d)
	if n > uint64(len(d)/w) || uint64(w)*(n+1) > uint64(len(d)) {
		return nil, fmt.Errorf("%d entries do not fit in %d bytes", n, len(d))
	}
	names := d[uint64(w)*(n+1):]
	syms := make([]Symbol, 0, n)
	for i := uint64(0); i < n; i++ {
		moff := int64(word(d[uint64(w)*(i+1):]))
		end := bytes.IndexByte(names, 0)
		if end < 0 {
			return nil, fmt.Errorf("entry %d: name not NUL-terminated", i)
		}
		name := string(names[:end])
		names = names[end+1:]
		m, ok := byOffset[moff]
		if !ok {
			return nil, fmt.Errorf("entry %d (%q): no member at offset %#x", i, name, moff)
		}
		syms = append(syms, Symbol{Name: name, Member: m})
	}
	return syms, nil
}
