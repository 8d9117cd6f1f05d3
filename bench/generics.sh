#!/usr/bin/env bash
# Generic versus hand-specialised code, as deterministic ratios of
# instructions executed (valgrind cachegrind "I refs"; the clock is too
# noisy on a shared machine). The same program — sum, max and an in-place
# quicksort of 5 x 200,000 ints — written with type parameters
# (bench/generics/generic.n) and with every function written for int
# (bench/generics/special.n), both compiled by naturec at its default
# optimisation level; and the same two in Go (bench/generics/main.go,
# generic with type parameters, or -special), built with go build.
#
#	bench/generics.sh [-O0]      (flags are passed to naturec build)
#
# Reports each count and the ratios generic / specialised (the goal is
# within 5%: instantiation makes the same code) and naturec / Go. Needs
# valgrind. The Go programs run with GOMAXPROCS=1 so the collector's
# threads do not make the count vary.
. "$(dirname "$0")/lib.sh"

build_naturec
for v in generic special; do
	"$tmp/naturec" build "$@" -o "$tmp/$v" "bench/generics/$v.n"
done
mkdir "$tmp/go"
cp bench/generics/main.go "$tmp/go/"
printf 'module generics\n\ngo 1.22\n' >"$tmp/go/go.mod"
(cd "$tmp/go" && GOWORK=off go build -o "$tmp/gobench" .)

# Every version must print the same thing.
want=$("$tmp/generic")
for run in "$tmp/special" "$tmp/gobench" "$tmp/gobench -special"; do
	if [ "$($run)" != "$want" ]; then
		echo "generics.sh: $run prints something else than generic.n" >&2
		exit 1
	fi
done

ng=$(icount "$tmp/generic")
ns=$(icount "$tmp/special")
gg=$(GOMAXPROCS=1 icount "$tmp/gobench")
gs=$(GOMAXPROCS=1 icount "$tmp/gobench" -special)
awk -v ng="$ng" -v ns="$ns" -v gg="$gg" -v gs="$gs" 'BEGIN {
	printf "instructions    generic       specialised   generic/specialised\n"
	printf "naturec    %12.0f  %12.0f  %.4f\n", ng, ns, ng / ns
	printf "Go         %12.0f  %12.0f  %.4f\n", gg, gs, gg / gs
	printf "naturec/Go %12.2f  %12.2f\n", ng / gg, ns / gs
}'
