/*
 * fuzz_cache.c: the caches a build reads back from SITE/.kitgen/. The
 * input's first byte picks one: even, the candidates cache (the rest is
 * the whole file, whose key is taken as the one wanted); odd, the build
 * cache (the rest follows the header a build writes, which names the
 * output folder and its stamp, so the harness writes it). Checks: a
 * damaged cache is refused or read without a crash, and what is read
 * lies within the file: every candidate taken from it has its strings
 * whole, every unit its names.
 */
#include <sys/stat.h>

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "cache.h"
#include "cand_cache.h"
#include "candidate.h"
#include "files.h"
#include "fuzz.h"
#include "hash.h"

static char	 site[64], outdir[96], kdir[96];

/* Removes the site's folders (their files go after each input). */
static void
cleanup(void)
{
	rmdir(outdir);
	rmdir(kdir);
	rmdir(site);
}

/* Makes the site's folders once. */
static void
setup(void)
{
	if (site[0] != '\0')
		return;
	atexit(cleanup);
	snprintf(site, sizeof(site), "/tmp/kitgen-fuzz-cache-%ld",
	    (long)getpid());
	snprintf(kdir, sizeof(kdir), "%s/.kitgen", site);
	snprintf(outdir, sizeof(outdir), "%s/public", site);
	mkdir(site, 0755);
	mkdir(kdir, 0755);
	mkdir(outdir, 0755);
}

/* Writes len bytes of data as the file path. */
static void
put(const char *path, const void *data, size_t len)
{
	FILE	*f = fopen(path, "wb");

	FUZZ_ASSERT(f != NULL);
	FUZZ_ASSERT(len == 0 || fwrite(data, 1, len, f) == len);
	FUZZ_ASSERT(fclose(f) == 0);
}

/* Returns whether s is a string of at most n bytes and its NUL. */
static int
whole(const char *s, size_t n)
{
	return s == NULL || memchr(s, '\0', n + 1) != NULL;
}

static void
candidates(const uint8_t *data, size_t len)
{
	static const char magic[] = "kitgen candidates cache 1\n";
	struct cand_cache *c;
	struct candidate cand;
	struct file_stamp st;
	struct arena	*a = arena_new();
	const char	*html;
	char		 path[128];
	uint64_t	 key = 0, hash;
	size_t		 i, j, off;

	snprintf(path, sizeof(path), "%s/candidates.cache", kdir);
	put(path, data, len);
	/* The key after the magic and the version line. */
	off = sizeof(magic) - 1;
	if (len > off && memcmp(data, magic, off) == 0) {
		const uint8_t *nl = memchr(data + off, '\n', len - off);

		if (nl != NULL && (size_t)(data + len - nl - 1) >= 8)
			memcpy(&key, nl + 1, 8);
	}
	if ((c = cand_cache_load(site, key)) == NULL)
		goto out;
	for (i = 0; i < cand_cache_count(c); i++) {
		if (cand_cache_stamp(c, i, &st) != 0)
			continue;
		if (!cand_cache_get(c, i, &st, a, &cand, &hash, &html))
			continue;
		FUZZ_ASSERT(cand.id != NULL && cand.name != NULL);
		FUZZ_ASSERT(whole(cand.id, len) && whole(cand.name, len));
		FUZZ_ASSERT(whole(html, len) && whole(cand.summary, len));
		for (j = 0; j < cand.n_slots; j++)
			FUZZ_ASSERT(whole(cand.slots[j].session_ref, len) &&
			    whole(cand.slots[j].focus_html, len));
		arena_reset(a);
	}
	cand_cache_free(c);
out:
	arena_free(a);
	unlink(path);
}

static void
build_cache(const uint8_t *data, size_t len)
{
	struct cache	*c;
	struct stat	 sb;
	char		 head[512], *path, *file;
	const struct strlist *files;
	uint64_t	 key, ids;
	unsigned	 flags;
	size_t		 i, n, idx;

	FUZZ_ASSERT(lstat(outdir, &sb) == 0);
	/* As cache.c writes it: magic, version, output, stamp. */
	n = (size_t)snprintf(head, sizeof(head), "kitgen build cache 2\n"
	    "version %s\noutput %s\nstamp %ju %ju %jd %ld %jd %ld\n",
	    KITGEN_VERSION, outdir, (uintmax_t)sb.st_dev,
	    (uintmax_t)sb.st_ino, (intmax_t)sb.st_mtim.tv_sec,
	    sb.st_mtim.tv_nsec, (intmax_t)sb.st_ctim.tv_sec,
	    sb.st_ctim.tv_nsec);
	file = malloc(n + len + 1);
	FUZZ_ASSERT(file != NULL);
	memcpy(file, head, n);
	if (len > 0)
		memcpy(file + n, data, len);
	snprintf(head, sizeof(head), "build-%016" PRIx64 ".cache",
	    hash_str(outdir, 0));
	path = path_join(kdir, head);
	put(path, file, n + len);
	free(file);
	if ((c = cache_load(site, outdir)) != NULL) {
		files = cache_files(c);
		for (i = 0; i < files->len; i++) {
			FUZZ_ASSERT(whole(files->items[i], len));
			FUZZ_ASSERT(cache_find(c, files->items[i], &key, &ids,
			    &flags));
		}
		for (i = 0; i < cache_units(c); i++) {
			const struct cache_names *cn = cache_unit_names(c, i);
			char	*prefix;

			FUZZ_ASSERT(cn->prefix_len > 0 &&
			    cn->prefix_len <= len && cn->names_len <= len);
			prefix = strndup(cn->prefix, cn->prefix_len);
			FUZZ_ASSERT(prefix != NULL);
			/* Found, unless an earlier unit has the prefix too. */
			if (strlen(prefix) == cn->prefix_len)
				FUZZ_ASSERT(cache_find_unit(c, prefix, &key,
				    &ids, &flags, &idx));
			free(prefix);
		}
		cache_free(c);
	}
	unlink(path);
	free(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	if (len == 0)
		return 0;
	setup();
	if (data[0] % 2 == 0)
		candidates(data + 1, len - 1);
	else
		build_cache(data + 1, len - 1);
	return 0;
}
