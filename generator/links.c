/*
 * links.c: the internal link checker.
 *
 * Two sets: what exists ("dir/page.html" and "dir/page.html#id"), kept
 * as 64-bit hashes only, since a site has a dozen or more ids per page;
 * and what is needed (resolved link targets, each with the first page,
 * line and column that needs it, "first" in sorted order so the report
 * does not depend on thread timing). A target that exists already when
 * a page links to it (the page's own anchors, pages listed earlier) is
 * never recorded, and one is forgotten as soon as it is found. Memory
 * grows with the number of distinct targets not found yet, not of
 * links. Both sets are keyed by a 64-bit hash of the target: two
 * different targets with the same hash would hide a broken link, about
 * one chance in 10^7 for a million of them.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "diag.h"
#include "files.h"
#include "hash.h"
#include "links.h"
#include "xalloc.h"

struct entry {
	uint64_t	 h;		/* hkey(key); 0: free slot */
	char		*key;
	char		*page;		/* needs: first referring page */
	char		*source;	/* needs: the file that wrote it, or NULL */
	unsigned	 line, col;
	char		*href;		/* needs: the link as written */
};

struct set {
	struct entry	*slots;
	size_t		 cap, len;
};

struct links {
	pthread_mutex_t	 lock;
	struct hset	 have;
	struct set	 need;
	int		(*kept)(void *, const char *);
	void		*kept_arg;
	/*
	 * Bit h % 4096 is set for every hash h in need (and maybe for some
	 * that left it): most ids that turn up are needed by nothing, and
	 * this tells so without a look into need's slots.
	 */
	uint64_t	 maybe[64];
};

/* Returns whether hash h may be in l's need set. */
static int
maybe_needed(const struct links *l, uint64_t h)
{
	return (l->maybe[(h >> 6) & 63] >> (h & 63)) & 1;
}

/*
 * Returns the hash of "PAGE#FRAG" as the sets keep it (never 0), from
 * the hash of PAGE (hash_bytes, seed 0) and FRAG's n bytes: a page's
 * ids are hashed from its path's hash, with no string built.
 */
static uint64_t
hkey_frag(uint64_t page, const char *frag, size_t n)
{
	uint64_t	 h = hash_u64(page, hash_bytes(frag, n, 1));

	return h != 0 ? h : 1;
}

/*
 * Returns the hash of the n bytes at s as the sets keep it: never 0.
 * Split at the first '#', as hkey_frag. Eight bytes a step (hash.c),
 * not one: links are hashed by the hundred on every page.
 */
static uint64_t
hkey_n(const char *s, size_t n)
{
	const char	*hash_at = memchr(s, '#', n);
	uint64_t	 h;

	if (hash_at != NULL)
		return hkey_frag(hash_bytes(s, (size_t)(hash_at - s), 0),
		    hash_at + 1, n - (size_t)(hash_at - s) - 1);
	h = hash_bytes(s, n, 0);
	return h != 0 ? h : 1;
}

/* Returns the hash of s as the sets keep it (see hkey_n). */
static uint64_t
hkey(const char *s)
{
	return hkey_n(s, strlen(s));
}

/*
 * Returns the hash of a page's id (PAGE "#" id), as hkey; page is the
 * hash of its path, sharp the path when it has a '#' of its own (rare:
 * the string is then built and split there), else NULL.
 */
static uint64_t
hkey_id(uint64_t page, const char *sharp, const char *id)
{
	struct buf	 b = BUF_INIT;
	uint64_t	 h;

	if (sharp == NULL)
		return hkey_frag(page, id, strlen(id));
	buf_printf(&b, "%s#%s", sharp, id);
	if (buf_failed(&b))
		die_oom();
	h = hkey_n(b.data, b.len);
	buf_free(&b);
	return h;
}

/*
 * Returns the slot of the entry for hash h in s, with *found set, or the
 * free slot where it goes.
 */
