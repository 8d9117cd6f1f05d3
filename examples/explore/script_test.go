package explore

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// domHarness is a minimal DOM in JavaScript, enough for the page's
// script: elements built from the tree the test parsed (tag, attributes,
// children), closest, querySelector(All) with tag, class, [attr] and
// [attr="v"] selectors and the descendant combinator, classList,
// getAttribute, scrollTop and offsetTop; document.addEventListener. It
// runs the page's script, clicks the element the path in CLICK leads to
// (child indexes from the root) and prints, per panel of that
// function, the data-s values of its highlighted elements; then clicks
// the title of the first panel and prints its class.
const domHarness = `
const fs = require('fs');
const tree = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const script = fs.readFileSync(process.argv[3], 'utf8');
const click = JSON.parse(process.argv[4]);
function El(t, parent) {
  this.tagName = t.n; this.attrs = t.a || {}; this.parentNode = parent;
  this.children = []; this.scrollTop = 0; this.offsetTop = 0;
  const self = this;
  this.classList = {
    has: function () { return (self.attrs['class'] || '').split(' ').filter(function (x) { return x; }); },
    contains: function (c) { return this.has().indexOf(c) >= 0; },
    add: function (c) { if (!this.contains(c)) { self.attrs['class'] = this.has().concat([c]).join(' '); } },
    remove: function (c) { self.attrs['class'] = this.has().filter(function (x) { return x !== c; }).join(' '); },
    toggle: function (c) { if (this.contains(c)) { this.remove(c); } else { this.add(c); } },
  };
  for (const c of t.c || []) { this.children.push(new El(c, this)); }
}
function simple(el, s) {
  const re = /^([a-z0-9]*)((?:\.[a-zA-Z0-9_-]+)*)((?:\[[a-z-]+(?:="[^"]*")?\])*)$/;
  const m = re.exec(s);
  if (!m) { throw new Error('selector ' + s); }
  if (m[1] && el.tagName !== m[1]) { return false; }
  for (const c of m[2].split('.').slice(1)) { if (!el.classList.contains(c)) { return false; } }
  const ar = /\[([a-z-]+)(?:="([^"]*)")?\]/g; let a;
  while ((a = ar.exec(m[3])) !== null) {
    if (!(a[1] in el.attrs)) { return false; }
    if (a[2] !== undefined && el.attrs[a[1]] !== a[2]) { return false; }
  }
  return true;
}
function matches(el, sel, root) {
  const parts = sel.trim().split(/\s+/);
  if (!simple(el, parts[parts.length - 1])) { return false; }
  let i = parts.length - 2, p = el.parentNode;
  while (i >= 0 && p && p !== root) { if (simple(p, parts[i])) { i--; } p = p.parentNode; }
  return i < 0;
}
El.prototype.getAttribute = function (k) { return k in this.attrs ? this.attrs[k] : null; };
El.prototype.closest = function (sel) { for (let e = this; e && e.tagName; e = e.parentNode) { if (matches(e, sel)) { return e; } } return null; };
El.prototype.querySelectorAll = function (sel) {
  const out = [];
  const walk = (e) => { for (const c of e.children) { if (matches(c, sel)) { out.push(c); } walk(c); } };
  walk(this); return out;
};
El.prototype.querySelector = function (sel) { return this.querySelectorAll(sel)[0] || null; };
const root = new El(tree, null);
const handlers = [];
global.document = { addEventListener: function (t, f) { if (t === 'click') { handlers.push(f); } } };
eval(script);
function at(path) { let e = root; for (const i of path) { e = e.children[i]; } return e; }
const target = at(click);
for (const h of handlers) { h({ target: target }); }
const fn = target.closest('.fn');
const result = {};
for (const p of fn.querySelectorAll('.panel')) {
  result[p.getAttribute('data-key')] = p.querySelectorAll('.hl').map(function (x) { return x.getAttribute('data-s'); });
}
const first = fn.querySelector('.panel');
for (const h of handlers) { h({ target: first.querySelector('h3') }); }
result['#fold'] = first.getAttribute('class');
console.log(JSON.stringify(result));
`

// jsonTree is the parsed page as domHarness reads it.
type jsonTree struct {
	N string            `json:"n"`
	A map[string]string `json:"a,omitempty"`
	C []*jsonTree       `json:"c,omitempty"`
}

func toJSONTree(e *element) *jsonTree {
	t := &jsonTree{N: e.name, A: e.attrs}
	for _, c := range e.children {
		t.C = append(t.C, toJSONTree(c))
	}
	return t
}

