package asm

// stmtChunk is how many statements a stmtList allocates at a time.
const stmtChunk = 1024

// A stmtList is an append-only list of statements stored in fixed-size
// chunks: appending never copies what is already there, and pointers to
// elements stay valid. Large assemblies are mostly a long run of
// instructions, which a plain growing slice would copy again and again.
type stmtList struct {
	chunks [][]stmt
	n      int
}

func (l *stmtList) push(s stmt) {
	if l.n%stmtChunk == 0 {
		l.chunks = append(l.chunks, make([]stmt, 0, stmtChunk))
	}
	last := &l.chunks[len(l.chunks)-1]
	*last = append(*last, s)
	l.n++
}

func (l *stmtList) len() int { return l.n }

// at returns the i'th statement.
func (l *stmtList) at(i int) *stmt { return &l.chunks[i/stmtChunk][i%stmtChunk] }
