/*
 * hash.h: a fast 64-bit hash of bytes, for change detection (the build
 * cache) and hash tables. Not cryptographic: it guards against
 * accidents, not against an adversary who can also edit the cache.
 */
#ifndef KITGEN_HASH_H
#define KITGEN_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t	 hash_bytes(const void *, size_t, uint64_t seed);
uint64_t	 hash_str(const char *, uint64_t seed);
uint64_t	 hash_u64(uint64_t h, uint64_t v);

/*
 * A set of 64-bit hashes (open addressing, 0 marks a free slot, so a
 * hash of 0 is stored as 1). Zero-initialise; not thread-safe. A large
 * set is split into HSET_PARTS tables by the top bits of the hash, each
 * grown on its own: growing never holds two copies of the whole set.
 */
#define HSET_PARTS	64
#define HSET_SPLIT	(1u << 16)	/* hashes before the split */

struct hset {
	uint64_t	*slots;
	size_t		 cap, len;	/* len: of the whole set */
	struct hset	*parts;		/* after the split, else NULL */
};

int		 hset_add(struct hset *, uint64_t);
int		 hset_has(const struct hset *, uint64_t);
void		 hset_prefetch(const struct hset *, uint64_t);
void		 hset_free(struct hset *);

#endif
