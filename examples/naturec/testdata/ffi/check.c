/* The calls main.n makes, made from C, printing the same lines. */
#include "ffi.h"
#include <stdio.h>
#include <string.h>
#include <inttypes.h>

static int64_t cb_sub(int64_t a, int64_t b) { return a - b * 2; }
static double cb_half(double x) { return x / 2 + 1; }
static float cb_scale(float x, int32_t n) { return x * (float)n; }
static int32_t cb_square(int32_t x) { return x * x; }
static int64_t cb_mixed(int8_t a, double b, uint16_t c, float d, int64_t e) {
	return (int64_t)a * 1000 + (int64_t)(b * 100) + c + (int64_t)(d * 8) + e;
}
static int64_t cb_dirty(int8_t a, uint8_t b, int16_t c, int32_t d) {
	return (int64_t)a + (int64_t)b * 1000 + (int64_t)c * 1000000 + (int64_t)d;
}

int main(void) {
	printf("%d %d %d %d\n", add_i8(100, 27), add_i8(100, 28), add_u8(200, 100), add_u8(1, 2));
	printf("%d %d %" PRId32 " %" PRIu32 "\n", add_i16(30000, 2767), add_u16(65535, 2), add_i32(2147483647, 1), add_u32(4294967295u, 5));
	printf("%" PRId64 " %" PRIu64 "\n", add_i64(INT64_MAX, 1), add_u64(UINT64_MAX, 3));
	printf("%" PRId64 " %" PRId64 "\n", widen(-1, 255, -2, 65535, -3, 4294967295u), widen(5, 6, 7, 8, 9, 10));
	printf("%" PRId64 "\n", sum10(-128, -32768, -2147483647 - 1, -5, 255, 65535, 4294967295u, 7, 11, -13));
	printf("%d %d %" PRId32 " %" PRId64 "\n", dirty_i8(), dirty_u16(), dirty_i32(), pass_dirty(cb_dirty));
	printf("%f %f %f\n", mul_f32(1.5f, -2.25f), mul_f64(1e10, 3.5), sum_floats10(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
	printf("%f %f\n", mixed(7, 0.5, -3, 0.125f, 1000000, -8, 65535, 2.5f), f32_of(3, 0.1));
	int32_t v[5] = {3, -1, 4, 1, -5};
	int64_t sq[6];
	fill_squares(sq, 6);
	printf("%" PRId64 " %" PRId64 " %" PRId64 "\n", sum_array(v, 5), sq[5], sq[3]);
	printf("%s %" PRIu64 "\n", greeting("nature"), count_char("banana", 'a'));
	pair_i32 p = make_pair_i32(-5, 12);
	printf("%d %d %d\n", p.a, p.b, pair_i32_sum(p));
	pair_i64 q = swap_i64((pair_i64){1, INT64_MIN});
	printf("%" PRId64 " %" PRId64 "\n", q.a, q.b);
	vec2 s = vec2_add((vec2){1.5, -2}, (vec2){0.25, 10});
	printf("%f %f %f\n", s.x, s.y, vec2_dot(s, (vec2){2, 0.5}));
	vec2f f = vec2f_scale((vec2f){1.5f, -3}, 0.5f);
	printf("%f %f\n", f.x, f.y);
	vec3f c = vec3f_cross((vec3f){1, 0, 0}, (vec3f){0, 1, 0});
	vec3f c2 = vec3f_cross((vec3f){1, 2, 3}, (vec3f){4, 5, 6});
	printf("%f %f %f %f %f %f\n", c.x, c.y, c.z, c2.x, c2.y, c2.z);
	int_float ifl = int_float_bump((int_float){41, 1.25f});
	printf("%d %f\n", ifl.i, ifl.f);
	dbl_int di = dbl_int_mix((dbl_int){0.5, -4}, 3);
	printf("%f %" PRId64 "\n", di.d, di.i);
	nested n = nested_make(-2, 300, 0.75);
	printf("%d %d %f %f\n", n.s.a, n.s.b, n.w, nested_total(n));
	with_array w = array_make(10, -7);
	printf("%d %d %d %d %" PRId64 "\n", w.tag[0], w.tag[1], w.tag[2], w.n, array_total(w));
	big3 b = big3_make(1, 2, 3);
	big3 r = big3_rotate(b);
	printf("%" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 "\n", big3_sum(b), r.a, r.b, r.c, big3_sum(r));
	matrix5 m = matrix5_scale((matrix5){{1, 2, 3, 4, 5}}, -0.5);
	printf("%f %f %f\n", m.m[0], m.m[2], m.m[4]);
	printf("%" PRId64 " %f\n", regs_spill(1, 2, 3, 4, 5, (pair_i64){6, 7}, 8), sse_spill(1, 2, 3, 4, 5, 6, 7, (vec2){8, 9}, 10));
	dquad dq = dquad_scale((dquad){1, 2, 3, 4}, 1.5);
	printf("%f %f %f %f %f\n", dq.a, dq.b, dq.c, dq.d, dquad_sum(dq));
	fquad fq = fquad_add((fquad){1, 2, 3, 4}, (fquad){0.5f, 0.25f, -1, 8});
	printf("%f %f %f %f\n", fq.a, fq.b, fq.c, fq.d);
	printf("%f %" PRId64 "\n", hfa_spill(1, 2, 3, 4, 5, (dquad){6, 7, 8, 9}, 10), gpr_spill(1, 2, 3, 4, 5, 6, 7, (pair_i64){8, 9}, 10));
	mixed3 m3 = mixed3_make(-7, 0.5, 300);
	printf("%" PRId64 " %f %d %f %f\n", m3.a, m3.b, m3.c, mixed3_total(m3), ref_spill(1, 2, 3, 4, 5, 6, 7, 8, m3, 9));
	int32_t sqv[4] = {1, 2, 3, 4};
	printf("%" PRId64 " %f %f %d\n", apply_i64(cb_sub, 10, 3), apply_f64(cb_half, 10), apply_f32(cb_scale, 1.5f, 4), each_i32(sqv, 4, cb_square));
	printf("%" PRId64 "\n", callback_mixed(cb_mixed));
	return 0;
}
