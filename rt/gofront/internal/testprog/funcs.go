package testprog

import "unsafe"

func mix(h, v int64) int64 { return h*1000003 ^ v }

func Ints8(a, b int64) int64 {
	x, y := int8(a), int8(b)
	u, v := uint8(a), uint8(b)
	h := int64(x + y)
	h = mix(h, int64(x-y))
	h = mix(h, int64(x*y))
	if y != 0 && !(x == -128 && y == -1) {
		h = mix(h, int64(x/y))
		h = mix(h, int64(x%y))
	}
	if v != 0 {
		h = mix(h, int64(u/v))
		h = mix(h, int64(u%v))
	}
	h = mix(h, int64(x&y|x^y))
	h = mix(h, int64(u&^v))
	if x < y {
		h = mix(h, 1)
	}
	if u < v {
		h = mix(h, 2)
	}
	h = mix(h, int64(^x))
	h = mix(h, int64(-u))
	return h
}

func Ints16(a, b int64) int64 {
	x, y := int16(a), int16(b)
	u, v := uint16(a), uint16(b)
	h := int64(x + y)
	h = mix(h, int64(x*y))
	if y != 0 && !(x == -1<<15 && y == -1) {
		h = mix(h, int64(x/y))
		h = mix(h, int64(x%y))
	}
	if v != 0 {
		h = mix(h, int64(u/v)+int64(u%v))
	}
	if x <= y {
		h = mix(h, 3)
	}
	if u >= v {
		h = mix(h, 4)
	}
	return mix(h, int64(x>>3)+int64(u>>3))
}

func Ints32(a, b int64) int64 {
	x, y := int32(a), int32(b)
	u, v := uint32(a), uint32(b)
	h := int64(x + y)
	h = mix(h, int64(x*y))
	if y != 0 && !(x == -1<<31 && y == -1) {
		h = mix(h, int64(x/y))
		h = mix(h, int64(x%y))
	}
	if v != 0 {
		h = mix(h, int64(u/v))
		h = mix(h, int64(u%v))
	}
	if x > y {
		h = mix(h, 5)
	}
	if u > v {
		h = mix(h, 6)
	}
	return mix(h, int64(u*2654435761))
}

func Ints64(a, b int64) int64 {
	u, v := uint64(a), uint64(b)
	h := a + b
	h = mix(h, a-b)
	h = mix(h, a*b)
	if b != 0 && !(a == -1<<63 && b == -1) {
		h = mix(h, a/b)
		h = mix(h, a%b)
	}
	if v != 0 {
		h = mix(h, int64(u/v))
		h = mix(h, int64(u%v))
	}
	if a >= b {
		h = mix(h, 7)
	}
	if u <= v {
		h = mix(h, 8)
	}
	h = mix(h, int64(uintptr(u)+uintptr(v)*3))
	return mix(h, min(a, b)+2*max(a, b, 5))
}

func Shifts(a, b int64) int64 {
	s := uint64(b) & 127 // counts up to 127: beyond every width
	s8 := uint8(s)
	h := a << s
	h = mix(h, a>>s)
	h = mix(h, int64(uint64(a)>>s))
	h = mix(h, int64(int32(a)<<s8))
	h = mix(h, int64(int32(a)>>s8))
	h = mix(h, int64(uint32(a)>>s8))
	h = mix(h, int64(int8(a)>>s))
	h = mix(h, int64(uint8(a)<<(s&7)))
	h = mix(h, int64(uint16(a)>>(s%17)))
	h = mix(h, a<<3+a>>60)
	h = mix(h, int64(uint64(a)>>(63+s%2)))
	return h
}

func Floats(a, b int64) int64 {
	x, y := float64(a%1000000)/7, float64(b%1000)+0.5
	f, g := float32(x), float32(y)
	h := int64(x + y)
	h = mix(h, int64(x*y))
	h = mix(h, int64(x/y*1000))
	h = mix(h, int64(-x))
	h = mix(h, int64(f*g))
	h = mix(h, int64(f/g*1000))
	if x < y {
		h = mix(h, 1)
	}
	if f >= g {
		h = mix(h, 2)
	}
	if x == x && x != y {
		h = mix(h, 3)
	}
	z := 0.0
	nan := z / z
	if nan != nan {
		h = mix(h, 4)
	}
	if !(nan < 1) && !(nan >= 1) {
		h = mix(h, 5)
	}
	return h
}

