#!/usr/bin/env bash
# The optimiser on the benchmark suite's compute-bound programs
# (bench/programs): each built by naturec with the pass list before
# issue 16's passes ("before": -passes=sccp,copyprop,simplify,gvn,
# copyprop,dce) and with the default list, run RUNS times (default 3)
# interleaved; prints the median CPU time (user + system) of each and the
# ratio default / before. Outputs of the two builds must be equal.
#
#	bench/optimiser-programs.sh [-n RUNS] [PROGRAM...]
. "$(dirname "$0")/lib.sh"
runs_and_progs "nbody spectralnorm fannkuch mandelbrot fib" "$@"
build_naturec
cpu() { # median CPU seconds of running $1, $runs times (times in $tmp/t.$2)
	/usr/bin/time -f '%U %S' -o "$tmp/one" "$1" >/dev/null
	awk '{printf "%.3f\n", $1 + $2}' "$tmp/one" >>"$tmp/t.$2"
}
printf '%-14s %10s %10s %8s\n' program before default ratio
for p in "${progs[@]}"; do
	"$tmp/naturec" build -passes=sccp,copyprop,simplify,gvn,copyprop,dce -o "$tmp/$p.before" "bench/programs/$p.n"
	"$tmp/naturec" build -o "$tmp/$p.default" "bench/programs/$p.n"
	if ! cmp -s <("$tmp/$p.before") <("$tmp/$p.default"); then
		echo "$p: outputs differ" >&2
		exit 1
	fi
	rm -f "$tmp/t.before" "$tmp/t.default"
	for _ in $(seq "$runs"); do
		cpu "$tmp/$p.before" before
		cpu "$tmp/$p.default" default
	done
	b=$(median <"$tmp/t.before")
	d=$(median <"$tmp/t.default")
	printf '%-14s %10s %10s %8s\n' "$p" "$b" "$d" "$(awk -v a="$d" -v b="$b" 'BEGIN{printf "%.3f", a/b}')"
done
