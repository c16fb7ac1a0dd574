/*
 * site_pages.c: the pages of a site, the candidates' units of pages,
 * and the links into pages a build keeps.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "cache.h"
#include "context.h"
#include "deps.h"
#include "files.h"
#include "hash.h"
#include "links.h"
#include "load.h"
#include "model.h"
#include "output.h"
#include "render.h"
#include "site_pages.h"
#include "xalloc.h"

/* What becomes of one candidate's pages. */
struct unit_state {
	const char	*prefix;	/* "candidates/ID/" */
	uint64_t	 key, ids;
	size_t		 cached;	/* its unit in the cache, or SIZE_MAX */
	size_t		 first, n;	/* made: its pages in the list */
	const char	*names;		/* its files under prefix, tabbed */
	size_t		 names_len, count;
	int		 kept, noisy;
};

struct units {
	const struct model *m;
	const struct cache *c;
	struct unit_state *u;		/* per candidate of the model */
	unsigned char	*kept;		/* per unit of the cache */
	size_t		 kept_pages;
	struct arena	*a;		/* prefixes and names */
};

/*
 * Calls fn on each file of a unit: prefix (of n bytes) and each of the
 * names (tab-separated, len bytes) joined.
 */
static void
each_file(const char *prefix, size_t n, const char *names, size_t len,
    void (*fn)(void *, const char *), void *arg)
{
	struct buf	 b = BUF_INIT;
	const char	*p, *tab, *end = names + len;

	for (p = names; p <= end; p = tab + 1) {
		if ((tab = memchr(p, '\t', (size_t)(end - p))) == NULL)
			tab = end;
		buf_reset(&b);
		buf_put(&b, prefix, n);
		buf_put(&b, p, (size_t)(tab - p));
		if (buf_failed(&b))
			die_oom();
		fn(arg, buf_cstr(&b));
	}
	buf_free(&b);
}

static void
add_previous(void *arg, const char *rel)
{
	output_previous(arg, rel);
}

/*
 * Returns the units of the candidates of m, with inputs d: those whose
 * key is the key the cache c has for them are kept (when out updates a
 * site), counted as kept files of out; the files of the cache's other
 * units are given to out as files of the previous site.
 */
struct units *
units_new(const struct model *m, const struct deps *d, const struct cache *c,
    struct output *out)
{
	struct units	*us = xcalloc(1, sizeof(*us));
	struct page	 pg;
	const struct cache_names *cn;
	uint64_t	 key, ids;
	unsigned	 flags;
	size_t		 i, idx;
	int		 update = c != NULL && output_updating(out);

	us->m = m;
	us->c = c;
	us->a = arena_new();
	us->u = xcalloc(m->n_cands + 1, sizeof(*us->u));
	us->kept = xcalloc(cache_units(c) + 1, 1);
	memset(&pg, 0, sizeof(pg));
	pg.kind = PAGE_PACKET;
	for (i = 0; i < m->n_cands; i++) {
		struct unit_state *u = &us->u[i];

		u->prefix = arena_cat(us->a, "candidates/", m->cands[i].c.id,
		    "/", (char *)NULL);
		pg.a = (uint32_t)i;
		/* Every page of a candidate has the packet's inputs. */
		u->key = deps_key(d, &pg);
		u->cached = SIZE_MAX;
		if (!update || !cache_find_unit(c, u->prefix, &key, &ids,
		    &flags, &idx))
			continue;
		u->cached = idx;
		if (key != u->key || (flags & CACHE_NOISY))
			continue;
		cn = cache_unit_names(c, idx);
		u->kept = 1;
		u->ids = ids;
		u->names = cn->names;
		u->names_len = cn->names_len;
		u->count = cn->count;
		us->kept[idx] = 1;
		us->kept_pages += cn->count;
	}
	for (idx = 0; update && idx < cache_units(c); idx++)
		if (!us->kept[idx]) {
			cn = cache_unit_names(c, idx);
			each_file(cn->prefix, cn->prefix_len, cn->names,
			    cn->names_len, add_previous, out);
		}
	if (us->kept_pages > 0)
		output_kept(out, us->kept_pages);
	return us;
}

