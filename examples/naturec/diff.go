package main

import (
	"fmt"
	"strings"
)

// unifiedDiff returns a unified diff of two texts (three lines of
// context), or "" when they are equal. It computes a longest common
// subsequence of lines on the part between the common prefix and suffix,
// which is small for formatting changes; beyond maxCells it falls back to
// replacing that part wholesale.
func unifiedDiff(path string, a, b []byte) string {
	x, y := splitLines(string(a)), splitLines(string(b))
	ops := diffLines(x, y)
	if ops == nil {
		return ""
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s (formatted)\n", path, path)
	for _, h := range hunks(ops, 3) {
		out.WriteString(h)
	}
	return out.String()
}

func splitLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// op is one line of an edit script: ' ' keep, '-' delete, '+' insert.
type op struct {
	kind byte
	text string
	ai   int // 0-based line in a (for ' ' and '-') or insertion point
	bi   int // 0-based line in b (for ' ' and '+') or insertion point
}

const maxCells = 4 << 20

func diffLines(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	if pre == len(a) && pre == len(b) {
		return nil
	}
	var ops []op
	for i := range pre {
		ops = append(ops, op{' ', a[i], i, i})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	ops = append(ops, lcsOps(ma, mb, pre)...)
	for i := range suf {
		ai, bi := len(a)-suf+i, len(b)-suf+i
		ops = append(ops, op{' ', a[ai], ai, bi})
	}
	return ops
}

func lcsOps(a, b []string, off int) []op {
	var ops []op
	if (len(a)+1)*(len(b)+1) > maxCells {
		for i, s := range a {
			ops = append(ops, op{'-', s, off + i, off})
		}
		for j, s := range b {
			ops = append(ops, op{'+', s, off + len(a), off + j})
		}
		return ops
	}
	// l[i][j] = LCS length of a[i:] and b[j:].
	w := len(b) + 1
	l := make([]int, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i*w+j] = l[(i+1)*w+j+1] + 1
			} else {
				l[i*w+j] = max(l[(i+1)*w+j], l[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, op{' ', a[i], off + i, off + j})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || l[(i+1)*w+j] >= l[i*w+j+1]):
			ops = append(ops, op{'-', a[i], off + i, off + j})
			i++
		default:
			ops = append(ops, op{'+', b[j], off + i, off + j})
			j++
		}
	}
	return ops
}

// hunks groups an edit script into unified-diff hunks with ctx lines of
// context.
func hunks(ops []op, ctx int) []string {
	var out []string
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-ctx, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*ctx {
				end = min(end+ctx, len(ops))
				break
			}
			end = run
		}
		out = append(out, hunk(ops[start:end]))
		i = end
	}
	return out
}

func hunk(ops []op) string {
	var body strings.Builder
	na, nb := 0, 0
	for _, o := range ops {
		body.WriteByte(o.kind)
		body.WriteString(o.text)
		if !strings.HasSuffix(o.text, "\n") {
			body.WriteString("\n\\ No newline at end of file\n")
		}
		if o.kind != '+' {
			na++
		}
		if o.kind != '-' {
			nb++
		}
	}
	sa, sb := ops[0].ai+1, ops[0].bi+1
	if na == 0 {
		sa--
	}
	if nb == 0 {
		sb--
	}
	return fmt.Sprintf("@@ -%d,%d +%d,%d @@\n", sa, na, sb, nb) + body.String()
}
