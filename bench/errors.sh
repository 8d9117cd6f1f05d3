#!/usr/bin/env bash
# The cost of errors, catch and defer (docs/bench-faults.md, "Errors,
# catch and defer"), as instructions executed (valgrind cachegrind
# "I refs", deterministic, unlike times on a shared machine), at the
# default optimisation and at -O0:
#
#   - programs that use no errors (bench/faults/{sieve,divloop,calls,
#     fields}.n, bench/programs/knucleotide.n) built by the current
#     naturec and, when given, by another naturec binary (the compiler
#     without the error model): they must not slow down;
#   - bench/errors/*.n, built by the current naturec: errable calls that
#     never fail against the same calls without errors, raising and
#     catching, defer against the same code written out.
#
#	bench/errors.sh [BEFORE_NATUREC]
#
# Needs valgrind.
. "$(dirname "$0")/lib.sh"
build_naturec
before=${1:-}
compare_levels "$before" bench/faults/{sieve,divloop,calls,fields}.n bench/programs/knucleotide.n
compare_levels "" bench/errors/*.n
