package explore

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/internal/golden"
	lower "github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/ssa"
)

// TestGolden checks the page's data (not its HTML) against
// testdata/*.txtar: a section main.n, optional args (-O0, --func NAME),
// output page.
func TestGolden(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, f *golden.File) {
		dir := t.TempDir()
		path := filepath.Join(dir, "main.n")
		if err := os.WriteFile(path, f.Input("main.n"), 0o644); err != nil {
			t.Fatal(err)
		}
		opts := Options{Backend: lower.Options{Passes: ssa.Passes(), Peephole: true}}
		args := strings.Fields(f.InputString("args"))
		for i := 0; i < len(args); i++ {
			switch args[i] {
			case "-O0":
				opts.Backend = lower.Options{}
			case "--func":
				i++
				opts.Func = args[i]
			default:
				t.Fatalf("unknown argument %q", args[i])
			}
		}
		p, err := Build(path, opts)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		dumpPage(&sb, p, dir)
		f.OutputString("page", sb.String())
	})
}

// dumpPage writes the page's data as text, the directory dir left out
// of file names.
func dumpPage(w io.Writer, p *Page, dir string) {
	rel := func(s string) string { return strings.ReplaceAll(s, dir+string(filepath.Separator), "") }
	fmt.Fprintf(w, "page %s\n", rel(p.Title))
	for _, f := range p.Funcs {
		fmt.Fprintf(w, "\nfunc %s %s:%d-%d\n", f.Name, rel(f.File), f.Line, f.End)
		if f.Err != "" {
			fmt.Fprintf(w, "error %s\n", rel(f.Err))
		}
		for _, pn := range f.Panels {
			fmt.Fprintf(w, "panel %s %q\n", pn.Key, pn.Title)
			for _, l := range pn.Lines {
				src, ch := "-", " "
				if l.Src > 0 {
					src = fmt.Sprint(l.Src)
				}
				if l.Changed {
					ch = "*"
				}
				by := ""
				if l.Bytes != "" {
					by = l.Bytes + " "
				}
				fmt.Fprintf(w, "%3s%s| %s%s\n", src, ch, by, rel(strings.ReplaceAll(l.Text, "\t", "  ")))
			}
		}
		if g := f.CFG; g != nil {
			fmt.Fprintf(w, "cfg %dx%d, dominator tree %dx%d\n", g.W, g.H, g.DomW, g.DomH)
			for _, n := range g.Nodes {
				fmt.Fprintf(w, "  node %s instrs=%d src=%d at (%d,%d) dom (%d,%d)\n", n.Name, n.Instrs, n.Src, n.X, n.Y, n.DX, n.DY)
			}
			for _, e := range g.Edges {
				fmt.Fprintf(w, "  edge %s -> %s back=%v\n", g.Nodes[e.From].Name, g.Nodes[e.To].Name, e.Back)
			}
			for _, e := range g.Dom {
				fmt.Fprintf(w, "  idom %s -> %s\n", g.Nodes[e.From].Name, g.Nodes[e.To].Name)
			}
		}
		if iv := f.Regs; iv != nil {
			fmt.Fprintf(w, "intervals max=%d blocks=%v fixed=%d\n", iv.Max, iv.Blocks, len(iv.Fixed))
			for _, v := range iv.Values {
				fmt.Fprintf(w, "  %s", v.Name)
				for _, p := range v.Parts {
					fmt.Fprintf(w, " %v uses %v -> %s", p.Ranges, p.Uses, p.Loc)
					if p.Spilled {
						fmt.Fprint(w, " (spilled)")
					}
				}
				fmt.Fprintln(w)
			}
		}
	}
}

// conformancePages builds the pages of three conformance programs: a
// loop, closures, methods.
func conformancePages(t *testing.T) map[string][]byte {
	t.Helper()
	cases, err := golden.Conformance("../../testdata/conformance", "t1_0{22,29,42}_*")
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string][]byte{}
	for _, c := range cases {
		dir := t.TempDir()
		for name, src := range c.Files {
			if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		p, err := Build(filepath.Join(dir, "main.n"), Options{Backend: lower.Options{Passes: ssa.Passes(), Peephole: true}})
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		var buf bytes.Buffer
		if err := p.WriteHTML(&buf, HTMLOptions{}); err != nil {
			t.Fatal(err)
		}
		pages[c.Name] = buf.Bytes()
	}
	if len(pages) != 3 {
		t.Fatalf("want 3 conformance programs, got %d", len(pages))
	}
	return pages
}

