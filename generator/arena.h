/*
 * arena.h: bump allocation for memory that dies together (one file's value
 * tree, one page's render). Freeing the arena frees everything in it.
 *
 * Out of memory is fatal everywhere in kitgen (xalloc.h): a build cannot
 * continue without it, and the staged output is cleaned up on exit.
 */
#ifndef KITGEN_ARENA_H
#define KITGEN_ARENA_H

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "xalloc.h"

struct arena;

/*
 * The free room of an arena's current block: the first member of struct
 * arena, so that allocating is inline while the block has room (pages
 * and outlines make thousands of small allocations).
 */
struct arena_room {
	unsigned char	*next;
	unsigned char	*end;
};

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
void		 arena_reset(struct arena *);
void		*arena_take_slow(struct arena *, size_t, size_t);
char		*arena_strdup(struct arena *, const char *);
char		*arena_printf(struct arena *, const char *, ...)
		     __attribute__((format(printf, 2, 3)));
char		*arena_cat(struct arena *, const char *, ...)
		     __attribute__((sentinel));
size_t		 arena_used(const struct arena *);

/*
 * Returns n bytes (n > 0) aligned to align (a power of two): from the
 * current block's room, or from a new block. Never NULL.
 */
static inline void *
arena_take(struct arena *a, size_t n, size_t align)
{
	struct arena_room *r = (struct arena_room *)(void *)a;
	uintptr_t	 p = ((uintptr_t)r->next + (align - 1)) &
			    ~(uintptr_t)(align - 1);

	if (p <= (uintptr_t)r->end && (uintptr_t)r->end - p >= n) {
		r->next = (unsigned char *)p + n;
		return (void *)p;
	}
	return arena_take_slow(a, n, align);
}

/* Returns n bytes aligned for any type; never NULL. */
static inline void *
arena_alloc(struct arena *a, size_t n)
{
	return arena_take(a, n != 0 ? n : 1, alignof(max_align_t));
}

/* Returns n zeroed bytes aligned for any type; never NULL. */
static inline void *
arena_zalloc(struct arena *a, size_t n)
{
	void	*p = arena_alloc(a, n);

	memset(p, 0, n);
	return p;
}

/*
 * Returns a copy of the n bytes at s and a NUL. Text needs no alignment:
 * packed, a site's many short strings take a third less memory.
 */
static inline char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	if (n == (size_t)-1)
		die_oom();
	p = arena_take(a, n + 1, 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

#endif
