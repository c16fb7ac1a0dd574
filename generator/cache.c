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
 *	KEY IDS FLAGS INPUTS COUNT PREFIX<TAB>NAME<TAB>NAME...	(U lines)
 *
 * A unit is the files of one candidate (PREFIX "candidates/ID/", each
 * file PREFIX NAME): made from the same inputs, they are kept or made
 * again together, so that a build of many candidates costs one lookup
 * per candidate, not one per page. IDS is then a hash of the ids of
 * every file of the unit, in order.
 *
 * Hashes in hex, 16 digits. The file is mapped and read in place, not
 * copied: of the lines of units (thousands) only the keys are parsed.
 * A file that does not parse, of another version or for
 * a folder that changed since is ignored: the build then compares every
 * page with the file on disk, which is slower but always right.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
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
	const char	*path;		/* into paths */
	uint64_t	 key, ids;
	unsigned	 flags;
};

struct unit {
	struct cache_names n;		/* into text */
	uint64_t	 key, ids;
	unsigned	 flags;
};

struct cache {
	const char	*text;		/* the file, mapped */
	size_t		 len;
	char		*paths;		/* the files' paths, NUL-terminated */
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

/*
 * Returns the next line of *p (not its newline; *eol set to it), or
 * NULL when no whole line is left.
 */
static const char *
next_line(const char **p, const char *end, const char **eol)
{
	const char	*s = *p, *nl;

	if (s >= end || (nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
		return NULL;
	*eol = nl;
	*p = nl + 1;
	return s;
}

/*
 * Reads 16 hex digits and a space at *p into *v, as put_hex writes
 * them; *p is moved past. Returns 0, or -1 when they are not there.
 */
static int
get_hex(const char **p, const char *eol, uint64_t *v)
{
	const char	*s = *p;
	uint64_t	 x = 0;
	int		 i, d;

	if (eol - s < 17)
		return -1;
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
 * Reads a number and a space at *p into *v. Returns 0, or -1 when they
 * are not there.
 */
static int
get_num(const char **p, const char *eol, size_t *v)
{
	const char	*s = *p;
	size_t		 x = 0;

	if (s >= eol || *s < '0' || *s > '9')
		return -1;
	for (; s < eol && *s >= '0' && *s <= '9'; s++)
		if ((x = x * 10 + (size_t)(*s - '0')) > 1u << 30)
			return -1;
	if (s >= eol || *s != ' ')
		return -1;
	*v = x;
	*p = s + 1;
	return 0;
}

/*
 * Parses "KEY IDS FLAGS INPUTS REST" (the line up to eol): sets *key,
 * *ids and *flags, and returns REST, or NULL when the line is damaged.
 */
static const char *
parse_head(const char *p, const char *eol, uint64_t *key, uint64_t *ids,
    unsigned *flags)
{
	size_t	 f;

	/* A NUL would cut a path short: the file is damaged. */
	if (memchr(p, '\0', (size_t)(eol - p)) != NULL)
		return NULL;
	if (get_hex(&p, eol, key) != 0 || get_hex(&p, eol, ids) != 0 ||
	    get_num(&p, eol, &f) != 0)
		return NULL;
	*flags = (unsigned)f;
	/* The inputs: for people, not read back. */
	if ((p = memchr(p, ' ', (size_t)(eol - p))) == NULL || p + 1 >= eol)
		return NULL;
	return p + 1;
}

/* Parses a unit's line (up to eol) into u. Returns 0 or -1. */
static int
parse_unit(const char *line, const char *eol, struct unit *u)
{
	const char	*p, *tab;

	if ((p = parse_head(line, eol, &u->key, &u->ids, &u->flags)) == NULL ||
	    get_num(&p, eol, &u->n.count) != 0 ||
	    (tab = memchr(p, '\t', (size_t)(eol - p))) == NULL || tab == p)
		return -1;
	u->n.prefix = p;
	u->n.prefix_len = (size_t)(tab - p);
	u->n.names = tab + 1;
	u->n.names_len = (size_t)(eol - tab - 1);
	return 0;
}

/*
 * Returns the slot for the n bytes at s in a table of cap slots, keyed
 * by strings: its own, or the free one where it goes.
 */
static size_t
slot_of(const size_t *slots, size_t cap, const char *s, size_t n)
{
	size_t	 j;

	for (j = hash_bytes(s, n, 0) & (cap - 1); slots[j] != 0;
	    j = (j + 1) & (cap - 1))
		;
	return j;
}


/*
 * Reads the line "WORD N" at *p (the count of a section), N at most max,
 * into *n. Returns 0 or -1.
 */
static int
get_count(const char **p, const char *end, const char *word, size_t max,
    size_t *n)
{
	const char	*line, *eol, *q;
	size_t		 w = strlen(word);

	if ((line = next_line(p, end, &eol)) == NULL ||
	    (size_t)(eol - line) < w + 2 || memcmp(line, word, w) != 0 ||
	    line[w] != ' ')
		return -1;
	for (*n = 0, q = line + w + 1; q < eol; q++) {
		if (*q < '0' || *q > '9' || *n > max)
			return -1;
		*n = *n * 10 + (size_t)(*q - '0');
	}
	return q == line + w + 1 || *n > max ? -1 : 0;
}

/*
 * Returns the cache of the last build of site into outdir (canonical),
 * or NULL when there is none that can be trusted.
 */
struct cache *
cache_load(const char *site, const char *outdir)
{
	struct cache	*c = NULL;
	struct buf	 want = BUF_INIT, paths = BUF_INIT;
	char		*path = cache_path(site, outdir);
	const char	*text, *p, *end, *line, *eol, *rest;
	const char	*why;
	size_t		 len, n, i, *off = NULL;

	if ((text = file_map(path, &len)) == NULL) {
		why = "no cache file";
		goto fail;
	}
	c = xcalloc(1, sizeof(*c));
	c->text = text;
	c->len = len;
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
	if (get_count(&p, end, "inputs", len, &n) != 0)
		goto fail;
	for (i = 0; i < n; i++)
		if (next_line(&p, end, &eol) == NULL)
			goto fail;
	if (get_count(&p, end, "files", len, &n) != 0)
		goto fail;
	c->e = xcalloc(n + 1, sizeof(*c->e));
	off = xcalloc(n + 1, sizeof(*off));
	for (c->cap = 16; c->cap < 2 * n; c->cap *= 2)
		;
	c->slots = xcalloc(c->cap, sizeof(*c->slots));
	for (i = 0; i < n; i++) {
		if ((line = next_line(&p, end, &eol)) == NULL ||
		    (rest = parse_head(line, eol, &c->e[i].key, &c->e[i].ids,
		    &c->e[i].flags)) == NULL)
			goto fail;
		off[i] = paths.len;
		buf_put(&paths, rest, (size_t)(eol - rest));
		buf_putc(&paths, '\0');
		c->slots[slot_of(c->slots, c->cap, rest,
		    (size_t)(eol - rest))] = i + 1;
	}
	if (buf_failed(&paths))
		die_oom();
	/* The paths are few (a site's pages but its candidates'): copied. */
	c->paths = paths.data != NULL ? paths.data : xstrdup("");
	paths.data = NULL;
	c->files.items = xcalloc(n + 1, sizeof(*c->files.items));
	for (i = 0; i < n; i++)
		c->files.items[i] = (char *)(c->e[i].path = c->paths + off[i]);
	c->files.len = c->files.cap = n;
	c->n = n;
	if (get_count(&p, end, "units", len, &n) != 0)
		goto fail;
	c->u = xcalloc(n + 1, sizeof(*c->u));
	for (c->ucap = 16; c->ucap < 2 * n; c->ucap *= 2)
		;
	c->uslots = xcalloc(c->ucap, sizeof(*c->uslots));
	for (i = 0; i < n; i++) {
		if ((line = next_line(&p, end, &eol)) == NULL ||
		    parse_unit(line, eol, &c->u[i]) != 0)
			goto fail;
		c->uslots[slot_of(c->uslots, c->ucap, c->u[i].n.prefix,
		    c->u[i].n.prefix_len)] = i + 1;
	}
	c->n_units = n;
	free(off);
	free(path);
	buf_free(&want);
	return c;
fail:
	/* For whoever wonders why a build renders every page. */
	if (getenv("KITGEN_CACHE_DEBUG") != NULL)
		fprintf(stderr, "kitgen: the build cache %s is not used: %s\n",
		    path, why);
	cache_free(c);
	free(off);
	free(path);
	buf_free(&want);
	buf_free(&paths);
	return NULL;
}

void
cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	if (c->text != NULL)
		munmap((void *)c->text, c->len);
	free(c->paths);
	free(c->e);
	free(c->slots);
	free(c->files.items);	/* the strings are in paths */
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
	size_t	 j, n = strlen(prefix);

	if (c == NULL || c->n_units == 0)
		return 0;
	for (j = hash_bytes(prefix, n, 0) & (c->ucap - 1); c->uslots[j] != 0;
	    j = (j + 1) & (c->ucap - 1)) {
		const struct unit *u = &c->u[c->uslots[j] - 1];

		if (u->n.prefix_len == n && memcmp(u->n.prefix, prefix, n) == 0) {
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

/* Returns unit i's files: its prefix and their names under it. */
const struct cache_names *
cache_unit_names(const struct cache *c, size_t i)
{
	return &c->u[i].n;
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

/*
 * Returns whether a build of site into outdir (canonical) left a cache
 * (not whether it can be trusted: cache_load says).
 */
int
cache_exists(const char *site, const char *outdir)
{
	char	*path = cache_path(site, outdir);
	int	 rc = access(path, F_OK) == 0;

	free(path);
	return rc;
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
	size_t	 n = strcspn(s, "\n\r");

	buf_put(b, s, n);
	for (s += n; *s != '\0'; s++)
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

/* Appends " N ": printf is too slow for 10^5 lines. */
static void
put_num(struct buf *b, size_t v)
{
	char	 t[24], *p = t + sizeof(t);

	*--p = ' ';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	*--p = ' ';
	buf_put(b, p, (size_t)(t + sizeof(t) - p));
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
	if (buf_failed(b)) {
		errno = ENOMEM;
		return -1;
	}
	if (file_write_all(fd, b->data, b->len) != 0)
		return -1;
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
	char		*path = cache_path(site, outdir), *tmp = NULL, *dir;
	size_t		 i, k, len;
	int		 fd = -1, rc = -1;

	/* A link in the repository must not take the cache elsewhere. */
	dir = path_join(site, ".kitgen");
	if (dir_make_real(dir) != 0) {
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
		put_num(&b, u->count);
		buf_puts(&b, u->prefix);
		buf_putc(&b, '\t');
		buf_put(&b, u->names, u->names_len);
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
