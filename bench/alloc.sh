#!/usr/bin/env bash
# The allocation fast path (issue 20, docs/bench-alloc.md): the same
# programs built by another naturec (BEFORE, e.g. one built from the
# commit before the change) and by this tree's, compared by instructions
# executed (valgrind cachegrind) and by CPU time (user + system, medians
# of RUNS interleaved runs), with Go's figures beside them.
#
#	bench/alloc.sh BEFORE [-n RUNS] [PROGRAM...]
#
# PROGRAM is a name of bench/programs (default: binarytrees strings
# knucleotide) or sprintf (bench/std/sprintf.n with 20000 calls for the
# instruction count and 300000 for the times). Outputs are compared
# first: before, now and Go must print the same.
. "$(dirname "$0")/lib.sh"
before=$(cd "$OLDPWD" && realpath "$1")
shift
runs_and_progs "binarytrees strings knucleotide" "$@"
build_naturec

cpu() {
	times_of "$@" | cut -d' ' -f2
}

status=0
printf '%-12s %15s %15s %7s %15s %7s   %7s %7s %7s %7s\n' program "I before" "I now" now/bef "I go" now/go "s before" "s now" "s go" now/go
for p in "${progs[@]}"; do
	d="$tmp/$p"
	src=bench/programs/$p
	small=() full=()
	if [ "$p" = sprintf ]; then
		src=bench/std/$p small=(20000) full=(300000)
	fi
	build_nk_go "$d" "$src.n" "$src.go"
	(cd "$d/case" && "$before" build -o ../before main.n)
	a=$("$d/before" "${small[@]}") b=$("$d/nk" "${small[@]}") c=$("$d/go" "${small[@]}")
	if [ "$p" = sprintf ]; then c=${c%% *} a=${a%% *} b=${b%% *}; fi
	if [ "$a" != "$b" ] || [ "$b" != "$c" ]; then
		echo "$p: the outputs differ (before, now, Go):" >&2
		printf '%s\n---\n%s\n---\n%s\n' "$a" "$b" "$c" >&2
		status=1
	fi
	ib=$(icount "$d/before" "${small[@]}")
	in=$(icount "$d/nk" "${small[@]}")
	ig=$(icount "$d/go" "${small[@]}")
	for ((r = 0; r < runs; r++)); do
		for i in before nk go; do
			cpu "$d/$i" "${full[@]}" >>"$d/$i.times"
		done
	done
	awk -v p="$p" -v ib="$ib" -v in_="$in" -v ig="$ig" \
		-v tb="$(median <"$d/before.times")" -v tn="$(median <"$d/nk.times")" -v tg="$(median <"$d/go.times")" 'BEGIN {
		printf "%-12s %15.0f %15.0f %7.3f %15.0f %7.2f   %7.3f %7.3f %7.3f %7.2f\n", p, ib, in_, in_ / ib, ig, in_ / ig, tb, tn, tg, tn / tg }'
done
exit $status