void
units_free(struct units *us)
{
	if (us == NULL)
		return;
	free(us->u);
	free(us->kept);
	arena_free(us->a);
	free(us);
}

/* Returns the number of files of the units kept. */
size_t
units_kept_pages(const struct units *us)
{
	return us != NULL ? us->kept_pages : 0;
}

/* Sets the next page of p (*n of them so far) and counts it. */
static void
add(struct page *p, size_t *n, struct arena *a, const char *path, int kind,
    size_t x, size_t y)
{
	memset(&p[*n], 0, sizeof(p[*n]));
	p[*n].path = arena_strdup(a, path);
	p[*n].kind = (unsigned char)kind;
	p[*n].a = (uint32_t)x;
	p[*n].b = (uint32_t)y;
	(*n)++;
}

/* Returns how many pages the site of m has. */
size_t
site_count_pages(const struct model *m)
{
	size_t	 n = 1 + m->n_guides + m->n_ivs, i;

	for (i = 0; i < m->n_cands; i++)
		n += 3 + 2 * m->cands[i].n_slots + (m->cands[i].scored != 0);
	return n;
}

/* Adds the pages of candidate i of m to p. */
static void
add_candidate(const struct model *m, size_t i, struct page *p, size_t *n,
    struct arena *a)
{
	const struct cand *c = &m->cands[i];
	char		 path[1024];
	size_t		 j, first = *n;

	snprintf(path, sizeof(path), "candidates/%s/index.html", c->c.id);
	add(p, n, a, path, PAGE_PACKET, i, 0);
	for (j = 0; j < c->n_slots; j++) {
		snprintf(path, sizeof(path), "candidates/%s/%s/"
		    "cheatsheet.html", c->c.id, c->slots[j].dir);
		add(p, n, a, path, PAGE_CHEATSHEET, i, j);
		snprintf(path, sizeof(path), "candidates/%s/%s/"
		    "scorecard.html", c->c.id, c->slots[j].dir);
		add(p, n, a, path, PAGE_SCORECARD, i, j);
	}
	snprintf(path, sizeof(path), "candidates/%s/print.html", c->c.id);
	add(p, n, a, path, PAGE_PRINT, i, 0);
	if (c->scored) {
		snprintf(path, sizeof(path), "candidates/%s/debrief.html",
		    c->c.id);
		add(p, n, a, path, PAGE_DEBRIEF, i, 0);
	}
	snprintf(path, sizeof(path), "candidates/%s/schedule.ics", c->c.id);
	add(p, n, a, path, PAGE_ICS, i, 0);
	for (j = first; j < *n; j++)
		p[j].unit = 1;
}

/*
 * Lists the pages of the site of m to make, in a fixed order: every page
 * but those of the units kept (us, which gets where the others' are).
 * Returns the list, of *np pages.
 */
struct page *
site_list_pages(const struct model *m, struct arena *a, struct units *us,
    size_t *np)
{
	struct page	*p = xcalloc(site_count_pages(m) + 1, sizeof(*p));
	size_t		 n = 0, i;
	char		 path[1024];

	add(p, &n, a, "index.html", PAGE_INDEX, 0, 0);
	for (i = 0; i < m->n_guides; i++) {
		add(p, &n, a, m->guides[i].path, PAGE_GUIDE, i, 0);
		p[n - 1].source = m->guides[i].doc->path;
	}
	for (i = 0; i < m->n_cands; i++) {
		if (us->u[i].kept)
			continue;
		us->u[i].first = n;
		add_candidate(m, i, p, &n, a);
		us->u[i].n = n - us->u[i].first;
	}
	for (i = 0; i < m->n_ivs; i++) {
		snprintf(path, sizeof(path), "interviewers/%s/index.html",
		    m->ivs[i].slug);
		add(p, &n, a, path, PAGE_INTERVIEWER, i, 0);
	}
	*np = n;
	return p;
}

/*
 * Marks the pages, but for units, whose file from the last build is up
 * to date: same key, and no diagnostic when it was rendered. Returns
 * how many.
 */
