/*
 * site.c: kitgen build and check, from loading to the swap.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "cache.h"
#include "commands.h"
#include "context.h"
#include "deps.h"
#include "diag.h"
#include "files.h"
#include "ics.h"
#include "links.h"
#include "load.h"
#include "model.h"
#include "mustache.h"
#include "output.h"
#include "render.h"
#include "site.h"
#include "theme.h"
#include "value.h"
#include "xalloc.h"

struct build {
	struct model		 m;
	struct theme		 theme;
	struct mustache_set	*set;
	const struct mustache_tmpl *tmpl[PAGE_ICS];
};

static int
load_template(void *arg, const char *name, struct mustache_source *src)
{
	const struct theme *t = arg;
	int		 rc;

	rc = theme_template(t, name, &src->text, &src->len, &src->path);
	return rc == 0 ? 1 : rc == 1 ? 0 : -1;
}

/*
 * Returns the canonical form of path, which need not exist yet (its
 * parent must): NULL when even the parent cannot be resolved.
 */
static char *
resolve(const char *path)
{
	char		 buf[PATH_MAX], *slash, *parent, *r;
	const char	*base;

	if (realpath(path, buf) != NULL)
		return xstrdup(buf);
	parent = xstrdup(path);
	if ((slash = strrchr(parent, '/')) != NULL) {
		*slash = '\0';
		base = path + (slash - parent) + 1;
		if (*parent == '\0')
			strcpy(parent, "/");
	} else {
		strcpy(parent, ".");
		base = path;
	}
	r = realpath(parent, buf) != NULL ? path_join(buf, base) : NULL;
	free(parent);
	return r;
}

/* Returns whether a is b or a folder that contains b. */
static int
contains(const char *a, const char *b)
{
	size_t	 n = strlen(a);

	return strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == '/' ||
	    (n == 1 && a[0] == '/'));
}

/*
 * Prints why the output folder is refused: at where, the output setting
 * in site.yaml, when it comes from there, else as a command-line error.
 */
static void
refuse(const struct value *where, const char *fmt, ...)
{
	va_list	 ap;

	if (where != NULL)
		fprintf(stderr, "%s:%u:%u: error: ", where->file, where->line,
		    where->col);
	else
		fputs("kitgen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(where != NULL ? "; change output in site.yaml\n" :
	    "; choose another with -o\n", stderr);
}

/*
 * Refuses an output folder that would overwrite the site's own files:
 * the root, content/, templates/, themes/, or a folder above them; and
 * one named in site.yaml (where) that a symbolic link takes outside the
 * site. Returns 0, or -1 after printing why (exit status 2).
 */
static int
check_output_dir(const char *root, const char *out, const struct value *where)
{
	static const char *const kept[] = { "content", "templates", "themes" };
	char	*r_out, *r_root, *p, *r;
	size_t	 i;
	int	 rc = 0;

	if ((r_out = resolve(out)) == NULL) {
		refuse(where, "the folder that would hold the output folder "
		    "'%s' does not exist", out);
		return -1;
	}
	r_root = resolve(root);
	if (r_root != NULL && contains(r_out, r_root)) {
		refuse(where, "the output folder '%s' would replace the site "
		    "itself", out);
		rc = -1;
	} else if (r_root != NULL && where != NULL &&
	    !contains(r_root, r_out)) {
		refuse(where, "the output folder '%s' is outside the site: a "
		    "symbolic link on its path leads out", out);
		rc = -1;
	}
	for (i = 0; rc == 0 && r_root != NULL && i < 3; i++) {
		p = path_join(r_root, kept[i]);
		r = resolve(p);
		if (r != NULL && (contains(r_out, r) || contains(r, r_out))) {
			refuse(where, "the output folder '%s' would overwrite "
			    "the site's %s/ folder", out, kept[i]);
			rc = -1;
		}
		free(p);
		free(r);
	}
	free(r_out);
	free(r_root);
	return rc;
}

/* Writes a candidate's schedule.ics into out. */
static int
render_ics(const struct model *m, const struct cand *c, struct arena *a,
    struct buf *out)
{
	struct ics_event *ev;
	const char	*base = m->site->cfg.base_url;
	size_t		 i, n = 0;
	struct buf	 d = BUF_INIT;

