#!/usr/bin/env bash
# The cost of run-time fault handling (integer division by zero, nil
# dereference, stack overflow: signal handlers and the position table,
# docs/bench-faults.md) on integer-heavy programs, as instructions
# executed (valgrind cachegrind "I refs", deterministic, unlike times on
# a shared machine): bench/faults/{sieve,divloop,calls,fields}.n built by the
# current naturec and, when given, by another naturec binary (the
# compiler before the change), at the default optimisation and at -O0.
#
#	bench/faults.sh [BEFORE_NATUREC]
#
# Prints one line per program and level: I refs now, before, and the
# ratio now / before. Needs valgrind.
. "$(dirname "$0")/lib.sh"
build_naturec
compare_levels "${1:-}" bench/faults/{sieve,divloop,calls,fields}.n
