#!/usr/bin/env bash
# Code size of the conformance programs with and without inlining: every
# case of testdata/conformance and testdata/programs that builds is built
# by naturec at the default level, once with all passes and once with
# all passes but "inline" and "selfinline"; the script prints the summed size of the
# program's own code (.text minus the runtime's, which is the same in
# both: the size of the executable's .text less that of an empty
# program's) and the ratio.
#
#	bench/inline-size.sh
. "$(dirname "$0")/lib.sh"
build_naturec
noinline="${all_passes#inline,selfinline,}"
textsize() { size -A "$1" | awk '$1==".text"{print $2}'; }
mkdir -p "$tmp/empty"
printf 'fn main() {\n}\n' >"$tmp/empty/main.n"
"$tmp/naturec" build -o "$tmp/e" "$tmp/empty/main.n"
base=$(textsize "$tmp/e")
with=0 without=0 n=0
for c in testdata/conformance/*.txtar testdata/programs/*.txtar; do
	d="$tmp/case"
	rm -rf "$d"
	mkdir -p "$d"
	python3 - "$c" "$d" <<'PY'
import os, sys
src, out = sys.argv[1], sys.argv[2]
name = None
buf = []
def flush():
    if name and (name.endswith('.n') or name.endswith('.toml')):
        p = os.path.join(out, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        open(p, 'wb').write(b''.join(buf))
for line in open(src, 'rb'):
    if line.startswith(b'-- ') and line.rstrip().endswith(b' --'):
        flush()
        name, buf = line.decode()[3:].rstrip()[:-3].strip(), []
    else:
        buf.append(line)
flush()
PY
	[ -f "$d/main.n" ] || continue
	if "$tmp/naturec" build -passes="$all_passes" -o "$tmp/a" "$d/main.n" 2>/dev/null &&
		"$tmp/naturec" build -passes="$noinline" -o "$tmp/b" "$d/main.n" 2>/dev/null; then
		with=$((with + $(textsize "$tmp/a") - base))
		without=$((without + $(textsize "$tmp/b") - base))
		n=$((n + 1))
	fi
done
echo "programs: $n"
echo "code without inlining: $without bytes"
echo "code with inlining:    $with bytes"
awk -v a="$with" -v b="$without" 'BEGIN{printf "ratio: %.3f\n", a/b}'
