/*
 * model.c: the model's guides, read, outlined and named, and the whole
 * model built (candidates in model_cands.c, their scores in
 * model_scores.c, interviewers and folder names in model_people.c).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buffer.h"
#include "diag.h"
#include "hash.h"
#include "load.h"
#include "model.h"
#include "model_int.h"
#include "pool.h"
#include "value.h"
#include "xalloc.h"

/* The scorecard's choices when a guide has no decision rules. */
static const char *const default_choices[] = {
	"Strong No", "No", "Yes", "Strong Yes"
};

const char *
recommendation_default(size_t i)
{
	return i < 4 ? default_choices[i] : NULL;
}

/* Returns how many recommendation choices the scorecard offers. */
size_t
recommendation_count(const struct cand *c)
{
	if (c->g != NULL && c->g->ol.n_decision > 0)
		return c->g->ol.n_decision;
	return 4;
}

const char *
recommendation_label(const struct cand *c, size_t i)
{
	if (c->g != NULL && c->g->ol.n_decision > 0)
		return c->g->ol.decision[i].label;
	return default_choices[i];
}

/*
 * Returns whether a guide id can become a folder name: 1 to 128 of
 * letters, digits, '.', '_' and '-', starting with a letter or digit.
 */
static int
guide_id_ok(const char *s)
{
	size_t	 i;

	if (!isalnum((unsigned char)s[0]))
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (i >= 128 || !(isalnum((unsigned char)s[i]) || s[i] == '.' ||
		    s[i] == '_' || s[i] == '-'))
			return 0;
	return strstr(s, "..") == NULL;
}

/* Compares text the way a reader would: case, blanks and dashes aside. */
int
model_same_name(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '-' || *a == '_')
			a++;
		while (*b == ' ' || *b == '-' || *b == '_')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++, b++;
	}
}

/*
 * Returns the slot of memo (MEMO_SLOTS) for name under scope: the one
 * that holds them (*hit set), else the one to fill, made to hold them
 * (the caller sets found and idx).
 */
struct name_memo *
model_memo(struct name_memo *memo, const void *scope, const char *name,
    int *hit)
{
	struct name_memo *e;

	e = &memo[hash_str(name, (uintptr_t)scope) & (MEMO_SLOTS - 1)];
	*hit = e->scope == scope && strcmp(e->name, name) == 0;
	if (!*hit) {
		e->scope = scope;
		e->name = name;
	}
	return e;
}

/*
 * Finds the session ref names in ol: by id, by title, by the slug of
 * ref, or by its number ("2" is the second). Returns it and its index,
 * or NULL.
 */
const struct ol_session *
model_find_session(const struct outline *ol, const char *ref, size_t *index)
{
	struct buf	 slug = BUF_INIT;
	size_t		 i;
	char		*end;
	long		 n;

	for (i = 0; i < ol->n_sessions; i++)
		if (strcmp(ol->sessions[i].id, ref) == 0)
			goto found;
	for (i = 0; i < ol->n_sessions; i++)
		if (model_same_name(ol->sessions[i].title, ref))
			goto found;
	markdown_slug(&slug, ref, strlen(ref));
	for (i = 0; i < ol->n_sessions; i++)
		if (strcmp(ol->sessions[i].id, buf_cstr(&slug)) == 0)
			goto found;
	buf_free(&slug);
	n = strtol(ref, &end, 10);
	if (*ref != '\0' && *end == '\0' && n >= 1 &&
	    (size_t)n <= ol->n_sessions) {
		*index = (size_t)n - 1;
		return &ol->sessions[n - 1];
	}
	return NULL;
found:
	buf_free(&slug);
	*index = i;
	return &ol->sessions[i];
}

/* Appends "a, b, c" (at most 12 names) for "did you mean" lists. */
void
model_list_sessions(struct buf *b, const struct outline *ol)
{
	size_t	 i;

	if (ol->n_sessions == 0) {
		buf_puts(b, "the guide has no sessions");
		return;
	}
	buf_puts(b, "sessions: ");
	for (i = 0; i < ol->n_sessions && i < 12; i++)
		buf_printf(b, "%s%s", i ? ", " : "", ol->sessions[i].id);
	if (ol->n_sessions > 12)
		buf_puts(b, ", ...");
}

