/* The loop kernel of kernel.lir. */
long a[10000];
volatile long len = 10000;
long kernel(long *a, long n) {
	for (long i = 0; i < n; i++)
		a[i] = (i * i) ^ (i >> 3);
	long s = 0;
	for (long k = 0; k < 200; k++)
		for (long i = 0; i < n; i++)
			s += a[i] * 3 + (s >> 5);
	return s;
}
int main(void) { return kernel(a, len) & 255; }
