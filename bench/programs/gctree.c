/* gctree.n in C (bench/run.sh): malloc and free, as Boehm's GCBench
 * does without a collector. */
#include <stdio.h>
#include <stdlib.h>

typedef struct node {
	struct node *left, *right;
	long i, j;
} node;

enum { stretch_depth = 18, long_lived_depth = 16, array_size = 500000, min_depth = 4, max_depth = 16 };

static long tree_size(int depth) { return (1L << (depth + 1)) - 1; }

static node *new_node(node *l, node *r) {
	node *n = calloc(1, sizeof *n);
	n->left = l;
	n->right = r;
	return n;
}

static void populate(int depth, node *n) {
	if (depth <= 0)
		return;
	n->left = new_node(0, 0);
	n->right = new_node(0, 0);
	populate(depth - 1, n->left);
	populate(depth - 1, n->right);
}

static node *make_tree(int depth) {
	if (depth <= 0)
		return new_node(0, 0);
	node *l = make_tree(depth - 1);
	return new_node(l, make_tree(depth - 1));
}

static long check(node *t) {
	if (!t->left)
		return 1;
	return 1 + check(t->left) + check(t->right);
}

static void release(node *t) {
	if (t->left) {
		release(t->left);
		release(t->right);
	}
	free(t);
}

int main(void) {
	node *t = make_tree(stretch_depth);
	printf("stretch tree of depth %d check: %ld\n", stretch_depth, check(t));
	release(t);
	node *long_lived = new_node(0, 0);
	populate(long_lived_depth, long_lived);
	double *array = calloc(array_size, sizeof *array);
	for (int i = 0; i < array_size / 2; i++)
		array[i] = 1.0 / (i + 1);
	for (int depth = min_depth; depth <= max_depth; depth += 2) {
		long iters = 2 * tree_size(stretch_depth) / tree_size(depth);
		long top_down = 0, bottom_up = 0;
		for (long i = 0; i < iters; i++) {
			t = new_node(0, 0);
			populate(depth, t);
			top_down += check(t);
			release(t);
		}
		for (long i = 0; i < iters; i++) {
			t = make_tree(depth);
			bottom_up += check(t);
			release(t);
		}
		printf("%ld trees of depth %d check: %ld %ld\n", iters, depth, top_down, bottom_up);
	}
	printf("long lived tree of depth %d check: %ld %ld\n", long_lived_depth, check(long_lived), (long)(array[1000] * 1000000.0));
	return 0;
}