// An element is a node of a parsed page.
type element struct {
	name     string
	attrs    map[string]string
	text     strings.Builder
	children []*element
}

func (e *element) all(f func(*element)) {
	f(e)
	for _, c := range e.children {
		c.all(f)
	}
}

// parseXML reads a page as XML: it fails on any tag that is not closed
// or closed out of order, a bad entity or an unquoted attribute.
func parseXML(t *testing.T, page []byte) *element {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = true
	root := &element{name: "#document"}
	stack := []*element{root}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &element{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			top.children = append(top.children, e)
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text.Write(tok)
		}
	}
	if len(stack) != 1 {
		t.Fatalf("%d elements not closed", len(stack)-1)
	}
	return root
}

// The panels every function of a compiled program has, in order
// (cfg-graph and intervals are the drawings).
var wantPanels = []string{"source", "tokens", "ast", "types", "lir", "cfg", "cfg-graph", "ssa",
	"pass1.sccp", "pass2.copyprop", "pass3.simplify", "pass4.gvn", "pass5.copyprop", "pass6.loadelim", "pass7.bce", "pass8.licm", "pass9.dce",
	"lower", "split", "regalloc", "intervals", "asm"}

// TestPageWellFormed checks the pages of three conformance programs as
// XML and what the page's script needs: every stage panel present and
// non-empty in each function, and lines of the LIR and assembly panels
// that share a source line with the source panel (what a click on a
// source line highlights).
func TestPageWellFormed(t *testing.T) {
	passes := ssa.Passes()
	if len(passes) != 9 {
		t.Logf("ssa.Passes() changed: checking the panels by prefix")
	}
	for name, page := range conformancePages(t) {
		root := parseXML(t, page)
		funcs := 0
		root.all(func(sec *element) {
			if sec.name != "section" || sec.attrs["class"] != "fn" {
				return
			}
			funcs++
			var keys []string
			srcLines := map[string]map[string]bool{} // panel key → its data-s values
			sec.all(func(p *element) {
				if !strings.HasPrefix(p.attrs["class"], "panel") {
					return
				}
				key := p.attrs["data-key"]
				keys = append(keys, key)
				srcLines[key] = map[string]bool{}
				lines, drawn := 0, false
				p.all(func(x *element) {
					if s, ok := x.attrs["data-s"]; ok {
						srcLines[key][s] = true
					}
					if x.name == "div" && len(x.children) <= 1 && x.text.Len() > 0 {
						lines++
					}
					if x.name == "rect" {
						drawn = true
					}
				})
				if lines == 0 && !drawn {
					t.Errorf("%s: %s: panel %s is empty", name, sec.attrs["id"], key)
				}
			})
			got := strings.Join(keys, " ")
			if len(passes) == 9 && got != strings.Join(wantPanels, " ") {
				t.Errorf("%s: %s: panels\n%s\nwant\n%s", name, sec.attrs["id"], got, strings.Join(wantPanels, " "))
			}
			linked := func(key string) bool {
				for s := range srcLines["source"] {
					if srcLines[key][s] {
						return true
					}
				}
				return false
			}
			for _, key := range []string{"tokens", "ast", "lir", "ssa", "lower", "regalloc", "asm"} {
				if !linked(key) {
					t.Errorf("%s: %s: no line of panel %s is linked to a source line", name, sec.attrs["id"], key)
				}
			}
		})
		if funcs == 0 {
			t.Errorf("%s: no function on the page", name)
		}
		if len(page) > 2<<20 {
			t.Errorf("%s: page of %d bytes, more than 2 MB", name, len(page))
		}
	}
}

// network matches what would make a browser fetch something: URLs with
// a scheme or protocol-relative, resources (src, link, import, url()
// other than a fragment), requests from script.
var network = regexp.MustCompile(`(?i)[a-z]+://|\bsrc\s*=|<link\b|<img\b|<iframe\b|<object\b|<embed\b|@import|url\(\s*[^#\s]|\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|\bimport\s*\(|href\s*=\s*"[^#"]`)

// TestNoNetwork checks that written pages refer to nothing outside
// themselves (the served page asks its own server for "version", which
// is tested with the server).
func TestNoNetwork(t *testing.T) {
	for name, page := range conformancePages(t) {
		if m := network.Find(page); m != nil {
			t.Errorf("%s: network reference %q", name, m)
		}
	}
}
