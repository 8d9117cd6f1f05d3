#!/usr/bin/env bash
# The write barrier's inline test (issue 17, docs/backend-amd64.md "The
# write barrier"): pointer-store-heavy programs built by another naturec
# (BEFORE: for instance one whose lower.Options.Barriers is off, i.e.
# every pointer store a call of rt.lang.WriteBarrier, or one whose
# barrier is still a call for the register allocator) and by this
# tree's, compared by instructions executed (valgrind cachegrind), at
# the default level and at -O0. Without BEFORE, this tree's counts
# alone.
#
#	bench/barrier.sh [BEFORE]
. "$(dirname "$0")/lib.sh"
before=""
if [ -n "${1:-}" ]; then
	before=$(cd "$OLDPWD" && realpath "$1")
fi
build_naturec
compare_levels "$before" bench/programs/binarytrees.n bench/barrier/stores.n bench/barrier/swaps.n
