/* fib(30), the same algorithm as fib.lir. */
long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
volatile long arg = 30;
int main(void) { return fib(arg) & 255; }
