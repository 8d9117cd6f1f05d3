#!/usr/bin/env bash
# The cost of errors, catch and defer (docs/bench-faults.md, "Errors,
# catch and defer"), as instructions executed (valgrind cachegrind
# "I refs", deterministic, unlike times on a shared machine), at the
# default optimisation and at -O0:
#
#   - programs that use no errors (bench/faults/{sieve,divloop,calls,
#     fields}.n, bench/programs/knucleotide.n) built by the current
#     naturec and, when given, by another naturec binary (the compiler
#     without the error model): they must not slow down;
#   - bench/errors/*.n, built by the current naturec: errable calls that
#     never fail against the same calls without errors, raising and
#     catching, defer against the same code written out.
#
#	bench/errors.sh [BEFORE_NATUREC]
#
# Needs valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/naturec" ./examples/naturec
before=${1:-}

icount() {
	valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		awk '/I +refs/ { gsub(",", "", $NF); print $NF }'
}

# measure NATUREC FILE FLAGS: builds FILE from a directory named case and
# prints its I refs.
measure() {
	local dir="$tmp/$(basename "$1")-$(basename "$2" .n)-${3:-default}"
	mkdir -p "$dir/case"
	cp "$2" "$dir/case/main.n"
	(cd "$dir/case" && "$1" build ${3:+"$3"} -o ../prog main.n)
	icount "$dir/prog"
}

for file in bench/faults/{sieve,divloop,calls,fields}.n bench/programs/knucleotide.n bench/errors/*.n; do
	prog=$(basename "$file" .n)
	for level in "" -O0; do
		now=$(measure "$tmp/naturec" "$file" "$level")
		if [ -n "$before" ] && [[ $file != bench/errors/* ]]; then
			then_=$(measure "$before" "$file" "$level")
			awk -v p="$prog" -v l="${level:-default}" -v n="$now" -v b="$then_" 'BEGIN {
				printf "%-14s %-8s now %13.0f  before %13.0f  now/before %.4f\n", p, l, n, b, n / b }'
		else
			printf "%-14s %-8s now %13.0f\n" "$prog" "${level:-default}" "$now"
		fi
	done
done
