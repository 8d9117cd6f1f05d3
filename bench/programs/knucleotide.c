/* knucleotide.n in C (bench/run.sh): an open-addressing hash table of
   int keys stands for the map. */
#include <stdio.h>
#include <stdlib.h>

struct table { long *keys, *vals; unsigned char *used; long cap, len; };

static long slot(const struct table *t, long key) {
	unsigned long h = (unsigned long)key * 0x9E3779B97F4A7C15UL;
	long j = (long)(h >> 20) & (t->cap - 1);
	while (t->used[j] && t->keys[j] != key) j = (j + 1) & (t->cap - 1);
	return j;
}

static void grow(struct table *t) {
	struct table old = *t;
	t->cap = old.cap ? old.cap * 2 : 16;
	t->keys = calloc(t->cap, sizeof(long));
	t->vals = calloc(t->cap, sizeof(long));
	t->used = calloc(t->cap, 1);
	for (long i = 0; i < old.cap; i++) {
		if (!old.used[i]) continue;
		long j = slot(t, old.keys[i]);
		t->used[j] = 1;
		t->keys[j] = old.keys[i];
		t->vals[j] = old.vals[i];
	}
	free(old.keys);
	free(old.vals);
	free(old.used);
}

/* put adds one to key's count (inserting it with 0 first). */
static void put(struct table *t, long key) {
	if (2 * (t->len + 1) > t->cap) grow(t);
	long j = slot(t, key);
	if (!t->used[j]) {
		t->used[j] = 1;
		t->keys[j] = key;
		t->vals[j] = 0;
		t->len++;
	}
	t->vals[j]++;
}

int main(void) {
	long n = 60000, seed = 42, total = 0;
	long *dna = malloc(n * sizeof *dna);
	for (long i = 0; i < n; i++) {
		seed = (seed * 3877 + 29573) % 139968;
		dna[i] = seed * 4 / 139968;
	}
	for (int round = 0; round < 5; round++)
	for (long k = 1; k <= 10; k++) {
		struct table t = {0};
		long mask = (1L << (2 * k)) - 1, key = 0;
		for (long i = 0; i < n; i++) {
			key = ((key << 2) | dna[i]) & mask;
			if (i + 1 >= k) put(&t, key);
		}
		long best = 0;
		for (long i = 0; i < t.cap; i++)
			if (t.used[i] && t.vals[i] > best) best = t.vals[i];
		if (round == 0) printf("%ld %ld %ld\n", k, t.len, best);
		total += t.len;
		free(t.keys);
		free(t.vals);
		free(t.used);
	}
	printf("%ld\n", total);
	return 0;
}
