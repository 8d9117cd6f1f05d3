// nbody.n in Go (bench/run.sh).
package main

import "fmt"

type body struct{ x, y, z, vx, vy, vz, mass float64 }

const (
	solarMass = 39.47841760435743
	days      = 365.24
)

func makeBodies() []body {
	return []body{
		{0, 0, 0, 0, 0, 0, solarMass},
		{4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
			1.66007664274403694e-03 * days, 7.69901118419740425e-03 * days, -6.90460016972063023e-05 * days,
			9.54791938424326609e-04 * solarMass},
		{8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
			-2.76742510726862411e-03 * days, 4.99852801234917238e-03 * days, 2.30417297573763929e-05 * days,
			2.85885980666130812e-04 * solarMass},
		{1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
			2.96460137564761618e-03 * days, 2.37847173959480950e-03 * days, -2.96589568540237556e-05 * days,
			4.36624404335156298e-05 * solarMass},
		{1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
			2.68067772490389322e-03 * days, 1.62824170038242295e-03 * days, -9.51592254519715870e-05 * days,
			5.15138902046611451e-05 * solarMass},
	}
}

func offsetMomentum(bs []body) {
	var px, py, pz float64
	for i := range bs {
		px += bs[i].vx * bs[i].mass
		py += bs[i].vy * bs[i].mass
		pz += bs[i].vz * bs[i].mass
	}
	bs[0].vx = 0 - px/solarMass
	bs[0].vy = 0 - py/solarMass
	bs[0].vz = 0 - pz/solarMass
}

func energy(bs []body) float64 {
	e := 0.0
	n := len(bs)
	for i := 0; i < n; i++ {
		b := bs[i]
		e += 0.5 * b.mass * (b.vx*b.vx + b.vy*b.vy + b.vz*b.vz)
		for j := i + 1; j < n; j++ {
			b2 := bs[j]
			dx, dy, dz := b.x-b2.x, b.y-b2.y, b.z-b2.z
			e -= b.mass * b2.mass / sqrt(dx*dx+dy*dy+dz*dz)
		}
	}
	return e
}

// sqrt is Newton's method, as in nbody.n.
func sqrt(x float64) float64 {
	if x == 0 {
		return 0
	}
	r := x
	if r > 1 {
		r = x / 2
	}
	for k := 0; k < 60; k++ {
		next := 0.5 * (r + x/r)
		if next == r {
			break
		}
		r = next
	}
	return r
}

func advance(bs []body, dt float64) {
	n := len(bs)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			dx := bs[i].x - bs[j].x
			dy := bs[i].y - bs[j].y
			dz := bs[i].z - bs[j].z
			d2 := dx*dx + dy*dy + dz*dz
			dist := sqrt(d2)
			mag := dt / (d2 * dist)
			mj := bs[j].mass * mag
			bs[i].vx -= dx * mj
			bs[i].vy -= dy * mj
			bs[i].vz -= dz * mj
			mi := bs[i].mass * mag
			bs[j].vx += dx * mi
			bs[j].vy += dy * mi
			bs[j].vz += dz * mi
		}
	}
	for i := 0; i < n; i++ {
		bs[i].x += dt * bs[i].vx
		bs[i].y += dt * bs[i].vy
		bs[i].z += dt * bs[i].vz
	}
}

func main() {
	bs := makeBodies()
	offsetMomentum(bs)
	fmt.Printf("%f\n", energy(bs))
	for i := 0; i < 1000000; i++ {
		advance(bs, 0.01)
	}
	fmt.Printf("%f\n", energy(bs))
}
