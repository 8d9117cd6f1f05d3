/* fannkuch.n in C (bench/run.sh). */
#include <stdio.h>

static long flips(long *perm, const long *perm1, long n) {
	for (long i = 0; i < n; i++) perm[i] = perm1[i];
	long f = 0, k = perm[0];
	while (k != 0) {
		long lo = 0, hi = k;
		while (lo < hi) {
			long t = perm[lo];
			perm[lo] = perm[hi];
			perm[hi] = t;
			lo++;
			hi--;
		}
		f++;
		k = perm[0];
	}
	return f;
}

static long next(long *perm1, long *count, long r, long n) {
	while (r != n) {
		long p0 = perm1[0];
		for (long i = 0; i < r; i++) perm1[i] = perm1[i + 1];
		perm1[r] = p0;
		count[r]--;
		if (count[r] > 0) return r;
		r++;
	}
	return n;
}

int main(void) {
	long n = 10, perm[16], perm1[16], count[16];
	for (long i = 0; i < n; i++) perm1[i] = i;
	long max_flips = 0, checksum = 0, perm_count = 0, r = n;
	while (r != -1) {
		while (r != 1) {
			count[r - 1] = r;
			r--;
		}
		long f = flips(perm, perm1, n);
		if (f > max_flips) max_flips = f;
		if (perm_count % 2 == 0) checksum += f; else checksum -= f;
		r = next(perm1, count, r, n);
		if (r == n) r = -1;
		perm_count++;
	}
	printf("%ld\nPfannkuchen( %ld ) = %ld\n", checksum, n, max_flips);
	return 0;
}
