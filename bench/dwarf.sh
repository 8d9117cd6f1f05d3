#!/usr/bin/env bash
# What DWARF costs (docs/backend-amd64.md, "Debugging information"): for
# each program of bench/programs, the executable's size with the
# debugging information (the default) and without it (naturec build -s),
# the bytes of its .debug_* sections, and a check that the loaded code
# is byte for byte the same; then, for the programs named in $ICOUNT
# (default fib nbody knucleotide), the instructions naturec build
# executes with and without it (cachegrind; the runtime object cached).
#
#	bench/dwarf.sh
. "$(dirname "$0")/lib.sh"
build_naturec
printf "%-14s %10s %10s %8s %8s\n" program "default" "-s" "debug" "ratio"
for file in bench/programs/*.n; do
	prog=$(basename "$file" .n)
	d="$tmp/$prog"
	mkdir -p "$d/case"
	cp "$file" "$d/case/main.n"
	(cd "$d/case" && "$tmp/naturec" build -o ../with main.n && "$tmp/naturec" build -s -o ../without main.n)
	for v in with without; do
		objcopy -O binary --only-section=.text --only-section=.rodata --only-section=.data "$d/$v" "$d/$v.loaded"
	done
	cmp -s "$d/with.loaded" "$d/without.loaded" || { echo "$prog: -s changed the loaded sections" >&2; exit 1; }
	with=$(stat -c %s "$d/with")
	without=$(stat -c %s "$d/without")
	debug=0
	for size in $(readelf -SW "$d/with" | awk '{ for (i = 1; i < NF; i++) if ($i ~ /^\.debug_/) print $(i + 4) }'); do
		debug=$((debug + 16#$size))
	done
	awk -v p="$prog" -v w="$with" -v o="$without" -v g="$debug" 'BEGIN {
		printf "%-14s %10d %10d %8d %8.3f\n", p, w, o, g, w / o }'
done
echo
printf "%-14s %14s %14s %8s\n" program "build I refs" "build -s" "ratio"
for prog in ${ICOUNT:-fib nbody knucleotide}; do
	d="$tmp/$prog/case"
	with=$(cd "$d" && icount "$tmp/naturec" build -o ../w2 main.n)
	without=$(cd "$d" && icount "$tmp/naturec" build -s -o ../o2 main.n)
	awk -v p="$prog" -v w="$with" -v o="$without" 'BEGIN {
		printf "%-14s %14.0f %14.0f %8.3f\n", p, w, o, w / o }'
done
