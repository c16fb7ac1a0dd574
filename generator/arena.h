/*
 * arena.h: bump allocation for memory that dies together (one file's value
 * tree, one page's render). Freeing the arena frees everything in it.
 *
 * Out of memory is fatal everywhere in kitgen (xalloc.h): a build cannot
 * continue without it, and the staged output is cleaned up on exit.
 */
#ifndef KITGEN_ARENA_H
#define KITGEN_ARENA_H

#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
void		 arena_reset(struct arena *);
void		*arena_alloc(struct arena *, size_t);
void		*arena_zalloc(struct arena *, size_t);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_strdup(struct arena *, const char *);
char		*arena_printf(struct arena *, const char *, ...)
		     __attribute__((format(printf, 2, 3)));
char		*arena_cat(struct arena *, const char *, ...)
		     __attribute__((sentinel));
size_t		 arena_used(const struct arena *);

#endif
