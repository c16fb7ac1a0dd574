/*
 * deps.c: the inputs of a site and the key of each page.
 */
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "context.h"
#include "deps.h"
#include "files.h"
#include "hash.h"
#include "load.h"
#include "model.h"
#include "render.h"
#include "theme.h"
#include "xalloc.h"

struct deps {
	const struct site *site;
	const struct model *m;		/* set by deps_finish */
	struct strlist	 paths;		/* every input, in a fixed order */
	uint64_t	*hashes;	/* of path and bytes, per input */
	size_t		 hcap;		/* room in hashes */
	size_t		 root_len;	/* of the site's root, no final '/' */
	size_t		 n_global;	/* inputs 0..n_global-1: every page's */
	size_t		 guide_map;	/* the summary of guide pages */
	size_t		 iv_map;	/* the summary of interviewers */
	size_t		 index_list;	/* what the index shows */
	size_t		 first_iv;	/* what each interviewer's page shows */
	size_t		 first_guide;	/* guides, in model order */
	size_t		 first_cand;	/* then candidates, in model order */
	uint64_t	 global;	/* the key of the global inputs */
};

/*
 * Returns path relative to the site, so that the keys do not depend on
 * how -C named it ("site", "site/", "/abs/site", a link to it).
 */
static const char *
relative(const struct deps *d, const char *path)
{
	const char	*root = d->site->root;
	size_t		 n = d->root_len;

	if (strncmp(path, root, n) == 0 && path[n] == '/') {
		path += n;
		while (*path == '/')
			path++;
	}
	return path;
}

/* Adds an input, by its path relative to the site. */
static size_t
add(struct deps *d, const char *path, uint64_t h)
{
	path = relative(d, path);
	if (d->paths.len == d->hcap) {
		d->hcap = d->hcap ? 2 * d->hcap : 64;
		d->hashes = xreallocarray(d->hashes, d->hcap,
		    sizeof(*d->hashes));
	}
	d->hashes[d->paths.len] = hash_u64(hash_str(path, 0), h);
	strlist_push(&d->paths, path);
	return d->paths.len - 1;
}

/*
 * Returns the global inputs of site s: kitgen and options (every build
 * option that changes the output, as text), site.yaml, and the
 * templates and assets of theme t. Then deps_finish.
 */
struct deps *
deps_begin(const struct site *s, const struct theme *t, const char *options)
{
	struct deps	*d = xcalloc(1, sizeof(*d));
	struct strlist	 tp = { NULL, 0, 0 };
	uint64_t	*th = NULL, h;
	char		*data, *cfg;
	size_t		 i, len;

	d->site = s;
	d->root_len = strlen(s->root);
	while (d->root_len > 1 && s->root[d->root_len - 1] == '/')
		d->root_len--;
	add(d, "(kitgen " KITGEN_VERSION ")", hash_str(options, 0));
	cfg = site_path(s, "site.yaml");
	h = 0;
	if (file_read_quiet(cfg, s->cfg.max_file_size, &data, &len) == 0) {
		h = hash_bytes(data, len, 1);
		free(data);
	}
	add(d, "site.yaml", h);
	free(cfg);
	theme_inputs(t, &tp, &th);
	for (i = 0; i < tp.len; i++)
		add(d, tp.items[i], th[i]);
	strlist_free(&tp);
	free(th);
	d->n_global = d->paths.len;
	for (i = 0, h = 0; i < d->n_global; i++)
		h = hash_u64(h, d->hashes[i]);
	d->global = h;
	return d;
}

/* Returns the hash of guide g as an input: its path and bytes. */
static uint64_t
guide_input(const struct deps *d, const struct guide *g)
{
	return hash_u64(hash_str(relative(d, g->doc->path), 0),
	    g->doc->hash);
}

/*
 * Returns the key of the page of guide g, outlined (its doc's hash is
 * set), without links to other guides' Markdown: what deps_key returns
 * for it, known before the other guides are read.
 */
uint64_t
deps_guide_key(const struct deps *d, const struct guide *g)
{
	return hash_u64(hash_u64(d->global, (uint64_t)PAGE_GUIDE),
	    guide_input(d, g));
}

/*
 * Adds the inputs of model m: where each guide's page is, the
 * interviewers' summary, every guide and every candidate. Then deps_key
 * works.
 */
