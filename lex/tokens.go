package lex

import (
	"fmt"
	"io"
	"strconv"
)

// Item is one scanned token. It holds no pointers, so a slice of a whole
// file's tokens is cheap to allocate and invisible to the garbage
// collector; File.Text recovers the token's text.
type Item struct {
	Pos Pos
	Len int32 // length of the token's source text; 0 for EOF and inserted SEMI
	Tok Token
}

// Inserted reports whether the token is a SEMI inserted at a line break.
func (it Item) Inserted() bool { return it.Tok == SEMI && it.Len == 0 }

// Text returns the literal of a token of the file, as Scanner.Scan does:
// its source text, "\n" for an inserted SEMI and "" for EOF.
func (f *File) Text(it Item) string {
	if it.Inserted() {
		return "\n"
	}
	off := int(it.Pos) - f.base
	return f.text[off : off+int(it.Len)]
}

// ScanFile scans the whole of file (whose source is file.Source()) and
// returns its tokens, ending with EOF, its comments and its scan errors.
func ScanFile(file *File) ([]Item, []Comment, ErrorList) {
	var errs ErrorList
	var s Scanner
	s.Init(file, func(pos Pos, msg string) { errs.Add(file, pos, msg) })
	// About one token per 3 bytes of typical source, more in dense
	// code: room for one per 2 bytes makes growing the slice (copying it
	// into one twice as large) rare; append grows it if need be.
	items := make([]Item, 0, file.Size()/2+16)
	for {
		start, tok, inserted := s.scan()
		n := int32(s.offset - start)
		if inserted || tok == EOF {
			n = 0
		}
		items = append(items, Item{Pos(file.base + start), n, tok}) // start is in the file
		if tok == EOF {
			return items, s.Comments(), errs
		}
	}
}

// FprintTokens writes the token text form of a file, one token per line:
//
//	line:col KIND "text"
//
// KIND is Token.Name (IDENT, INT, FLOAT, STRING, LABEL, MACRO, KEYWORD,
// OP, SEMI, EOF) or COMMENT; text is Go-quoted, so an inserted terminator
// shows as "\n" and a written one as ";". Comments are merged in source
// order. It returns the scan errors.
func FprintTokens(w io.Writer, file *File) error {
	items, comments, errs := ScanFile(file)
	ci := 0
	for _, it := range items {
		for ci < len(comments) && comments[ci].Pos < it.Pos {
			printToken(w, file, comments[ci].Pos, "COMMENT", comments[ci].Text)
			ci++
		}
		printToken(w, file, it.Pos, it.Tok.Name(), file.Text(it))
	}
	return errs.Err()
}

func printToken(w io.Writer, file *File, pos Pos, kind, text string) {
	p := file.Position(pos)
	fmt.Fprintf(w, "%d:%d %s %s\n", p.Line, p.Column, kind, strconv.Quote(text))
}