func Convs(a, b int64) int64 {
	h := int64(float64(a))
	h = mix(h, int64(float32(int32(b))))
	h = mix(h, int64(uint64(float64(uint32(a)))))
	h = mix(h, int64(uint8(a))+int64(int8(b))+int64(uint16(a))+int64(int16(b)))
	h = mix(h, int64(uint32(int8(a))))
	h = mix(h, int64(float64(uint64(a))/1e10))
	f := float64(a%4096) * 1.25
	h = mix(h, int64(uint8(f))+int64(int32(f))+int64(uint64(f)))
	h = mix(h, int64(float64(float32(f))*4))
	return h
}

func Bools(a, b int64) int64 {
	p, q := a < b, a&1 == 1
	r := p && !q || q && b > 3
	var h int64
	if r {
		h = 1
	}
	if p != q {
		h += 2
	}
	if p == r {
		h += 4
	}
	return h
}

type point struct {
	x, y int32
	z    int64
}

type rect struct {
	min, max point
	tag      uint8
}

func area(r rect) int64 {
	return int64(r.max.x-r.min.x)*int64(r.max.y-r.min.y) + r.min.z*int64(r.tag)
}

func grow(r rect, d int32) rect {
	r.max.x += d
	r.max.y += d
	r.tag++
	return r
}

func Structs(a, b int64) int64 {
	r := rect{min: point{int32(a), int32(b), 1}, max: point{int32(a) + 3, int32(b) + 5, 2}, tag: 3}
	h := area(r)
	s := grow(r, int32(b%10))
	h = mix(h, area(s))
	h = mix(h, area(r)) // r is unchanged: grow had a copy
	var t rect
	if a > b {
		t = r
	} else {
		t = s
	}
	h = mix(h, area(t)+int64(t.tag))
	p := &t.max
	p.z = a
	h = mix(h, t.max.z)
	// A struct phi with a swap.
	u, v := r, s
	for i := int64(0); i < b&3; i++ {
		u, v = v, u
	}
	h = mix(h, area(u)-area(v))
	return h
}

func divmod(a, b int64) (q, r int64, ok bool) {
	if b == 0 || (a == -1<<63 && b == -1) {
		return 0, 0, false
	}
	return a / b, a % b, true
}

func swap3(a, b, c int64) (int64, int64, int64) { return c, a, b }

func pair(a int64) (point, int64) { return point{int32(a), int32(a >> 32), a}, a * 2 }

func Multi(a, b int64) int64 {
	q, r, ok := divmod(a, b)
	h := q + r
	if ok {
		h = mix(h, 1)
	}
	x, y, z := swap3(a, b, q)
	x, y, z = swap3(x, y, z)
	h = mix(h, x*3+y*5+z*7)
	p, d := pair(a ^ b)
	return mix(h, int64(p.x)+int64(p.y)+p.z+d)
}

const greeting = "hello, runtime"

func strSum(s string) int64 {
	var h int64
	for i := 0; i < len(s); i++ {
		h = h*31 + int64(s[i])
	}
	return h
}

func Strings(a, b int64) int64 {
	s := greeting
	n := uint64(a) % uint64(len(s)+1)
	m := uint64(b) % uint64(len(s)+1)
	if n > m {
		n, m = m, n
	}
	t := s[n:m]
	h := strSum(t) + int64(len(t))
	if t == s[n:m] {
		h = mix(h, 1)
	}
	if t != "hello" {
		h = mix(h, 2)
	}
	if s[:5] == "hello" {
		h = mix(h, 3)
	}
	p := unsafe.StringData(s)
	h = mix(h, int64(*(*byte)(unsafe.Add(unsafe.Pointer(p), 4))))
	u := unsafe.String(p, 5)
	return mix(h, strSum(u))
}

var table [64]int64

func sliceSum(s []int64) int64 {
	var h int64
	for i, v := range s {
		h += v * int64(i+1)
	}
	return h
}

func Slices(a, b int64) int64 {
	for i := range table {
		table[i] = int64(i)*a + b
	}
	lo := uint64(a) % 32
	hi := lo + uint64(b)%32
	s := table[lo:hi]
	h := sliceSum(s) + int64(len(s))*100 + int64(cap(s))
	if len(s) > 0 {
		s[0] = 42
		h = mix(h, table[lo])
	}
	t := s[:0]
	h = mix(h, int64(cap(t)))
	u := unsafe.Slice(&table[0], 10)
	h = mix(h, sliceSum(u[2:5:7])+int64(cap(u[2:5:7])))
	var local [8]int16
	ls := local[:]
	for i := range ls {
		ls[i] = int16(a) * int16(i)
	}
	h = mix(h, int64(local[7])+int64(len(ls)))
	return h
}

