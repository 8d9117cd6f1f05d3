/* The C side of naturekit's FFI test: one function per argument and
   result class of the System V AMD64 ABI and of AAPCS64. ffi_test.go builds ffi.c
   into an archive (with gcc and with musl-gcc), links it into the
   Nature program main.n through package.toml [links], and compares its
   output with check.c's, which makes the same calls from C. */
#include <stdint.h>

int8_t add_i8(int8_t a, int8_t b);
uint8_t add_u8(uint8_t a, uint8_t b);
int16_t add_i16(int16_t a, int16_t b);
uint16_t add_u16(uint16_t a, uint16_t b);
int32_t add_i32(int32_t a, int32_t b);
uint32_t add_u32(uint32_t a, uint32_t b);
int64_t add_i64(int64_t a, int64_t b);
uint64_t add_u64(uint64_t a, uint64_t b);
int64_t widen(int8_t a, uint8_t b, int16_t c, uint16_t d, int32_t e, uint32_t f);
int64_t sum10(int8_t a, int16_t b, int32_t c, int64_t d, uint8_t e, uint16_t f, uint32_t g, uint64_t h, int64_t i, int32_t j);
int8_t dirty_i8(void);
uint16_t dirty_u16(void);
int32_t dirty_i32(void);
int64_t pass_dirty(int64_t (*f)(int8_t, uint8_t, int16_t, int32_t));

float mul_f32(float a, float b);
double mul_f64(double a, double b);
double sum_floats10(float a, double b, float c, double d, float e, double f, float g, double h, float i, double j);
double mixed(int32_t a, double b, int8_t c, float d, int64_t e, double f, uint16_t g, float h);
float f32_of(int64_t n, double x);

int64_t sum_array(const int32_t *p, int32_t n);
void fill_squares(int64_t *p, int32_t n);
const char *greeting(const char *name);
uint64_t count_char(const char *s, int32_t c);

typedef struct { int32_t a, b; } pair_i32;
typedef struct { int64_t a, b; } pair_i64;
typedef struct { double x, y; } vec2;
typedef struct { float x, y; } vec2f;
typedef struct { float x, y, z; } vec3f;
typedef struct { int32_t i; float f; } int_float;
typedef struct { double d; int64_t i; } dbl_int;
typedef struct { int8_t a; int16_t b; } small;
typedef struct { small s; double w; } nested;
typedef struct { int8_t tag[3]; int32_t n; } with_array;
typedef struct { int64_t a, b, c; } big3;
typedef struct { double m[5]; } matrix5;

pair_i32 make_pair_i32(int32_t a, int32_t b);
int32_t pair_i32_sum(pair_i32 p);
pair_i64 swap_i64(pair_i64 p);
vec2 vec2_add(vec2 a, vec2 b);
double vec2_dot(vec2 a, vec2 b);
vec2f vec2f_scale(vec2f v, float k);
vec3f vec3f_cross(vec3f a, vec3f b);
int_float int_float_bump(int_float v);
dbl_int dbl_int_mix(dbl_int v, int64_t k);
nested nested_make(int8_t a, int16_t b, double w);
double nested_total(nested n);
with_array array_make(int8_t x, int32_t n);
int64_t array_total(with_array w);
big3 big3_make(int64_t a, int64_t b, int64_t c);
int64_t big3_sum(big3 v);
big3 big3_rotate(big3 v);
matrix5 matrix5_scale(matrix5 m, double k);
int64_t regs_spill(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, pair_i64 p, int64_t f);
double sse_spill(double a, double b, double c, double d, double e, double f, double g, vec2 v, double h);

typedef struct { double a, b, c, d; } dquad;
typedef struct { float a, b, c, d; } fquad;
typedef struct { int64_t a; double b; int32_t c; } mixed3;

dquad dquad_scale(dquad q, double k);
double dquad_sum(dquad q);
fquad fquad_add(fquad a, fquad b);
double hfa_spill(double a, double b, double c, double d, double e, dquad q, double f);
int64_t gpr_spill(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g, pair_i64 p, int64_t h);
mixed3 mixed3_make(int64_t a, double b, int32_t c);
double mixed3_total(mixed3 m);
double ref_spill(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g, int64_t h, mixed3 m, int64_t i);

int64_t apply_i64(int64_t (*f)(int64_t, int64_t), int64_t a, int64_t b);
double apply_f64(double (*f)(double), double x);
float apply_f32(float (*f)(float, int32_t), float x, int32_t n);
int32_t each_i32(const int32_t *v, int32_t n, int32_t (*f)(int32_t));
int64_t callback_mixed(int64_t (*f)(int8_t, double, uint16_t, float, int64_t));
