/*
 * arena.c: a bump allocator over a chain of blocks.
 */
#include <stdarg.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xalloc.h"

/*
 * A standard block: 64 KiB with its header and malloc's, so that the
 * system's mapping of it (see main.c) is 16 pages, not 17.
 */
#define ARENA_BLOCK	(64 * 1024 - 64)
/*
 * An arena that keeps growing takes blocks twice as large each time, up
 * to this: a model of thousands of candidates is then a few dozen
 * mappings, made and given back in a few calls, not hundreds.
 */
#define ARENA_BLOCK_MAX	(2 * 1024 * 1024 - 64)
#define ARENA_SPARES	8	/* blocks arena_reset keeps */

struct block {
	struct block	*next;
	size_t		 size;	/* usable bytes after the header */
	size_t		 used;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct arena_room room;	/* first: the inline path (arena.h) */
	struct block	*head;	/* current block, where allocation happens */
	struct block	*spare;	/* blocks kept by arena_reset for reuse */
	size_t		 n_spare;
	size_t		 grow;	/* the size of the next new block, or 0 */
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

static void
free_chain(struct block *b)
{
	struct block	*next;

	for (; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	free_chain(a->head);
	free_chain(a->spare);
	free(a);
}

/* Notes in the current block how much of it the room has taken. */
static void
close_head(struct arena *a)
{
	if (a->head != NULL)
		a->head->used = (size_t)(a->room.next - a->head->data);
}

/*
 * Forgets every allocation but keeps standard-sized blocks, so a per-page
 * arena reaches a steady state and stops calling malloc.
 */
void
arena_reset(struct arena *a)
{
	struct block	*b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		if (b->size == ARENA_BLOCK && a->n_spare < ARENA_SPARES) {
			b->used = 0;
			b->next = a->spare;
			a->spare = b;
			a->n_spare++;
		} else
			free(b);
	}
	a->head = NULL;
	a->room.next = a->room.end = NULL;
	a->grow = 0;
}

/*
 * Returns n bytes at the start of a new block, as arena_take found no
 * room in the current one; never NULL. A big one-off block goes behind
 * the current one, which keeps its room.
 */
void *
arena_take_slow(struct arena *a, size_t n, size_t align)
{
	struct block	*b;
	size_t		 size;

	(void)align;	/* a block's data is aligned for anything */
	if (n <= ARENA_BLOCK / 4 && a->spare != NULL) {
		b = a->spare;
		a->spare = b->next;
		a->n_spare--;
	} else {
		if (a->grow < ARENA_BLOCK)
			a->grow = ARENA_BLOCK;
		size = n > ARENA_BLOCK / 4 ? n : a->grow;
		if (size == a->grow && a->grow < ARENA_BLOCK_MAX)
			a->grow = (a->grow + 64) * 2 - 64;
		if (size > (size_t)-1 - sizeof(struct block))
			die_oom();
		b = xmalloc(sizeof(struct block) + size);
		b->size = size;
	}
	b->used = n;
	if (n > ARENA_BLOCK / 4 && a->head != NULL) {
		b->next = a->head->next;
		a->head->next = b;
		return b->data;
	}
	close_head(a);
	b->next = a->head;
	a->head = b;
	a->room.next = b->data + n;
	a->room.end = b->data + b->size;
	return b->data;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return arena_strdup(a, "");
	p = arena_take(a, (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/*
 * Returns the concatenation of the strings given, up to a NULL, in a:
 * the common case of arena_printf without its cost (every page builds
 * dozens of links).
 */
char *
arena_cat(struct arena *a, const char *s, ...)
{
	va_list		 ap;
	const char	*t;
	size_t		 n = 0, k;
	char		*p, *q;

	va_start(ap, s);
	for (t = s; t != NULL; t = va_arg(ap, const char *))
		n += strlen(t);
	va_end(ap);
	p = q = arena_take(a, n + 1, 1);
	va_start(ap, s);
	for (t = s; t != NULL; t = va_arg(ap, const char *)) {
		k = strlen(t);
		memcpy(q, t, k);
		q += k;
	}
	va_end(ap);
	*q = '\0';
	return p;
}

/*
 * Returns the bytes taken since creation or the last reset (what was
 * handed out, and the padding that aligned it).
 */
size_t
arena_used(const struct arena *a)
{
	const struct block *b;
	size_t		 n = 0;

	for (b = a->head; b != NULL; b = b->next)
		n += b == a->head ? (size_t)(a->room.next - b->data) : b->used;
	return n;
}
