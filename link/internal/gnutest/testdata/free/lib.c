const char greeting[] = "hello from lib\n";
int counter = 42;
long zeroes[64];
__thread int tls_init = 2;

int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
int (*ops[])(int, int) = { add, sub };

long lens(const char *s) {
	long n = 0;
	while (s[n]) n++;
	return n;
}
