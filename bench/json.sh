#!/usr/bin/env bash
# json encode + decode: naturekit's std/json against Go's encoding/json
# and against the reference compiler (v0.7.4), on the same document.
# bench/json/gen.go writes a deterministic array of records (numbers,
# strings with escapes, bools, nested objects and arrays) of 10 MB (and
# 1 MB); bench/json/json.n reads it with json.deserialize<[record]> and
# writes it back with json.serialize, bench/json/json.go does the same
# with encoding/json into the same struct types. Each prints the number
# of records and the length of its output. naturekit's output is checked
# (by json.go verify) to hold the same records as the input.
#
# Reported: instruction counts (valgrind cachegrind, deterministic) of
# naturekit and Go on the 10 MB document and of naturekit and the
# reference on the 1 MB one, and hyperfine medians of the three programs
# (Go with GOMAXPROCS=1, as naturekit's program runs on one thread) (the reference only on 1 MB: on 10 MB it runs out of
# memory after minutes; its deserialize also garbles arrays of more
# than 8 numbers, so its output is not compared).
#
#	bench/json.sh            (needs Go, valgrind, hyperfine; the reference
#	                          compiler at ../shared/oracle/nature for its column)
. "$(dirname "$0")/lib.sh"

build_naturec
oracle="$PWD/../shared/oracle/nature"
mkdir -p "$tmp/gen" "$tmp/go" "$tmp/case" "$tmp/check/case"
cp bench/json/gen.go "$tmp/gen/main.go"
cp bench/json/json.go "$tmp/go/main.go"
cp bench/json/json.n "$tmp/case/main.n"
sed 's/^    println(recs.len(), out.len())$/    println(out)/' bench/json/json.n >"$tmp/check/case/main.n"
(cd "$tmp/gen" && GOWORK=off GO111MODULE=off go run main.go $((10 << 20)) >../doc10.json)
(cd "$tmp/gen" && GOWORK=off GO111MODULE=off go run main.go $((1 << 20)) >../doc1.json)
(cd "$tmp/go" && GOWORK=off GO111MODULE=off go build -o ../gobin main.go)
(cd "$tmp/case" && "$tmp/naturec" build -o ../nature main.n)
(cd "$tmp/check/case" && "$tmp/naturec" build -o ../nature main.n)

# naturekit's output holds the input's records.
"$tmp/check/nature" "$tmp/doc10.json" >"$tmp/out10.json"
"$tmp/gobin" verify "$tmp/doc10.json" "$tmp/out10.json"
echo "naturekit: $("$tmp/nature" "$tmp/doc10.json")   Go: $("$tmp/gobin" "$tmp/doc10.json")   (records, output bytes)"

nat=$(icount "$tmp/nature" "$tmp/doc10.json")
gocount=$(GOMAXPROCS=1 icount "$tmp/gobin" "$tmp/doc10.json")
awk -v n="$nat" -v g="$gocount" 'BEGIN {
	printf "instructions, 10 MB decode + encode: naturekit %.0f  Go %.0f  naturekit / Go = %.2f\n", n, g, n / g }'

GOMAXPROCS=1 hyperfine -N --warmup 2 --runs 15 --export-json "$tmp/h10.json" \
	-n naturekit "$tmp/nature $tmp/doc10.json" -n go "$tmp/gobin $tmp/doc10.json" >/dev/null
jq -r '.results | (map({(.command): .median}) | add) as $m |
	"median time, 10 MB: naturekit \($m.naturekit * 1000 | floor) ms  Go \($m.go * 1000 | floor) ms  naturekit / Go = \($m.naturekit / $m.go * 100 | floor / 100)"' "$tmp/h10.json"

if [ -x "$oracle" ]; then
	(cd "$tmp/case" && "$oracle" build -o ../reference main.n)
	nat1=$(icount "$tmp/nature" "$tmp/doc1.json")
	ref1=$(icount "$tmp/reference" "$tmp/doc1.json")
	awk -v n="$nat1" -v r="$ref1" 'BEGIN {
		printf "instructions, 1 MB decode + encode: naturekit %.0f  reference %.0f  reference / naturekit = %.1f\n", n, r, r / n }'
	hyperfine -N --warmup 1 --runs 5 --export-json "$tmp/h1.json" \
		-n naturekit "$tmp/nature $tmp/doc1.json" -n reference "$tmp/reference $tmp/doc1.json" >/dev/null
	jq -r '.results | (map({(.command): .median}) | add) as $m |
		"median time, 1 MB: naturekit \($m.naturekit * 1000 | floor) ms  reference \($m.reference * 1000 | floor) ms  reference / naturekit = \($m.reference / $m.naturekit | floor)"' "$tmp/h1.json"
fi
