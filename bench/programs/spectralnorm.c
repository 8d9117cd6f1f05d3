/* spectralnorm.n in C (bench/run.sh). */
#include <stdio.h>
#include <stdlib.h>

static double eval_a(long i, long j) { return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1); }

static void times(const double *v, double *out, long n) {
	for (long i = 0; i < n; i++) {
		double s = 0;
		for (long j = 0; j < n; j++) s += eval_a(i, j) * v[j];
		out[i] = s;
	}
}

static void times_transp(const double *v, double *out, long n) {
	for (long i = 0; i < n; i++) {
		double s = 0;
		for (long j = 0; j < n; j++) s += eval_a(j, i) * v[j];
		out[i] = s;
	}
}

static void times_ata(const double *v, double *out, double *tmp, long n) {
	times(v, tmp, n);
	times_transp(tmp, out, n);
}

int main(void) {
	long n = 2000;
	double *u = malloc(n * sizeof *u), *v = calloc(n, sizeof *v), *tmp = calloc(n, sizeof *tmp);
	for (long i = 0; i < n; i++) u[i] = 1;
	for (int i = 0; i < 10; i++) {
		times_ata(u, v, tmp, n);
		times_ata(v, u, tmp, n);
	}
	double vbv = 0, vv = 0;
	for (long i = 0; i < n; i++) {
		vbv += u[i] * v[i];
		vv += v[i] * v[i];
	}
	printf("%f\n", vbv / vv);
	return 0;
}