/*
 * Returns a new copy of the relative path p with "." and ".." segments
 * resolved, or NULL when it climbs above its root.
 */
static char *
normalize(const char *p)
{
	char	*copy = xstrdup(p), *seg, *save = NULL, *out;
	char	**segs;
	size_t	 n = 0, i;
	struct buf b = BUF_INIT;

	segs = xcalloc(strlen(p) + 1, sizeof(char *));
	for (seg = strtok_r(copy, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (n == 0) {
				free(segs);
				free(copy);
				return NULL;
			}
			n--;
			continue;
		}
		segs[n++] = seg;
	}
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "/" : "", segs[i]);
	out = xstrdup(buf_cstr(&b));
	buf_free(&b);
	free(segs);
	free(copy);
	return out;
}

/*
 * Returns whether the link target p..end names a Markdown file by a
 * relative path ("loop.md#scoring", "../x.md"), with *frag set to its
 * '#' or end.
 */
static int
md_link(const char *p, const char *end, const char **frag)
{
	const char	*q;

	for (q = p; q < end && *q != ':' && *q != '/' && *q != '#'; q++)
		;
	*frag = memchr(p, '#', (size_t)(end - p));
	if (*frag == NULL)
		*frag = end;
	return !((q < end && *q == ':') || *frag - p < 4 ||
	    strncmp(*frag - 3, ".md", 3) != 0 || *p == '/');
}

/*
 * Returns whether html, a guide's rendered body, has a link that
 * rewrite_md_links may change: its page then depends on where the
 * other guides' pages are.
 */
static int
has_md_links(const char *html)
{
	const char	*p, *end, *frag;

	for (; (p = strstr(html, " href=\"")) != NULL; html = end) {
		p += 7;
		if ((end = strchr(p, '"')) == NULL)
			break;
		if (md_link(p, end, &frag))
			return 1;
	}
	return 0;
}

/*
 * Returns html, guide g's rendered body, with the links that point at
 * another Markdown file of the site ("loop.md#scoring", "../handbook/x.md")
 * rewritten to that page's URL, as guide authors write them (in arena a
 * when anything changed). Other links are left for the checker.
 */
static const char *
rewrite_md_links(const struct model *m, const struct guide *g,
    const char *html, struct arena *a)
{
	const char	*h = html, *p, *end, *frag;
	struct buf	 out = BUF_INIT, path = BUF_INIT;
	const char	*dir = g->doc->rel, *slash;
	char		*norm;
	size_t		 i;
	int		 changed = 0;

	while ((p = strstr(h, " href=\"")) != NULL) {
		p += 7;
		end = strchr(p, '"');
		if (end == NULL)
			break;
		if (!md_link(p, end, &frag)) {
			buf_put(&out, h, (size_t)(end - h));
			h = end;
			continue;
		}
		/* Resolve against the folder of this file under content/. */
		buf_reset(&path);
		slash = strrchr(dir, '/');
		if (slash != NULL)
			buf_put(&path, dir, (size_t)(slash - dir) + 1);
		buf_put(&path, p, (size_t)(frag - p) - 3);
		norm = normalize(buf_cstr(&path));
		for (i = 0; norm != NULL && i < m->n_guides; i++)
			if (strcmp(norm, m->guides[i].doc->rel) == 0)
				break;
		if (norm == NULL)
			i = m->n_guides;
		free(norm);
		buf_put(&out, h, (size_t)(p - h));
		if (i < m->n_guides) {
			buf_printf(&out, "../%s/index.html", m->guides[i].id);
			changed = 1;
		} else
			buf_put(&out, p, (size_t)(frag - p));
		buf_put(&out, frag, (size_t)(end - frag));
		h = end;
	}
	buf_puts(&out, h);
	if (changed)
		html = arena_strndup(a, buf_cstr(&out), out.len);
	buf_free(&out);
	buf_free(&path);
	return html;
}

/*
 * Returns the HTML of guide g's body, rendered again into arena a (the
 * model keeps no HTML, so its memory does not grow with the guides';
 * rendering is deterministic and the guide rendered once already, so
 * this reports nothing). Safe from several threads with different
 * arenas.
 */
const char *
model_guide_html(const struct model *m, const struct guide *g,
    struct arena *a)
{
	const struct doc *d = g->doc;
	struct md_doc	 md;
	struct buf	 html = BUF_INIT;
	const char	*r;

