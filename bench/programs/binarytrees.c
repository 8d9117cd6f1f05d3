/* binarytrees.n in C (bench/run.sh): malloc and free instead of a
   collector, as the Benchmarks Game's C programs do. */
#include <stdio.h>
#include <stdlib.h>

struct node { struct node *left, *right; };

static struct node *bottom_up(int depth) {
	struct node *t = malloc(sizeof *t);
	if (depth == 0) {
		t->left = t->right = NULL;
	} else {
		t->left = bottom_up(depth - 1);
		t->right = bottom_up(depth - 1);
	}
	return t;
}

static long check(struct node *t) {
	if (t->left == NULL) return 1;
	return 1 + check(t->left) + check(t->right);
}

static void release(struct node *t) {
	if (t->left) {
		release(t->left);
		release(t->right);
	}
	free(t);
}

int main(void) {
	int n = 16, max_depth = n, stretch = max_depth + 1;
	struct node *s = bottom_up(stretch);
	printf("stretch tree of depth %d check: %ld\n", stretch, check(s));
	release(s);
	struct node *long_lived = bottom_up(max_depth);
	for (int depth = 4; depth <= max_depth; depth += 2) {
		long iterations = 1L << (max_depth - depth + 4), sum = 0;
		for (long i = 0; i < iterations; i++) {
			struct node *t = bottom_up(depth);
			sum += check(t);
			release(t);
		}
		printf("%ld trees of depth %d check: %ld\n", iterations, depth, sum);
	}
	printf("long lived tree of depth %d check: %ld\n", max_depth, check(long_lived));
	return 0;
}
