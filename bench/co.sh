#!/usr/bin/env bash
# The concurrency benchmarks of issue 17 (docs/bench-co.md): the same
# programs in Nature (bench/co/NAME.n) and Go (NAME.go), the Nature ones
# built by the current naturec and, where it finishes in reasonable
# time, by the reference compiler (../shared/oracle/nature).
#
#	bench/co.sh [-n RUNS] [spawn|pingpong|idle|pause ...]
#
#   spawn     spawn 100k coroutines returning a value, await them all
#   pingpong  1M round trips over two unbuffered channels
#   idle      100k coroutines blocked on a channel: resident memory per
#             coroutine (VmRSS when all wait, divided by 100k)
#   pause     a 1 GiB live heap (pause.n with mib = 1024) and 4 mutator
#             coroutines allocating garbage: the longest stop-the-world
#             pause the runtime records (runtime.gc_pause_max_ns)
#
# spawn and pingpong run RUNS times (default 5), interleaved; the script
# prints the median wall-clock time and the median CPU time (user +
# system: the machine is shared, its wall clock noisy) of each build and
# naturec's ratios to Go and to the reference. Outputs must be equal
# (a difference fails the script). The reference's pingpong takes about
# a millisecond per round trip (minutes for 1M): it runs the same
# program with 10k round trips instead, and its ratio is per round trip.
. "$(dirname "$0")/lib.sh"
runs_and_progs "spawn pingpong idle pause" "$@"
find_reference
build_naturec

# build NAME [SED]: builds bench/co/NAME.n (edited by the sed script SED
# when given) as $tmp/NAME/nk and, when the reference exists, ref; and
# NAME.go as go when it exists.
build() {
	local d="$tmp/$1"
	mkdir -p "$d/case" "$d/refcase" "$d/gosrc"
	sed -e "${2:-}" "bench/co/$1.n" >"$d/case/main.n"
	(cd "$d/case" && "$tmp/naturec" build -o ../nk main.n)
	if [ -f "bench/co/$1.go" ]; then
		cp "bench/co/$1.go" "$d/gosrc/main.go"
		printf 'module bench\n\ngo 1.22\n' >"$d/gosrc/go.mod"
		(cd "$d/gosrc" && GOWORK=off go build -o ../go .)
	fi
}

# buildref NAME [SED]: the reference's build of NAME.n, as $tmp/NAME/ref.
buildref() {
	local d="$tmp/$1"
	[ -n "$ref" ] || return 0
	sed -e "${2:-}" "bench/co/$1.n" >"$d/refcase/main.n"
	mkdir -p "$d/refcase/case" && mv "$d/refcase/main.n" "$d/refcase/case/main.n"
	(cd "$d/refcase/case" && "$ref" build -o ../../ref main.n >/dev/null 2>&1) || rm -f "$d/ref"
}

# timed NAME SCALE IMPL...: runs each IMPL ($tmp/NAME/IMPL) RUNS times,
# interleaved, and prints the medians and naturec's ratios; SCALE is
# what the reference's time is multiplied by (its run is smaller).
timed() {
	local name=$1 scale=$2 i r
	shift 2
	local d="$tmp/$name" impls=("$@")
	if [ "$scale" = 1 ]; then
		same_outputs "$name" "$d" "${impls[@]}"
	else
		same_outputs "$name" "$d" nk go
	fi
	interleave "$d" times_of "${impls[@]}"
	declare -A wall=() cpu=()
	for i in nk go ref; do
		wall[$i]=- cpu[$i]=-
		if [ -f "$d/$i.times" ]; then
			wall[$i]=$(cut -d' ' -f1 <"$d/$i.times" | median)
			cpu[$i]=$(cut -d' ' -f2 <"$d/$i.times" | median)
		fi
	done
	if [ "${wall[ref]}" != - ]; then
		wall[ref]=$(awk -v t="${wall[ref]}" -v s="$scale" 'BEGIN { printf "%.3f", t * s }')
		cpu[ref]=$(awk -v t="${cpu[ref]}" -v s="$scale" 'BEGIN { printf "%.3f", t * s }')
	fi
	awk -v p="$name" -v nw="${wall[nk]}" -v gw="${wall[go]}" -v rw="${wall[ref]}" \
		-v nc="${cpu[nk]}" -v gc="${cpu[go]}" -v rc="${cpu[ref]}" '
		function ratio(a, b) { return (b == "-" || b == 0) ? "-" : sprintf("%.2f", a / b) }
		BEGIN {
			printf "%-9s wall  nk %7s  go %7s  ref %8s   nk/go %5s  nk/ref %5s\n", p, nw, gw, rw, ratio(nw, gw), ratio(nw, rw)
			printf "%-9s cpu   nk %7s  go %7s  ref %8s   nk/go %5s  nk/ref %5s\n", p, nc, gc, rc, ratio(nc, gc), ratio(nc, rc)
		}'
}

# rss_per_waiter NAME IMPL: VmRSS of $tmp/NAME/IMPL, in bytes, once it
# printed "ready" (its 100k coroutines all blocked), divided by 100000.
rss_per_waiter() {
	local exe="$tmp/$1/$2" out="$tmp/$1/$2.ready" pid kb i
	: >"$out"
	"$exe" >"$out" 2>&1 &
	pid=$!
	for ((i = 0; i < 600; i++)); do
		grep -q ready "$out" && break
		sleep 0.1
	done
	kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	grep -q ready "$out" || {
		echo "idle: $2 never printed ready" >&2
		return 1
	}
	awk -v kb="$kb" 'BEGIN { printf "%.0f\n", kb * 1024 / 100000 }'
}

status=0
for p in "${progs[@]}"; do
	case $p in
	spawn)
		build spawn
		buildref spawn
		impls=(nk go)
		[ -f "$tmp/spawn/ref" ] && impls+=(ref)
		timed spawn 1 "${impls[@]}"
		;;
	pingpong)
		build pingpong
		buildref pingpong 's/int n = 1000000/int n = 10000/'
		impls=(nk go)
		[ -f "$tmp/pingpong/ref" ] && impls+=(ref)
		timed pingpong 100 "${impls[@]}"
		;;
	idle)
		build idle
		buildref idle
		impls=(nk go)
		[ -f "$tmp/idle/ref" ] && impls+=(ref)
		declare -A per=()
		for i in "${impls[@]}"; do
			for ((r = 0; r < runs; r++)); do
				rss_per_waiter idle "$i" >>"$tmp/idle/$i.rss"
			done
			per[$i]=$(median <"$tmp/idle/$i.rss")
		done
		awk -v nk="${per[nk]}" -v go="${per[go]}" -v ref="${per[ref]:--}" '
			function ratio(a, b) { return (b == "-" || b == 0) ? "-" : sprintf("%.2f", a / b) }
			BEGIN { printf "%-9s bytes per idle coroutine  nk %6s  go %6s  ref %6s   nk/go %5s  nk/ref %5s\n", "idle", nk, go, ref, ratio(nk, go), ratio(nk, ref) }'
		;;
	pause)
		build pause 's/int mib = 100$/int mib = 1024/'
		# One run: it allocates 1 GiB and takes tens of seconds.
		"$tmp/pause/nk" | sed 's/^/pause     /'
		;;
	*)
		echo "unknown benchmark $p" >&2
		exit 2
		;;
	esac
done
exit $status
