/*
 * fuzz_site.c: a whole-site build. The input is an archive (fuzz.h) of
 * the site's files by path ("@@ site.yaml", "@@ content/guides/a.md",
 * "@@ templates/page.mustache"...), written to a fresh folder over a
 * previous site in public/; entries named "--strict", "--public" and
 * "--check" set those options. Then kitgen build (or check) runs on it.
 * Checks: the exit status is 0, 1 or 2 (3 means the content made an
 * I/O error, fine only for a folder named as a file); an error is
 * reported; a failed build leaves the previous
 * site as it was; a good one has valid UTF-8 pages, and a second build
 * (from the build cache) gives the same files; nothing is written
 * outside public/ but the cache in .kitgen/, and no staging folder is
 * left.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "files.h"
#include "fuzz.h"
#include "hash.h"
#include "output.h"
#include "site.h"
#include "xalloc.h"

#define MAX_ENTRIES	24
#define PREVIOUS	"the previous site\n"

static char	 root[128];

static void
cleanup(void)
{
	if (root[0] != '\0')
		remove_tree(root);
}

/* Returns whether rel is a path the archive may create. */
static int
wanted(const char *rel)
{
	size_t	 n = strlen(rel);

	if (!output_path_ok(rel) || n > 200 || rel[n - 1] == '/')
		return 0;
	/* The previous site, the staging folders and the cache are ours. */
	return strncmp(rel, "public", 6) != 0 &&
	    strncmp(rel, ".public", 7) != 0 && strncmp(rel, ".kitgen", 7) != 0;
}

/* Writes root/rel, making its folders. Returns 0, or -1 to skip it. */
static int
put(const char *rel, const char *text, size_t len)
{
	char	*p = path_join(root, rel), *s;
	int	 fd, rc = -1;

	for (s = p + strlen(root) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0755) == -1 && !is_dir(p)) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	if ((fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0644)) != -1) {
		rc = write(fd, text, len) == (ssize_t)len ? 0 : -1;
		close(fd);
	}
	free(p);
	return rc;
}

/* Counts the files below dir (relative rel), checking each with fn. */
static size_t
walk(const char *dir, const char *rel, void (*fn)(const char *, const char *))
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*p, *r;
	size_t		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		p = path_join(dir, de->d_name);
		r = *rel ? path_join(rel, de->d_name) : xstrdup(de->d_name);
		FUZZ_ASSERT(lstat(p, &st) == 0);
		if (S_ISDIR(st.st_mode))
			n += walk(p, r, fn);
		else {
			fn(p, r);
			n++;
		}
		free(p);
		free(r);
	}
	closedir(d);
	return n;
}

static size_t	 n_caches;

static void
check_source(const char *path, const char *rel)
{
	size_t	 n = strlen(rel);

	(void)path;
	/* No staging folder (".public.kitgen-staging", "-old") is left. */
	FUZZ_ASSERT(strncmp(rel, ".public.kitgen-", 15) != 0);
	/* The caches are the files a build adds to the site. */
	if ((strncmp(rel, ".kitgen/build-", 14) == 0 && n > 6 &&
	    strcmp(rel + n - 6, ".cache") == 0) ||
	    strcmp(rel, ".kitgen/candidates.cache") == 0)
		n_caches++;
}

static void
check_page(const char *path, const char *rel)
{
	char	*data;
	size_t	 len, n = strlen(rel);

	if ((n > 5 && strcmp(rel + n - 5, ".html") == 0) ||
	    (n > 4 && strcmp(rel + n - 4, ".ics") == 0)) {
		FUZZ_ASSERT(file_read(path, 1u << 30, &data, &len) == 0);
		FUZZ_ASSERT(fuzz_utf8_ok(data, len));
		free(data);
	}
}

static uint64_t	 tree_sum;

