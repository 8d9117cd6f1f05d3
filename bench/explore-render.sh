#!/usr/bin/env bash
# Render time of naturec explore's page in headless chromium (Debian's
# chromium): the page's #selftest mode measures, with performance.now(),
# the time from navigation start to the end of the page's init with the
# whole page styled and laid out (docs/explore.md, "Render time"). For
# each program the script writes the page (default optimisation), and a
# reference copy without the panels' content-visibility:auto (every
# panel laid out and painted), loads the two alternately N times (a
# fresh browser profile each time) and prints the median of each and the
# ratio page/reference. The clock is shared with whatever else runs:
# compare the ratio, and the medians only to the 1 s bound.
#
#	bench/explore-render.sh [N]   (default 7)
. "$(dirname "$0")/lib.sh"
n=${1:-7}
build_naturec

load() { # FILE: prints the self-test's ms
	rm -rf "$tmp/profile"
	chromium --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" \
		--dump-dom "file://$1#selftest" 2>/dev/null |
		sed -n 's/.*<pre id="selftest"[^>]*>{"ms":\([0-9.]*\).*/\1/p'
}
median() { sort -n | awk '{a[NR]=$1} END {printf "%.0f", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

printf '%-28s %9s %12s %12s %6s\n' program bytes "page ms" "reference ms" ratio
for f in testdata/conformance/t1_022_for_classic testdata/conformance/t2_044_nested_generics testdata/programs/gen_recursion; do
	name=$(basename "$f")
	awk '/^-- main.n --/{p=1;next} /^-- /{p=0} p' "$f.txtar" >"$tmp/$name.n"
	"$tmp/naturec" explore "$tmp/$name.n" -o "$tmp/$name.html"
	sed 's/content-visibility:auto;//' "$tmp/$name.html" >"$tmp/$name.ref.html"
	: >"$tmp/page.ms"
	: >"$tmp/ref.ms"
	for _ in $(seq "$n"); do
		load "$tmp/$name.html" >>"$tmp/page.ms"
		load "$tmp/$name.ref.html" >>"$tmp/ref.ms"
	done
	page=$(median <"$tmp/page.ms")
	ref=$(median <"$tmp/ref.ms")
	printf '%-28s %9d %12s %12s %6.2f\n' "$name" "$(stat -c %s "$tmp/$name.html")" "$page" "$ref" "$(echo "$page $ref" | awk '{print $1/$2}')"
done