	ev = arena_zalloc(a, (c->n_slots + 1) * sizeof(*ev));
	for (i = 0; i < c->n_slots && c->c.has_date; i++) {
		const struct slot *s = &c->slots[i];
		struct ics_event *e = &ev[n];
		const char *sheet;

		if (s->start < 0)
			continue;
		sheet = arena_printf(a, "candidates/%s/%s/cheatsheet.html",
		    c->c.id, s->dir);
		e->uid = arena_printf(a, "%s.%s.%04d%02d%02d@kitgen", c->c.id,
		    s->dir, c->c.date.year, c->c.date.month, c->c.date.day);
		e->date = c->c.date;
		e->start = s->start;
		e->minutes = s->session->minutes.known ?
		    (int)s->session->minutes.max : 60;
		e->summary = arena_printf(a, "Interview: %s, %s", c->c.name,
		    s->session->title);
		e->location = s->cs->room != NULL ? s->cs->room : c->c.location;
		buf_reset(&d);
		if (s->cs->focus != NULL)
			buf_printf(&d, "Focus: %s\n", s->cs->focus);
		buf_printf(&d, "Cheat-sheet: %s%s%s", base,
		    *base != '\0' && base[strlen(base) - 1] != '/' ? "/" : "",
		    *base != '\0' ? sheet : s->dir);
		if (*base == '\0')
			buf_puts(&d, "/cheatsheet.html (next to this file)");
		e->description = arena_strdup(a, buf_cstr(&d));
		e->url = *base != '\0' ? arena_printf(a, "%s%s%s", base,
		    base[strlen(base) - 1] != '/' ? "/" : "", sheet) : NULL;
		e->attendee = s->cs->interviewer;
		e->email = s->cs->email;
		n++;
	}
	buf_free(&d);
	if (ics_write(out, arena_printf(a, "Interviews: %s", c->c.name),
	    c->c.timezone, ev, n) != 0) {
		diag_error(c->c.path, 0, 0, "time zone '%s' cannot be used",
		    c->c.timezone);
		return -1;
	}
	return 0;
}

static int
render_one(void *arg, const struct page *pg, struct arena *a, struct buf *out)
{
	struct build	*b = arg;
	struct value	*ctx;

	if (pg->kind == PAGE_ICS)
		return render_ics(&b->m, &b->m.cands[pg->a], a, out);
	ctx = context_page(a, &b->m, (enum page_kind)pg->kind, pg->a, pg->b,
	    pg->path);
	return mustache_render(b->set, b->tmpl[pg->kind], ctx, out);
}

/* Orders pages by output path. */
static int
page_cmp_path(const void *a, const void *b)
{
	return strcmp((*(const struct page *const *)a)->path,
	    (*(const struct page *const *)b)->path);
}

static void
add(struct page **pages, size_t *n, size_t *cap, struct arena *a,
    const char *path, int kind, size_t x, size_t y)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*pages = xreallocarray(*pages, *cap, sizeof(**pages));
	}
	memset(&(*pages)[*n], 0, sizeof(**pages));
	(*pages)[*n].path = arena_strdup(a, path);
	(*pages)[*n].kind = kind;
	(*pages)[*n].a = x;
	(*pages)[*n].b = y;
	(*n)++;
}

/* Lists every page of the site, in a fixed order. */
static struct page *
list_pages(const struct model *m, struct arena *a, size_t *np)
{
	struct page	*p = NULL;
	size_t		 n = 0, cap = 0, i, j;
	char		 path[1024];

	add(&p, &n, &cap, a, "index.html", PAGE_INDEX, 0, 0);
	for (i = 0; i < m->n_guides; i++) {
		add(&p, &n, &cap, a, m->guides[i].path, PAGE_GUIDE, i, 0);
		p[n - 1].source = m->guides[i].doc->path;
	}
	for (i = 0; i < m->n_cands; i++) {
		const struct cand *c = &m->cands[i];

		snprintf(path, sizeof(path), "candidates/%s/index.html", c->c.id);
		add(&p, &n, &cap, a, path, PAGE_PACKET, i, 0);
		for (j = 0; j < c->n_slots; j++) {
			snprintf(path, sizeof(path), "candidates/%s/%s/"
			    "cheatsheet.html", c->c.id, c->slots[j].dir);
			add(&p, &n, &cap, a, path, PAGE_CHEATSHEET, i, j);
			snprintf(path, sizeof(path), "candidates/%s/%s/"
			    "scorecard.html", c->c.id, c->slots[j].dir);
			add(&p, &n, &cap, a, path, PAGE_SCORECARD, i, j);
		}
		snprintf(path, sizeof(path), "candidates/%s/print.html", c->c.id);
		add(&p, &n, &cap, a, path, PAGE_PRINT, i, 0);
		if (c->scored) {
			snprintf(path, sizeof(path), "candidates/%s/debrief.html",
			    c->c.id);
			add(&p, &n, &cap, a, path, PAGE_DEBRIEF, i, 0);
		}
		snprintf(path, sizeof(path), "candidates/%s/schedule.ics",
		    c->c.id);
		add(&p, &n, &cap, a, path, PAGE_ICS, i, 0);
	}
	for (i = 0; i < m->n_ivs; i++) {
		snprintf(path, sizeof(path), "interviewers/%s/index.html",
		    m->ivs[i].slug);
		add(&p, &n, &cap, a, path, PAGE_INTERVIEWER, i, 0);
	}
	*np = n;
	return p;
}

