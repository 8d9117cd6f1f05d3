package natgen

import (
	"sort"
	"strings"
)

// Reduce shrinks a program while interesting holds of it (the creduce
// idea, on the generator's statement lines): it deletes units — whole
// blocks (a line ending in "{" through its closing line, else-chains
// included), largest first, then single statements — or replaces a
// block with the body of one of its parts, keeping each change after
// which interesting still holds, until no change helps. interesting must hold of src; it is called with candidate
// texts, which may not compile (it should then say no).
func Reduce(src string, interesting func(string) bool) string {
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	join := func(ls []string) string { return strings.Join(ls, "\n") + "\n" }
	for progress := true; progress; {
		progress = false
		// failed holds the units (by text) that could not go in this
		// pass; the largest units go first — a whole function, a loop,
		// then statements — and after each success the units of the new
		// text are listed again
		failed := map[string]bool{}
	pass:
		for {
			for _, u := range units(lines) {
				i, end := u[0], u[1]
				key := strings.Join(lines[i:end+1], "\n")
				if failed[key] {
					continue
				}
				cands := [][]string{splice(lines, i, end, nil)}
				if end > i {
					// the block becomes the body of one of its parts (an
					// if's then or else branch, a loop's body)
					for _, seg := range segments(lines, i, end) {
						cands = append(cands, splice(lines, i, end, lines[seg[0]+1:seg[1]]))
					}
				}
				for _, cand := range cands {
					if interesting(join(cand)) {
						lines = cand
						progress = true
						continue pass
					}
				}
				failed[key] = true
			}
			break
		}
	}
	return join(dropBlankRuns(lines))
}

// units lists the deletable units of the text, [first, last] line
// indexes, largest first (then from the end of the text).
func units(lines []string) [][2]int {
	var us [][2]int
	for i := len(lines) - 1; i >= 0; i-- {
		if end := blockEnd(lines, i); end >= 0 && strings.TrimSpace(lines[i]) != "" {
			us = append(us, [2]int{i, end})
		}
	}
	sort.SliceStable(us, func(a, b int) bool { return us[a][1]-us[a][0] > us[b][1]-us[b][0] })
	return us
}

// blockEnd is the index of the last line of the unit starting at line i:
// i itself for a simple statement, the matching closing line for a line
// opening a block (through "} else {" continuations), -1 for a line that
// does not start a unit (a closing line).
func blockEnd(lines []string, i int) int {
	t := strings.TrimSpace(lines[i])
	if strings.HasPrefix(t, "}") {
		return -1
	}
	if !strings.HasSuffix(t, "{") {
		return i
	}
	depth := 0
	for j := i; j < len(lines); j++ {
		s := strings.TrimSpace(lines[j])
		if strings.HasPrefix(s, "}") {
			depth--
		}
		if strings.HasSuffix(s, "{") {
			depth++
		}
		if depth == 0 {
			return j
		}
	}
	return -1
}

func dropBlankRuns(lines []string) []string {
	var out []string
	for i, l := range lines {
		if strings.TrimSpace(l) == "" && (i == 0 || strings.TrimSpace(lines[i-1]) == "") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// splice replaces lines[i..end] with repl.
func splice(lines []string, i, end int, repl []string) []string {
	out := append(append([]string{}, lines[:i]...), repl...)
	return append(out, lines[end+1:]...)
}

// segments splits the block from line i to end at its continuation lines
// ("} else {"): each part as [header, closer) line indexes.
func segments(lines []string, i, end int) [][2]int {
	var segs [][2]int
	start, depth := i, 0
	for j := i + 1; j <= end; j++ {
		s := strings.TrimSpace(lines[j])
		if strings.HasPrefix(s, "}") {
			if depth == 0 {
				segs = append(segs, [2]int{start, j})
				start = j
				continue
			}
			depth--
		}
		if strings.HasSuffix(s, "{") {
			depth++
		}
	}
	return segs
}
