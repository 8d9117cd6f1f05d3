# What the benchmark scripts of bench/ share. Each script starts with
#
#	. "$(dirname "$0")/lib.sh"
#
# which stops the script at the first failing command, moves to the
# repository root, makes a temporary directory $tmp (removed on exit),
# and defines the functions below.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# all_passes: naturec's default SSA pass list (-passes), in order.
all_passes="inline,selfinline,sccp,copyprop,bce,simplify,thread,strength,gvn,copyprop,bce,rotate,loadelim,fconst,licm,pollelim,dce,sink,layout"

# build_naturec: builds the naturec of this tree as $tmp/naturec.
build_naturec() {
	go build -o "$tmp/naturec" ./examples/naturec
}

# build_nk_go DIR NAME.n [NAME.go]: builds the Nature program NAME.n
# with $tmp/naturec from DIR/case (the directory name the reference
# wants) as DIR/nk and, when given, the Go program NAME.go in a module
# of its own as DIR/go.
build_nk_go() {
	local d=$1
	mkdir -p "$d/case"
	cp "$2" "$d/case/main.n"
	(cd "$d/case" && "$tmp/naturec" build -o ../nk main.n)
	if [ -n "${3:-}" ]; then
		mkdir -p "$d/gosrc"
		cp "$3" "$d/gosrc/main.go"
		printf 'module bench\n\ngo 1.22\n' >"$d/gosrc/go.mod"
		(cd "$d/gosrc" && GOWORK=off go build -o ../go .)
	fi
}

# icount CMD...: runs CMD under valgrind cachegrind and prints the
# instructions it executed ("I refs"; deterministic, unlike times on a
# shared machine). CMD's own output is dropped.
icount() {
	valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		awk '/I +refs/ { gsub(",", "", $NF); print $NF }'
}

# measure NATUREC FILE [FLAG]: builds the Nature program FILE with
# NATUREC (and FLAG, e.g. -O0) from a directory named case, as the
# reference compiler wants, and prints the I refs of running it.
measure() {
	local dir="$tmp/$(basename "$1")-$(basename "$2" .n)-${3:-default}"
	mkdir -p "$dir/case"
	cp "$2" "$dir/case/main.n"
	(cd "$dir/case" && "$1" build ${3:+"$3"} -o ../prog main.n)
	icount "$dir/prog"
}

# compare_levels BEFORE FILE...: one line per program and optimisation
# level (default and -O0): its I refs built by $tmp/naturec and, when
# BEFORE (another naturec binary) is not empty, by BEFORE, with the
# ratio now / before.
compare_levels() {
	local before=$1 file prog level now then_
	shift
	for file in "$@"; do
		prog=$(basename "$file" .n)
		for level in "" -O0; do
			now=$(measure "$tmp/naturec" "$file" "$level")
			if [ -n "$before" ]; then
				then_=$(measure "$before" "$file" "$level")
				awk -v p="$prog" -v l="${level:-default}" -v n="$now" -v b="$then_" 'BEGIN {
					printf "%-14s %-8s now %13.0f  before %13.0f  now/before %.4f\n", p, l, n, b, n / b }'
			else
				printf "%-14s %-8s now %13.0f\n" "$prog" "${level:-default}" "$now"
			fi
		done
	done
}

# find_reference: sets ref to the reference compiler,
# ../shared/oracle/nature, or to "" when it is not there.
find_reference() {
	ref=$(cd .. && pwd)/shared/oracle/nature
	[ -x "$ref" ] || ref=""
}

# times_of CMD...: "WALL CPU", the seconds of one run of CMD on the wall
# clock and of CPU (user + system); CMD's output is dropped.
times_of() {
	local t
	t=$({
		TIMEFORMAT='%3R %3U %3S'
		time "$@" >/dev/null 2>&1
	} 2>&1)
	awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<<"$t"
}

# same_outputs LABEL DIR IMPL...: runs each IMPL ($DIR/IMPL; the first
# is naturec's build) once, its output to $DIR/IMPL.out; one that fails,
# or prints something else than the first, is reported and sets status
# to 1.
same_outputs() {
	local label=$1 d=$2 i
	shift 2
	"$d/$1" >"$d/$1.out"
	for i in "${@:2}"; do
		if ! "$d/$i" >"$d/$i.out" 2>/dev/null || ! cmp -s "$d/$1.out" "$d/$i.out"; then
			echo "$label: the output of $i differs from naturec's:" >&2
			diff "$d/$1.out" "$d/$i.out" >&2 || true
			status=1
		fi
	done
}

# interleave DIR MEASURE IMPL...: RUNS times, each IMPL in turn, appends
# what MEASURE $DIR/IMPL prints to $DIR/IMPL.times.
interleave() {
	local d=$1 measure=$2 r i
	shift 2
	for ((r = 0; r < runs; r++)); do
		for i in "$@"; do
			"$measure" "$d/$i" >>"$d/$i.times"
		done
	done
}

# median: the median of the numbers on standard input (the mean of the
# middle two of an even count).
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# runs_and_progs DEFAULT_PROGRAMS [-n RUNS] [PROGRAM...]: sets runs
# (default 3) and the array progs (default the words of
# DEFAULT_PROGRAMS) from a script's arguments.
runs_and_progs() {
	local defaults=$1
	shift
	runs=3
	if [ "${1:-}" = "-n" ]; then
		runs=$2
		shift 2
	fi
	progs=("$@")
	if [ ${#progs[@]} -eq 0 ]; then
		read -r -a progs <<<"$defaults"
	fi
}
