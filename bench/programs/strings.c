/* strings.n in C (bench/run.sh): each concatenation allocates a new
   string, as immutable strings do in Nature and Go. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct str { char *p; long n; };

static struct str concat(struct str a, struct str b) {
	struct str r = {malloc(a.n + b.n + 1), a.n + b.n};
	memcpy(r.p, a.p, a.n);
	memcpy(r.p + a.n, b.p, b.n);
	r.p[r.n] = 0;
	return r;
}

static struct str itoa(long n) {
	char digits[24];
	long k = 0;
	if (n == 0) digits[k++] = '0';
	while (n > 0) {
		digits[k++] = (char)(n % 10 + 48);
		n /= 10;
	}
	struct str r = {malloc(k + 1), k};
	for (long i = 0; i < k; i++) r.p[i] = digits[k - 1 - i];
	r.p[k] = 0;
	return r;
}

int main(void) {
	long total = 0, equal = 0;
	struct str comma = {",", 1};
	for (int round = 0; round < 20; round++) {
		struct str s = {"", 0};
		for (long i = 0; i < 2000; i++) {
			struct str d = itoa(i), s1 = concat(s, d), s2 = concat(s1, comma);
			free(d.p);
			free(s1.p);
			if (s.n) free(s.p);
			s = s2;
		}
		total += s.n;
		struct str t = {"", 0};
		for (long i = 0; i < 2000; i++) {
			struct str d = itoa(i), t1 = concat(t, d);
			free(d.p);
			if (t.n) free(t.p);
			struct str t2 = concat(t1, comma);
			free(t1.p);
			t = t2;
		}
		if (s.n == t.n && memcmp(s.p, t.p, s.n) == 0) equal++;
		free(s.p);
		free(t.p);
	}
	printf("%ld %ld\n", total, equal);
	return 0;
}