/* Compiles every page template and what it includes, before rendering. */
static int
compile_templates(struct build *b)
{
	int	 k, rc = 0;

	for (k = 0; k < PAGE_ICS; k++) {
		b->tmpl[k] = mustache_get(b->set, page_template(k));
		if (b->tmpl[k] == NULL) {
			if (diag_errors() == 0)
				diag_error(b->theme.site, 0, 0, "no template "
				    "'%s': not in templates/, the theme, or "
				    "kitgen's defaults", page_template(k));
			rc = -1;
		} else if (mustache_link(b->set, b->tmpl[k]) != 0)
			rc = -1;
	}
	return rc;
}

/* Returns the build options that change the output, as text. */
static char *
options_text(const struct options *o, const struct site *s)
{
	struct buf	 b = BUF_INIT;

	buf_printf(&b, "public=%d theme=%s", o->public_only, o->theme != NULL ?
	    o->theme : s->cfg.theme);
	if (buf_failed(&b))
		die_oom();
	return b.data;
}

/*
 * Marks the pages whose file from the last build is up to date: same
 * key, and no diagnostic when it was rendered. Returns how many.
 */
static size_t
mark_fresh(struct page *pages, size_t n, const struct cache *c)
{
	uint64_t	 key, ids;
	unsigned	 flags;
	size_t		 i, fresh = 0;

	for (i = 0; i < n; i++) {
		if (cache_find(c, pages[i].path, &key, &ids, &flags) &&
		    key == pages[i].key && !(flags & CACHE_NOISY)) {
			pages[i].skip = 1;
			pages[i].ids = ids;
			fresh++;
		}
	}
	return fresh;
}

/* Reads the page at rel in outdir into the link checker (all or ids). */
static void
read_back(struct links *l, const char *outdir, const struct page *pg,
    int all)
{
	char	*path = path_join(outdir, pg->path), *html;
	size_t	 len;

	/* Unreadable: the links to it are reported as broken. */
	if (file_read_quiet(path, 1u << 30, &html, &len) == 0) {
		if (all)
			links_add_page(l, pg->path, pg->source, html, len);
		else
			links_add_ids(l, pg->path, html, len);
		free(html);
	}
	free(path);
}

/*
 * The pages not rendered again are on disk, unchanged: their links were
 * checked when they were written. They can break only when a page they
 * link to lost an id or went away; then every one is read back and
 * checked again. Otherwise only the ids of the pages that the rendered
 * pages link to are read.
 */
