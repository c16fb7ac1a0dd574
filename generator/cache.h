/*
 * cache.h: the build cache, SITE/.kitgen/build-HASH.cache, one per
 * output folder (HASH: of its canonical path). For every file the last
 * build left in that folder it records the file's key (deps.h), the
 * inputs it was made from and the hash of its ids, with the table of
 * inputs and their hashes; and a stamp of the output folder, so that a
 * folder deleted or replaced since is not trusted. It is written after
 * a build has committed, and removed before a commit starts.
 */
#ifndef KITGEN_CACHE_H
#define KITGEN_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "render.h"

struct deps;
struct strlist;

#define CACHE_NOISY	0x1	/* the page warned: always rendered */

/* A unit's files: under prefix, each name of names (tab between). */
struct cache_names {
	const char	*prefix;	/* "candidates/ID/" */
	size_t		 prefix_len;
	const char	*names;		/* not NUL-terminated */
	size_t		 names_len;
	size_t		 count;		/* of names */
};

/* A unit to save: the files of a candidate, kept or made together. */
struct cache_unit {
	const char	*prefix;	/* "candidates/ID/" */
	const char	*names;		/* its files under prefix, tab between */
	size_t		 names_len;
	size_t		 count;		/* of names */
	uint64_t	 key;		/* of its inputs */
	uint64_t	 ids;		/* of the ids of its files, in order */
	int		 noisy;		/* a file of it reported a diagnostic */
	struct page	 page;		/* one of its pages: its inputs */
};

struct cache;

struct cache	*cache_load(const char *site, const char *outdir);
void		 cache_free(struct cache *);
int		 cache_find(const struct cache *, const char *path,
		     uint64_t *key, uint64_t *ids, unsigned *flags);
int		 cache_find_unit(const struct cache *, const char *prefix,
		     uint64_t *key, uint64_t *ids, unsigned *flags,
		     size_t *index);
size_t		 cache_units(const struct cache *);
const struct cache_names *cache_unit_names(const struct cache *, size_t);
const struct strlist *cache_files(const struct cache *);
void		 cache_remove(const char *site, const char *outdir);
int		 cache_exists(const char *site, const char *outdir);
int		 cache_save(const char *site, const char *outdir,
		     const struct deps *, const struct page *, size_t,
		     const struct strlist *, const struct cache_unit *,
		     size_t);

#endif