	if (markdown_render(a, d->path, d->fm.body, d->fm.body_len,
	    d->fm.body_line, 0, &html, &md) != 0 || buf_failed(&html))
		die_oom();
	r = rewrite_md_links(m, g, arena_strndup(a, buf_cstr(&html),
	    html.len), a);
	buf_free(&html);
	return r;
}

static const char *
basename_of(struct arena *a, const char *rel)
{
	const char	*slash = strrchr(rel, '/');

	return arena_strdup(a, slash != NULL ? slash + 1 : rel);
}

/* Orders guides by id, then in file order. */
static int
cmp_guides(const void *x, const void *y)
{
	const struct guide *a = x, *b = y;
	int		 c = strcmp(a->id, b->id);

	return c != 0 ? c : a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Orders guides by id alone, for bsearch. */
static int
cmp_guide_id(const void *x, const void *y)
{
	return strcmp(((const struct guide *)x)->id,
	    ((const struct guide *)y)->id);
}

/* Returns the guide of m with id, or NULL. */
struct guide *
model_find_guide(struct model *m, const char *id)
{
	struct guide	 key;

	key.id = id;
	return bsearch(&key, m->guides, m->n_guides, sizeof(*m->guides),
	    cmp_guide_id);
}

/* Threads for the guides: 0, one per core (model_set_jobs). */
static int	 model_jobs;

/* Returns the threads to use for n items (model_set_jobs). */
size_t
model_threads(size_t n)
{
	return pool_threads(n, model_jobs);
}

/* Sets the number of threads model_build uses (0: one per core). */
void
model_set_jobs(int jobs)
{
	model_jobs = jobs;
}

/*
 * Names guide g, read: its id (front matter id, else the file name),
 * which names its folder, its visibility and its page, in arena a.
 * Returns 0, or -1 after reporting why it cannot have a page.
 */
static int
name_guide(const struct model *m, struct guide *g, struct arena *a)
{
	const struct doc *d = g->doc;
	const struct value *idv, *vis;
	const char	*v;

	idv = value_map_getc(d->fm.meta, "id");
	if (idv != NULL && idv->type != VALUE_NULL) {
		if (value_cstr(idv) == NULL) {
			diag_error(d->path, idv->line, idv->col, "the id must "
			    "be text, not %s", value_type_name(idv->type));
			return -1;
		}
		if (!guide_id_ok(idv->u.str.ptr)) {
			diag_error(d->path, idv->line, idv->col, "the id '%s' "
			    "must be 1 to 128 of letters, digits, '.', '_' "
			    "and '-', starting with a letter or digit (it "
			    "names a folder)", idv->u.str.ptr);
			return -1;
		}
		g->id = idv->u.str.ptr;
	} else {
		g->id = basename_of(a, d->rel);
		if (!guide_id_ok(g->id)) {
			diag_error(d->path, 0, 0, "the file name '%s' cannot "
			    "be a page id (1 to 128 of letters, digits, '.', "
			    "'_' and '-'); give the page an 'id' in its front "
			    "matter", g->id);
			return -1;
		}
	}
	vis = value_map_getc(d->fm.meta, "visibility");
	v = value_cstr(vis) != NULL ? vis->u.str.ptr : m->site->cfg.visibility;
	g->is_public = strcmp(v, "public") == 0;
	g->no_page = m->public_only && !g->is_public;
	g->path = arena_printf(a, "guides/%s/index.html", g->id);
	return 0;
}

/* The guides to render and outline, shared by the threads. */
struct guide_work {
	struct model	*m;
	const struct model_hooks *hooks; /* or NULL: no guide hook */
	const struct hset *used;	/* ids candidates name */
	struct diag_queue *queues;	/* per guide, in file order */
	int		*failed;	/* per guide */
	struct arena	**scratch;	/* per thread */
	struct buf	*html;		/* per thread */
};

/*
 * Renders and outlines guide g into the scratch arena ga: ol and md.
 * Returns 0, or -1 after reporting an error.
 */
static int
outline_one(struct guide *g, struct arena *ga, struct buf *html,
    struct outline *ol, struct md_doc *md)
{
	struct doc	*d = g->doc;

	buf_reset(html);
	arena_reset(ga);
	d->hash = hash_bytes(d->text, d->len, 2);
	if (markdown_render(ga, d->path, d->fm.body, d->fm.body_len,
	    d->fm.body_line, 0, html, md) != 0)
		return -1;
	if (buf_failed(html))
		die_oom();
	if (outline_guide(ga, d->path, &d->fm, md, ol) != 0)
		return -1;
	outline_warn(ol);
	g->ol = *ol;
	g->md = *md;
	g->session_count = ol->n_sessions;
	g->title = ol->title != NULL ? ol->title :
	    value_cstr(value_map_getc(d->fm.meta, "title"));
	if (g->title == NULL)
		g->title = g->id;
	g->role = value_cstr(value_map_getc(d->fm.meta, "role"));
	return 0;
}

/*
 * Keeps in arena keep what the pages read of guide g, outlined as ol
 * and md in scratch memory: all of it, or when g is light, what the
 * index reads.
 */
static void
keep_outline(struct guide *g, struct arena *keep, const struct outline *ol,
    const struct md_doc *md)
{
	if (!g->light) {
		outline_copy(keep, &g->ol, ol);
		markdown_toc_copy(keep, &g->md, md);
		if (g->title == ol->title)
			g->title = g->ol.title;
		return;
	}
	memset(&g->ol, 0, sizeof(g->ol));
	memset(&g->md, 0, sizeof(g->md));
	g->ol.type = ol->type;
	g->ol.total_minutes = ol->total_minutes;
	g->ol.pass_mark = ol->pass_mark;
	if (ol->title != NULL)
		g->ol.title = arena_strdup(keep, ol->title);
	if (g->title == ol->title)
		g->title = g->ol.title;
}

static void
outline_task(void *arg, size_t i, size_t t)
{
	struct guide_work *w = arg;
	struct guide	*g = &w->m->guides[i];
	struct arena	*keep = w->m->keep[t];
	struct outline	 ol;
	struct md_doc	 md;
	int		 rc;

	diag_queue_begin(&w->queues[i]);
	rc = site_read_doc(w->m->site, g->doc, keep);
	if (rc == 0)
		rc = name_guide(w->m, g, keep);
	if (rc == 0)
		rc = outline_one(g, w->scratch[t], &w->html[t], &ol, &md);
	if (rc == 0)
		g->md_links = has_md_links(buf_cstr(&w->html[t]));
	if (rc == 0 && w->hooks != NULL && !g->no_page && !g->md_links) {
		rc = w->hooks->guide(w->hooks->arg, w->m, g,
		    buf_cstr(&w->html[t]), w->scratch[t]);
		g->light = rc == 1 && !hset_has(w->used, hash_str(g->id, 0));
	}
	if (rc >= 0)
		keep_outline(g, keep, &ol, &md);
	w->failed[i] = rc < 0;
	diag_queue_end();
}

/* Gives m one arena per thread, for what threads keep. */
void
model_keep_arenas(struct model *m, size_t n)
{
	size_t	 i;

	if (m->n_keep >= n)
		return;
	m->keep = xreallocarray(m->keep, n, sizeof(*m->keep));
	for (i = m->n_keep; i < n; i++)
		m->keep[i] = arena_new();
	m->n_keep = n;
}

/*
 * Renders and outlines every guide of m on every core (model_set_jobs).
 * Diagnostics are reported in guide order whatever the timing.
 * Returns which guides had errors (to free).
 */
static int *
outline_all(struct model *m, const struct model_hooks *hooks,
    const struct hset *used)
{
	struct guide_work w;
	size_t		 n, i;

	n = model_threads(m->n_guides);
	model_keep_arenas(m, n);
	w.m = m;
	w.hooks = hooks;
	w.used = used;
	w.queues = xcalloc(m->n_guides + 1, sizeof(*w.queues));
	w.failed = xcalloc(m->n_guides + 1, sizeof(*w.failed));
	w.scratch = xcalloc(n, sizeof(*w.scratch));
	w.html = xcalloc(n, sizeof(*w.html));
	for (i = 0; i < n; i++)
		w.scratch[i] = arena_new();
	pool_run(m->n_guides, n, outline_task, &w);
	for (i = 0; i < m->n_guides; i++)
		diag_queue_flush(&w.queues[i]);
	for (i = 0; i < n; i++) {
		arena_free(w.scratch[i]);
		buf_free(&w.html[i]);
	}
	free(w.scratch);
	free(w.html);
	free(w.queues);
	return w.failed;
}

/*
 * Reads, renders and outlines every guide and page, on every core; the
 * guide hook of h gets each one as it is done (used: the ids of the
 * guides candidates name, which keep their whole outline). Then the guides are put
 * in the order of their ids, and ids used twice are reported.
 */
static int
build_guides(struct model *m, const struct model_hooks *h,
    const struct hset *used)
{
	struct site	*s = m->site;
	size_t		 i, j;
	int		 rc = 0, *failed;
	const char	*v;

	m->guides = arena_zalloc(m->a, (s->n_docs + 1) * sizeof(*m->guides));
	for (i = 0; i < s->n_docs; i++) {
		m->guides[i].doc = &s->docs[i];
		m->guides[i].seq = i;
	}
	m->n_guides = s->n_docs;
	if (h != NULL && h->guide != NULL &&
	    (h->guides == NULL || h->guides(h->arg, m)))
		failed = outline_all(m, h, used);
	else
		failed = outline_all(m, NULL, used);

	/* What is reported about each guide, in file order. */
	for (i = j = 0; i < m->n_guides; i++) {
		struct guide	*g = &m->guides[i];
		const struct value *vis;

		if (failed[i]) {
			rc = -1;
			continue;
		}
		vis = value_map_getc(g->doc->fm.meta, "visibility");
		v = value_cstr(vis) != NULL ? vis->u.str.ptr : NULL;
		if (v != NULL && strcmp(v, "public") != 0 &&
		    strcmp(v, "internal") != 0)
			diag_warning(g->doc->path, vis->line, vis->col,
			    "visibility '%s' is neither 'public' nor "
			    "'internal'; the page is treated as internal", v);
		m->guides[j++] = *g;
	}
	m->n_guides = j;
	free(failed);
	qsort(m->guides, m->n_guides, sizeof(*m->guides), cmp_guides);
	for (i = 1; i < m->n_guides; i++) {
		if (strcmp(m->guides[i].id, m->guides[i - 1].id) != 0)
			continue;
		for (j = i; j < m->n_guides &&
		    strcmp(m->guides[j].id, m->guides[i - 1].id) == 0; j++) {
			const struct value *idv = value_map_getc(
			    m->guides[j].doc->fm.meta, "id");

			diag_error(m->guides[j].doc->path, idv ? idv->line : 0,
			    idv ? idv->col : 0, "the id '%s' is also the id of "
			    "%s", m->guides[j].id, m->guides[i - 1].doc->path);
		}
		rc = -1;
		i = j - 1;
	}
	return rc;
}

/*
 * Builds the model of the loaded site s; with public_only, candidates
 * are left out and so are guides that are not public.
 * Returns 0, or -1 after reporting every problem found.
 */
int
model_build(struct model *m, struct site *s, int public_only,
    const struct model_hooks *h)
{
	struct cand_work *w = NULL;
	struct hset	 used;
	int		 rc = 0;
	size_t		 i, j;

	memset(m, 0, sizeof(*m));
	memset(&used, 0, sizeof(used));
	m->site = s;
	m->a = arena_new();
	m->public_only = public_only;
	/* A public build does not read candidates at all. */
	if (!public_only)
		w = model_read_cands(m, &used, h != NULL ? h->cands : NULL);
	if (build_guides(m, h, &used) != 0)
		rc = -1;
	if (w != NULL && model_build_cands(m, w) != 0)
		rc = -1;
	model_cand_work_free(w);
	hset_free(&used);
	if (public_only) {
		for (i = j = 0; i < m->n_guides; i++)
			if (m->guides[i].is_public)
				m->guides[j++] = m->guides[i];
		m->n_guides = j;
	}
	model_interviewers(m);
	return rc;
}

void
model_free(struct model *m)
{
	size_t	 i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n_cands; i++)
		debrief_free(&m->cands[i].db);
	for (i = 0; i < m->n_ivs; i++)
		free(m->ivs[i].slots);
	free(m->ivs);
	for (i = 0; i < m->n_keep; i++)
		arena_free(m->keep[i]);
	free(m->keep);
	arena_free(m->a);
	memset(m, 0, sizeof(*m));
}
