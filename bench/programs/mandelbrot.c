/* mandelbrot.n in C (bench/run.sh). */
#include <stdio.h>

int main(void) {
	long size = 2000, inside = 0, sum = 0;
	for (long y = 0; y < size; y++) {
		double ci = 2.0 * (double)y / (double)size - 1.0;
		for (long x = 0; x < size; x++) {
			double cr = 2.0 * (double)x / (double)size - 1.5, zr = 0, zi = 0;
			long i = 0;
			while (i < 50 && zr * zr + zi * zi <= 4.0) {
				double t = zr * zr - zi * zi + cr;
				zi = 2.0 * zr * zi + ci;
				zr = t;
				i++;
			}
			if (i == 50) inside++;
			sum += i;
		}
	}
	printf("%ld %ld\n", inside, sum);
	return 0;
}
