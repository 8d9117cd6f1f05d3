#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b) {
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }
struct op { const char *name; int (*fn)(int); };
struct op table[] = { { "twice", twice }, { "square", square } };

static int ctor_ran;
__attribute__((constructor)) static void init(void) { ctor_ran = 42; }

__thread int tls_counter = 5;

int main(int argc, char **argv) {
	printf("hello %s %d %.3f\n", "musl", 42, 3.14159);
	int *v = malloc(8 * sizeof *v);
	int in[8] = { 5, 3, 9, 1, 7, 2, 8, 6 };
	memcpy(v, in, sizeof in);
	qsort(v, 8, sizeof *v, cmp);
	for (int i = 0; i < 8; i++) printf("%d%c", v[i], i == 7 ? '\n' : ' ');
	free(v);
	for (int i = 0; i < 2; i++) printf("%s(7)=%d\n", table[i].name, table[i].fn(7));
	errno = 0;
	FILE *f = fopen("/nonexistent/file", "r");
	printf("fopen: %s errno=%d %s\n", f ? "ok" : "failed", errno, strerror(errno));
	tls_counter += argc;
	printf("ctor=%d tls=%d %g\n", ctor_ran, tls_counter, 1e-3);
	return 3;
}
