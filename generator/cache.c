/*
 * cache.c: the build cache file, read and written whole.
 *
 *	kitgen build cache 1
 *	version VERSION
 *	output CANONICAL-OUTPUT-FOLDER
 *	stamp DEV INO MTIME-S MTIME-NS CTIME-S CTIME-NS
 *	inputs N
 *	HASH PATH			(N lines: input 0, 1, ...)
 *	files M
 *	KEY IDS FLAGS INPUTS PATH	(M lines; INPUTS as deps_list)
 *	units U
 *	KEY IDS FLAGS INPUTS PREFIX<TAB>NAME<TAB>NAME...	(U lines)
 *
 * A unit is the files of one candidate (PREFIX "candidates/ID/", each
 * file PREFIX NAME): made from the same inputs, they are kept or made
 * again together, so that a build of many candidates costs one lookup
 * per candidate, not one per page. IDS is then a hash of the ids of
 * every file of the unit, in order.
 *
 * Hashes in hex. A file that does not parse, of another version or for
 * a folder that changed since is ignored: the build then compares every
 * page with the file on disk, which is slower but always right.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buffer.h"
#include "cache.h"
#include "deps.h"
#include "files.h"
#include "hash.h"
#include "render.h"
#include "xalloc.h"

#define CACHE_MAGIC	"kitgen build cache 2"

struct entry {
	const char	*path;		/* into text */
	uint64_t	 key, ids;
	unsigned	 flags;
};

struct unit {
	const char	*prefix;	/* into text */
	const char	*names;		/* into text: NAME<TAB>NAME... */
	uint64_t	 key, ids;
	unsigned	 flags;
};

struct cache {
	char		*text;		/* the file, cut into strings */
	struct entry	*e;
	size_t		 n;
	size_t		*slots;		/* by hash of path: index + 1 */
	size_t		 cap;
	struct strlist	 files;
	struct unit	*u;
	size_t		 n_units;
	size_t		*uslots;	/* by hash of prefix: index + 1 */
	size_t		 ucap;
};

/* Returns the cache file's path for output folder outdir (canonical). */
static char *
cache_path(const char *site, const char *outdir)
{
	char	 name[64], *dir, *p;

	snprintf(name, sizeof(name), "build-%016" PRIx64 ".cache",
	    hash_str(outdir, 0));
	dir = path_join(site, ".kitgen");
	p = path_join(dir, name);
	free(dir);
	return p;
}

/* Returns the stamp of the output folder as the cache writes it. */
static void
stamp(const char *outdir, struct buf *b)
{
	struct stat	 st;

	if (lstat(outdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		buf_puts(b, "stamp none\n");
		return;
	}
	/* ctime too: a restored folder may get an old inode and mtime. */
	buf_printf(b, "stamp %ju %ju %jd %ld %jd %ld\n", (uintmax_t)st.st_dev,
	    (uintmax_t)st.st_ino, (intmax_t)st.st_mtim.tv_sec,
	    st.st_mtim.tv_nsec, (intmax_t)st.st_ctim.tv_sec,
	    st.st_ctim.tv_nsec);
}

/* Returns the next line of *p (NUL-terminated in place), or NULL. */
static char *
next_line(char **p, char *end)
{
	char	*s = *p, *nl;

	if (s >= end)
		return NULL;
	if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
		return NULL;
	*nl = '\0';
	*p = nl + 1;
	return s;
}

/*
 * Reads 16 hex digits and a space at *p into *v, as put_hex writes
 * them; *p is moved past. Returns 0, or -1 when they are not there.
 */
static int
get_hex(char **p, uint64_t *v)
{
	const char	*s = *p;
	uint64_t	 x = 0;
	int		 i, d;

	for (i = 0; i < 16; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else
			return -1;
		x = x << 4 | (uint64_t)d;
	}
	if (s[16] != ' ')
		return -1;
	*v = x;
	*p += 17;
	return 0;
}

/*
 * Parses "KEY IDS FLAGS INPUTS REST" into e (REST as its path).
 * Returns 0 or -1.
 */
static int
parse_file(char *line, struct entry *e)
{
	char	*p = line, *q;

	if (get_hex(&p, &e->key) != 0 || get_hex(&p, &e->ids) != 0)
		return -1;
	e->flags = (unsigned)strtoul(p, &q, 10);
	if (q == p || *q != ' ')
		return -1;
	if ((p = strchr(q + 1, ' ')) == NULL || p[1] == '\0')
		return -1;
	e->path = p + 1;
	return 0;
}

/* Parses a unit's line into u. Returns 0 or -1. */
static int
parse_unit(char *line, struct unit *u)
{
	struct entry	 e;
	char		*tab;

	if (parse_file(line, &e) != 0 ||
	    (tab = strchr(e.path, '\t')) == NULL || tab == e.path)
		return -1;
	*tab = '\0';
	u->prefix = e.path;
	u->names = tab + 1;
	u->key = e.key;
	u->ids = e.ids;
	u->flags = e.flags;
	return 0;
}

/* Returns the slot of s in a table of cap slots, keyed by strings. */
static size_t
slot_of(const size_t *slots, size_t cap, const char *s)
{
	size_t	 j;

	for (j = hash_str(s, 0) & (cap - 1); slots[j] != 0;
	    j = (j + 1) & (cap - 1))
		;
	return j;
}

/*
 * Packs the paths of c's entries at the start of its text and gives the
 * rest back (the inputs, keys and lists were parsed): of a site's cache
 * only the paths are read after loading.
 */
static void
pack(struct cache *c)
{
	size_t	*off = xcalloc(c->n + 2 * c->n_units + 1, sizeof(*off));
	size_t	 used = 0, i, l, k = 0;

	/*
	 * Each string lies at or after where it goes: text is in order,
	 * the files first, then the units, each prefix before its names.
	 */
#define MOVE(s) (l = strlen(s) + 1, memmove(c->text + used, (s), l), \
	off[k++] = used, used += l)
	for (i = 0; i < c->n; i++)
		MOVE(c->e[i].path);
	for (i = 0; i < c->n_units; i++) {
		MOVE(c->u[i].prefix);
		MOVE(c->u[i].names);
	}
#undef MOVE
	c->text = xrealloc(c->text, used + 1);
	for (i = k = 0; i < c->n; i++) {
		c->e[i].path = c->text + off[k++];
		c->files.items[i] = (char *)c->e[i].path;
	}
	for (i = 0; i < c->n_units; i++) {
		c->u[i].prefix = c->text + off[k++];
		c->u[i].names = c->text + off[k++];
	}
	free(off);
}

