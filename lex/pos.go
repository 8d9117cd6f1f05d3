package lex

import (
	"bytes"
	"cmp"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Pos is a compact position: a byte offset into the address space of a
// FileSet, where each file occupies the range [base, base+size]. The zero
// value NoPos means "no position".
type Pos int

// NoPos is the zero Pos.
const NoPos Pos = 0

// IsValid reports whether p is a real position.
func (p Pos) IsValid() bool { return p != NoPos }

// Position is a decoded source position. Line and Column are 1-based;
// Column counts bytes.
type Position struct {
	Filename string
	Offset   int // byte offset, 0-based
	Line     int
	Column   int
}

// IsValid reports whether the position is set.
func (p Position) IsValid() bool { return p.Line > 0 }

// Compare orders positions by file name, then line, then column: it
// returns -1 if p comes before q, +1 if after, 0 at the same place.
func (p Position) Compare(q Position) int {
	return cmp.Or(strings.Compare(p.Filename, q.Filename), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Column, q.Column))
}

// String formats the position as file:line:col (or line:col without a
// file name, "-" when invalid).
func (p Position) String() string {
	s := p.Filename
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	if s == "" {
		s = "-"
	}
	return s
}

// File is the position table of one source file: its name, its range in
// the FileSet and the offsets at which its lines start. It also keeps the
// source text, so diagnostics can quote the offending line.
type File struct {
	name  string
	base  int
	size  int
	src   []byte
	text  string // src as a string; token texts are substrings of it
	mu    sync.Mutex
	lines []int // offsets of line starts; lines[0] == 0
}

// Name returns the file name given to AddFile.
func (f *File) Name() string { return f.name }

// Base returns the Pos of the file's first byte.
func (f *File) Base() int { return f.base }

// Size returns the file size in bytes.
func (f *File) Size() int { return f.size }

// Source returns the source text the file was created with (may be nil).
func (f *File) Source() []byte { return f.src }

// AddLine records that a line starts at offset. Offsets must increase;
// out-of-order or duplicate offsets are ignored.
func (f *File) AddLine(offset int) {
	f.mu.Lock()
	if i := len(f.lines); (i == 0 || f.lines[i-1] < offset) && offset <= f.size {
		f.lines = append(f.lines, offset)
	}
	f.mu.Unlock()
}

// LineCount returns the number of lines recorded so far.
func (f *File) LineCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.lines)
}

// Pos returns the Pos of a byte offset in the file (clamped to the file).
func (f *File) Pos(offset int) Pos {
	offset = min(max(offset, 0), f.size)
	return Pos(f.base + offset)
}

// Offset returns the byte offset of p in the file (clamped to the file).
func (f *File) Offset(p Pos) int {
	return min(max(int(p)-f.base, 0), f.size)
}

// Line returns the 1-based line of p.
func (f *File) Line(p Pos) int { return f.Position(p).Line }

// Position decodes p, which must belong to the file.
func (f *File) Position(p Pos) Position {
	if !p.IsValid() {
		return Position{}
	}
	off := f.Offset(p)
	f.mu.Lock()
	i := sort.SearchInts(f.lines, off+1) - 1
	start := 0
	if i >= 0 {
		start = f.lines[i]
	}
	f.mu.Unlock()
	return Position{Filename: f.name, Offset: off, Line: i + 1, Column: off - start + 1}
}

// LineText returns the text of the 1-based line (without its line break),
// or "" when the source is unknown.
func (f *File) LineText(line int) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.src == nil || line < 1 || line > len(f.lines) {
		return ""
	}
	// The line table may still be growing (errors are reported while
	// scanning), so find the end of the line in the source.
	start := f.lines[line-1]
	end := bytes.IndexByte(f.src[start:], '\n')
	if end < 0 {
		end = len(f.src)
	} else {
		end += start
	}
	if end > start && f.src[end-1] == '\r' {
		end--
	}
	return string(f.src[start:end])
}

// FileSet is the position space of a set of files. Its methods are safe
// for concurrent use.
type FileSet struct {
	mu      sync.Mutex
	base    int
	files   []*File
	nodeIDs atomic.Uint32 // node numbers given out (NewNodeID)
}

// NewNodeID returns a number for a syntax node of the set's files, never
// returned before; numbers start at 1 and are dense. Safe for concurrent
// use. Package sema numbers the expressions it records facts about this
// way (ast.Number), so that its tables can be slices.
func (s *FileSet) NewNodeID() uint32 { return s.nodeIDs.Add(1) }

// NodeIDs returns how many node numbers have been given out: every
// number is at most this.
func (s *FileSet) NodeIDs() int { return int(s.nodeIDs.Load()) }

// NewFileSet returns an empty FileSet.
func NewFileSet() *FileSet { return &FileSet{base: 1} }

// AddFile adds a file of the given name and source to the set and returns
// it. Positions of the file start at the set's next free base.
func (s *FileSet) AddFile(name string, src []byte) *File {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := &File{name: name, base: s.base, size: len(src), src: src, text: string(src)}
	f.lines = make([]int, 1, len(src)/32+1) // lines[0] == 0; ~32 bytes per line
	s.base += len(src) + 1                  // +1 so that the EOF position is still inside
	s.files = append(s.files, f)
	return f
}

// File returns the file that contains p, or nil.
func (s *FileSet) File(p Pos) *File {
	if !p.IsValid() {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := sort.Search(len(s.files), func(i int) bool { return s.files[i].base > int(p) }) - 1
	if i >= 0 && int(p) <= s.files[i].base+s.files[i].size {
		return s.files[i]
	}
	return nil
}

// Position decodes p, or returns the zero Position.
func (s *FileSet) Position(p Pos) Position {
	if f := s.File(p); f != nil {
		return f.Position(p)
	}
	return Position{}
}