func Arrays(a, b int64) int64 {
	var arr [10]int64
	for i := range arr {
		arr[i] = a*int64(i) ^ b
	}
	i := uint64(b) % 10
	h := arr[i]
	c := arr // a copy
	c[0] = 99
	h = mix(h, arr[0]+c[0])
	var grid [4][4]uint8
	for y := 0; y < 4; y++ {
		for x := 0; x < 4; x++ {
			grid[y][x] = uint8(a) + uint8(x*y)
		}
	}
	h = mix(h, int64(grid[i%4][3]))
	return h
}

func Pointers(a, b int64) int64 {
	var buf [16]uint32
	p := unsafe.Pointer(&buf[0])
	for i := uintptr(0); i < 16; i++ {
		*(*uint32)(unsafe.Add(p, i*4)) = uint32(a) + uint32(i)*uint32(b)
	}
	h := int64(buf[5])
	q := (*uint32)(unsafe.Pointer(uintptr(p) + 8*4))
	h = mix(h, int64(*q))
	var pp *int64
	if pp == nil {
		h = mix(h, 1)
	}
	x := a
	pp = &x
	*pp += b
	h = mix(h, x)
	pa := (*[4]uint32)(unsafe.Pointer(&buf[4]))
	return mix(h, int64(pa[3]))
}

func classify(v int64) int64 {
	switch {
	case v < -100:
		return 1
	case v < 0:
		return 2
	case v == 0:
		return 3
	case v < 100:
		return 4
	}
	return 5
}

func Switches(a, b int64) int64 {
	h := classify(a)*10 + classify(b)
	switch b & 7 {
	case 0, 1:
		h = mix(h, 11)
	case 2:
		h = mix(h, 22)
		fallthrough
	case 3:
		h = mix(h, 33)
	default:
		h = mix(h, 44)
	}
	return h
}

func Loops(a, b int64) int64 {
	var h int64
	n := uint64(b) % 50
	for i := uint64(0); i < n; i++ {
		if i%3 == 0 {
			continue
		}
		if i > 40 {
			break
		}
		h = mix(h, int64(i)*a)
	}
	x, y := a, b
	for k := 0; k < 20; k++ {
		x, y = y, x+y // phis that read each other
	}
	h = mix(h, x^y)
	var j int64
outer:
	for i := 0; i < 10; i++ {
		for k := 0; k < 10; k++ {
			j++
			if int64(i*k) > a&63 {
				break outer
			}
		}
	}
	return mix(h, j)
}

func many(a, b, c, d, e, f, g, h, i, j int64, x, y, z, w, v, u, t, s, r, q float64, k int8, l uint16) int64 {
	return a + 2*b + 3*c + 4*d + 5*e + 6*f + 7*g + 8*h + 9*i + 10*j +
		int64(x+2*y+3*z+4*w+5*v+6*u+7*t+8*s+9*r+10*q) + int64(k)*11 + int64(l)*13
}

func ManyArgs(a, b int64) int64 {
	fa, fb := float64(a%1000), float64(b%1000)
	return many(a, b, a+1, b+1, a^b, a&b, a|b, a-b, b-a, a*3,
		fa, fb, fa+1, fb+1, fa*2, fb*2, fa-3, fb-3, 0.5, 0.25, int8(a), uint16(b))
}

type bigT struct {
	words [40]uint64
	tail  [3]uint8
}

func fillBig(seed uint64) bigT {
	var t bigT
	for i := range t.words {
		t.words[i] = seed*uint64(i+1) ^ uint64(i)
	}
	t.tail = [3]uint8{uint8(seed), 2, 3}
	return t
}

func sumBig(t bigT) uint64 {
	var h uint64
	for _, w := range t.words {
		h = h*7 + w
	}
	return h + uint64(t.tail[0]) + uint64(t.tail[2])
}

func BigStructs(a, b int64) int64 {
	t := fillBig(uint64(a))
	u := t
	u.words[39] = uint64(b)
	var arr [3]bigT
	arr[uint64(b)%3] = u
	return int64(sumBig(t) ^ sumBig(u) ^ sumBig(arr[uint64(b)%3]))
}