/*
 * Returns the cache of the last build of site into outdir (canonical),
 * or NULL when there is none that can be trusted.
 */
struct cache *
cache_load(const char *site, const char *outdir)
{
	struct cache	*c = NULL;
	struct buf	 want = BUF_INIT;
	char		*path = cache_path(site, outdir), *text = NULL, *p, *end;
	char		*line;
	const char	*why;
	size_t		 len, n, i;
	unsigned long long count;

	if (file_read_quiet(path, 1u << 30, &text, &len) != 0) {
		why = "no cache file";
		goto fail;
	}
	p = text;
	end = text + len;
	buf_printf(&want, "%s\nversion %s\noutput %s\n", CACHE_MAGIC,
	    KITGEN_VERSION, outdir);
	stamp(outdir, &want);
	why = "another version, output folder or stamp";
	if (buf_failed(&want) || len < want.len ||
	    memcmp(text, want.data, want.len) != 0)
		goto fail;
	why = "damaged";
	p += want.len;
	if ((line = next_line(&p, end)) == NULL ||
	    sscanf(line, "inputs %llu", &count) != 1)
		goto fail;
	for (i = 0; i < count; i++)
		if (next_line(&p, end) == NULL)
			goto fail;
	if ((line = next_line(&p, end)) == NULL ||
	    sscanf(line, "files %llu", &count) != 1 || count > len)
		goto fail;
	c = xcalloc(1, sizeof(*c));
	c->text = text;
	text = NULL;
	n = (size_t)count;
	c->e = xcalloc(n + 1, sizeof(*c->e));
	for (c->cap = 16; c->cap < 2 * n; c->cap *= 2)
		;
	c->slots = xcalloc(c->cap, sizeof(*c->slots));
	c->files.items = xcalloc(n + 1, sizeof(*c->files.items));
	for (i = 0; i < n; i++) {
		if ((line = next_line(&p, end)) == NULL ||
		    parse_file(line, &c->e[i]) != 0)
			goto fail;
		c->slots[slot_of(c->slots, c->cap, c->e[i].path)] = i + 1;
		/* Not copied: the strings live in text. */
		c->files.items[i] = (char *)c->e[i].path;
	}
	c->files.len = c->files.cap = n;
	c->n = n;
	if ((line = next_line(&p, end)) == NULL ||
	    sscanf(line, "units %llu", &count) != 1 || count > len)
		goto fail;
	n = (size_t)count;
	c->u = xcalloc(n + 1, sizeof(*c->u));
	for (c->ucap = 16; c->ucap < 2 * n; c->ucap *= 2)
		;
	c->uslots = xcalloc(c->ucap, sizeof(*c->uslots));
	for (i = 0; i < n; i++) {
		if ((line = next_line(&p, end)) == NULL ||
		    parse_unit(line, &c->u[i]) != 0)
			goto fail;
		c->uslots[slot_of(c->uslots, c->ucap, c->u[i].prefix)] = i + 1;
	}
	c->n_units = n;
	pack(c);
	free(path);
	buf_free(&want);
	return c;
fail:
	/* For whoever wonders why a build renders every page. */
	if (getenv("KITGEN_CACHE_DEBUG") != NULL)
		fprintf(stderr, "kitgen: the build cache %s is not used: %s\n",
		    path, why);
	cache_free(c);
	free(text);
	free(path);
	buf_free(&want);
	return NULL;
}

