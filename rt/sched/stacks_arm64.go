package sched

// archMaxStacks is Config.MaxStacks's default on arm64: 1<<14 stacks
// (16 GiB of address space) instead of DefaultMaxStacks, because
// qemu-user (7.2), which runs arm64 programs on other hosts and in the
// tests, keeps a record per page of a reservation: 256 GiB of stacks
// cost it about 10 s and 1.6 GB per process, 16 GiB 0.6 s.
const archMaxStacks = 1 << 14