// findPath returns the child indexes leading from e to the first
// element ok accepts.
func findPath(e *element, ok func(*element) bool) []int {
	for i, c := range e.children {
		if ok(c) {
			return []int{i}
		}
		if p := findPath(c, ok); p != nil {
			return append([]int{i}, p...)
		}
	}
	return nil
}

// TestScriptClicks runs the page's script in node on a small DOM built
// from the pages of three conformance programs: a click on a source
// line highlights that line and the lines it became in the LIR and
// assembly panels (and nothing of another source line); a click on an
// assembly line highlights its source line; a click on a panel's title
// folds it.
func TestScriptClicks(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed (Debian package nodejs)")
	}
	dir := t.TempDir()
	harness := filepath.Join(dir, "harness.js")
	if err := os.WriteFile(harness, []byte(domHarness), 0o644); err != nil {
		t.Fatal(err)
	}
	scriptRE := regexp.MustCompile(`(?s)<script>//<!\[CDATA\[\n(.*)//\]\]>\n</script>`)
	for name, page := range conformancePages(t) {
		root := parseXML(t, page)
		treeFile := filepath.Join(dir, name+".json")
		js, _ := json.Marshal(toJSONTree(root))
		if err := os.WriteFile(treeFile, js, 0o644); err != nil {
			t.Fatal(err)
		}
		scriptFile := filepath.Join(dir, name+".js")
		if err := os.WriteFile(scriptFile, scriptRE.FindSubmatch(page)[1], 0o644); err != nil {
			t.Fatal(err)
		}
		// The first function's source lines that its assembly has.
		var fn *element
		root.all(func(e *element) {
			if fn == nil && e.name == "section" {
				fn = e
			}
		})
		inPanel := func(key string) map[string]bool {
			set := map[string]bool{}
			fn.all(func(p *element) {
				if p.attrs["data-key"] == key {
					p.all(func(x *element) {
						if s, ok := x.attrs["data-s"]; ok {
							set[s] = true
						}
					})
				}
			})
			return set
		}
		asmLines, lirLines := inPanel("asm"), inPanel("lir")
		line := ""
		for s := range inPanel("source") {
			if asmLines[s] && lirLines[s] && (line == "" || atoi(s) < atoi(line)) {
				line = s
			}
		}
		if line == "" {
			t.Fatalf("%s: no source line of the first function is in both its LIR and its assembly", name)
		}
		run := func(ok func(*element) bool) map[string][]string {
			path := findPath(root, ok)
			if path == nil {
				t.Fatalf("%s: no element to click", name)
			}
			p, _ := json.Marshal(path)
			out, err := exec.Command(node, harness, treeFile, scriptFile, string(p)).CombinedOutput()
			if err != nil {
				t.Fatalf("%s: node: %v\n%s", name, err, out)
			}
			var res map[string][]string
			var fold map[string]any
			if err := json.Unmarshal(bytes.TrimSpace(out), &fold); err != nil {
				t.Fatalf("%s: %v: %s", name, err, out)
			}
			if c, _ := fold["#fold"].(string); !strings.Contains(c, "folded") {
				t.Errorf("%s: clicking a panel's title left its class %q", name, c)
			}
			delete(fold, "#fold")
			b, _ := json.Marshal(fold)
			json.Unmarshal(b, &res)
			return res
		}
		inSection := func(e *element) bool {
			found := false
			fn.all(func(x *element) { found = found || x == e })
			return found
		}
		panelOf := func(key string) func(*element) bool {
			var panel *element
			fn.all(func(p *element) {
				if panel == nil && p.attrs["data-key"] == key {
					panel = p
				}
			})
			return func(e *element) bool {
				if e.attrs["data-s"] != line || !inSection(e) {
					return false
				}
				found := false
				panel.all(func(x *element) { found = found || x == e })
				return found
			}
		}
		for _, from := range []string{"source", "asm"} {
			res := run(panelOf(from))
			for _, key := range []string{"source", "lir", "asm"} {
				if len(res[key]) == 0 {
					t.Errorf("%s: clicking line %s in %s highlights nothing in %s", name, line, from, key)
				}
			}
			for key, ss := range res {
				for _, s := range ss {
					if s != line {
						t.Errorf("%s: clicking line %s in %s highlights line %s in %s", name, line, from, s, key)
					}
				}
			}
		}
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