void
cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	free(c->text);
	free(c->e);
	free(c->slots);
	free(c->files.items);	/* the strings are in text */
	free(c->u);
	free(c->uslots);
	free(c);
}

/*
 * Looks up the output file path. Returns 1 and sets *key, *ids and
 * *flags when the last build wrote it, else 0.
 */
int
cache_find(const struct cache *c, const char *path, uint64_t *key,
    uint64_t *ids, unsigned *flags)
{
	size_t	 j;

	if (c == NULL)
		return 0;
	for (j = hash_str(path, 0) & (c->cap - 1); c->slots[j] != 0;
	    j = (j + 1) & (c->cap - 1)) {
		const struct entry *e = &c->e[c->slots[j] - 1];

		if (strcmp(e->path, path) == 0) {
			*key = e->key;
			*ids = e->ids;
			*flags = e->flags;
			return 1;
		}
	}
	return 0;
}

/*
 * Looks up the unit whose files are under prefix ("candidates/ID/").
 * Returns 1 and sets *key, *ids, *flags and *index when the last build
 * made it, else 0.
 */
int
cache_find_unit(const struct cache *c, const char *prefix, uint64_t *key,
    uint64_t *ids, unsigned *flags, size_t *index)
{
	size_t	 j;

	if (c == NULL || c->n_units == 0)
		return 0;
	for (j = hash_str(prefix, 0) & (c->ucap - 1); c->uslots[j] != 0;
	    j = (j + 1) & (c->ucap - 1)) {
		const struct unit *u = &c->u[c->uslots[j] - 1];

		if (strcmp(u->prefix, prefix) == 0) {
			*key = u->key;
			*ids = u->ids;
			*flags = u->flags;
			*index = c->uslots[j] - 1;
			return 1;
		}
	}
	return 0;
}

/* Returns the number of units the last build made. */
size_t
cache_units(const struct cache *c)
{
	return c != NULL ? c->n_units : 0;
}

/*
 * Returns the names of unit i's files, under its prefix (set in
 * *prefix), separated by tabs.
 */
const char *
cache_unit_names(const struct cache *c, size_t i, const char **prefix)
{
	*prefix = c->u[i].prefix;
	return c->u[i].names;
}

/*
 * Returns every file the last build left in the output folder, but for
 * those of units (cache_unit_names).
 */
const struct strlist *
cache_files(const struct cache *c)
{
	return &c->files;
}

/* Removes the cache of outdir: what is on disk is about to change. */
void
cache_remove(const char *site, const char *outdir)
{
	char	*path = cache_path(site, outdir);

	unlink(path);
	free(path);
}

/* Appends s with any newline made a space: one record per line. */
static void
put_line_safe(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
	buf_putc(b, '\n');
}

/*
 * Removes the caches in dir of output folders that no longer exist, so
 * that builds into many folders (a benchmark, CI) do not pile them up.
 */
static void
prune(const char *site, const char *dir, const char *keep)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		 head[8192], *p, *q, *path, *named;
	ssize_t		 n;
	int		 fd;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (strncmp(de->d_name, "build-", 6) != 0 || len < 7 ||
		    strcmp(de->d_name + len - 6, ".cache") != 0)
			continue;
		path = path_join(dir, de->d_name);
		if (strcmp(path, keep) == 0 || (fd = open(path, O_RDONLY |
		    O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)) == -1) {
			free(path);
			continue;
		}
		n = read(fd, head, sizeof(head) - 1);
		close(fd);
		head[n > 0 ? n : 0] = '\0';
		/* The third line: "output PATH". */
		if ((p = strstr(head, "\noutput ")) != NULL &&
		    (q = strchr(p + 8, '\n')) != NULL) {
			*q = '\0';
			/* Its folder is gone, or the file is not named for
			 * it (named by an older kitgen): never read again. */
			named = cache_path(site, p + 8);
			if ((lstat(p + 8, &st) == -1 && errno == ENOENT) ||
			    strcmp(named, path) != 0)
				unlink(path);
			free(named);
		}
		free(path);
	}
	closedir(d);
}

