package explore

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/internal/golden"
	lower "github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/ssa"
)

// TestGolden checks the page's data (not its HTML) against
// testdata/*.txtar: a section main.n, optional args (-O0, --func NAME,
// -passes a,b), output page. The goldens name their SSA passes, so that
// a change to ssa.Passes() does not change them; TestPageWellFormed
// checks the default pipeline's panels.
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
			case "-passes":
				i++
				opts.Backend.Passes = nil
				for _, name := range strings.Split(args[i], ",") {
					found := false
					for _, p := range ssa.Passes() {
						if p.Name == name && !found {
							opts.Backend.Passes = append(opts.Backend.Passes, p)
							found = true
						}
					}
					if !found {
						t.Fatalf("no SSA pass %q", name)
					}
				}
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
	var cases []golden.Case
	for _, pattern := range []string{"t1_022_*", "t1_029_*", "t1_042_*"} {
		cs, err := golden.Conformance("../../testdata/conformance", pattern)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, cs...)
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

// wantPanels are the panels every function of a compiled program has,
// in order (cfg-graph and intervals are the drawings).
func wantPanels() string {
	keys := []string{"source", "tokens", "ast", "types", "lir", "cfg", "cfg-graph", "ssa"}
	for i, p := range ssa.Passes() {
		keys = append(keys, fmt.Sprintf("pass%d.%s", i+1, p.Name))
	}
	return strings.Join(append(keys, "lower", "split", "regalloc", "intervals", "asm"), " ")
}

// TestPageWellFormed checks the pages of three conformance programs as
// XML and what the page's script needs: every stage panel present and
// non-empty in each function, and lines of the LIR and assembly panels
// that share a source line with the source panel (what a click on a
// source line highlights).
func TestPageWellFormed(t *testing.T) {
	want := wantPanels()
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
				if c := p.attrs["class"]; c != "panel" && !strings.HasPrefix(c, "panel ") {
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
					if x.name == "rect" || x.name == "path" {
						drawn = true
					}
				})
				if lines == 0 && !drawn {
					t.Errorf("%s: %s: panel %s is empty", name, sec.attrs["id"], key)
				}
			})
			got := strings.Join(keys, " ")
			front := []string{"tokens", "ast", "types"}
			if len(keys) > 1 && keys[1] == "lir" {
				// A closure or generic instance: its declaration's
				// tokens and trees are with the first function of it.
				got = strings.Replace(got, "source", "source tokens ast types", 1)
				front = nil
			}
			if got != want {
				t.Errorf("%s: %s: panels\n%s\nwant\n%s", name, sec.attrs["id"], got, want)
			}
			linked := func(key string) bool {
				for s := range srcLines["source"] {
					if srcLines[key][s] {
						return true
					}
				}
				return false
			}
			for _, key := range append(front, "lir", "ssa", "lower", "regalloc", "asm") {
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

// TestScriptSyntax checks the page's scripts (with and without the
// reload script) with node --check, when node is installed.
func TestScriptSyntax(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed (Debian package nodejs)")
	}
	for _, opts := range []HTMLOptions{{}, {Reload: true, Version: `v"1</script>`}} {
		var buf bytes.Buffer
		if err := (&Page{Title: "x.n"}).WriteHTML(&buf, opts); err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`(?s)<script>//<!\[CDATA\[\n(.*)//\]\]>\n</script>`).FindSubmatch(buf.Bytes())
		if m == nil {
			t.Fatalf("no script in the page:\n%s", buf.Bytes())
		}
		if bytes.Contains(m[1], []byte("</script")) {
			t.Errorf("the script holds </script")
		}
		js := filepath.Join(t.TempDir(), "page.js")
		if err := os.WriteFile(js, m[1], 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(node, "--check", js).CombinedOutput(); err != nil {
			t.Errorf("node --check: %v\n%s", err, out)
		}
	}
}

// TestParseIntervals reads regalloc's documented dump, with a split
// interval whose second part is spilled.
func TestParseIntervals(t *testing.T) {
	iv := parseIntervals("entry [0,10)\nloop [10,24)\n%3:i64 [4,12) [16,20) uses 4 10 18 -> $1\n  @15 [16,20) uses 18 -> ss0\n$0 fixed [6,9)\n")
	got := fmt.Sprintf("%v %d %+v %+v", iv.Blocks, iv.Max, iv.Values, iv.Fixed)
	want := "[{entry 0 10} {loop 10 24}] 24 [{Name:%3:i64 Parts:[{Loc:$1 Spilled:false Ranges:[{Name: From:4 To:12} {Name: From:16 To:20}] Uses:[4 10 18]} {Loc:ss0 Spilled:true Ranges:[{Name: From:16 To:20}] Uses:[18]}]}] [{Name:$0 Parts:[{Loc:$0 Spilled:false Ranges:[{Name: From:6 To:9}] Uses:[]}]}]"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
