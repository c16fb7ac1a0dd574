/*
 * pool.c: a parallel for loop.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "pool.h"
#include "render.h"
#include "xalloc.h"

struct pool_run {
	size_t		 n;
	pool_fn		 fn;
	void		*arg;
	atomic_size_t	 next;
};

struct pool_thread {
	struct pool_run	*run;
	size_t		 index;
};

static void *
runner(void *p)
{
	struct pool_thread *t = p;
	size_t		 i;

	while ((i = atomic_fetch_add(&t->run->next, 1)) < t->run->n)
		t->run->fn(t->run->arg, i, t->index);
	return NULL;
}

/*
 * Returns how many threads pool_run should use for n items with jobs
 * (0: one per core): at least 1, at most n.
 */
size_t
pool_threads(size_t n, int jobs)
{
	size_t	 t = jobs > 0 ? (size_t)jobs : (size_t)render_default_jobs();

	if (t > n)
		t = n;
	return t > 0 ? t : 1;
}

/*
 * Calls fn(arg, i, thread) for every i below n, on threads threads (the
 * calling one included). Returns when every call has returned.
 */
void
pool_run(size_t n, size_t threads, pool_fn fn, void *arg)
{
	struct pool_run	 r;
	struct pool_thread *t;
	pthread_t	*tid;
	size_t		 i, started = 0;

	r.n = n;
	r.fn = fn;
	r.arg = arg;
	atomic_init(&r.next, 0);
	if (threads <= 1) {
		t = &(struct pool_thread){ &r, 0 };
		runner(t);
		return;
	}
	t = xcalloc(threads, sizeof(*t));
	tid = xcalloc(threads, sizeof(*tid));
	for (i = 0; i < threads; i++) {
		t[i].run = &r;
		t[i].index = i;
	}
	/* A thread that cannot start leaves its share to the others. */
	for (i = 1; i < threads; i++) {
		if (pthread_create(&tid[i], NULL, runner, &t[i]) != 0)
			break;
		started = i;
	}
	runner(&t[0]);
	for (i = 1; i <= started; i++)
		pthread_join(tid[i], NULL);
	free(t);
	free(tid);
}
