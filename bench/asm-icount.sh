#!/usr/bin/env bash
# Assembler throughput as a deterministic ratio: the instructions executed
# (valgrind cachegrind "I refs") by naturekit's nkas and by GNU as when
# assembling the same generated file, the one BenchmarkAssemble uses.
# Instruction counts do not depend on machine load, unlike times; they
# are a proxy for throughput (it ignores differences in instructions per
# cycle). nkas runs with GOMAXPROCS=1: under valgrind, the garbage
# collector's work on other threads otherwise makes the count vary from
# run to run; on one thread it is repeatable to about 0.5%, and all of the
# collector's work is counted.
#
#	bench/asm-icount.sh [arm64|amd64]...   (default: both)
#
# Needs valgrind, binutils and binutils-aarch64-linux-gnu.
. "$(dirname "$0")/lib.sh"

go build -o "$tmp/nkas" ./examples/nkas

for arch in "${@:-arm64 amd64}"; do
	case $arch in
	arm64) gnu=aarch64-linux-gnu-as ;;
	amd64) gnu=as ;;
	*) echo "unknown architecture $arch" >&2; exit 2 ;;
	esac
	src="$tmp/$arch.s"
	go test "./asm/$arch" -count=1 -run '^TestWriteBenchSource$' -args "-$arch.benchout=$src" >/dev/null
	lines=$(grep -cv ':$' "$src")
	ours=$(GOMAXPROCS=1 icount "$tmp/nkas" -arch "$arch" -o "$tmp/ours.o" "$src")
	theirs=$(icount "$gnu" -o "$tmp/gnu.o" "$src")
	awk -v a="$arch" -v n="$lines" -v o="$ours" -v g="$theirs" 'BEGIN {
		printf "%s: %d lines  nkas %.0f instructions (%.0f per line)  GNU as %.0f (%.0f per line)  GNU as / nkas = %.2f\n",
			a, n, o, o / n, g, g / n, g / o
	}'
done
