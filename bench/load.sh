#!/usr/bin/env bash
# Loading and checking a 200-module package: naturec against the
# reference compiler, on the same package, in one script.
#
#	bench/load.sh [RUNS]          (default 5 runs of each)
#
# load/internal/loadgen writes a package.toml package of 200 module files
# (20 directories of 10, 335 lines each: structs with defaults, methods,
# a generic function, closures, maps, loops; each imports two modules
# of the directory before it) and a main.n that imports all 200 and
# ends in one type error. Both compilers must stop at that error — the
# reference type-checks the entry module last (diagnostics.md §1.2), so
# its build then has read, parsed, analysed and type-checked every
# module and generated nothing — and this script checks that they
# report it at the same place. It reports the median wall and CPU
# (user + system) time of each and the ratios. The reference is
# ../shared/oracle/nature (NATURE_ORACLE overrides it).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
oracle=${NATURE_ORACLE:-$(cd .. && pwd)/shared/oracle/nature}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/naturec" ./examples/naturec
go run ./load/internal/loadgen/gen "$tmp/case"
cd "$tmp/case"
echo "package: $(find . -name '*.n' | wc -l) files, $(cat $(find . -name '*.n') | wc -l) lines"

# first line of each compiler's diagnostic, path prefix removed
ours=$("$tmp/naturec" build -o "$tmp/out" main.n 2>&1 | head -1 || true)
ref=$("$oracle" build -o "$tmp/out" main.n 2>&1 | head -1 | sed 's|^case/||' || true)
echo "naturec:   $ours"
echo "reference: $ref"
if [ "$ours" != "$ref" ]; then
	echo "load.sh: the compilers stop at different errors" >&2
	exit 1
fi

# measure CMD...: one "wall cpu" line per run
measure() {
	for _ in $(seq "$runs"); do
		/usr/bin/time -f '%e %U %S' -o "$tmp/t" "$@" >/dev/null 2>&1 || true
		tail -1 "$tmp/t" | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
	done
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

measure "$tmp/naturec" build -o "$tmp/out" main.n >"$tmp/ours"
measure "$oracle" build -o "$tmp/out" main.n >"$tmp/ref"
ow=$(cut -d' ' -f1 "$tmp/ours" | median); oc=$(cut -d' ' -f2 "$tmp/ours" | median)
rw=$(cut -d' ' -f1 "$tmp/ref" | median); rc=$(cut -d' ' -f2 "$tmp/ref" | median)
awk -v ow="$ow" -v oc="$oc" -v rw="$rw" -v rc="$rc" -v n="$runs" 'BEGIN {
	printf "median of %d runs   wall (s)   cpu (s)\n", n
	printf "naturec            %8.3f  %8.3f\n", ow, oc
	printf "reference          %8.3f  %8.3f\n", rw, rc
	printf "reference/naturec  %8.2f  %8.2f\n", rw / ow, rc / oc
}'

# Instructions executed, deterministic where the clock is not (a shared
# machine): one run of each under valgrind, when it is installed.
if command -v valgrind >/dev/null; then
	icount() {
		valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null --trace-children=yes "$@" 2>&1 >/dev/null |
			awk '/I +refs/ { gsub(",", "", $NF); s += $NF } END { print s }'
	}
	oi=$(GOMAXPROCS=1 icount "$tmp/naturec" build -o "$tmp/out" main.n || true)
	ri=$(icount "$oracle" build -o "$tmp/out" main.n || true)
	awk -v oi="$oi" -v ri="$ri" 'BEGIN {
		printf "instructions       naturec %.3g, reference %.3g, reference/naturec %.2f\n", oi, ri, ri / oi
	}'
fi
