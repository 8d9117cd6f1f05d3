#!/usr/bin/env bash
# The standard library against Go's (issue 18): fmt.sprintf of mixed
# verbs against fmt.Sprintf, and crypto.sha256 against crypto/sha256
# with its assembly's extensions off (GODEBUG=cpu.all=off), on the same
# inputs (bench/std/*.n and *.go; each takes its size as an argument).
# The outputs are compared first (sha256: the digest; sprintf: the total
# length of the strings made — Nature's %f truncates where Go's rounds,
# so the checksums differ).
#
# Reported: instructions executed (valgrind cachegrind: deterministic on
# a shared machine) at a reduced size — sprintf 20000 calls, sha256
# 10 MB — with the ratio naturekit / Go, then hyperfine medians at the
# full size (300000 calls, 100 MB). docs/bench-std.md records a run.
#
#	bench/std.sh            (needs Go, valgrind, hyperfine)
. "$(dirname "$0")/lib.sh"

build_naturec
for p in sprintf sha256; do
	build_nk_go "$tmp/$p" "bench/std/$p.n" "bench/std/$p.go"
done
export GODEBUG=cpu.all=off

small=(sprintf 20000 sha256 10)
full=(sprintf 300000 sha256 100)
status=0
for i in 0 2; do
	p=${small[$i]} n=${small[$((i + 1))]}
	a=$("$tmp/$p/nk" "$n") b=$("$tmp/$p/go" "$n")
	if [ "$p" = sprintf ]; then a=${a%% *} b=${b%% *}; fi
	if [ "$a" != "$b" ]; then
		echo "$p: naturekit printed $a, Go $b" >&2
		status=1
	fi
	nk=$(icount "$tmp/$p/nk" "$n")
	go=$(icount "$tmp/$p/go" "$n")
	awk -v p="$p" -v n="$n" -v a="$nk" -v b="$go" 'BEGIN {
		printf "%-8s %-7s naturekit %13.0f  go %13.0f  naturekit/go %.2f\n", p, n, a, b, a / b }'
done
for i in 0 2; do
	p=${full[$i]} n=${full[$((i + 1))]}
	hyperfine -N --warmup 1 --runs 5 --export-json "$tmp/$p.json" \
		-n "naturekit $p $n" "$tmp/$p/nk $n" -n "go $p $n" "$tmp/$p/go $n" >/dev/null
	awk -v p="$p" -v n="$n" '
		/"median"/ { gsub(/[",]/, "", $2); m[k++] = $2 }
		END { printf "%-8s %-7s naturekit %.3f s  go %.3f s  naturekit/go %.2f (hyperfine medians)\n", p, n, m[0], m[1], m[0] / m[1] }' "$tmp/$p.json"
done
exit $status
