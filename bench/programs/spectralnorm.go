// spectralnorm.n in Go (bench/run.sh).
package main

import "fmt"

func evalA(i, j int) float64 { return 1.0 / float64((i+j)*(i+j+1)/2+i+1) }

func times(v, out []float64) {
	n := len(v)
	for i := 0; i < n; i++ {
		s := 0.0
		for j := 0; j < n; j++ {
			s += evalA(i, j) * v[j]
		}
		out[i] = s
	}
}

func timesTransp(v, out []float64) {
	n := len(v)
	for i := 0; i < n; i++ {
		s := 0.0
		for j := 0; j < n; j++ {
			s += evalA(j, i) * v[j]
		}
		out[i] = s
	}
}

func timesAtA(v, out, tmp []float64) {
	times(v, tmp)
	timesTransp(tmp, out)
}

func main() {
	n := 2000
	u := make([]float64, n)
	for i := range u {
		u[i] = 1
	}
	v := make([]float64, n)
	tmp := make([]float64, n)
	for i := 0; i < 10; i++ {
		timesAtA(u, v, tmp)
		timesAtA(v, u, tmp)
	}
	var vbv, vv float64
	for i := 0; i < n; i++ {
		vbv += u[i] * v[i]
		vv += v[i] * v[i]
	}
	fmt.Printf("%f\n", vbv/vv)
}
