package asm

import (
	"slices"
	"strconv"
	"strings"
)

// maxMacroDepth bounds how deeply macro expansions may nest (a macro
// whose body invokes itself), as GNU as's does.
const maxMacroDepth = 100

// maxExpandedLines bounds the lines all expansions of one assembly
// assemble, about what a source file of that many lines holds: macros
// that invoke others twice would otherwise make a few lines of source
// run and allocate without limit.
const maxExpandedLines = 1 << 20

// A macro is a .macro definition: its parameters, with their defaults,
// and the lines of its body as written.
type macro struct {
	params   []string
	defaults []string
	body     []string
}

// macroDef is a .macro being recorded: everything up to its .endm.
type macroDef struct {
	name string
	line int // of the .macro, for the error if .endm never comes
	m    *macro
}

// defineMacro starts recording the macro ".macro NAME [PARAM[=DEFAULT]]...":
// the lines up to .endm are its body.
func (p *textParser) defineMacro(args string) {
	name, params := args, ""
	if i := strings.IndexAny(args, " \t,"); i >= 0 {
		name, params = args[:i], strings.TrimLeft(args[i:], " \t,")
	}
	if !IsSymbolName(name) || name[0] == '.' {
		p.b.errorf(".macro needs a name (a symbol not starting with '.')")
		name = "" // the body is read all the same
	}
	m := new(macro)
	for _, f := range macroFields(params) {
		name, def, _ := strings.Cut(f, "=")
		if !IsSymbolName(name) || strings.ContainsAny(name, ".$") || strings.Contains(f, ":") {
			p.b.errorf("bad macro parameter %q: a name, optionally with =DEFAULT", f)
			continue
		}
		m.params, m.defaults = append(m.params, name), append(m.defaults, def)
	}
	p.defining = &macroDef{name: strings.ToLower(name), line: p.b.pos.Line, m: m}
}

// record adds one source line to the macro being defined, or ends the
// definition at .endm.
func (p *textParser) record(line string) {
	word := ""
	if sts := splitStatements(nil, line, p.b.arch.HashComments()); len(sts) > 0 {
		word, _ = SplitInst(sts[0])
	}
	switch word {
	case ".endm":
		d := p.defining
		p.defining = nil
		if d.name == "" {
			return
		}
		if p.macros == nil {
			p.macros = map[string]*macro{}
		}
		p.macros[d.name] = d.m
	case ".macro":
		p.b.errorf(".macro inside the body of .macro %s is not supported", p.defining.name)
	default:
		p.defining.m.body = append(p.defining.m.body, line)
	}
}

// endParse reports a .macro that the source left open.
func (p *textParser) endParse() {
	if d := p.defining; d != nil {
		p.b.pos.Line = d.line
		p.b.errorf(".macro %s without .endm", d.name)
		p.defining = nil
	}
}

// expand assembles the body of m with args in place of its parameters.
// Errors in the body are reported at the invocation's line.
// After either limit is reached, as GNU as stops there, no macro is
// expanded any more.
func (p *textParser) expand(name string, m *macro, args string) {
	if p.expandStopped {
		return
	}
	if p.depth == maxMacroDepth {
		p.b.errorf("macros nested too deeply (%s)", name)
		p.expandStopped = true
		return
	}
	values := macroFields(args)
	if len(values) > len(m.params) {
		p.b.errorf("macro %s takes %d arguments, got %d", name, len(m.params), len(values))
		return
	}
	for i := len(values); i < len(m.params); i++ {
		values = append(values, m.defaults[i])
	}
	p.depth++
	count := p.expansions
	p.expansions++
	hash := p.b.arch.HashComments()
	for _, line := range m.body {
		if p.expandStopped || len(p.b.errs) >= maxErrors {
			break
		}
		if p.expanded++; p.expanded > maxExpandedLines {
			p.b.errorf("macro expansions assemble more than %d lines", maxExpandedLines)
			p.expandStopped = true
			break
		}
		for _, st := range splitStatements(nil, substitute(line, m.params, values, count), hash) {
			p.statement(st)
		}
	}
	p.depth--
}

// substitute replaces, in a line of a macro's body, \PARAM by its value,
// \@ by count (the number of expansions before this one) and \() by
// nothing, as GNU as does; any other backslash stays.
func substitute(line string, params, values []string, count int) string {
	if strings.IndexByte(line, '\\') < 0 {
		return line
	}
	var out strings.Builder
	for {
		i := strings.IndexByte(line, '\\')
		if i < 0 {
			out.WriteString(line)
			return out.String()
		}
		out.WriteString(line[:i])
		line = line[i+1:]
		switch {
		case strings.HasPrefix(line, "()"):
			line = line[2:]
		case strings.HasPrefix(line, "@"):
			out.WriteString(strconv.Itoa(count))
			line = line[1:]
		default:
			n := 0
			for n < len(line) && isSymChar(line[n]) && line[n] != '@' {
				n++
			}
			if k := slices.Index(params, line[:n]); n > 0 && k >= 0 {
				out.WriteString(values[k])
			} else {
				out.WriteString("\\" + line[:n])
			}
			line = line[n:]
		}
	}
}

// macroFields splits a .macro line's or an invocation's operands: at
// commas, or, when there is none, at blanks.
func macroFields(s string) []string {
	if strings.IndexByte(s, ',') >= 0 {
		return SplitOperands(s)
	}
	return strings.Fields(s)
}
