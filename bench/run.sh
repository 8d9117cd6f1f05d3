#!/usr/bin/env bash
# The benchmark suite of issue 16: programs users recognise, each in
# Nature (bench/programs/NAME.n), Go (NAME.go) and C (NAME.c):
# binarytrees, nbody, spectralnorm, fannkuch, mandelbrot, knucleotide (a
# map workload), strings (string building) and fib.
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
# gcc's and the reference's. docs/bench-programs.md records a run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
if [ "${1:-}" = "-n" ]; then
	runs=$2
	shift 2
fi
progs=("$@")
if [ ${#progs[@]} -eq 0 ]; then
	progs=(binarytrees nbody spectralnorm fannkuch mandelbrot knucleotide strings fib)
fi
ref=$(cd .. && pwd)/shared/oracle/nature
[ -x "$ref" ] || ref=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/naturec" ./examples/naturec

# cpu CMD...: the CPU seconds (user + system) CMD takes.
cpu() {
	local t
	t=$({
		TIMEFORMAT='%3U %3S'
		time "$@" >/dev/null 2>&1
	} 2>&1)
	awk '{ printf "%.3f\n", $1 + $2 }' <<<"$t"
}

# median: the median of the numbers on standard input.
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

status=0
printf '%-12s %8s %8s %8s %8s   %7s %7s %7s\n' program naturec go gcc ref nk/go nk/gcc nk/ref
for p in "${progs[@]}"; do
	d="$tmp/$p"
	mkdir -p "$d/case" "$d/gosrc"
	cp "bench/programs/$p.n" "$d/case/main.n"
	(cd "$d/case" && "$tmp/naturec" build -o ../nk main.n)
	cp "bench/programs/$p.go" "$d/gosrc/main.go"
	printf 'module bench\n\ngo 1.22\n' >"$d/gosrc/go.mod"
	(cd "$d/gosrc" && GOWORK=off go build -o ../go .)
	gcc -O2 -o "$d/gcc" "bench/programs/$p.c" -lm
	impls=(nk go gcc)
	if [ -n "$ref" ] && (cd "$d/case" && "$ref" build -o ../ref main.n >/dev/null 2>&1); then
		impls+=(ref)
	fi
	"$d/nk" >"$d/nk.out"
	for i in "${impls[@]:1}"; do
		if ! "$d/$i" >"$d/$i.out" 2>/dev/null || ! cmp -s "$d/nk.out" "$d/$i.out"; then
			echo "$p: the output of $i differs from naturec's:" >&2
			diff "$d/nk.out" "$d/$i.out" >&2 || true
			status=1
		fi
	done
	for ((r = 0; r < runs; r++)); do
		for i in "${impls[@]}"; do
			cpu "$d/$i" >>"$d/$i.times"
		done
	done
	declare -A med=()
	for i in nk go gcc ref; do
		if [ -f "$d/$i.times" ]; then
			med[$i]=$(median <"$d/$i.times")
		else
			med[$i]=-
		fi
	done
	awk -v p="$p" -v nk="${med[nk]}" -v go="${med[go]}" -v gcc="${med[gcc]}" -v ref="${med[ref]}" '
		function ratio(a, b) { return (b == "-" || b == 0) ? "-" : sprintf("%.2f", a / b) }
		BEGIN { printf "%-12s %8s %8s %8s %8s   %7s %7s %7s\n", p, nk, go, gcc, ref, ratio(nk, go), ratio(nk, gcc), ratio(nk, ref) }'
	unset med
done
exit $status
