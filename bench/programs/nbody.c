/* nbody.n in C (bench/run.sh). */
#include <stdio.h>

struct body { double x, y, z, vx, vy, vz, mass; };

#define SOLAR_MASS 39.47841760435743
#define DAYS 365.24

static struct body bs[5] = {
	{0, 0, 0, 0, 0, 0, SOLAR_MASS},
	{4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
	 1.66007664274403694e-03 * DAYS, 7.69901118419740425e-03 * DAYS, -6.90460016972063023e-05 * DAYS,
	 9.54791938424326609e-04 * SOLAR_MASS},
	{8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
	 -2.76742510726862411e-03 * DAYS, 4.99852801234917238e-03 * DAYS, 2.30417297573763929e-05 * DAYS,
	 2.85885980666130812e-04 * SOLAR_MASS},
	{1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
	 2.96460137564761618e-03 * DAYS, 2.37847173959480950e-03 * DAYS, -2.96589568540237556e-05 * DAYS,
	 4.36624404335156298e-05 * SOLAR_MASS},
	{1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
	 2.68067772490389322e-03 * DAYS, 1.62824170038242295e-03 * DAYS, -9.51592254519715870e-05 * DAYS,
	 5.15138902046611451e-05 * SOLAR_MASS},
};

/* Newton's method, as in nbody.n. */
static double newton_sqrt(double x) {
	if (x == 0) return 0;
	double r = x;
	if (r > 1) r = x / 2;
	for (int k = 0; k < 60; k++) {
		double next = 0.5 * (r + x / r);
		if (next == r) break;
		r = next;
	}
	return r;
}

static void offset_momentum(int n) {
	double px = 0, py = 0, pz = 0;
	for (int i = 0; i < n; i++) {
		px += bs[i].vx * bs[i].mass;
		py += bs[i].vy * bs[i].mass;
		pz += bs[i].vz * bs[i].mass;
	}
	bs[0].vx = 0 - px / SOLAR_MASS;
	bs[0].vy = 0 - py / SOLAR_MASS;
	bs[0].vz = 0 - pz / SOLAR_MASS;
}

static double energy(int n) {
	double e = 0;
	for (int i = 0; i < n; i++) {
		struct body b = bs[i];
		e += 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz);
		for (int j = i + 1; j < n; j++) {
			struct body b2 = bs[j];
			double dx = b.x - b2.x, dy = b.y - b2.y, dz = b.z - b2.z;
			e -= b.mass * b2.mass / newton_sqrt(dx * dx + dy * dy + dz * dz);
		}
	}
	return e;
}

static void advance(int n, double dt) {
	for (int i = 0; i < n; i++) {
		for (int j = i + 1; j < n; j++) {
			double dx = bs[i].x - bs[j].x, dy = bs[i].y - bs[j].y, dz = bs[i].z - bs[j].z;
			double d2 = dx * dx + dy * dy + dz * dz;
			double dist = newton_sqrt(d2);
			double mag = dt / (d2 * dist);
			double mj = bs[j].mass * mag;
			bs[i].vx -= dx * mj;
			bs[i].vy -= dy * mj;
			bs[i].vz -= dz * mj;
			double mi = bs[i].mass * mag;
			bs[j].vx += dx * mi;
			bs[j].vy += dy * mi;
			bs[j].vz += dz * mi;
		}
	}
	for (int i = 0; i < n; i++) {
		bs[i].x += dt * bs[i].vx;
		bs[i].y += dt * bs[i].vy;
		bs[i].z += dt * bs[i].vz;
	}
}

int main(void) {
	offset_momentum(5);
	printf("%f\n", energy(5));
	for (int i = 0; i < 1000000; i++) advance(5, 0.01);
	printf("%f\n", energy(5));
	return 0;
}
