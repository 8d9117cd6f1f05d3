#!/usr/bin/env bash
# The SSA optimiser's passes, measured as instructions executed (valgrind
# cachegrind "I refs"; the clock is too noisy on a shared machine) on small
# compute kernels (bench/optimiser/*.n): fib (recursive calls), calls
# (small functions called in a loop), sieve (fixed-array
# indexing in loops, inline bounds checks), nbody (float loops over
# fixed arrays). Each program is built by naturec with:
#
#	O0      -O0: no SSA pass
#	before  -passes=sccp,copyprop,simplify,gvn,copyprop,dce (the
#	        default set before inline, bce, strength, loadelim and licm)
#	-inline, -bce, -strength, -loadelim, -licm   the default set without
#	        that pass
#	default the default set (ssa.Passes())
#
# and the script prints each count, its ratio to "before", and the size
# of the executable's .text.
#
#	bench/optimiser.sh [PROGRAM...]   (default: every bench/optimiser/*.n)
. "$(dirname "$0")/lib.sh"
build_naturec
all=$all_passes
declare -A sets=(
	[O0]="-O0"
	[before]="-passes=sccp,copyprop,simplify,gvn,copyprop,dce"
	[-bce]="-passes=${all/bce,/}"
	[-loadelim]="-passes=${all/loadelim,/}"
	[-licm]="-passes=${all/licm,/}"
	[-inline]="-passes=${all#inline,}"
	[-strength]="-passes=${all/strength,/}"
	[default]=""
)
order="O0 before -inline -bce -strength -loadelim -licm default"

progs=("$@")
if [ ${#progs[@]} -eq 0 ]; then
	progs=(bench/optimiser/*.n)
fi
printf '%-8s %-10s %14s %8s %8s\n' program build Ir vs-before text
for p in "${progs[@]}"; do
	name=$(basename "$p" .n)
	base=""
	for s in $order; do
		exe="$tmp/$name.$s"
		# shellcheck disable=SC2086
		"$tmp/naturec" build ${sets[$s]} -o "$exe" "$p"
		valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$exe" >/dev/null 2>"$tmp/cg"
		ir=$(sed -n 's/.*I *refs: *//p' "$tmp/cg" | tr -d ,)
		text=$(size -A "$exe" | awk '$1==".text"{print $2}')
		if [ "$s" = before ]; then base=$ir; fi
		ratio=-
		if [ -n "$base" ]; then ratio=$(awk -v a="$ir" -v b="$base" 'BEGIN{printf "%.3f", a/b}'); fi
		printf '%-8s %-10s %14s %8s %8s\n' "$name" "$s" "$ir" "$ratio" "$text"
	done
done
