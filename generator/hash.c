/*
 * hash.c: a 64-bit hash, eight bytes per step.
 */
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "xalloc.h"

#define K1	0x9e3779b97f4a7c15ull
#define K2	0xc2b2ae3d27d4eb4full

/* Returns v with its bits avalanched (the finaliser of MurmurHash3). */
static uint64_t
fmix(uint64_t v)
{
	v ^= v >> 33;
	v *= 0xff51afd7ed558ccdull;
	v ^= v >> 33;
	v *= 0xc4ceb9fe1a85ec53ull;
	v ^= v >> 33;
	return v;
}

static uint64_t
rotl(uint64_t v, int r)
{
	return (v << r) | (v >> (64 - r));
}

/* Returns the hash of the n bytes at p, started from seed. */
uint64_t
hash_bytes(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	/* K2 too: nothing (no bytes, seed 0) must not hash to 0. */
	uint64_t	 h = seed ^ ((uint64_t)n * K1) ^ K2, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h ^= rotl(w * K2, 31) * K1;
		h = rotl(h, 27) * 5 + 0x52dce729;
	}
	w = 0;
	if (n > 0)
		memcpy(&w, s, n);
	h ^= rotl(w * K2, 31) * K1;
	return fmix(h);
}

/* Returns the hash of the string s, started from seed. */
uint64_t
hash_str(const char *s, uint64_t seed)
{
	return hash_bytes(s, strlen(s), seed);
}

/* Returns h combined with v: order matters. */
uint64_t
hash_u64(uint64_t h, uint64_t v)
{
	return fmix(h ^ (fmix(v) + K1 + (h << 6) + (h >> 2)));
}

/*
 * Returns hash h mixed (Fibonacci hashing), so that keys which differ
 * only in their high bits ("i << 20") do not pile up in one cluster.
 */
static uint64_t
mix(uint64_t h)
{
	return h * 0x9E3779B97F4A7C15ull;
}

/* Returns the part of split set s that holds hash h. */
static struct hset *
part(const struct hset *s, uint64_t h)
{
	return &s->parts[mix(h) >> 58];
}

/* Returns the slot where h's probe starts in a table of mask + 1. */
static size_t
home(uint64_t h, size_t mask)
{
	return (size_t)(mix(h) >> 20) & mask;
}

/*
 * Starts loading the slot where h's probe starts in s, so that adding a
 * batch of hashes to a big set waits for memory once, not for each.
 */
void
hset_prefetch(const struct hset *s, uint64_t h)
{
	if (h == 0)
		h = 1;
	if (s->parts != NULL)
		s = part(s, h);
	if (s->cap > 0)
		__builtin_prefetch(&s->slots[home(h, s->cap - 1)], 1);
}

/* Returns whether hash h is in set s. */
int
hset_has(const struct hset *s, uint64_t h)
{
	size_t	 i, mask;

	if (h == 0)
		h = 1;
	if (s->parts != NULL)
		s = part(s, h);
	if (s->cap == 0)
		return 0;
	mask = s->cap - 1;
	for (i = home(h, mask); s->slots[i] != 0; i = (i + 1) & mask)
		if (s->slots[i] == h)
			return 1;
	return 0;
}

/*
 * Adds hash h (not 0) to the single table s, growing it at three
 * quarters full. Returns 1 when h is new, 0 when it was there already.
 */
static int
table_add(struct hset *s, uint64_t h)
{
	size_t	 i, j, mask;

	if ((s->len + 1) * 4 > s->cap * 3) {
		struct hset n;

		n.cap = s->cap ? s->cap * 2 : 1024;
		n.len = s->len;
		n.slots = xcalloc(n.cap, sizeof(*n.slots));
		n.parts = NULL;
		for (j = 0; j < s->cap; j++) {
			if (s->slots[j] == 0)
				continue;
			for (i = home(s->slots[j], n.cap - 1); n.slots[i] != 0;
			    i = (i + 1) & (n.cap - 1))
				;
			n.slots[i] = s->slots[j];
		}
		free(s->slots);
		*s = n;
	}
	mask = s->cap - 1;
	for (i = home(h, mask); s->slots[i] != 0; i = (i + 1) & mask)
		if (s->slots[i] == h)
			return 0;
	s->slots[i] = h;
	s->len++;
	return 1;
}

/*
 * Adds hash h to set s: the keys are hashes already, spread evenly, and
 * the sets of a large site (a hash for every page and id) are what a
 * build's memory grows with. Returns 1 when h is new, 0 when it was
 * there already.
 */
int
hset_add(struct hset *s, uint64_t h)
{
	size_t	 j;

	if (h == 0)
		h = 1;
	if (s->parts == NULL && s->len >= HSET_SPLIT) {
		s->parts = xcalloc(HSET_PARTS, sizeof(*s->parts));
		for (j = 0; j < s->cap; j++)
			if (s->slots[j] != 0)
				table_add(part(s, s->slots[j]), s->slots[j]);
		free(s->slots);
		s->slots = NULL;
		s->cap = 0;
	}
	if (s->parts == NULL)
		return table_add(s, h);
	if (!table_add(part(s, h), h))
		return 0;
	s->len++;
	return 1;
}

void
hset_free(struct hset *s)
{
	size_t	 i;

	for (i = 0; s->parts != NULL && i < HSET_PARTS; i++)
		free(s->parts[i].slots);
	free(s->parts);
	free(s->slots);
	memset(s, 0, sizeof(*s));
}
