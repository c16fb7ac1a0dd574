/*
 * render.c: the page renderer's thread pool.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "arena.h"
#include "buffer.h"
#include "diag.h"
#include "links.h"
#include "output.h"
#include "render.h"
#include "xalloc.h"

struct pool {
	struct page	*pages;
	size_t		 n;
	page_fn		 fn;
	void		*arg;
	struct output	*out;
	struct links	*links;
	atomic_size_t	 next;
	atomic_int	 failed;
};

static void *
worker(void *p)
{
	struct pool	*pool = p;
	struct arena	*a = arena_new();
	struct buf	 b = BUF_INIT;
	size_t		 i;

	while (!atomic_load(&pool->failed) &&
	    (i = atomic_fetch_add(&pool->next, 1)) < pool->n) {
		struct page *pg = &pool->pages[i];
		unsigned before;

		if (pg->done)
			continue;
		if (pg->skip) {
			if (output_keep(pool->out, pg->path) != 0) {
				atomic_store(&pool->failed, 1);
				break;
			}
			if (pool->links != NULL)
				links_add_file(pool->links, pg->path);
			continue;
		}
		arena_reset(a);
		buf_reset(&b);
		before = diag_thread_count();
		if (pool->fn(pool->arg, pg, a, &b) != 0) {
			atomic_store(&pool->failed, 1);
			break;
		}
		pg->noisy = diag_thread_count() != before;
		if (buf_failed(&b))
			die_oom();
		if (output_write(pool->out, pg->path, b.data != NULL ? b.data :
		    "", b.len) != 0) {
			atomic_store(&pool->failed, 1);
			break;
		}
		if (pool->links != NULL)
			pg->ids = links_add_page(pool->links, pg->path,
			    pg->source, b.data != NULL ? b.data : "", b.len);
		/*
		 * A page much larger than the others (the index of a big
		 * site) should not pin its buffer for the rest of the build.
		 */
		if (b.cap > (512u << 10))
			buf_free(&b);
	}
	buf_free(&b);
	arena_free(a);
	return NULL;
}

/* Returns the number of online processors, at least 1. */
int
render_default_jobs(void)
{
	long	 n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/*
 * Renders and writes n pages with jobs threads (0: one per core).
 * Returns 0, or -1 when a page failed (the rest are then not rendered).
 */
int
render_pages(struct page *pages, size_t n, int jobs, page_fn fn,
    void *arg, struct output *out, struct links *links)
{
	struct pool	 pool;
	pthread_t	*t;
	int		 i, started = 0;

	if (jobs <= 0)
		jobs = render_default_jobs();
	if ((size_t)jobs > n)
		jobs = n > 0 ? (int)n : 1;
	pool.pages = pages;
	pool.n = n;
	pool.fn = fn;
	pool.arg = arg;
	pool.out = out;
	pool.links = links;
	atomic_init(&pool.next, 0);
	atomic_init(&pool.failed, 0);
	if (jobs == 1) {
		worker(&pool);
		return atomic_load(&pool.failed) ? -1 : 0;
	}
	t = xcalloc((size_t)jobs, sizeof(*t));
	for (i = 0; i < jobs; i++)
		if (pthread_create(&t[i], NULL, worker, &pool) == 0)
			started++;
		else
			break;
	if (started == 0)
		worker(&pool);
	for (i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
	return atomic_load(&pool.failed) ? -1 : 0;
}
