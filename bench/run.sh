#!/usr/bin/env bash
# The benchmark suite of issue 16: programs users recognise, each in
# Nature (bench/programs/NAME.n), Go (NAME.go) and C (NAME.c):
# binarytrees, nbody, spectralnorm, fannkuch, mandelbrot, knucleotide (a
# map workload), strings (string building), fib and gctree (Boehm's
# GCBench: trees built top down and bottom up beside long-lived data).
#
#	bench/run.sh [-n RUNS] [PROGRAM...]
#
# Builds every program with the current naturec (default optimisation),
# go build, gcc -O2 and, when ../shared/oracle/nature exists, the
# reference compiler; runs each once and checks that all outputs are
# byte-identical (a difference is reported and makes the script fail);
# then runs them RUNS times (default 3), interleaved, and prints the
# median CPU time (user + system seconds: the machine is shared and its
# wall clock noisy) of each, and the ratios of naturec's time to Go's,
# gcc's and the reference's; then the peak resident memory (maximum RSS,
# MB, of one more run, /usr/bin/time) of naturec's, Go's and
# the reference's builds, and naturec's over the reference's.
# docs/bench-programs.md records a run.
. "$(dirname "$0")/lib.sh"
runs_and_progs "binarytrees nbody spectralnorm fannkuch mandelbrot knucleotide strings fib gctree" "$@"
find_reference
build_naturec

# cpu CMD...: the CPU seconds (user + system) CMD takes.
cpu() {
	times_of "$@" | cut -d' ' -f2
}

# rss IMPL: the peak RSS, in MB, of one run of $d/IMPL ("-" if it was
# not built).
rss() {
	if [ -x "$d/$1" ]; then
		/usr/bin/time -f %M -o "$d/$1.rss" "$d/$1" >/dev/null 2>&1
		awk '{ printf "%.1f", $1 / 1024 }' "$d/$1.rss"
	else
		printf -- -
	fi
}

status=0
printf '%-12s %8s %8s %8s %8s   %7s %7s %7s   %7s %7s %7s %7s\n' program naturec go gcc ref nk/go nk/gcc nk/ref "nk MB" "go MB" "ref MB" nk/ref
for p in "${progs[@]}"; do
	d="$tmp/$p"
	build_nk_go "$d" "bench/programs/$p.n" "bench/programs/$p.go"
	gcc -O2 -o "$d/gcc" "bench/programs/$p.c" -lm
	impls=(nk go gcc)
	if [ -n "$ref" ] && (cd "$d/case" && "$ref" build -o ../ref main.n >/dev/null 2>&1); then
		impls+=(ref)
	fi
	same_outputs "$p" "$d" "${impls[@]}"
	interleave "$d" cpu "${impls[@]}"
	declare -A med=()
	for i in nk go gcc ref; do
		if [ -f "$d/$i.times" ]; then
			med[$i]=$(median <"$d/$i.times")
		else
			med[$i]=-
		fi
	done
	awk -v p="$p" -v nk="${med[nk]}" -v go="${med[go]}" -v gcc="${med[gcc]}" -v ref="${med[ref]}" \
		-v mnk="$(rss nk)" -v mgo="$(rss go)" -v mref="$(rss ref)" '
		function ratio(a, b) { return (b == "-" || b == 0) ? "-" : sprintf("%.2f", a / b) }
		BEGIN { printf "%-12s %8s %8s %8s %8s   %7s %7s %7s   %7s %7s %7s %7s\n", p, nk, go, gcc, ref, ratio(nk, go), ratio(nk, gcc), ratio(nk, ref), mnk, mgo, mref, ratio(mnk, mref) }'
	unset med
done
exit $status
