#!/usr/bin/env bash
# The native runtime against the same code compiled by gc
# (docs/runtime.md, "Native vs host benchmark"), as instructions
# executed under valgrind cachegrind (deterministic, unlike times on a
# shared machine): rt/internal/proof's benchmark, its allocation part
# (4 Mi 32-byte objects from alloc.Cache.Alloc) and its mark part (five
# mark phases over a depth-15 binary tree, after building it), each
# built by gc (rt/internal/proof/benchhost) and by naturekit with and
# without gofront's inlining.
#
#	bench/rt-native.sh
#
# Prints I refs per part and build, and the ratios native / gc. Needs
# valgrind.
. "$(dirname "$0")/lib.sh"
(cd rt && go build -o "$tmp/gc" ./internal/proof/benchhost)
go test -count=1 -run TestBenchNative ./rt/gofront/internal/nativetest -args -nativebench -benchout "$tmp" >/dev/null

printf '%-6s %14s %14s %14s   %9s %9s\n' part gc native native-noinl native/gc noinl/gc
for part in alloc mark; do
	g=$(icount "$tmp/gc" "$part")
	n=$(icount "$tmp/bench" "$part")
	o=$(icount "$tmp/bench-noinline" "$part")
	awk -v p="$part" -v g="$g" -v n="$n" -v o="$o" 'BEGIN {
		printf "%-6s %14.0f %14.0f %14.0f   %9.2f %9.2f\n", p, g, n, o, n / g, o / g }'
done
