/*
 * render.h: render a list of pages with N threads and write each through
 * the output stage. Each thread has its own arena and buffer, reset per
 * page, so memory does not grow with the site. The bytes of each page do
 * not depend on the number of threads or on their timing. A page marked
 * skip is not rendered: the build cache found its file up to date. A
 * page marked done was dealt with before (a guide page written while
 * the model was built).
 */
#ifndef KITGEN_RENDER_H
#define KITGEN_RENDER_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct buf;
struct links;
struct output;

struct page {
	const char	*path;		/* output path, e.g. "guides/x/index.html" */
	const char	*source;	/* the input it shows, or NULL */
	uint64_t	 key;		/* of its inputs (deps.h) */
	uint64_t	 ids;		/* set: the hash of its ids (links.h) */
	uint32_t	 a, b;		/* indices, meaning per kind */
	unsigned char	 kind;		/* what the callback renders */
	unsigned char	 skip;		/* not rendered: its file stands */
	unsigned char	 noisy;		/* set: it reported a diagnostic */
	unsigned char	 done;		/* written or kept already: left alone */
	unsigned char	 unit;		/* of a candidate: cached with its unit */
};

/*
 * Renders page into out using arena for anything temporary.
 * Returns 0, or -1 after reporting an error.
 */
typedef int (*page_fn)(void *arg, const struct page *, struct arena *,
    struct buf *);

int	 render_pages(struct page *, size_t, int jobs, page_fn,
	     void *arg, struct output *, struct links *);
int	 render_default_jobs(void);

#endif