/* Appends v as 16 hex digits, then c: printf is too slow for 10^5 lines. */
static void
put_hex(struct buf *b, uint64_t v, char c)
{
	static const char digits[] = "0123456789abcdef";
	char	 t[17];
	int	 i;

	for (i = 15; i >= 0; i--, v >>= 4)
		t[i] = digits[v & 0xf];
	t[16] = c;
	buf_put(b, t, sizeof(t));
}

/* The cache is written in pieces of about this size. */
#define SAVE_CHUNK	(64 * 1024)

/*
 * Writes what b holds to fd and empties it.
 * Returns 0, or -1 (errno set).
 */
static int
flush(int fd, struct buf *b)
{
	const char	*p;
	size_t		 len;
	ssize_t		 w;

	if (buf_failed(b)) {
		errno = ENOMEM;
		return -1;
	}
	for (p = b->data, len = b->len; len > 0; p += w, len -= (size_t)w)
		if ((w = write(fd, p, len)) < 0) {
			if (errno == EINTR) {
				w = 0;
				continue;
			}
			return -1;
		}
	buf_reset(b);
	return 0;
}

/*
 * Writes the cache of a build of site into outdir (canonical, committed
 * just now): the inputs of d, the n pages and the other files written
 * (extra, e.g. assets). Returns 0, or -1 (errno set) when it could not
 * be written; the next build is then a full one.
 */
int
cache_save(const char *site, const char *outdir, const struct deps *d,
    const struct page *pages, size_t n, const struct strlist *extra,
    const struct cache_unit *units, size_t n_units)
{
	struct buf	 b = BUF_INIT;
	struct stat	 st;
	char		*path = cache_path(site, outdir), *tmp = NULL, *dir;
	size_t		 i, k, len;
	int		 fd = -1, rc = -1;

	/* A link in the repository must not take the cache elsewhere. */
	dir = path_join(site, ".kitgen");
	if (mkdir(dir, 0755) != 0 && (errno != EEXIST ||
	    lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		if (errno == EEXIST)
			errno = ENOTDIR;
		free(dir);
		goto out;
	}
	free(dir);
	len = strlen(path) + 8;
	tmp = xmalloc(len);
	snprintf(tmp, len, "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
	    O_NOFOLLOW, 0644)) == -1)
		goto out;

	buf_printf(&b, "%s\nversion %s\noutput %s\n", CACHE_MAGIC,
	    KITGEN_VERSION, outdir);
	stamp(outdir, &b);
	buf_printf(&b, "inputs %zu\n", deps_count(d));
	for (i = 0; i < deps_count(d); i++) {
		put_hex(&b, deps_hash(d, i), ' ');
		put_line_safe(&b, deps_path(d, i));
		if (b.len >= SAVE_CHUNK && flush(fd, &b) != 0)
			goto out;
	}
	for (i = k = 0; i < n; i++)
		k += !pages[i].unit;
	buf_printf(&b, "files %zu\n", k + (extra != NULL ? extra->len : 0));
	for (i = 0; i < n; i++) {
		if (pages[i].unit)
			continue;
		put_hex(&b, pages[i].key, ' ');
		put_hex(&b, pages[i].ids, ' ');
		buf_puts(&b, pages[i].noisy ? "1 " : "0 ");
		deps_list(d, &pages[i], &b);
		buf_putc(&b, ' ');
		buf_puts(&b, pages[i].path);
		buf_putc(&b, '\n');
		if (b.len >= SAVE_CHUNK && flush(fd, &b) != 0)
			goto out;
	}
	for (i = 0; extra != NULL && i < extra->len; i++) {
		put_hex(&b, 0, ' ');
		put_hex(&b, 0, ' ');
		buf_printf(&b, "%u - %s\n", CACHE_NOISY, extra->items[i]);
	}
	buf_printf(&b, "units %zu\n", n_units);
	for (i = 0; i < n_units; i++) {
		const struct cache_unit *u = &units[i];

		put_hex(&b, u->key, ' ');
		put_hex(&b, u->ids, ' ');
		buf_puts(&b, u->noisy ? "1 " : "0 ");
		deps_list(d, &u->page, &b);
		buf_putc(&b, ' ');
		buf_puts(&b, u->prefix);
		buf_putc(&b, '\t');
		buf_puts(&b, u->names);
		buf_putc(&b, '\n');
		if (b.len >= SAVE_CHUNK && flush(fd, &b) != 0)
			goto out;
	}
	if (flush(fd, &b) != 0)
		goto out;
	if (close(fd) != 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto out;
	dir = path_join(site, ".kitgen");
	prune(site, dir, path);
	free(dir);
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	if (rc != 0 && tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(path);
	buf_free(&b);
	return rc;
}
