#include "ffi.h"
#include <string.h>

int8_t add_i8(int8_t a, int8_t b) { return (int8_t)(a + b); }
uint8_t add_u8(uint8_t a, uint8_t b) { return (uint8_t)(a + b); }
int16_t add_i16(int16_t a, int16_t b) { return (int16_t)(a + b); }
uint16_t add_u16(uint16_t a, uint16_t b) { return (uint16_t)(a + b); }
int32_t add_i32(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
uint32_t add_u32(uint32_t a, uint32_t b) { return a + b; }
int64_t add_i64(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
uint64_t add_u64(uint64_t a, uint64_t b) { return a + b; }

int64_t widen(int8_t a, uint8_t b, int16_t c, uint16_t d, int32_t e, uint32_t f) {
	return (int64_t)a * 100000 + (int64_t)b * 10000 + (int64_t)c * 1000 + (int64_t)d * 100 + (int64_t)e * 10 + (int64_t)f;
}

int64_t sum10(int8_t a, int16_t b, int32_t c, int64_t d, uint8_t e, uint16_t f, uint32_t g, uint64_t h, int64_t i, int32_t j) {
	return a + b + c + d + e + f + g + (int64_t)h + i * 2 + (int64_t)j * 3;
}

/* Narrow results with garbage in the rest of rax (x0 on arm64), which
   the ABI allows: the caller must use only the result's own bits. */
#if defined(__x86_64__)
__asm__(
	".text\n"
	".globl dirty_i8\n"
	"dirty_i8:\n"
	"	movabsq $0x5a5a5a5a5a5a5a85, %rax\n"
	"	ret\n"
	".globl dirty_u16\n"
	"dirty_u16:\n"
	"	movabsq $0x5a5a5a5a5a5af00d, %rax\n"
	"	ret\n"
	".globl dirty_i32\n"
	"dirty_i32:\n"
	"	movabsq $0x5a5a5a5af0000001, %rax\n"
	"	ret\n"
	/* pass_dirty calls f(-123, 200, -30000, -2000000000) with garbage
	   above each argument's bits (the callee may see it, the ABI
	   leaves it undefined above 32 bits). */
	".globl pass_dirty\n"
	"pass_dirty:\n"
	"	subq $8, %rsp\n"
	"	movq %rdi, %rax\n"
	"	movabsq $0x1234567812345685, %rdi\n"
	"	movabsq $0x12345678123456c8, %rsi\n"
	"	movabsq $0x1234567812348ad0, %rdx\n"
	"	movabsq $0x1234567888ca6c00, %rcx\n"
	"	call *%rax\n"
	"	addq $8, %rsp\n"
	"	ret\n");
#elif defined(__aarch64__)
#define MOV64(r, a, b, c, d) \
	"	movz " r ", #" a "\n" \
	"	movk " r ", #" b ", lsl #16\n" \
	"	movk " r ", #" c ", lsl #32\n" \
	"	movk " r ", #" d ", lsl #48\n"
__asm__(
	".text\n"
	".globl dirty_i8\n"
	"dirty_i8:\n"
	MOV64("x0", "0x5a85", "0x5a5a", "0x5a5a", "0x5a5a")
	"	ret\n"
	".globl dirty_u16\n"
	"dirty_u16:\n"
	MOV64("x0", "0xf00d", "0x5a5a", "0x5a5a", "0x5a5a")
	"	ret\n"
	".globl dirty_i32\n"
	"dirty_i32:\n"
	MOV64("x0", "0x0001", "0xf000", "0x5a5a", "0x5a5a")
	"	ret\n"
	/* pass_dirty: as on x86_64, garbage above each argument's bits
	   (AAPCS64 leaves them unspecified too). */
	".globl pass_dirty\n"
	"pass_dirty:\n"
	"	stp x29, x30, [sp, #-16]!\n"
	"	mov x29, sp\n"
	"	mov x9, x0\n"
	MOV64("x0", "0x3485", "0x1234", "0x5678", "0x1234")
	MOV64("x1", "0x34c8", "0x1234", "0x5678", "0x1234")
	MOV64("x2", "0x8ad0", "0x1234", "0x5678", "0x1234")
	MOV64("x3", "0x6c00", "0x88ca", "0x5678", "0x1234")
	"	blr x9\n"
	"	ldp x29, x30, [sp], #16\n"
	"	ret\n");
#endif

float mul_f32(float a, float b) { return a * b; }
double mul_f64(double a, double b) { return a * b; }
double sum_floats10(float a, double b, float c, double d, float e, double f, float g, double h, float i, double j) {
	return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 + j * 10;
}
double mixed(int32_t a, double b, int8_t c, float d, int64_t e, double f, uint16_t g, float h) {
	return a * 1000.0 + b * 100.0 + c * 10.0 + d + e * 0.5 + f * 0.25 + g * 2.0 + h * 4.0;
}
float f32_of(int64_t n, double x) { return (float)(n * x); }

int64_t sum_array(const int32_t *p, int32_t n) {
	int64_t s = 0;
	for (int32_t i = 0; i < n; i++) s += p[i];
	return s;
}
void fill_squares(int64_t *p, int32_t n) {
	for (int32_t i = 0; i < n; i++) p[i] = (int64_t)i * i;
}
const char *greeting(const char *name) {
	static char buf[64];
	strcpy(buf, "hello, ");
	strncat(buf, name, sizeof buf - 8);
	return buf;
}
uint64_t count_char(const char *s, int32_t c) {
	uint64_t n = 0;
	for (; *s; s++) n += *s == c;
	return n;
}

pair_i32 make_pair_i32(int32_t a, int32_t b) { pair_i32 p = {a, b}; return p; }
int32_t pair_i32_sum(pair_i32 p) { return p.a + p.b; }
pair_i64 swap_i64(pair_i64 p) { pair_i64 r = {p.b, p.a}; return r; }
vec2 vec2_add(vec2 a, vec2 b) { vec2 r = {a.x + b.x, a.y + b.y}; return r; }
double vec2_dot(vec2 a, vec2 b) { return a.x * b.x + a.y * b.y; }
vec2f vec2f_scale(vec2f v, float k) { vec2f r = {v.x * k, v.y * k}; return r; }
vec3f vec3f_cross(vec3f a, vec3f b) {
	vec3f r = {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
	return r;
}
int_float int_float_bump(int_float v) { int_float r = {v.i + 1, v.f * 2}; return r; }
dbl_int dbl_int_mix(dbl_int v, int64_t k) { dbl_int r = {v.d + k, v.i * k}; return r; }
nested nested_make(int8_t a, int16_t b, double w) { nested n = {{a, b}, w}; return n; }
double nested_total(nested n) { return n.s.a + n.s.b + n.w; }
with_array array_make(int8_t x, int32_t n) { with_array w = {{x, (int8_t)(x + 1), (int8_t)(x + 2)}, n}; return w; }
int64_t array_total(with_array w) { return w.tag[0] + w.tag[1] + w.tag[2] + (int64_t)w.n; }
big3 big3_make(int64_t a, int64_t b, int64_t c) { big3 v = {a, b, c}; return v; }
int64_t big3_sum(big3 v) { return v.a + v.b * 10 + v.c * 100; }
big3 big3_rotate(big3 v) { big3 r = {v.b, v.c, v.a}; return r; }
matrix5 matrix5_scale(matrix5 m, double k) {
	for (int i = 0; i < 5; i++) m.m[i] *= k;
	return m;
}
int64_t regs_spill(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, pair_i64 p, int64_t f) {
	return a + b * 2 + c * 3 + d * 4 + e * 5 + p.a * 6 + p.b * 7 + f * 8;
}
double sse_spill(double a, double b, double c, double d, double e, double f, double g, vec2 v, double h) {
	return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + v.x * 8 + v.y * 9 + h * 10;
}

int64_t apply_i64(int64_t (*f)(int64_t, int64_t), int64_t a, int64_t b) { return f(a, b) + f(b, a); }
double apply_f64(double (*f)(double), double x) { return f(f(x)); }
float apply_f32(float (*f)(float, int32_t), float x, int32_t n) { return f(x, n) + 0.5f; }
int32_t each_i32(const int32_t *v, int32_t n, int32_t (*f)(int32_t)) {
	int32_t s = 0;
	for (int32_t i = 0; i < n; i++) s += f(v[i]);
	return s;
}
int64_t callback_mixed(int64_t (*f)(int8_t, double, uint16_t, float, int64_t)) {
	return f(-7, 2.5, 65000, 0.25f, -9000000000LL);
}

/* Aggregates whose class differs most between the two ABIs: HFAs (one
   to four floats of one type: v registers on AAPCS64, even above 16
   bytes; SSE eightbytes or MEMORY on System V), a 24-byte mixed struct
   (by reference on AAPCS64, its result through x8; MEMORY on System V),
   and aggregates that no longer fit the registers left, after which no
   later argument of that class goes in a register on AAPCS64. */
dquad dquad_scale(dquad q, double k) { dquad r = {q.a * k, q.b * k, q.c * k, q.d * k}; return r; }
double dquad_sum(dquad q) { return q.a + q.b * 2 + q.c * 3 + q.d * 4; }
fquad fquad_add(fquad a, fquad b) { fquad r = {a.a + b.a, a.b + b.b, a.c + b.c, a.d + b.d}; return r; }
double hfa_spill(double a, double b, double c, double d, double e, dquad q, double f) {
	return a + b * 2 + c * 3 + d * 4 + e * 5 + q.a * 6 + q.b * 7 + q.c * 8 + q.d * 9 + f * 10;
}
int64_t gpr_spill(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g, pair_i64 p, int64_t h) {
	return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + p.a * 8 + p.b * 9 + h * 10;
}
mixed3 mixed3_make(int64_t a, double b, int32_t c) { mixed3 m = {a, b, c}; return m; }
double mixed3_total(mixed3 m) { return m.a + m.b + m.c; }
double ref_spill(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g, int64_t h, mixed3 m, int64_t i) {
	return a + b + c + d + e + f + g + h + m.a * 10 + m.b * 100 + m.c * 1000 + i * 10000;
}
