/* test_cache.c: the build cache: what it keeps, when it is trusted. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "putfile.h"

#include "cache.h"
#include "context.h"
#include "deps.h"
#include "diagcap.h"
#include "files.h"
#include "hash.h"
#include "load.h"
#include "model.h"
#include "output.h"
#include "render.h"
#include "theme.h"

#define MAX_PAGES	32

static char		 root[64];
static char		 site[128];
static char		 out_a[128], out_b[128];
static char		 canon_a[PATH_MAX], canon_b[PATH_MAX];

/* The site as a build sees it, and the pages it would write. */
static struct site	 s;
static struct model	 m;
static struct theme	 th;
static struct deps	*d;
static struct page	 pages[MAX_PAGES];
static char		 names[MAX_PAGES][128];
static size_t		 n_pages;
static struct strlist	 extra;
static size_t		 noisy_page;

static void
put(const char *rel, const char *text)
{
	put_in(site, rel, text);
}

/*
 * Sets the folder's modification time far in the past: a change made
 * to it afterwards then shows, however coarse the file system's clock.
 */
static void
age(const char *dir)
{
	struct timespec	 t[2];

	t[0].tv_sec = t[1].tv_sec = 1000000000;
	t[0].tv_nsec = t[1].tv_nsec = 0;
	assert_int_equal(utimensat(AT_FDCWD, dir, t, 0), 0);
}

static void
add_page(const char *path, int kind, size_t a, size_t b)
{
	struct page	*p;

	assert_true(n_pages < MAX_PAGES);
	p = &pages[n_pages];
	memset(p, 0, sizeof(*p));
	snprintf(names[n_pages], sizeof(names[n_pages]), "%s", path);
	p->path = names[n_pages];
	p->kind = kind;
	p->a = a;
	p->b = b;
	p->key = deps_key(d, p);
	p->ids = 0x1000u + n_pages;
	n_pages++;
}

/* Loads the site and lists its pages as site.c does. */
static void
load(void)
{
	char		 path[256];
	size_t		 i, j;

	assert_int_equal(site_load(&s, site, 1), 0);
	assert_int_equal(model_build(&m, &s, 0, NULL), 0);
	assert_int_equal(theme_open(&th, site, s.cfg.theme,
	    s.cfg.max_file_size, NULL), 0);
	assert_string_equal(diagcap(), "");
	d = deps_new(&m, &th, "opts");
	assert_non_null(d);
	n_pages = 0;
	add_page("index.html", PAGE_INDEX, 0, 0);
	for (i = 0; i < m.n_guides; i++)
		add_page(m.guides[i].path, PAGE_GUIDE, i, 0);
	for (i = 0; i < m.n_cands; i++) {
		const struct cand *c = &m.cands[i];

		snprintf(path, sizeof(path), "candidates/%s/index.html",
		    c->c.id);
		add_page(path, PAGE_PACKET, i, 0);
		for (j = 0; j < c->n_slots; j++) {
			snprintf(path, sizeof(path), "candidates/%s/%s/"
			    "cheatsheet.html", c->c.id, c->slots[j].dir);
			add_page(path, PAGE_CHEATSHEET, i, j);
			snprintf(path, sizeof(path), "candidates/%s/%s/"
			    "scorecard.html", c->c.id, c->slots[j].dir);
			add_page(path, PAGE_SCORECARD, i, j);
		}
		snprintf(path, sizeof(path), "candidates/%s/print.html",
		    c->c.id);
		add_page(path, PAGE_PRINT, i, 0);
		snprintf(path, sizeof(path), "candidates/%s/schedule.ics",
		    c->c.id);
		add_page(path, PAGE_ICS, i, 0);
	}
	for (i = 0; i < m.n_ivs; i++) {
		snprintf(path, sizeof(path), "interviewers/%s/index.html",
		    m.ivs[i].slug);
		add_page(path, PAGE_INTERVIEWER, i, 0);
	}
	/* The packet warned when it was rendered. */
	noisy_page = 2;
	assert_int_equal(pages[noisy_page].kind, PAGE_PACKET);
	pages[noisy_page].noisy = 1;
	memset(&extra, 0, sizeof(extra));
	strlist_push(&extra, "assets/style.css");
	strlist_push(&extra, "assets/print.css");
}

static void
unload(void)
{
	strlist_free(&extra);
	deps_free(d);
	d = NULL;
	theme_close(&th);
	model_free(&m);
	site_free(&s);
}