static void
check_kept_links(struct links *l, const char *outdir, struct page *pages,
    size_t n, const struct cache *c, size_t gone)
{
	struct strlist	 want = { NULL, 0, 0 };
	uint64_t	 key, ids;
	unsigned	 flags;
	size_t		 i, lo, hi, mid;
	int		 moved = gone > 0, cmp;
	struct page	**sorted;

	for (i = 0; i < n && !moved; i++)
		if (!pages[i].skip && cache_find(c, pages[i].path, &key, &ids,
		    &flags) && ids != pages[i].ids)
			moved = 1;
	if (moved) {
		for (i = 0; i < n; i++)
			if (pages[i].skip)
				read_back(l, outdir, &pages[i], 1);
		return;
	}
	links_missing_pages(l, &want);
	if (want.len == 0)
		return;
	sorted = xcalloc(n + 1, sizeof(*sorted));
	for (i = 0; i < n; i++)
		sorted[i] = &pages[i];
	qsort(sorted, n, sizeof(*sorted), page_cmp_path);
	for (i = 0; i < want.len; i++) {
		for (lo = 0, hi = n; lo < hi; ) {
			mid = lo + (hi - lo) / 2;
			cmp = strcmp(sorted[mid]->path, want.items[i]);
			if (cmp == 0) {
				if (sorted[mid]->skip)
					read_back(l, outdir, sorted[mid], 0);
				break;
			}
			if (cmp < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	free(sorted);
	strlist_free(&want);
}

/*
 * Runs the pipeline for kitgen build (write != 0) or kitgen check.
 * Returns the exit status.
 */
int
site_build(const struct options *o, int write)
{
	struct site	 s;
	struct build	 b;
	struct output	*out = NULL;
	struct links	*links = NULL;
	struct arena	*pa = NULL;
	struct page	*pages = NULL;
	struct deps	*deps = NULL;
	struct cache	*cache = NULL;
	struct strlist	 assets = { NULL, 0, 0 };
	size_t		 n_pages = 0, written, kept, removed, fresh = 0, i;
	size_t		 gone = 0;
	char		*outdir = NULL, *canon = NULL, *opts;
	int		 st, same;

	memset(&b, 0, sizeof(b));
	/* A --theme that names no theme is a usage error, found first. */
	if (o->theme != NULL && theme_open(&b.theme, o->dir, o->theme,
	    FILE_MAX_SIZE, NULL) != 0)
		return EXIT_USAGE;
	site_set_jobs(o->jobs);
	site_load(&s, o->dir, !o->public_only);
	model_set_jobs(o->jobs);
	model_build(&b.m, &s, o->public_only);
	if (o->theme != NULL)
		b.theme.max_size = s.cfg.max_file_size;
	else if (theme_open(&b.theme, o->dir, s.cfg.theme,
	    s.cfg.max_file_size, s.cfg.raw == NULL ? NULL :
	    value_map_getc(s.cfg.raw, "theme")) != 0)
		goto done;
	b.set = mustache_set_new(load_template, &b.theme);
	compile_templates(&b);
	if (diag_errors() > 0 || !write)
		goto done;

	outdir = o->out != NULL ? xstrdup(o->out) :
	    site_path(&s, s.cfg.output);
	if (check_output_dir(o->dir, outdir, o->out != NULL ||
	    s.cfg.raw == NULL ? NULL : value_map_getc(s.cfg.raw, "output")) ==
	    -1) {
		free(outdir);
		outdir = NULL;
		theme_close(&b.theme);
		mustache_set_free(b.set);
		model_free(&b.m);
		site_free(&s);
		return EXIT_USAGE;
	}

	/* What changed since the last build into this folder. */
	pa = arena_new();
	pages = list_pages(&b.m, pa, &n_pages);
	opts = options_text(o, &s);
	deps = deps_new(&b.m, &b.theme, opts);
	free(opts);
	for (i = 0; i < n_pages; i++)
		pages[i].key = deps_key(deps, &pages[i]);
	canon = resolve(outdir);
	if (!o->clean && canon != NULL)
		cache = cache_load(o->dir, canon);

	if ((out = output_open(outdir, cache != NULL ? cache_files(cache) :
	    NULL)) == NULL)
		goto done;
	if (cache != NULL && output_updating(out))
		fresh = mark_fresh(pages, n_pages, cache);
	if (getenv("KITGEN_CACHE_DEBUG") != NULL)
		fprintf(stderr, "kitgen: %zu of %zu pages up to date in the "
		    "build cache\n", fresh, n_pages);
	links = links_new();
	if (theme_write_assets(&b.theme, out, links, &assets) != 0 ||
	    render_pages(pages, n_pages, o->jobs, render_one, &b, out,
	    links) != 0 || diag_errors() > 0) {
		output_abort(out);
		goto done;
	}
	gone = output_gone(out);
	if (fresh > 0)
		check_kept_links(links, outdir, pages, n_pages, cache, gone);
	links_check(links, outdir);
	if (diag_errors() > 0) {
		output_abort(out);
		goto done;
	}
	written = output_count(out, &kept);
	/* Nothing to change on disk: the cache stays the truth. */
	same = cache != NULL && fresh == n_pages && written == 0 && gone == 0;
	if (canon != NULL && !same)
		cache_remove(o->dir, canon);
	if (output_commit(out, &removed) == 0) {
		if (!o->quiet)
			fprintf(stderr, "kitgen: built %zu pages into %s (%zu "
			    "rendered, %zu files written, %zu unchanged, %zu "
			    "removed)\n", n_pages, outdir, n_pages - fresh,
			    written, kept, removed);
		free(canon);
		canon = resolve(outdir);
		/* Not an error: the site is built; the next build will
		 * only be slower. */
		if (!same && canon != NULL && cache_save(o->dir, canon, deps,
		    pages, n_pages, &assets) != 0 && !o->quiet)
			fprintf(stderr, "kitgen: note: the build cache could "
			    "not be written in .kitgen/ (%s): the next build "
			    "will render every page\n", strerror(errno));
	}
done:
	st = diag_exit_status();
	diag_print_summary(write ? "build" : "check");
	if (!write && st == EXIT_OK && !o->quiet)
		fprintf(stderr, "kitgen: check: %zu guides and pages, %zu "
		    "candidates, no errors\n", b.m.n_guides, b.m.n_cands);
	free(pages);
	arena_free(pa);
	links_free(links);
	free(outdir);
	free(canon);
	cache_free(cache);
	deps_free(deps);
	strlist_free(&assets);
	mustache_set_free(b.set);
	theme_close(&b.theme);
	model_free(&b.m);
	site_free(&s);
	return st;
}
