/*
 * cand_cache.h: the candidates cache, SITE/.kitgen/candidates.cache.
 *
 * A build that read a candidate file without a diagnostic keeps what it
 * read (the checked candidate and its Markdown as HTML) with the file's
 * stamp (device, inode, size, modification and change times). The next
 * build takes a candidate whose file has the same stamp from the cache
 * instead of reading and parsing it again. A file changed in the two
 * seconds before it was read is not kept, so that a change within the
 * resolution of the file system's clock is never missed. The cache
 * holds for one kitgen version and one site.yaml (its default time zone
 * and limits shape what is read).
 */
#ifndef KITGEN_CAND_CACHE_H
#define KITGEN_CAND_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct candidate;
struct model;

/* What identifies a file's version, from stat(2). */
struct file_stamp {
	uint64_t	 dev, ino, size;
	int64_t		 mtime_s, mtime_ns, ctime_s, ctime_ns;
	int64_t		 taken;		/* when (seconds): 0, none */
};

struct cand_cache;

int		 file_stamp(const char *, struct file_stamp *);
int		 file_stamp_at(int, const char *, const char *,
		     struct file_stamp *);
struct cand_cache *cand_cache_load(const char *site, uint64_t key);
void		 cand_cache_free(struct cand_cache *);
size_t		 cand_cache_count(const struct cand_cache *);
size_t		 cand_cache_rank(const struct cand_cache *, const char *);
int		 cand_cache_stamp(const struct cand_cache *, size_t,
		     struct file_stamp *);
int		 cand_cache_get(const struct cand_cache *, size_t rank,
		     const struct file_stamp *, struct arena *,
		     struct candidate *, uint64_t *hash,
		     const char **summary_html);
int		 cand_cache_save(const char *site, uint64_t key,
		     const struct cand_cache *, const struct model *);

#endif