static struct entry *
set_find(struct set *s, uint64_t h, int *found)
{
	size_t		 i, mask;

	if (s->len * 2 >= s->cap) {
		struct set	 n;
		size_t		 j;

		n.cap = s->cap ? s->cap * 2 : 1024;
		n.len = s->len;
		n.slots = xcalloc(n.cap, sizeof(struct entry));
		for (j = 0; j < s->cap; j++) {
			if (s->slots[j].h == 0)
				continue;
			i = s->slots[j].h & (n.cap - 1);
			while (n.slots[i].h != 0)
				i = (i + 1) & (n.cap - 1);
			n.slots[i] = s->slots[j];
		}
		free(s->slots);
		*s = n;
	}
	mask = s->cap - 1;
	for (i = h & mask; s->slots[i].h != 0; i = (i + 1) & mask)
		if (s->slots[i].h == h) {
			*found = 1;
			return &s->slots[i];
		}
	*found = 0;
	return &s->slots[i];
}

static void
entry_free(struct entry *e)
{
	free(e->key);
	free(e->page);
	free(e->source);
	free(e->href);
	memset(e, 0, sizeof(*e));
}

/*
 * Removes the entry for hash h from s, if there is one, shifting back
 * the entries after it so that every probe still finds its entry.
 */
static void
set_remove(struct set *s, uint64_t h)
{
	size_t	 i, j, k, mask;
	int	 found;

	if (s->len == 0)
		return;
	i = (size_t)(set_find(s, h, &found) - s->slots);
	if (!found)
		return;
	entry_free(&s->slots[i]);
	s->len--;
	mask = s->cap - 1;
	for (j = (i + 1) & mask; s->slots[j].h != 0; j = (j + 1) & mask) {
		k = s->slots[j].h & mask;
		/* Stays when its home lies cyclically in (i, j]. */
		if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
			continue;
		s->slots[i] = s->slots[j];
		memset(&s->slots[j], 0, sizeof(s->slots[j]));
		i = j;
	}
}

struct links *
links_new(void)
{
	struct links	*l = xcalloc(1, sizeof(*l));

	pthread_mutex_init(&l->lock, NULL);
	return l;
}

static void
set_free(struct set *s)
{
	size_t	 i;

	for (i = 0; i < s->cap; i++)
		entry_free(&s->slots[i]);
	free(s->slots);
}

void
links_free(struct links *l)
{
	if (l == NULL)
		return;
	hset_free(&l->have);
	set_free(&l->need);
	pthread_mutex_destroy(&l->lock);
	free(l);
}

/* Records that the target with hash h exists: no longer needed. */
static void
have(struct links *l, uint64_t h)
{
	if (hset_add(&l->have, h) && maybe_needed(l, h)) {
		set_remove(&l->need, h);
		if (l->need.len == 0)
			memset(l->maybe, 0, sizeof(l->maybe));
	}
}

/* Records a page or other file that exists (e.g. "assets/site.css"). */
void
links_add_file(struct links *l, const char *path)
{
	pthread_mutex_lock(&l->lock);
	have(l, hkey(path));
	pthread_mutex_unlock(&l->lock);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Appends an attribute value with &amp;-style and %XX escapes undone. */
static void
decode(struct buf *b, const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (s[i] == '&' && n - i >= 5 && memcmp(s + i, "&amp;", 5) == 0) {
			buf_putc(b, '&');
			i += 4;
		} else if (s[i] == '&' && n - i >= 5 &&
		    memcmp(s + i, "&#39;", 5) == 0) {
			buf_putc(b, '\'');
			i += 4;
		} else if (s[i] == '&' && n - i >= 6 &&
		    memcmp(s + i, "&quot;", 6) == 0) {
			buf_putc(b, '"');
			i += 5;
		} else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
		    hexval(s[i + 2]) >= 0) {
			buf_putc(b, (char)(hexval(s[i + 1]) * 16 +
			    hexval(s[i + 2])));
			i += 2;
		} else
			buf_putc(b, s[i]);
	}
}

/*
 * Resolves href, as written on page, to "path" or "path#frag" in out.
 * Returns 0 for an internal link, -1 for one to leave alone (a scheme,
 * "//host", or empty).
 */