size_t
site_mark_fresh(struct page *pages, size_t n, const struct cache *c)
{
	uint64_t	 key, ids;
	unsigned	 flags;
	size_t		 i, fresh = 0;

	for (i = 0; i < n; i++) {
		if (pages[i].done || pages[i].unit)
			continue;
		if (cache_find(c, pages[i].path, &key, &ids, &flags) &&
		    key == pages[i].key && !(flags & CACHE_NOISY)) {
			pages[i].skip = 1;
			pages[i].ids = ids;
			fresh++;
		}
	}
	return fresh;
}

/*
 * Takes note of the units made, once their pages (pages, in the list)
 * are rendered: the hash of their ids, whether one reported a
 * diagnostic, and their files' names (in a).
 */
void
units_made(struct units *us, const struct page *pages, struct arena *a)
{
	struct buf	 b = BUF_INIT;
	size_t		 i, j, skip;

	for (i = 0; i < us->m->n_cands; i++) {
		struct unit_state *u = &us->u[i];

		if (u->kept)
			continue;
		skip = strlen(u->prefix);
		buf_reset(&b);
		u->ids = 0;
		for (j = u->first; j < u->first + u->n; j++) {
			u->ids = hash_u64(u->ids, pages[j].ids);
			u->noisy |= pages[j].noisy;
			if (j > u->first)
				buf_putc(&b, '\t');
			buf_puts(&b, pages[j].path + skip);
		}
		if (buf_failed(&b))
			die_oom();
		u->names = arena_strndup(a, buf_cstr(&b), b.len);
		u->names_len = b.len;
		u->count = u->n;
	}
	buf_free(&b);
}

/* Returns the units to save in the cache, *n of them (free the array). */
struct cache_unit *
units_for_cache(const struct units *us, size_t *n)
{
	struct cache_unit *cu;
	size_t		 i;

	cu = xcalloc(us->m->n_cands + 1, sizeof(*cu));
	for (i = 0; i < us->m->n_cands; i++) {
		cu[i].prefix = us->u[i].prefix;
		cu[i].names = us->u[i].names;
		cu[i].names_len = us->u[i].names_len;
		cu[i].count = us->u[i].count;
		cu[i].key = us->u[i].key;
		cu[i].ids = us->u[i].ids;
		cu[i].noisy = us->u[i].noisy;
		cu[i].page.kind = PAGE_PACKET;
		cu[i].page.a = (uint32_t)i;
	}
	*n = us->m->n_cands;
	return cu;
}

/* Orders pages by output path. */
static int
page_cmp_path(const void *a, const void *b)
{
	return strcmp((*(const struct page *const *)a)->path,
	    (*(const struct page *const *)b)->path);
}

/* The link checker and the output folder, to read kept pages back. */
struct reader {
	struct links	*l;
	const char	*outdir;
	int		 all;
};

/*
 * Reads the page rel (shown from source, or NULL) in the output folder
 * into the link checker: all of it, or its ids.
 */
static void
read_back(const struct reader *r, const char *rel, const char *source)
{
	char	*path = path_join(r->outdir, rel), *html;
	size_t	 len;

	/* Unreadable: the links to it are reported as broken. */
	if (file_read_quiet(path, 1u << 30, &html, &len) == 0) {
		if (r->all)
			links_add_page(r->l, rel, source, html, len);
		else
			links_add_ids(r->l, rel, html, len);
		free(html);
	}
	free(path);
}

static void
read_back_file(void *arg, const char *rel)
{
	read_back(arg, rel, NULL);
}

/* Returns whether name is one of names (tab-separated, len bytes). */
static int
has_name(const char *names, size_t len, const char *name)
{
	size_t		 n = strlen(name);
	const char	*p, *end = names + len, *tab;

	for (p = names; p <= end; p = tab + 1) {
		if ((tab = memchr(p, '\t', (size_t)(end - p))) == NULL)
			tab = end;
		if ((size_t)(tab - p) == n && memcmp(p, name, n) == 0)
			return 1;
	}
	return 0;
}