static int
setup(void **state)
{
	diagcap_start(state);
	snprintf(root, sizeof(root), "/tmp/kitgen-cache-XXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	snprintf(site, sizeof(site), "%s/site", root);
	snprintf(out_a, sizeof(out_a), "%s/public", root);
	snprintf(out_b, sizeof(out_b), "%s/other", root);
	if (mkdir(site, 0755) != 0 || mkdir(out_a, 0755) != 0 ||
	    mkdir(out_b, 0755) != 0)
		return -1;
	put("site.yaml", "title: Cache\n");
	put("content/guides/g.md", "---\nid: g\n---\n# G\n\n"
	    "## Session 1: Coding (30 min)\n\nReverse a list.\n\n"
	    "## Session 2: Design (30 min)\n\nDesign a queue.\n");
	put("content/candidates/ada.yaml", "id: ada\nname: Ada\nguide: g\n"
	    "date: 2026-12-01\npanel:\n  - session: coding\n"
	    "    interviewer: Eve\n    start: \"10:00\"\n"
	    "  - session: design\n    interviewer: Bob\n"
	    "    start: \"11:00\"\n");
	age(out_a);
	age(out_b);
	if (realpath(out_a, canon_a) == NULL ||
	    realpath(out_b, canon_b) == NULL)
		return -1;
	load();
	return 0;
}

static int
teardown(void **state)
{
	unload();
	remove_tree(root);
	return diagcap_stop(state);
}

/* Returns SITE/.kitgen/build-HASH.cache for canonical outdir. */
static char *
cache_file(const char *outdir)
{
	char	 name[64], *dir, *p;

	snprintf(name, sizeof(name), "build-%016" PRIx64 ".cache",
	    hash_str(outdir, 0));
	dir = path_join(site, ".kitgen");
	p = path_join(dir, name);
	free(dir);
	return p;
}

/* Two units, as a build of two candidates would save them. */
static struct cache_unit units[] = {
	{ .prefix = "candidates/ada/",
	    .names = "index.html\tcoding/cheatsheet.html\tprint.html",
	    .names_len = 44, .count = 3, .key = 0x1111, .ids = 0x2222,
	    .page = { .kind = PAGE_PACKET } },
	{ .prefix = "candidates/ben/", .names = "index.html", .names_len = 10,
	    .count = 1, .key = 0x3333, .ids = 0x4444, .noisy = 1,
	    .page = { .kind = PAGE_PACKET } },
};

static int
save(const char *canon)
{
	return cache_save(site, canon, d, pages, n_pages, &extra, units,
	    m.n_cands > 0 ? 1 : 0);
}

static int
exists(const char *path)
{
	struct stat	 st;

	return lstat(path, &st) == 0;
}

/* Returns how many entries folder dir holds, or -1. */
static int
entries(const char *dir)
{
	DIR		*dp;
	struct dirent	*de;
	int		 n = 0;

	if ((dp = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(dp);
	return n;
}

static void
write_bytes(const char *path, const char *data, size_t len)
{
	FILE	*f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* Whether the cache of canon can be loaded (and then frees it). */
static int
loads(const char *canon)
{
	struct cache	*c = cache_load(site, canon);

	cache_free(c);
	return c != NULL;
}

static void
test_save_and_find(void **state)
{
	struct cache	*c;
	const struct strlist *files;
	char		*path, *dir;
	uint64_t	 key, ids;
	unsigned	 flags;
	size_t		 i, j, hits;

	(void)state;
	assert_true(n_pages >= 10);
	assert_null(cache_load(site, canon_a));
	assert_int_equal(save(canon_a), 0);
	/* SITE/.kitgen/build-HASH.cache, and nothing else. */
	path = cache_file(canon_a);
	assert_true(is_file(path));
	dir = path_join(site, ".kitgen");
	assert_int_equal(entries(dir), 1);
	free(dir);
	free(path);

	c = cache_load(site, canon_a);
	assert_non_null(c);
	for (i = 0; i < n_pages; i++) {
		key = ids = 0;
		flags = 99;
		if (!cache_find(c, pages[i].path, &key, &ids, &flags))
			fail_msg("'%s' is not in the cache", pages[i].path);
		assert_true(key == pages[i].key);
		assert_true(ids == pages[i].ids);
		assert_int_equal(flags, i == noisy_page ? CACHE_NOISY : 0);
	}
	/* Other files (assets) are always written again. */
	for (i = 0; i < extra.len; i++) {
		key = ids = 1;
		flags = 0;
		assert_true(cache_find(c, extra.items[i], &key, &ids, &flags));
		assert_true((flags & CACHE_NOISY) != 0);
		assert_true(key == 0);
		assert_true(ids == 0);
	}
	assert_false(cache_find(c, "nope.html", &key, &ids, &flags));
	assert_false(cache_find(c, "index.htm", &key, &ids, &flags));
	assert_false(cache_find(c, "index.html ", &key, &ids, &flags));
	assert_false(cache_find(c, "", &key, &ids, &flags));
	assert_false(cache_find(NULL, "index.html", &key, &ids, &flags));

	/* Every file of the build, once. */
	files = cache_files(c);
	assert_int_equal(files->len, n_pages + extra.len);
	for (i = 0; i < n_pages + extra.len; i++) {
		const char *want = i < n_pages ? pages[i].path :
		    extra.items[i - n_pages];

		for (j = 0, hits = 0; j < files->len; j++)
			if (strcmp(files->items[j], want) == 0)
				hits++;
		if (hits != 1)
			fail_msg("'%s' is listed %zu times", want, hits);
	}
	cache_free(c);
	cache_free(NULL);
}

/* Units: found by prefix, with their names, key, ids and flags. */
static void
test_units(void **state)
{
	struct cache	*c;
	const struct cache_names *cn;
	uint64_t	 key, ids;
	unsigned	 flags;
	size_t		 idx;

	(void)state;
	assert_true(m.n_cands > 0);
	units[1].page.a = 0;
	assert_int_equal(cache_save(site, canon_a, d, pages, n_pages, &extra,
	    units, 2), 0);
	c = cache_load(site, canon_a);
	assert_non_null(c);
	assert_int_equal(cache_units(c), 2);
	assert_true(cache_find_unit(c, "candidates/ada/", &key, &ids, &flags,
	    &idx));
	assert_true(key == 0x1111 && ids == 0x2222);
	assert_int_equal(flags, 0);
	cn = cache_unit_names(c, idx);
	assert_int_equal(cn->prefix_len, 15);
	assert_memory_equal(cn->prefix, "candidates/ada/", 15);
	assert_int_equal(cn->names_len, strlen(units[0].names));
	assert_memory_equal(cn->names, units[0].names, cn->names_len);
	assert_int_equal(cn->count, 3);
	assert_true(cache_find_unit(c, "candidates/ben/", &key, &ids, &flags,
	    &idx));
	assert_int_equal(flags, CACHE_NOISY);
	cn = cache_unit_names(c, idx);
	assert_int_equal(cn->names_len, 10);
	assert_memory_equal(cn->names, "index.html", 10);
	assert_false(cache_find_unit(c, "candidates/ada", &key, &ids, &flags,
	    &idx));
	assert_false(cache_find_unit(c, "candidates/cy/", &key, &ids, &flags,
	    &idx));
	cache_free(c);
	assert_int_equal(cache_units(NULL), 0);
}

/* Many pages: the lookup table holds them all. */
static void
test_many_pages(void **state)
{
	struct page	*many;
	char		(*nm)[32];
	struct cache	*c;
	uint64_t	 key, ids;
	unsigned	 flags;
	size_t		 i, n = 5000;

	(void)state;
	many = calloc(n, sizeof(*many));
	nm = calloc(n, sizeof(*nm));
	assert_non_null(many);
	assert_non_null(nm);
	for (i = 0; i < n; i++) {
		snprintf(nm[i], sizeof(nm[i]), "p/%zu.html", i);
		many[i].path = nm[i];
		many[i].kind = PAGE_GUIDE;
		many[i].key = hash_u64(7, i);
		many[i].ids = hash_u64(8, i);
		many[i].noisy = i % 3 == 0;
	}
	assert_int_equal(cache_save(site, canon_a, d, many, n, NULL, NULL, 0),
	    0);
	c = cache_load(site, canon_a);
	assert_non_null(c);
	assert_int_equal(cache_files(c)->len, n);
	for (i = 0; i < n; i++) {
		if (!cache_find(c, nm[i], &key, &ids, &flags))
			fail_msg("'%s' is not in the cache", nm[i]);
		assert_true(key == hash_u64(7, i));
		assert_true(ids == hash_u64(8, i));
		assert_int_equal(flags, i % 3 == 0 ? CACHE_NOISY : 0);
	}
	assert_false(cache_find(c, "p/5000.html", &key, &ids, &flags));
	cache_free(c);
	free(many);
	free(nm);
}

/* A file created in the output folder since: not trusted. */
static void
test_output_touched(void **state)
{
	char	*p;

	(void)state;
	assert_int_equal(save(canon_a), 0);
	assert_true(loads(canon_a));
	p = path_join(out_a, "added-by-hand.html");
	write_bytes(p, "x", 1);
	free(p);
	assert_false(loads(canon_a));
	/* Saved again, it is trusted again. */
	assert_int_equal(save(canon_a), 0);
	assert_true(loads(canon_a));
}

/* The output folder deleted, or deleted and made again: not trusted. */
static void
test_output_replaced(void **state)
{
	(void)state;
	assert_int_equal(save(canon_a), 0);
	assert_true(loads(canon_a));
	assert_int_equal(remove_tree(out_a), 0);
	assert_false(loads(canon_a));
	assert_int_equal(mkdir(out_a, 0755), 0);
	assert_false(loads(canon_a));
}

/* One cache per output folder. */
static void
test_other_folder(void **state)
{
	char	*pa, *pb;

	(void)state;
	assert_int_equal(save(canon_a), 0);
	assert_false(loads(canon_b));
	assert_true(loads(canon_a));
	assert_int_equal(save(canon_b), 0);
	assert_true(loads(canon_a));
	assert_true(loads(canon_b));
	pa = cache_file(canon_a);
	pb = cache_file(canon_b);
	assert_string_not_equal(pa, pb);
	assert_true(is_file(pa));
	assert_true(is_file(pb));
	free(pa);
	free(pb);
}

/* A cache file cut short or changed is ignored, never a crash. */
static void
test_corrupt(void **state)
{
	char	*path, *data, *bad;
	size_t	 len, i, header, lines;

	(void)state;
	assert_int_equal(save(canon_a), 0);
	path = cache_file(canon_a);
	assert_int_equal(file_read(path, 1 << 20, &data, &len), 0);
	assert_true(len > 100);

	/* Cut at half, then at every length. */
	write_bytes(path, data, len / 2);
	assert_false(loads(canon_a));
	for (i = 0; i < len; i++) {
		write_bytes(path, data, i);
		if (loads(canon_a))
			fail_msg("the first %zu of %zu bytes were trusted", i,
			    len);
	}
	write_bytes(path, data, len);
	assert_true(loads(canon_a));

	/* Any byte of the header: magic, version, output, stamp. */
	for (header = 0, lines = 0; header < len && lines < 4; header++)
		if (data[header] == '\n')
			lines++;
	assert_int_equal(lines, 4);
	bad = malloc(len);
	assert_non_null(bad);
	for (i = 0; i < header; i++) {
		memcpy(bad, data, len);
		bad[i] ^= data[i] == '\n' ? 0x20 : 0x01;
		write_bytes(path, bad, len);
		if (loads(canon_a))
			fail_msg("byte %zu of the header changed, still "
			    "trusted", i);
	}

	/* Counts that promise more than there is. */
	{
		char	*f = strstr(data, "\nfiles ");
		size_t	 at;

		assert_non_null(f);
		at = (size_t)(f - data) + 7;
		memcpy(bad, data, len);
		write_bytes(path, bad, at);
		{
			FILE *fp = fopen(path, "ab");

			assert_non_null(fp);
			fputs("99999999999999999999\n", fp);
			fwrite(strchr(data + at, '\n') + 1, 1, len - (size_t)
			    (strchr(data + at, '\n') + 1 - data), fp);
			fclose(fp);
		}
		assert_false(loads(canon_a));
	}
	{
		char	*f = strstr(data, "\ninputs ");
		size_t	 at;

		assert_non_null(f);
		at = (size_t)(f - data) + 8;
		write_bytes(path, data, at);
		{
			FILE *fp = fopen(path, "ab");

			assert_non_null(fp);
			fputs("1000000\n", fp);
			fwrite(strchr(data + at, '\n') + 1, 1, len - (size_t)
			    (strchr(data + at, '\n') + 1 - data), fp);
			fclose(fp);
		}
		assert_false(loads(canon_a));
	}
	/* A file line that does not parse. */
	{
		char	*f = strstr(data, "\nfiles ");

		assert_non_null(f);
		f = strchr(f + 1, '\n') + 1;
		memcpy(bad, data, len);
		bad[f - data] = 'x';
		write_bytes(path, bad, len);
		assert_false(loads(canon_a));
	}
	/* Not a cache at all. */
	for (i = 0; i < len; i++)
		bad[i] = (char)(i * 131 + 7);
	write_bytes(path, bad, len);
	assert_false(loads(canon_a));
	write_bytes(path, "", 0);
	assert_false(loads(canon_a));

	write_bytes(path, data, len);
	assert_true(loads(canon_a));
	free(bad);
	free(data);
	free(path);
}

static void
test_remove(void **state)
{
	char	*path;

	(void)state;
	assert_int_equal(save(canon_a), 0);
	assert_int_equal(save(canon_b), 0);
	path = cache_file(canon_a);
	assert_true(is_file(path));
	cache_remove(site, canon_a);
	assert_false(exists(path));
	assert_false(loads(canon_a));
	/* Only that folder's. */
	assert_true(loads(canon_b));
	/* Removing what is not there is harmless. */
	cache_remove(site, canon_a);
	assert_false(exists(path));
	free(path);
}

/* The caches of output folders that are gone are removed on a save. */
static void
test_prune(void **state)
{
	char	*pa, *pb, *dir;

	(void)state;
	assert_int_equal(save(canon_a), 0);
	assert_int_equal(save(canon_b), 0);
	pa = cache_file(canon_a);
	pb = cache_file(canon_b);
	assert_true(is_file(pa));
	assert_true(is_file(pb));
	assert_int_equal(remove_tree(out_a), 0);
	assert_int_equal(save(canon_b), 0);
	assert_false(exists(pa));
	assert_true(is_file(pb));
	assert_true(loads(canon_b));
	dir = path_join(site, ".kitgen");
	assert_int_equal(entries(dir), 1);
	free(dir);
	free(pa);
	free(pb);
}

/* A .kitgen that links out of the site: nothing is written through it. */
static void
test_link_out(void **state)
{
	char	*link, *target;

	(void)state;
	target = path_join(root, "elsewhere");
	assert_int_equal(mkdir(target, 0755), 0);
	link = path_join(site, ".kitgen");
	assert_int_equal(symlink(target, link), 0);
	errno = 0;
	assert_int_equal(save(canon_a), -1);
	assert_int_not_equal(errno, 0);
	assert_int_equal(entries(target), 0);
	assert_false(loads(canon_a));
	free(link);
	free(target);
}

/* A good cache, reached through a .kitgen that is a link: not read. */
static void
test_link_read(void **state)
{
	char	*dir, *moved;

	(void)state;
	assert_int_equal(save(canon_a), 0);
	assert_true(loads(canon_a));
	dir = path_join(site, ".kitgen");
	moved = path_join(root, "moved");
	assert_int_equal(rename(dir, moved), 0);
	assert_int_equal(symlink(moved, dir), 0);
	assert_false(loads(canon_a));
	free(dir);
	free(moved);
}

/*
 * Links in place of the cache file or of its temporary file: replaced
 * or refused, never followed.
 */
static void
test_link_file(void **state)
{
	char	*path, *tmp, *secret, data[64];
	size_t	 len;
	struct stat st;
	FILE	*f;

	(void)state;
	secret = path_join(root, "secret");
	write_bytes(secret, "secret", 6);
	assert_int_equal(save(canon_a), 0);
	path = cache_file(canon_a);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink(secret, path), 0);
	assert_int_equal(save(canon_a), 0);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_true(loads(canon_a));

	tmp = malloc(strlen(path) + 5);
	assert_non_null(tmp);
	sprintf(tmp, "%s.tmp", path);
	assert_int_equal(symlink(secret, tmp), 0);
	assert_int_equal(save(canon_a), -1);

	/* Outside the site: read without file_read's confinement. */
	f = fopen(secret, "rb");
	assert_non_null(f);
	len = fread(data, 1, sizeof(data), f);
	fclose(f);
	assert_int_equal(len, 6);
	assert_memory_equal(data, "secret", 6);
	free(tmp);
	free(path);
	free(secret);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save_and_find, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_units, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_pages, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_output_touched, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_output_replaced, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_other_folder, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corrupt, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prune, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_out, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_link_read, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_link_file, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