static int
resolve(const char *page, const char *href, struct buf *out)
{
	const char	*p, *frag, *q;
	struct buf	 path = BUF_INIT;
	size_t		 i, n;
	char		*segs, *s, *save = NULL;
	const char	*stack[256];
	size_t		 depth = 0;
	int		 rc = -1;

	if (*href == '\0' || strncmp(href, "//", 2) == 0)
		return -1;
	for (p = href; *p != '\0' && *p != '/' && *p != '#' && *p != '?'; p++)
		if (*p == ':')
			return -1;
	frag = strchr(href, '#');
	q = strchr(href, '?');
	n = frag != NULL ? (size_t)(frag - href) : strlen(href);
	if (q != NULL && (size_t)(q - href) < n)
		n = (size_t)(q - href);

	if (n == 0)
		buf_puts(&path, page);
	else if (href[0] == '/')
		buf_put(&path, href + 1, n - 1);
	else {
		const char *slash = strrchr(page, '/');

		if (slash != NULL)
			buf_put(&path, page, (size_t)(slash - page) + 1);
		buf_put(&path, href, n);
	}
	if (path.len == 0 || path.data[path.len - 1] == '/')
		buf_puts(&path, "index.html");

	/* Normalise "." and "..": a link above the site root is broken. */
	segs = xstrdup(buf_cstr(&path));
	for (s = strtok_r(segs, "/", &save); s != NULL;
	    s = strtok_r(NULL, "/", &save)) {
		if (strcmp(s, ".") == 0)
			continue;
		if (strcmp(s, "..") == 0) {
			if (depth == 0)
				goto out;
			depth--;
			continue;
		}
		if (depth == sizeof(stack) / sizeof(stack[0]))
			goto out;
		stack[depth++] = s;
	}
	for (i = 0; i < depth; i++) {
		if (i > 0)
			buf_putc(out, '/');
		buf_puts(out, stack[i]);
	}
	if (frag != NULL && frag[1] != '\0') {
		buf_putc(out, '#');
		buf_puts(out, frag + 1);
	}
	rc = 0;
out:
	if (rc != 0) {
		/* Kept as written, so it is reported as broken. */
		buf_puts(out, "../");
		buf_puts(out, href);
		rc = 0;
	}
	free(segs);
	buf_free(&path);
	return rc;
}

/* Orders referrers by page, then line, then column. */
static int
earlier(const char *page, unsigned line, unsigned col, const struct entry *e)
{
	int	 c = strcmp(page, e->page);

	if (c != 0)
		return c < 0;
	if (line != e->line)
		return line < e->line;
	return col < e->col;
}

/*
 * Returns a copy of the target of link href on page: target itself, or
 * when it is NULL, page followed by href's "#fragment" (see plain_page).
 */
static char *
target_dup(const char *page, const char *target, const char *href)
{
	struct buf	 b = BUF_INIT;

	if (target != NULL)
		return xstrdup(target);
	buf_puts(&b, page);
	if (href[1] != '\0')
		buf_puts(&b, href);
	if (buf_failed(&b))
		die_oom();
	return buf_detach(&b, NULL);
}

/*
 * Records that page needs the target with hash h, written as href;
 * target is its text, or NULL for a "#fragment" of page itself.
 */
static void
need(struct links *l, const char *page, const char *source, uint64_t h,
    const char *target, const char *href, unsigned line, unsigned col)
{
	struct entry	*e;
	int		 found;

	/* Found already: it cannot be broken, so it is not kept. */
	if (hset_has(&l->have, h))
		return;
	e = set_find(&l->need, h, &found);
	if (!found) {
		e->h = h;
		e->key = target_dup(page, target, href);
		l->need.len++;
		l->maybe[(h >> 6) & 63] |= 1ull << (h & 63);
	} else if (!earlier(page, line, col, e))
		return;
	free(e->page);
	free(e->href);
	free(e->source);
	e->source = source != NULL ? xstrdup(source) : NULL;
	e->page = xstrdup(page);
	e->href = xstrdup(href);
	e->line = line;
	e->col = col;
}

/*
 * Returns whether target is a file that the kept callback vouches for:
 * it exists, and no anchor is wanted.
 */
static int
is_kept(const struct links *l, const char *target)
{
	if (l->kept == NULL || strchr(target, '#') != NULL)
		return 0;
	return l->kept(l->kept_arg, target);
}