/* Returns whether rel ("candidates/ID/NAME") is a file of a unit kept. */
static int
in_kept_unit(const struct units *us, const char *rel)
{
	const struct cache_names *cn;
	const char	*slash;
	char		 small[256], *want;
	uint64_t	 key, ids;
	unsigned	 flags;
	size_t		 idx, n;
	int		 found;

	if (strncmp(rel, "candidates/", 11) != 0 ||
	    (slash = strchr(rel + 11, '/')) == NULL)
		return 0;
	n = (size_t)(slash - rel) + 1;
	want = n < sizeof(small) ? small : xmalloc(n + 1);
	memcpy(want, rel, n);
	want[n] = '\0';
	found = cache_find_unit(us->c, want, &key, &ids, &flags, &idx);
	if (want != small)
		free(want);
	if (!found || !us->kept[idx])
		return 0;
	cn = cache_unit_names(us->c, idx);
	return has_name(cn->names, cn->names_len, slash + 1);
}

/*
 * Returns whether rel is a file of a unit kept, standing from the last
 * build: links_set_kept's judge, arg the units.
 */
int
units_has_file(void *arg, const char *rel)
{
	return in_kept_unit(arg, rel);
}

/* Returns the page of sorted (n pages, by path) at rel, or NULL. */
static const struct page *
find_page(struct page **sorted, size_t n, const char *rel)
{
	size_t	 lo = 0, hi = n, mid;
	int	 cmp;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((cmp = strcmp(sorted[mid]->path, rel)) == 0)
			return sorted[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * The pages not rendered again are on disk, unchanged: their links were
 * checked when they were written. They can break only when a page they
 * link to lost an id or went away; then every one is read back and
 * checked again. Otherwise a page that a rendered page links to and
 * that was kept is recorded: its ids read, when a link names one, else
 * only its name (a unit's file).
 */
void
site_check_kept_links(struct links *l, const char *outdir,
    const struct page *pages, size_t n, const struct cache *c,
    const struct units *us, size_t gone)
{
	struct strlist	 want = { NULL, 0, 0 }, anchored = { NULL, 0, 0 };
	struct reader	 r;
	const struct page *pg;
	struct page	**sorted;
	uint64_t	 key, ids;
	unsigned	 flags;
	size_t		 i, k;
	int		 moved = gone > 0;

	r.l = l;
	r.outdir = outdir;
	r.all = 1;
	for (i = 0; i < n && !moved; i++)
		if (!pages[i].skip && !pages[i].unit && cache_find(c,
		    pages[i].path, &key, &ids, &flags) && ids != pages[i].ids)
			moved = 1;
	for (i = 0; i < us->m->n_cands && !moved; i++)
		if (!us->u[i].kept && us->u[i].cached != SIZE_MAX &&
		    cache_find_unit(c, us->u[i].prefix, &key, &ids, &flags,
		    &k) && ids != us->u[i].ids)
			moved = 1;
	if (moved) {
		for (i = 0; i < n; i++)
			if (pages[i].skip)
				read_back(&r, pages[i].path, pages[i].source);
		for (i = 0; i < us->m->n_cands; i++)
			if (us->u[i].kept)
				each_file(us->u[i].prefix,
				    strlen(us->u[i].prefix), us->u[i].names,
				    us->u[i].names_len, read_back_file, &r);
		return;
	}
	links_missing_pages(l, &want, &anchored);
	if (want.len == 0)
		goto out;
	r.all = 0;
	sorted = xcalloc(n + 1, sizeof(*sorted));
	for (i = 0; i < n; i++)
		sorted[i] = (struct page *)&pages[i];
	qsort(sorted, n, sizeof(*sorted), page_cmp_path);
	for (i = k = 0; i < want.len; i++) {
		const char *rel = want.items[i];
		int	 has_anchor;

		/* Both sorted: walk anchored along. */
		while (k < anchored.len && strcmp(anchored.items[k], rel) < 0)
			k++;
		has_anchor = k < anchored.len &&
		    strcmp(anchored.items[k], rel) == 0;
		if ((pg = find_page(sorted, n, rel)) != NULL) {
			if (pg->skip)
				read_back(&r, rel, NULL);
		} else if (in_kept_unit(us, rel)) {
			if (has_anchor)
				read_back(&r, rel, NULL);
			else
				links_add_file(l, rel);
		}
	}
	free(sorted);
out:
	strlist_free(&want);
	strlist_free(&anchored);
}
