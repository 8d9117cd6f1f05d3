package explore

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
)

// HTMLOptions change the page WriteHTML writes.
type HTMLOptions struct {
	// Reload adds a script that asks the server for the page's version
	// (the relative URL "version", same origin) every second and
	// reloads the page when it changes: what Handler serves.
	Reload bool
	// Version is the page's version for Reload.
	Version string
	// Error, if not empty, is shown at the top of the page (the
	// compile error of a page that could not be built).
	Error string
}

// WriteHTML writes the page: one self-contained HTML5 document that is
// also well-formed XML (XHTML syntax: every element closed, attribute
// values quoted, script and style in CDATA sections), with inline CSS
// and JavaScript and no reference to anything outside itself.
func (p *Page) WriteHTML(w io.Writer, opts HTMLOptions) error {
	bw := bufio.NewWriter(w)
	e := html.EscapeString
	fmt.Fprintf(bw, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>naturec explore: %s</title>\n", e(p.Title))
	fmt.Fprintf(bw, "<style>/*<![CDATA[*/%s/*]]>*/</style>\n</head>\n<body>\n", pageCSS)
	fmt.Fprintf(bw, "<h1>naturec explore: %s</h1>\n", e(p.Title))
	bw.WriteString("<p class=\"help\">Click a line of any panel: the lines that came from the same source line are highlighted in every stage (and the source line itself). Click a panel's title to fold it. Lines marked <span class=\"ch\">like this</span> are new since the previous stage.</p>\n<nav><ul>\n")
	for i, f := range p.Funcs {
		fmt.Fprintf(bw, "<li><a href=\"#f%d\">%s</a></li>\n", i, e(f.Name))
	}
	bw.WriteString("</ul></nav>\n")
	if opts.Error != "" {
		fmt.Fprintf(bw, "<pre class=\"err\">%s</pre>\n", e(opts.Error))
	}
	for i, f := range p.Funcs {
		writeFunc(bw, i, f)
	}
	bw.WriteString("<script>//<![CDATA[\n")
	bw.WriteString(pageJS)
	bw.WriteString(fragmentJS)
	if opts.Reload {
		fmt.Fprintf(bw, reloadJS, jsString(opts.Version))
	}
	bw.WriteString("//]]>\n</script>\n</body>\n</html>\n")
	return bw.Flush()
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, r := range s {
		if r < 0x20 || r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' || r > 0x7e {
			fmt.Fprintf(&sb, "\\u%04x", r)
		} else {
			sb.WriteRune(r)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

func writeFunc(w *bufio.Writer, i int, f *Func) {
	e := html.EscapeString
	fmt.Fprintf(w, "<section class=\"fn\" id=\"f%d\">\n<h2>%s <small>%s:%d</small></h2>\n", i, e(f.Name), e(f.File), f.Line)
	if f.Err != "" {
		fmt.Fprintf(w, "<p class=\"err\">back end: %s</p>\n", e(f.Err))
	}
	w.WriteString("<div class=\"panels\">\n")
	for _, p := range f.Panels {
		writePanel(w, p)
		if p.Key == "cfg" && f.CFG != nil {
			fmt.Fprintf(w, "<div class=\"panel\" data-key=\"cfg-graph\"><h3>CFG graph and dominator tree</h3><div class=\"body\">\n")
			writeGraph(w, f.CFG)
			w.WriteString("</div></div>\n")
		}
		if p.Key == "regalloc" && f.Regs != nil {
			fmt.Fprintf(w, "<div class=\"panel\" data-key=\"intervals\"><h3>live intervals (regalloc)</h3><div class=\"body\">\n")
			writeIntervals(w, f.Regs)
			w.WriteString("</div></div>\n")
		}
	}
	w.WriteString("</div>\n</section>\n")
}

func writePanel(w *bufio.Writer, p *Panel) {
	e := html.EscapeString
	changed := 0
	for _, l := range p.Lines {
		if l.Changed {
			changed++
		}
	}
	class := "panel"
	note := ""
	if strings.HasPrefix(p.Key, "pass") {
		if changed == 0 {
			class += " folded"
			note = " <small>(no change)</small>"
		} else {
			note = fmt.Sprintf(" <small>(%d new lines)</small>", changed)
		}
	}
	fmt.Fprintf(w, "<div class=\"%s\" data-key=\"%s\"><h3>%s%s</h3><div class=\"body\">\n", class, e(p.Key), e(p.Title), note)
	if strings.HasPrefix(p.Key, "pass") && changed == 0 {
		// The text is the previous panel's: not repeated.
		w.WriteString("<div>(the same as the previous stage)</div>\n</div></div>\n")
		return
	}
	for _, l := range p.Lines {
		// Each line is a div; data-s is its source line, class ch
		// marks a new line (both left out when empty, to keep pages
		// of large programs small).
		w.WriteString("<div")
		if l.Changed {
			w.WriteString(" class=\"ch\"")
		}
		if l.Src > 0 {
			fmt.Fprintf(w, " data-s=\"%d\"", l.Src)
		}
		w.WriteString(">")
		if l.Bytes != "" {
			fmt.Fprintf(w, "<span class=\"by\">%s</span>", spaced(l.Bytes))
		}
		fmt.Fprintf(w, "%s</div>\n", e(strings.ReplaceAll(l.Text, "\t", "    ")))
	}
	w.WriteString("</div></div>\n")
}

// spaced writes hex bytes in pairs: "4889e5" → "48 89 e5".
func spaced(h string) string {
	var sb strings.Builder
	for i := 0; i+1 < len(h); i += 2 {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(h[i : i+2])
	}
	return sb.String()
}

// writeGraph draws the CFG and the dominator tree as SVG.
func writeGraph(w *bufio.Writer, g *Graph) {
	e := html.EscapeString
	const arrow = "<defs><marker id=\"%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n"
	draw := func(title string, width, height int, edges []Edge, dom bool) {
		id := "arrow"
		if dom {
			id = "arrowd"
		}
		fmt.Fprintf(w, "<p>%s</p>\n<svg class=\"graph\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n", title, width+boxW, height, width+boxW, height)
		fmt.Fprintf(w, arrow, id)
		pos := func(n Node) (int, int) {
			if dom {
				return n.DX, n.DY
			}
			return n.X, n.Y
		}
		for _, ed := range edges {
			x1, y1 := pos(g.Nodes[ed.From])
			x2, y2 := pos(g.Nodes[ed.To])
			if ed.Back || ed.From == ed.To {
				// Around the right-hand side, dashed.
				right := width + boxW/2 // past every box
				fmt.Fprintf(w, "<path class=\"back\" d=\"M%d,%d C%d,%d %d,%d %d,%d\" marker-end=\"url(#%s)\"/>\n",
					x1+boxW/2, y1, right, y1, right, y2, x2+boxW/2, y2, id)
				continue
			}
			fmt.Fprintf(w, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" marker-end=\"url(#%s)\"/>\n", x1, y1+boxH/2, x2, y2-boxH/2, id)
		}
		for _, n := range g.Nodes {
			x, y := pos(n)
			fmt.Fprintf(w, "<g class=\"node\" data-s=\"%d\"><title>%s: %d instructions</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"5\"/><text x=\"%d\" y=\"%d\">%s</text></g>\n",
				n.Src, e(n.Name), n.Instrs, x-boxW/2, y-boxH/2, boxW, boxH, x, y+4, e(n.Name))
		}
		w.WriteString("</svg>\n")
	}
	draw("control flow (back edges dashed)", g.W, g.H, g.Edges, false)
	draw("dominator tree", g.DomW, g.DomH, g.Dom, true)
}

// writeIntervals draws regalloc's intervals: one row per virtual register,
// a bar per range coloured by location (spilled parts hatched red), a
// tick per use; then the fixed intervals of the physical registers.
func writeIntervals(w *bufio.Writer, iv *Intervals) {
	e := html.EscapeString
	const label, row, top = 110, 16, 20
	scale := 8
	if iv.Max > 0 {
		scale = max(2, min(12, 900/iv.Max))
	}
	rows := len(iv.Values) + len(iv.Fixed)
	width := label + (iv.Max+1)*scale + 10
	height := top + rows*row + 10
	fmt.Fprintf(w, "<svg class=\"iv\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n", width, height, width, height)
	w.WriteString("<defs><pattern id=\"spill\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f6c6c6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#c33\" stroke-width=\"3\"/></pattern></defs>\n")
	x := func(p int) int { return label + p*scale }
	for _, b := range iv.Blocks {
		fmt.Fprintf(w, "<line class=\"blk\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/><text class=\"blk\" x=\"%d\" y=\"%d\">%s</text>\n", x(b.From), top-4, x(b.From), height, x(b.From)+2, top-8, e(b.Name))
	}
	y := top
	bar := func(name string, parts []Part, fixed bool) {
		fmt.Fprintf(w, "<text class=\"rn\" x=\"2\" y=\"%d\">%s</text>\n", y+row-4, e(regName(name)))
		for _, p := range parts {
			class := "reg"
			switch {
			case fixed:
				class = "fixed"
			case p.Spilled:
				class = "spill"
			}
			if fixed {
				// Many ranges (each call clobbers every caller-saved
				// register): one path per register, no tooltips.
				if len(p.Ranges) > 0 {
					fmt.Fprintf(w, "<path class=\"fixed\" d=\"")
					for _, r := range p.Ranges {
						fmt.Fprintf(w, "M%d %dh%dv%dh-%dz", x(r.From), y+2, max(1, (r.To-r.From)*scale), row-4, max(1, (r.To-r.From)*scale))
					}
					w.WriteString("\"/>\n")
				}
				continue
			}
			for _, r := range p.Ranges {
				fmt.Fprintf(w, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"><title>%s [%d,%d) in %s</title></rect>\n",
					class, x(r.From), y+2, max(1, (r.To-r.From)*scale), row-4, e(name), r.From, r.To, e(p.Loc))
			}
			if len(p.Ranges) > 0 && !fixed {
				fmt.Fprintf(w, "<text class=\"loc\" x=\"%d\" y=\"%d\">%s</text>\n", x(p.Ranges[0].From)+2, y+row-5, e(regName(p.Loc)))
			}
			for _, u := range p.Uses {
				fmt.Fprintf(w, "<line class=\"use\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n", x(u), y+1, x(u), y+row-1)
			}
		}
		y += row
	}
	for _, v := range iv.Values {
		bar(v.Name, v.Parts, false)
	}
	for _, v := range iv.Fixed {
		bar(v.Name+" fixed", v.Parts, true)
	}
	w.WriteString("</svg>\n")
	fmt.Fprintf(w, "<details><summary>the allocator's dump</summary><pre>%s</pre></details>\n", e(iv.Text))
}

// regName names the amd64 register of a physical register operand
// "$N" (lower/amd64 numbers them by hardware number, the SSE registers
// from 16): "$0" → "rax"; a fixed interval "$0 fixed" → "rax fixed";
// anything else is returned as it is.
func regName(s string) string {
	gp := [...]string{"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"}
	num, rest, _ := strings.Cut(s, " ")
	n, err := strconv.Atoi(strings.TrimPrefix(num, "$"))
	if !strings.HasPrefix(num, "$") || err != nil || n < 0 || n >= 32 {
		return s
	}
	name := fmt.Sprintf("xmm%d", n-16)
	if n < 16 {
		name = gp[n]
	}
	if rest != "" {
		return name + " " + rest
	}
	return name
}

// pageCSS is the page's style. Panels are content-visibility:auto: the
// browser lays out and paints only the panels in view (a panel not yet
// seen takes 1em×40em, so that the first layout finds every panel that
// fits in the window), which roughly halves the render time of large
// pages (docs/explore.md, "Render time").
const pageCSS = `
body{font:14px/1.35 system-ui,sans-serif;margin:1em;color:#222}
h1{font-size:1.3em}h2{font-size:1.15em;margin:1.2em 0 .4em}h2 small{color:#777;font-weight:normal}
nav ul{columns:4;list-style:none;padding:0;font-family:monospace}
.help{color:#555}
.panels{display:flex;gap:6px;overflow-x:auto;align-items:flex-start;padding-bottom:6px}
.panel{flex:0 0 auto;border:1px solid #bbb;border-radius:4px;max-width:60em;background:#fff;content-visibility:auto;contain-intrinsic-size:auto 1em auto 40em}
.panel h3{margin:0;padding:3px 6px;font-size:.9em;background:#eef;cursor:pointer;white-space:nowrap}
.panel .body{max-height:75vh;overflow:auto;padding:2px 0;position:relative}
.panel.folded .body{display:none}
.panel.folded h3{writing-mode:vertical-rl;padding:6px 3px}
.body>div{font:12px/1.3 monospace;white-space:pre;padding:0 6px}
.body>div[data-s]{cursor:pointer}
.body>div[data-s]:hover{background:#f3f3f3}
.ch{background:#fff3c4}
.body>div.hl{background:#9fd3ff}
.by{display:inline-block;min-width:16em;color:#777;margin-right:1em}
.err{color:#b00;font-family:monospace;white-space:pre-wrap}
svg text{font:11px monospace}
.graph line,.graph path{stroke:#555;fill:none}.graph marker path{fill:#555;stroke:none}
.graph .back{stroke-dasharray:4 3}
.graph rect{fill:#eef;stroke:#557}.graph text{text-anchor:middle}
.graph .node{cursor:pointer}.graph .node.hl rect{fill:#9fd3ff}
.iv .reg{fill:#8cb8e8}.iv .spill{fill:url(#spill)}.iv .fixed{fill:#ccc}
.iv .use{stroke:#000}.iv .blk{stroke:#ddd;fill:#888}.iv .loc{fill:#124}
`

const pageJS = `
(function () {
  function each(list, f) { for (var i = 0; i < list.length; i++) { f(list[i]); } }
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    var h = t.closest ? t.closest('h3') : null;
    if (h && h.parentNode.classList.contains('panel')) { h.parentNode.classList.toggle('folded'); return; }
    var l = t.closest ? t.closest('[data-s]') : null;
    if (!l) { return; }
    var fn = l.closest('.fn');
    if (!fn) { return; }
    each(fn.querySelectorAll('.hl'), function (x) { x.classList.remove('hl'); });
    var s = l.getAttribute('data-s');
    each(fn.querySelectorAll('[data-s="' + s + '"]'), function (x) { x.classList.add('hl'); });
    var here = l.closest('.body');
    each(fn.querySelectorAll('.panel .body'), function (b) {
      var first = b.querySelector('.hl');
      if (b !== here && first && first.offsetTop !== undefined) {
        b.scrollTop = Math.max(0, first.offsetTop - 40);
      }
    });
  });
})();
`

// fragmentJS reads the page's URL fragment, options separated by "&":
// fold=KEY,KEY... folds the panels of those keys (KEY* those whose key
// starts with KEY: "tokens,ast,types,pass*" shows the LIR next to the
// source and no SSA pass), selftest runs the page's self-test.
//
// The self-test is what the headless-browser test (TestBrowser) runs. It
// measures the time from navigation start to the end of the page's init
// with the whole page styled and laid out, checks that every panel of
// every function is present, has a box and is not empty, clicks an
// assembly line and then a source line of the first function that both
// its LIR and assembly panels have, records what each click highlighted
// (and whether the highlight is drawn in its colour), and writes the
// result as JSON into a hidden <pre id="selftest">.
const fragmentJS = `
(function () {
  var opts = typeof location === 'undefined' ? [] : location.hash.replace(/^#/, '').split('&');
  for (var i = 0; i < opts.length; i++) {
    if (opts[i].indexOf('fold=') === 0) {
      var keys = opts[i].slice(5).split(',');
      for (var j = 0; j < keys.length; j++) {
        var key = keys[j].replace(/[^a-z0-9.*-]/g, ''), star = key.slice(-1) === '*';
        var ps = document.querySelectorAll('.panel[data-key' + (star ? '^' : '') + '="' + key.replace('*', '') + '"]');
        for (var k = 0; k < ps.length; k++) { ps[k].classList.add('folded'); }
      }
    }
  }
  if (opts.indexOf('selftest') < 0) { return; }
  void document.body.offsetHeight;
  var r = { ms: performance.now(), funcs: [] };
  function each(list, f) { for (var i = 0; i < list.length; i++) { f(list[i]); } }
  try {
    each(document.querySelectorAll('section.fn'), function (fn) {
      var f = { id: fn.id, panels: [], empty: [] };
      each(fn.querySelectorAll('.panel'), function (p) {
        var key = p.getAttribute('data-key'), b = p.querySelector('.body'), box = p.getBoundingClientRect();
        f.panels.push(key);
        if (!b || (b.textContent.trim() === '' && !b.querySelector('rect, path')) || box.width === 0 || box.height === 0) { f.empty.push(key); }
      });
      r.funcs.push(f);
    });
    var fn = document.querySelector('section.fn');
    var panel = function (key) { return fn.querySelector('.panel[data-key="' + key + '"]'); };
    var lir = panel('lir'), asm = panel('asm');
    each(panel('source').querySelectorAll('[data-s]'), function (l) {
      var s = l.getAttribute('data-s'), sel = '[data-s="' + s + '"]';
      if (!r.line && lir.querySelector(sel) && asm.querySelector(sel)) { r.line = s; }
    });
    var click = function (el) {
      el.click();
      var c = { hl: {}, wrong: [], unstyled: 0 };
      each(fn.querySelectorAll('.hl'), function (x) {
        var p = x.closest('.panel'), key = p ? p.getAttribute('data-key') : '?';
        c.hl[key] = (c.hl[key] || 0) + 1;
        if (x.getAttribute('data-s') !== r.line) { c.wrong.push(key); }
        if (x.tagName === 'DIV' && getComputedStyle(x).backgroundColor !== 'rgb(159, 211, 255)') { c.unstyled++; }
      });
      return c;
    };
    if (r.line) {
      var sel = '[data-s="' + r.line + '"]';
      r.fromAsm = click(asm.querySelector(sel));
      r.fromSource = click(panel('source').querySelector(sel));
    }
  } catch (e) {
    r.error = String(e);
  }
  var out = document.createElement('pre');
  out.id = 'selftest';
  out.hidden = true;
  out.textContent = JSON.stringify(r);
  document.body.appendChild(out);
})();
`

const reloadJS = `
(function () {
  var version = %s;
  setInterval(function () {
    var r = new XMLHttpRequest();
    r.open('GET', 'version');
    r.onload = function () { if (r.status === 200 && r.responseText !== version) { location.reload(); } };
    r.send();
  }, 1000);
})();
`