/*
 * Sets fn as the judge of link targets that are files standing from a
 * previous build, which are not recorded one by one: fn(arg, target)
 * returns whether target (a page, no anchor) is one. It is called from
 * the threads that add pages, with nothing locked.
 */
void
links_set_kept(struct links *l, int (*fn)(void *, const char *), void *arg)
{
	l->kept = fn;
	l->kept_arg = arg;
}

struct found {
	int		 is_id;		/* else a link */
	size_t		 value;		/* offset in the values */
	size_t		 key;		/* a link: its target's, SIZE_MAX: none,
					   SELF: the page's own "#fragment" */
	uint64_t	 h;		/* an id: the hash of "page#id";
					   a link: hkey of its target */
	unsigned	 line, col;
};

#define SELF	(SIZE_MAX - 1)

/*
 * Returns whether resolve() leaves page as it is, so that a "#fragment"
 * on it resolves to "page#fragment" without being worked out: no empty,
 * "." or ".." segment, and not too deep.
 */
static int
plain_page(const char *page)
{
	const char	*s = page, *e;
	size_t		 depth = 0;

	for (;;) {
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		if (e == s || (e - s == 1 && s[0] == '.') ||
		    (e - s == 2 && s[0] == '.' && s[1] == '.') ||
		    ++depth > 256)
			return 0;
		if (*e == '\0')
			return 1;
		s = e + 1;
	}
}

#define ONES	0x0101010101010101ull

/*
 * Returns the high bit of each byte of w that is 0 (and maybe of others
 * above one that is: enough to know whether any is).
 */
static uint64_t
zero_bytes(uint64_t w)
{
	return (w - ONES) & ~w & (ONES * 0x80);
}

/*
 * Returns the length of the attribute value at v, up to its closing
 * quote, a '<' or a '>' (or end), eight bytes at a time; *plain says
 * whether it has no '&' or '%' to decode.
 */
static size_t
value_len(const char *v, const char *end, char quote, int *plain)
{
	size_t		 i = 0, n = (size_t)(end - v);
	uint64_t	 w, q = ONES * (unsigned char)quote;

	*plain = 1;
	for (; n - i >= 8; i += 8) {
		memcpy(&w, v + i, 8);
		if (zero_bytes(w ^ q) | zero_bytes(w ^ (ONES * '<')) |
		    zero_bytes(w ^ (ONES * '>')))
			break;
		if (zero_bytes(w ^ (ONES * '&')) | zero_bytes(w ^ (ONES * '%')))
			*plain = 0;
	}
	for (; i < n && v[i] != quote && v[i] != '<' && v[i] != '>'; i++)
		if (v[i] == '&' || v[i] == '%')
			*plain = 0;
	return i;
}

/*
 * Records a rendered page at path (relative to the output folder): the
 * ids it defines and the links it makes. source, when not NULL, is the
 * input file whose text the page shows, named in reports.
 */