/* Adds the file's name and bytes to tree_sum (in any order). */
static void
sum_file(const char *path, const char *rel)
{
	char	*data;
	size_t	 len;

	FUZZ_ASSERT(file_read(path, 1u << 30, &data, &len) == 0);
	tree_sum += hash_bytes(data, len, hash_str(rel, 0));
	free(data);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char	 names[8192];
	struct fuzz_entry e[MAX_ENTRIES];
	struct options	 o;
	size_t		 n, i, written = 0, found;
	char		*pub, *keep, *text;
	int		 st, write_site = 1;

	if (root[0] == '\0') {
		const char *tmp = is_dir("/dev/shm") ? "/dev/shm" :
		    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

		snprintf(root, sizeof(root), "%s/kitgen-fuzz-site.%ld", tmp,
		    (long)getpid());
		atexit(cleanup);
	}
	remove_tree(root);
	FUZZ_ASSERT(mkdir(root, 0700) == 0);
	fuzz_begin();
	memset(&o, 0, sizeof(o));
	o.dir = root;
	/* -o, so that an "output:" in site.yaml does not move it. */
	pub = path_join(root, "public");
	o.out = pub;
	o.jobs = 1;
	o.quiet = 1;
	n = fuzz_archive((const char *)data, size, e, MAX_ENTRIES, names,
	    sizeof(names));
	for (i = 0; i < n; i++) {
		if (strcmp(e[i].name, "--strict") == 0)
			o.strict = 1;
		else if (strcmp(e[i].name, "--public") == 0)
			o.public_only = 1;
		else if (strcmp(e[i].name, "--check") == 0)
			write_site = 0;
		else if (wanted(e[i].name) &&
		    put(e[i].name, e[i].text, e[i].len) == 0)
			written++;
	}
	FUZZ_ASSERT(put("public/keep.txt", PREVIOUS, sizeof(PREVIOUS) - 1) == 0);
	diag_set_strict(o.strict);

	st = site_build(&o, write_site);

	/* 3 only for a folder named as a file ("templates/x.mustache/"). */
	if (!(st == 0 || st == 1 || st == 2 ||
	    (st == 3 && fuzz_n_not_file > 0)))
		fprintf(stderr, "fuzz_site: exit status %d after %u "
		    "diagnostics (FUZZ_VERBOSE=1 prints them)\n", st,
		    fuzz_n_diags);
	FUZZ_ASSERT(st == 0 || st == 1 || st == 2 ||
	    (st == 3 && fuzz_n_not_file > 0));
	if (st == 1)
		FUZZ_ASSERT(fuzz_n_diags > 0);
	keep = path_join(pub, "keep.txt");
	if (st != 0 || !write_site) {
		FUZZ_ASSERT(file_read(keep, 1024, &text, &n) == 0);
		FUZZ_ASSERT(n == sizeof(PREVIOUS) - 1 &&
		    memcmp(text, PREVIOUS, n) == 0);
		free(text);
		FUZZ_ASSERT(walk(pub, "", check_source) == 1);
	} else {
		uint64_t first;
		size_t	 files;

		FUZZ_ASSERT(access(keep, F_OK) == -1);
		FUZZ_ASSERT(walk(pub, "", check_page) > 0);
		/* Built again from its cache: the same site, byte for byte. */
		tree_sum = 0;
		files = walk(pub, "", sum_file);
		first = tree_sum;
		FUZZ_ASSERT(site_build(&o, 1) == 0);
		tree_sum = 0;
		FUZZ_ASSERT(walk(pub, "", sum_file) == files);
		FUZZ_ASSERT(tree_sum == first);
	}
	/* Outside public/: what was written, and nothing else. */
	remove_tree(pub);
	n_caches = 0;
	found = walk(root, "", check_source);
	FUZZ_ASSERT(n_caches <= (st == 0 && write_site ? 2u : 0u));
	FUZZ_ASSERT(found == written + n_caches);
	free(keep);
	free(pub);
	diag_set_sink(NULL, NULL);
	return 0;
}
