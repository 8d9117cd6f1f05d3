#!/usr/bin/env bash
# Dynamic interface calls: instructions per call of naturekit's code
# against Go's, as a deterministic ratio. bench/iface/iface.n and its Go
# twin bench/iface/iface.go call a method through an interface in a tight
# loop (two implementations alternating). Each is built with 1M and 2M
# iterations and run under valgrind cachegrind; the difference of the
# two instruction counts ("I refs") divided by 1M is the cost of one loop
# iteration — the call, the method and the loop — without start-up and
# printing. Instruction counts do not depend on the machine's load,
# unlike times.
#
#	bench/iface.sh [-O0]     (naturec's flags; default optimisation)
#
# Needs valgrind and Go.
. "$(dirname "$0")/lib.sh"

build_naturec

n1=1000000
n2=2000000
declare -A count
for n in $n1 $n2; do
	mkdir -p "$tmp/$n/case" "$tmp/$n/go"
	sed "s/^const ITERATIONS = .*/const ITERATIONS = $n/" bench/iface/iface.n >"$tmp/$n/case/main.n"
	sed "s/^const iterations = .*/const iterations = $n/" bench/iface/iface.go >"$tmp/$n/go/main.go"
	(cd "$tmp/$n/case" && "$tmp/naturec" build "$@" -o ../nature main.n)
	(cd "$tmp/$n/go" && GOWORK=off GO111MODULE=off go build -o ../gobin main.go)
	if [ "$("$tmp/$n/nature")" != "$("$tmp/$n/gobin")" ]; then
		echo "iface.sh: the two programs print different results" >&2
		exit 1
	fi
	count[nature$n]=$(icount "$tmp/$n/nature")
	count[go$n]=$(GOMAXPROCS=1 icount "$tmp/$n/gobin")
done
awk -v n=$((n2 - n1)) -v a1="${count[nature$n1]}" -v a2="${count[nature$n2]}" \
	-v g1="${count[go$n1]}" -v g2="${count[go$n2]}" 'BEGIN {
	nat = (a2 - a1) / n
	go = (g2 - g1) / n
	printf "instructions per loop iteration (interface call + method + loop):\n"
	printf "  naturekit %.2f   Go %.2f   naturekit / Go = %.2f\n", nat, go, nat / go
}'
