/* test_pool.c: the parallel for loop. */
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "pool.h"
#include "render.h"

static void
test_threads(void **state)
{
	size_t	 cores = (size_t)render_default_jobs();

	(void)state;
	assert_true(cores >= 1);
	/* jobs given: that many, but never more than the items. */
	assert_int_equal(pool_threads(10, 4), 4);
	assert_int_equal(pool_threads(4, 4), 4);
	assert_int_equal(pool_threads(3, 4), 3);
	assert_int_equal(pool_threads(1, 8), 1);
	assert_int_equal(pool_threads(100000, 1), 1);
	assert_int_equal(pool_threads(100000, 64), 64);
	/* No items: still one thread. */
	assert_int_equal(pool_threads(0, 4), 1);
	assert_int_equal(pool_threads(0, 1), 1);
	assert_int_equal(pool_threads(0, 0), 1);
	/* jobs 0: one per core, at most n. */
	assert_int_equal(pool_threads(100000, 0), cores);
	assert_int_equal(pool_threads(1, 0), 1);
	assert_int_equal(pool_threads(2, 0), cores < 2 ? cores : 2);
}

struct counts {
	atomic_uint	*calls;		/* per item */
	size_t		 n;
	size_t		 threads;
	atomic_uint	 bad_index;	/* calls with i >= n */
	atomic_uint	 bad_thread;	/* calls with thread >= threads */
	atomic_uint	 per_thread[16];
};

static void
count(void *arg, size_t i, size_t thread)
{
	struct counts	*c = arg;

	if (i >= c->n) {
		atomic_fetch_add(&c->bad_index, 1);
		return;
	}
	if (thread >= c->threads || thread >= 16) {
		atomic_fetch_add(&c->bad_thread, 1);
		return;
	}
	atomic_fetch_add(&c->calls[i], 1);
	atomic_fetch_add(&c->per_thread[thread], 1);
}

/* Every item exactly once, on a thread numbered below the thread count. */
static void
test_each_once(void **state)
{
	static const size_t threads[] = { 1, 2, 4, 8 };
	static const size_t sizes[] = { 0, 1, 7, 10000 };
	struct counts	 c;
	size_t		 t, s, i, sum;

	(void)state;
	for (t = 0; t < sizeof(threads) / sizeof(threads[0]); t++) {
		for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
			memset(&c, 0, sizeof(c));
			c.n = sizes[s];
			c.threads = threads[t];
			c.calls = calloc(c.n + 1, sizeof(*c.calls));
			assert_non_null(c.calls);
			for (i = 0; i < c.n; i++)
				atomic_init(&c.calls[i], 0);
			pool_run(c.n, c.threads, count, &c);
			assert_int_equal(atomic_load(&c.bad_index), 0);
			assert_int_equal(atomic_load(&c.bad_thread), 0);
			for (i = 0; i < c.n; i++)
				if (atomic_load(&c.calls[i]) != 1)
					fail_msg("%zu threads, %zu items: item "
					    "%zu called %u times", c.threads,
					    c.n, i, atomic_load(&c.calls[i]));
			for (i = 0, sum = 0; i < 16; i++)
				sum += atomic_load(&c.per_thread[i]);
			assert_int_equal(sum, c.n);
			free(c.calls);
		}
	}
}

/* Repeated runs: nothing is left over from one run to the next. */
static void
test_repeated(void **state)
{
	struct counts	 c;
	size_t		 r, i;

	(void)state;
	for (r = 0; r < 50; r++) {
		memset(&c, 0, sizeof(c));
		c.n = 97;
		c.threads = 1 + r % 8;
		c.calls = calloc(c.n, sizeof(*c.calls));
		assert_non_null(c.calls);
		pool_run(c.n, c.threads, count, &c);
		for (i = 0; i < c.n; i++)
			assert_int_equal(atomic_load(&c.calls[i]), 1);
		assert_int_equal(atomic_load(&c.bad_thread), 0);
		free(c.calls);
	}
}

struct spread {
	atomic_uint	 seen;		/* bit per thread index */
	atomic_uint	 bad;
	size_t		 threads;
};

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Records the thread, then waits (yielding) until some other thread has
 * run a call too. The first call thus cannot finish before another
 * thread takes an item, whatever the number of cores and however the
 * threads are scheduled; the deadline only keeps a broken pool from
 * hanging the test.
 */
static void
slow(void *arg, size_t i, size_t thread)
{
	struct spread	*s = arg;
	unsigned	 v;
	double		 deadline;

	(void)i;
	if (thread >= s->threads || thread >= 32) {
		atomic_fetch_add(&s->bad, 1);
		return;
	}
	atomic_fetch_or(&s->seen, 1u << thread);
	deadline = now() + 20;
	for (;;) {
		v = atomic_load(&s->seen);
		if ((v & (v - 1)) != 0 || now() > deadline)
			break;
		sched_yield();
	}
}

/* Records the thread only. */
static void
mark(void *arg, size_t i, size_t thread)
{
	struct spread	*s = arg;

	(void)i;
	if (thread >= s->threads || thread >= 32)
		atomic_fetch_add(&s->bad, 1);
	else
		atomic_fetch_or(&s->seen, 1u << thread);
}

static void
test_parallel(void **state)
{
	struct spread	 s;
	unsigned	 v;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.threads = 4;
	pool_run(64, s.threads, slow, &s);
	assert_int_equal(atomic_load(&s.bad), 0);
	v = atomic_load(&s.seen);
	/* More than one distinct thread index ran calls. */
	assert_true((v & (v - 1)) != 0);
	assert_true(v < (1u << 4));

	/* One thread: every call on thread 0, the calling one. */
	memset(&s, 0, sizeof(s));
	s.threads = 1;
	pool_run(10, 1, mark, &s);
	assert_int_equal(atomic_load(&s.bad), 0);
	assert_int_equal(atomic_load(&s.seen), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_each_once),
		cmocka_unit_test(test_repeated),
		cmocka_unit_test(test_parallel),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