static uint64_t
add_page(struct links *l, const char *path, const char *source,
    const char *html, size_t len, int ids_only)
{
	struct found	*f = NULL;
	size_t		 nf = 0, cap = 0, i, vlen;
	const char	*p, *q, *nl, *end = html + len, *v, *line_start = html;
	const char	*counted = html, *sharp;
	unsigned	 line = 1;
	struct buf	 val = BUF_INIT, key = BUF_INIT;
	struct hset	 own = { NULL, 0, 0, NULL };
	char		 quote;
	int		 is_id, plain, self_plain;
	uint64_t	 ids = 0, self, page;

	/*
	 * Scanned outside the lock; the sets are updated under it. An
	 * attribute is " id=", " href=" or " src=" (after a space or a
	 * tab) and a quote: found from each '=', lines counted only up to
	 * the attributes found.
	 */
	for (q = html; (q = memchr(q, '=', (size_t)(end - q))) != NULL; q++) {
		if (end - q <= 2)
			break;
		if (q - html >= 3 && memcmp(q - 2, "id", 2) == 0)
			is_id = 1, p = q - 3;
		else if (q - html >= 5 && memcmp(q - 4, "href", 4) == 0)
			is_id = 0, p = q - 5;
		else if (q - html >= 4 && memcmp(q - 3, "src", 3) == 0)
			is_id = 0, p = q - 4;
		else
			continue;
		v = q + 1;
		if ((*p != ' ' && *p != '\t') || (*v != '"' && *v != '\''))
			continue;
		while (counted < p && (nl = memchr(counted, '\n',
		    (size_t)(p - counted))) != NULL) {
			line++;
			line_start = counted = nl + 1;
		}
		counted = p;
		quote = *v++;
		vlen = value_len(v, end, quote, &plain);
		if (nf == cap) {
			cap = cap ? cap * 2 : 64;
			f = xreallocarray(f, cap, sizeof(*f));
		}
		f[nf].is_id = is_id;
		f[nf].value = val.len;
		if (plain)
			buf_put(&val, v, vlen);
		else
			decode(&val, v, vlen);
		buf_putc(&val, '\0');
		f[nf].line = line;
		f[nf].col = (unsigned)(p - line_start) + 2;
		nf++;
	}
	if (buf_failed(&val))
		die_oom();

	/*
	 * Hashed and resolved outside the lock too. A link to the page
	 * itself or to one of its ids would be found at once under the
	 * lock: it is dropped here, with the page's own set.
	 */
	self = hkey(path);
	page = hash_str(path, 0);
	sharp = strchr(path, '#') != NULL ? path : NULL;
	hset_add(&own, self);
	for (i = 0; i < nf; i++) {
		const char *value = val.data + f[i].value;

		if (f[i].is_id) {
			ids = hash_u64(ids, hash_str(value, 0));
			f[i].h = hkey_id(page, sharp, value);
			hset_add(&own, f[i].h);
		}
	}
	self_plain = !ids_only && plain_page(path);
	for (i = 0; i < nf && !ids_only; i++) {
		const char *value = val.data + f[i].value;

		if (f[i].is_id)
			continue;
		if (value[0] == '#' && self_plain) {
			f[i].key = SELF;
			f[i].h = value[1] == '\0' ? self :
			    hkey_id(page, sharp, value + 1);
		} else {
			f[i].key = key.len;
			if (resolve(path, value, &key) != 0) {
				key.len = f[i].key;
				f[i].key = SIZE_MAX;
				continue;
			}
			buf_putc(&key, '\0');
			if (buf_failed(&key))
				die_oom();
			/* Vouched for (a file kept from the last build). */
			if (is_kept(l, key.data + f[i].key)) {
				key.len = f[i].key;
				f[i].key = SIZE_MAX;
				continue;
			}
			f[i].h = hkey(key.data + f[i].key);
		}
		if (hset_has(&own, f[i].h))
			f[i].key = SIZE_MAX;
	}
	if (buf_failed(&key))
		die_oom();
	hset_free(&own);

	pthread_mutex_lock(&l->lock);
	for (i = 0; i < nf; i++)
		if (f[i].is_id)
			hset_prefetch(&l->have, f[i].h);
	have(l, self);
	/* The page's ids first, so its links to them are found at once. */
	for (i = 0; i < nf; i++)
		if (f[i].is_id)
			have(l, f[i].h);
	for (i = 0; i < nf && !ids_only; i++)
		if (!f[i].is_id && f[i].key != SIZE_MAX)
			need(l, path, source, f[i].h, f[i].key == SELF ?
			    NULL : key.data + f[i].key,
			    val.data + f[i].value, f[i].line, f[i].col);
	pthread_mutex_unlock(&l->lock);
	free(f);
	buf_free(&val);
	buf_free(&key);
	return ids;
}

/*
 * Records a rendered page at path (relative to the output folder): the
 * ids it defines and the links it makes. source, when not NULL, is the
 * input file whose text the page shows, named in reports.
 * Returns a hash of the page's ids, in order: the build cache compares
 * it to know whether links into the page may have broken.
 */
uint64_t
links_add_page(struct links *l, const char *path, const char *source,
    const char *html, size_t len)
{
	return add_page(l, path, source, html, len, 0);
}

/*
 * Records a page that was not rendered again (its file stands from the
 * previous build): the page and its ids exist, its links are not
 * checked. Returns the hash of its ids.
 */