void
deps_finish(struct deps *d, const struct model *m)
{
	uint64_t	 h, *ivh;
	size_t		 i;

	d->m = m;
	for (i = 0, h = 0; i < m->n_guides; i++) {
		h = hash_u64(h, hash_str(relative(d, m->guides[i].doc->path),
		    0));
		h = hash_u64(h, hash_str(m->guides[i].path, 0));
	}
	d->guide_map = add(d, "(where each guide's page is)", h);
	for (i = 0, h = 0; i < m->n_ivs; i++) {
		h = hash_u64(h, hash_str(m->ivs[i].name, 0));
		h = hash_u64(h, hash_str(m->ivs[i].slug, 0));
		h = hash_u64(h, m->ivs[i].email != NULL ?
		    hash_str(m->ivs[i].email, 0) : 0);
	}
	d->iv_map = add(d, "(each interviewer's name, address and page)", h);
	/*
	 * The pages that list others take what they show of them, not
	 * their files: an edit they do not show leaves them as they are.
	 */
	d->index_list = add(d, "(what the index lists)",
	    context_index_digest(m));
	d->first_iv = d->paths.len;
	ivh = xcalloc(m->n_ivs + 1, sizeof(*ivh));
	context_interviewer_digests(m, ivh);
	for (i = 0; i < m->n_ivs; i++)
		add(d, "(what an interviewer's page lists)", ivh[i]);
	free(ivh);
	d->first_guide = d->paths.len;
	for (i = 0; i < m->n_guides; i++) {
		add(d, m->guides[i].doc->path, 0);
		d->hashes[d->paths.len - 1] = guide_input(d, &m->guides[i]);
	}
	d->first_cand = d->paths.len;
	for (i = 0; i < m->n_cands; i++)
		add(d, m->cands[i].c.path, m->cands[i].file_hash);
}

/*
 * Returns the inputs of the site that model m was built from, with
 * templates and assets from theme t; options is every build option that
 * changes the output (as text).
 */
struct deps *
deps_new(const struct model *m, const struct theme *t, const char *options)
{
	struct deps	*d = deps_begin(m->site, t, options);

	deps_finish(d, m);
	return d;
}

void
deps_free(struct deps *d)
{
	if (d == NULL)
		return;
	strlist_free(&d->paths);
	free(d->hashes);
	free(d);
}

/* Returns the number of inputs. */
size_t
deps_count(const struct deps *d)
{
	return d->paths.len;
}

/* Returns the path of input i, as diagnostics name it. */
const char *
deps_path(const struct deps *d, size_t i)
{
	return d->paths.items[i];
}

/* Returns the hash of input i (its path and bytes). */
uint64_t
deps_hash(const struct deps *d, size_t i)
{
	return d->hashes[i];
}

/* Returns the input index of the guide of candidate c, or 0 (none). */
static size_t
cand_guide(const struct deps *d, size_t c)
{
	const struct guide *g = d->m->cands[c].g;

	return g != NULL ? d->first_guide + (size_t)(g - d->m->guides) : 0;
}

/* Calls fn on each input page p is made from, beyond the global ones. */
static void
each(const struct deps *d, const struct page *p,
    void (*fn)(void *, size_t), void *arg)
{
	size_t		 g;

	switch (p->kind) {
	case PAGE_INDEX:
		fn(arg, d->guide_map);
		fn(arg, d->iv_map);
		fn(arg, d->index_list);
		break;
	case PAGE_GUIDE:
		/* Only links to other guides' Markdown depend on them. */
		if (d->m->guides[p->a].md_links)
			fn(arg, d->guide_map);
		fn(arg, d->first_guide + p->a);
		break;
	case PAGE_INTERVIEWER:
		fn(arg, d->guide_map);
		fn(arg, d->iv_map);
		fn(arg, d->first_iv + p->a);
		break;
	default:
		fn(arg, d->guide_map);
		fn(arg, d->iv_map);
		fn(arg, d->first_cand + p->a);
		if ((g = cand_guide(d, p->a)) != 0)
			fn(arg, g);
		break;
	}
}

struct keying {
	const struct deps *d;
	uint64_t	 h;
};

static void
key_one(void *arg, size_t i)
{
	struct keying	*k = arg;

	k->h = hash_u64(k->h, k->d->hashes[i]);
}

/* Returns the key of page p: it changes when any of its inputs does. */
uint64_t
deps_key(const struct deps *d, const struct page *p)
{
	struct keying	 k;

	k.d = d;
	k.h = hash_u64(d->global, (uint64_t)p->kind);
	each(d, p, key_one, &k);
	return k.h;
}

static void
list_one(void *arg, size_t i)
{
	struct buf	*b = arg;

	char	 t[24], *p = t + sizeof(t);

	do
		*--p = (char)('0' + i % 10);
	while ((i /= 10) > 0);
	*--p = ',';
	buf_put(b, p, (size_t)(t + sizeof(t) - p));
}

/*
 * Appends the inputs of page p to b: "g" for the global ones, then
 * ",N" per input index.
 */
void
deps_list(const struct deps *d, const struct page *p, struct buf *b)
{
	buf_putc(b, 'g');
	each(d, p, list_one, b);
}