var primes = [8]uint16{2, 3, 5, 7, 11, 13, 17, 19}

var origin = point{x: -5, y: 5, z: 1 << 40}

var primeRef = &primes[3]

var counter int64

func Globals(a, b int64) int64 {
	counter += a
	h := int64(primes[uint64(b)%8]) + int64(*primeRef)
	h = mix(h, int64(origin.x)+int64(origin.y)+origin.z)
	p := &origin
	h = mix(h, int64(p.y))
	return mix(h, counter&0xffff)
}

type acc struct {
	sum, n int64
}

func (c *acc) add(v int64) { c.sum += v; c.n++ }

func (c acc) mean() int64 {
	if c.n == 0 {
		return 0
	}
	return c.sum / c.n
}

func Methods(a, b int64) int64 {
	var c acc
	for i := int64(0); i < 5; i++ {
		c.add(a + i*b)
	}
	d := c
	d.add(1000)
	return mix(c.mean(), d.mean())
}

func Fib(n int64) int64 {
	if n < 2 {
		return n
	}
	return Fib(n-1) + Fib(n-2)
}

// quotRem returns the quotient and remainder by 8: small enough to be
// inlined, two results through a result block that becomes registers.
func quotRem(x uint64) (uint64, uint64) { return x / 8, x % 8 }

// scramble is too large for the size rules of inlining, and inlined at
// every call anyway: it carries the inline directive.
//
//naturekit:inline
func scramble(x uint64) uint64 {
	for i := 0; i < 3; i++ {
		x ^= x >> 33
		x *= 0xff51afd7ed558ccd
		x ^= x >> 29
		x *= 0xc4ceb9fe1a85ec53
		x ^= x >> 31
		x += uint64(i)
	}
	if x%3 == 0 {
		x = x/3 + 7
	} else if x%5 == 1 {
		x = x<<7 | x>>57
	}
	return x ^ x>>17
}

// twice is small enough to be inlined, and never is: it carries the
// noinline directive.
//
//naturekit:noinline
func twice(x int64) int64 { return x + x }

// bit reads bit i of the table; the guard drops its bounds check.
func bit(t *[4]uint64, i uint) uint64 {
	if i < 4*64 {
		return t[i/64] >> (i % 64) & 1
	}
	return 2
}

// Optimised covers gofront's own optimisations: unsigned division and
// remainder by powers of two in every width (shifts and masks), shift
// counts known below the width, indices known in range (guards, masks,
// narrow types, loops against len), inlined calls with several results.
func Optimised(a, b int64) int64 {
	ua, ub := uint64(a), uint64(b)
	h := int64(0)
	h = mix(h, int64(ua/1+ua/2+ua%2+ua/64+ua%64+ua/(1<<63)+ua%(1<<63)))
	h = mix(h, int64(uint32(ua)/16+uint32(ua)%16+uint32(ub)/(1<<31)+uint32(ub)%(1<<31)))
	h = mix(h, int64(uint16(ua)/4+uint16(ua)%4+uint16(ub)/(1<<15)))
	h = mix(h, int64(uint8(ua)/128+uint8(ua)%128+uint8(ub)/2+uint8(ub)%8))
	h = mix(h, a/8+a%8+b/4+b%4) // signed: still divisions
	h = mix(h, int64(ua<<(ub&63)+ua>>(ub%64)+uint64(uint32(ua)<<(uint8(ub)&31))))
	if s := uint(ub); s < 64 {
		h = mix(h, int64(ua<<s|ua>>s))
	}
	q, r := quotRem(ua)
	h = mix(h, int64(q*3+r))
	h = mix(h, int64(scramble(ua^ub)))
	h = mix(h, twice(a))
	var t [4]uint64
	t[ua%4] = ua
	t[uint8(ub)&3] ^= ub
	for i := uint(0); i < 4*64; i += 37 {
		h = mix(h, int64(bit(&t, i)))
	}
	h = mix(h, int64(bit(&t, uint(ub))))
	var big [256]int64
	big[uint8(ua)] = a
	h = mix(h, big[uint8(ua)]+big[uint8(ub)])
	s := big[:uint8(ub)]
	for i := 0; i < len(s); i++ {
		s[i] = int64(i) * b
	}
	for i := uint(0); i < uint(len(s)); i++ {
		h = mix(h, s[i])
	}
	return h
}
