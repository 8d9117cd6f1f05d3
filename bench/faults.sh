#!/usr/bin/env bash
# The cost of run-time fault handling (integer division by zero, nil
# dereference, stack overflow: signal handlers and the position table,
# docs/bench-faults.md) on integer-heavy programs, as instructions
# executed (valgrind cachegrind "I refs", deterministic, unlike times on
# a shared machine): bench/faults/{sieve,divloop,calls,fields}.n built by the
# current naturec and, when given, by another naturec binary (the
# compiler before the change), at the default optimisation and at -O0.
#
#	bench/faults.sh [BEFORE_NATUREC]
#
# Prints one line per program and level: I refs now, before, and the
# ratio now / before. Needs valgrind.
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

# measure NATUREC PROG FLAGS: builds PROG from a directory named case and
# prints its I refs.
measure() {
	local dir="$tmp/$(basename "$1")-$2-${3:-default}"
	mkdir -p "$dir/case"
	cp "bench/faults/$2.n" "$dir/case/main.n"
	(cd "$dir/case" && "$1" build ${3:+"$3"} -o ../prog main.n)
	icount "$dir/prog"
}

for prog in sieve divloop calls fields; do
	for level in "" -O0; do
		now=$(measure "$tmp/naturec" "$prog" "$level")
		if [ -n "$before" ]; then
			then_=$(measure "$before" "$prog" "$level")
			awk -v p="$prog" -v l="${level:-default}" -v n="$now" -v b="$then_" 'BEGIN {
				printf "%-8s %-8s now %12.0f  before %12.0f  now/before %.4f\n", p, l, n, b, n / b }'
		else
			printf "%-8s %-8s now %12.0f\n" "$prog" "${level:-default}" "$now"
		fi
	done
done