uint64_t
links_add_ids(struct links *l, const char *path, const char *html,
    size_t len)
{
	return add_page(l, path, NULL, html, len, 1);
}

/*
 * Adds to pages each page (without "#id") that a link needs but that
 * was not recorded: in an incremental build, pages not rendered again
 * whose ids must be read; and to anchored, when not NULL, those of them
 * that a link needs an id of (the others need only exist). Both sorted.
 * Returns how many pages were added.
 */
size_t
links_missing_pages(struct links *l, struct strlist *pages,
    struct strlist *anchored)
{
	struct hset	 seen = { NULL, 0, 0, NULL };
	struct hset	 seen_anchored = { NULL, 0, 0, NULL };
	struct buf	 b = BUF_INIT;
	const char	*hash;
	size_t		 i, n = 0;

	for (i = 0; i < l->need.cap; i++) {
		const struct entry *e = &l->need.slots[i];

		if (e->h == 0 || hset_has(&l->have, e->h))
			continue;
		buf_reset(&b);
		hash = strchr(e->key, '#');
		buf_put(&b, e->key, hash != NULL ? (size_t)(hash - e->key) :
		    strlen(e->key));
		if (hash != NULL && anchored != NULL &&
		    hset_add(&seen_anchored, hkey(buf_cstr(&b))))
			strlist_push(anchored, buf_cstr(&b));
		if (!hset_add(&seen, hkey(buf_cstr(&b))))
			continue;
		strlist_push(pages, buf_cstr(&b));
		n++;
	}
	hset_free(&seen);
	hset_free(&seen_anchored);
	buf_free(&b);
	/* Sorted, so what is read and reported does not depend on hashing. */
	strlist_sort(pages);
	if (anchored != NULL)
		strlist_sort(anchored);
	return n;
}

static int
by_referrer(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;

	if (earlier(x->page, x->line, x->col, y))
		return -1;
	if (earlier(y->page, y->line, y->col, x))
		return 1;
	return strcmp(x->key, y->key);
}

/*
 * Reports every needed target that does not exist, as an error at the
 * referring page (under outdir), sorted. Returns the number of broken
 * links.
 */
size_t
links_check(struct links *l, const char *outdir)
{
	struct entry	**bad = NULL;
	size_t		 nbad = 0, i;
	char		*page;

	for (i = 0; i < l->need.cap; i++) {
		struct entry *e = &l->need.slots[i];

		if (e->h == 0 || hset_has(&l->have, e->h))
			continue;
		bad = xreallocarray(bad, nbad + 1, sizeof(*bad));
		bad[nbad++] = e;
	}
	if (nbad > 1)
		qsort(bad, nbad, sizeof(*bad), by_referrer);
	for (i = 0; i < nbad; i++) {
		const char	*hash = strchr(bad[i]->key, '#');
		struct buf	 what = BUF_INIT, target = BUF_INIT;
		int		 page_found = 0;

		page = path_join(outdir, bad[i]->page);
		buf_printf(&what, "broken link '%s'", bad[i]->href);
		if (bad[i]->source != NULL)
			buf_printf(&what, " (written in %s)", bad[i]->source);
		if (hash != NULL) {
			buf_put(&target, bad[i]->key,
			    (size_t)(hash - bad[i]->key));
			page_found = hset_has(&l->have,
			    hkey(buf_cstr(&target)));
		} else
			buf_puts(&target, bad[i]->key);
		if (strncmp(bad[i]->key, "../", 3) == 0)
			diag_error(page, bad[i]->line, bad[i]->col,
			    "%s: it points outside the site", buf_cstr(&what));
		else if (page_found)
			diag_error(page, bad[i]->line, bad[i]->col,
			    "%s: no anchor '%s' in %s", buf_cstr(&what),
			    hash + 1, buf_cstr(&target));
		else
			diag_error(page, bad[i]->line, bad[i]->col,
			    "%s: no page %s", buf_cstr(&what),
			    buf_cstr(&target));
		buf_free(&what);
		buf_free(&target);
		free(page);
	}
	free(bad);
	return nbad;
}
