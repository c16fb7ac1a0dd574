/*
 * site.c: kitgen build and check, from loading to the swap.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "cache.h"
#include "cand_cache.h"
#include "commands.h"
#include "context.h"
#include "deps.h"
#include "diag.h"
#include "files.h"
#include "hash.h"
#include "ics.h"
#include "links.h"
#include "load.h"
#include "model.h"
#include "mustache.h"
#include "output.h"
#include "render.h"
#include "site.h"
#include "site_pages.h"
#include "theme.h"
#include "value.h"
#include "xalloc.h"

/* What became of a guide's page written while the model was built. */
struct streamed {
	uint64_t	 key;		/* of its inputs */
	uint64_t	 ids;		/* the hash of its ids */
	int		 done;		/* written or kept */
	int		 skip;		/* kept: up to date */
	int		 noisy;		/* it reported a diagnostic */
};

struct build {
	struct model		 m;
	struct theme		 theme;
	struct mustache_set	*set;
	const struct mustache_tmpl *tmpl[PAGE_ICS];
	const struct options	*o;
	struct site		*s;
	int			 ready;	/* theme and templates loaded */
	struct diag_queue	 early;	/* their diagnostics, held back */
	char			*outdir, *canon;
	struct output		*out;
	struct links		*links;
	struct cache		*cache;
	struct deps		*deps;
	struct streamed		*st;	/* per doc of the site */
	pthread_mutex_t		 lock;	/* for paths */
	struct hset		 paths;	/* guide pages written */
	atomic_size_t		 page_size;	/* of a guide page written */
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
 * Prints why the output folder is refused, unless say is 0: at where,
 * the output setting in site.yaml, when it comes from there, else as a
 * command-line error.
 */
static void
refuse(int say, const struct value *where, const char *fmt, ...)
{
	va_list	 ap;

	if (!say)
		return;
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
 * site. Returns 0, or -1 after printing why (exit status 2) when say.
 */
static int
check_output_dir(const char *root, const char *out, const struct value *where,
    int say)
{
	static const char *const kept[] = { "content", "templates", "themes" };
	char	*r_out, *r_root, *p, *r;
	size_t	 i;
	int	 rc = 0;

	if ((r_out = resolve(out)) == NULL) {
		refuse(say, where, "the folder that would hold the output "
		    "folder '%s' does not exist", out);
		return -1;
	}
	r_root = resolve(root);
	if (r_root != NULL && contains(r_out, r_root)) {
		refuse(say, where, "the output folder '%s' would replace the "
		    "site itself", out);
		rc = -1;
	} else if (r_root != NULL && where != NULL &&
	    !contains(r_root, r_out)) {
		refuse(say, where, "the output folder '%s' is outside the "
		    "site: a symbolic link on its path leads out", out);
		rc = -1;
	}
	for (i = 0; rc == 0 && r_root != NULL && i < 3; i++) {
		p = path_join(r_root, kept[i]);
		r = resolve(p);
		if (r != NULL && (contains(r_out, r) || contains(r, r_out))) {
			refuse(say, where, "the output folder '%s' would "
			    "overwrite the site's %s/ folder", out, kept[i]);
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

/* Returns the output setting of site.yaml, unless -o overrides it. */
static const struct value *
output_setting(const struct options *o, const struct site *s)
{
	return o->out != NULL || s->cfg.raw == NULL ? NULL :
	    value_map_getc(s->cfg.raw, "output");
}

/*
 * Opens the theme and compiles every page template.
 * Returns 0, or -1 after reporting an error.
 */
static int
load_theme(struct build *b)
{
	const struct options *o = b->o;
	const struct site *s = b->s;

	if (o->theme != NULL)
		b->theme.max_size = s->cfg.max_file_size;
	else if (theme_open(&b->theme, o->dir, s->cfg.theme,
	    s->cfg.max_file_size, s->cfg.raw == NULL ? NULL :
	    value_map_getc(s->cfg.raw, "theme")) != 0)
		return -1;
	b->set = mustache_set_new(load_template, &b->theme);
	return compile_templates(b);
}

/*
 * Opens the output stage, the build cache and the link checker, and
 * starts the inputs (deps).
 * Returns 0, or -1 after reporting an error.
 */
static int
open_output(struct build *b)
{
	char	*opts;

	b->canon = resolve(b->outdir);
	if (!b->o->clean && b->canon != NULL)
		b->cache = cache_load(b->o->dir, b->canon);
	if ((b->out = output_open(b->outdir, b->cache != NULL ?
	    cache_files(b->cache) : NULL)) == NULL)
		return -1;
	b->links = links_new();
	opts = options_text(b->o, b->s);
	b->deps = deps_begin(b->s, &b->theme, opts);
	free(opts);
	return 0;
}

/* Undoes open_output. */
static void
close_output(struct build *b)
{
	if (b->out != NULL)
		output_abort(b->out);
	b->out = NULL;
	links_free(b->links);
	b->links = NULL;
	cache_free(b->cache);
	b->cache = NULL;
	deps_free(b->deps);
	b->deps = NULL;
	free(b->canon);
	b->canon = NULL;
}

/*
 * The model's guides hook: before the guides are read, sets up what
 * writing their pages needs, so that each guide page is written while
 * its Markdown is at hand. Anything that would be reported here is held
 * back, so a problem is reported where a build reports it, after the
 * content. Returns whether to stream the guide pages.
 */
static int
stream_guides(void *arg, const struct model *m)
{
	struct build	*b = arg;
	struct diag_queue q = { NULL, 0 };
	int		 rc;

	(void)m;
	diag_queue_begin(&b->early);
	rc = load_theme(b);
	diag_queue_end();
	if (rc != 0) {
		diag_queue_discard(&b->early);
		mustache_set_free(b->set);
		b->set = NULL;
		if (b->o->theme == NULL)
			theme_close(&b->theme);
		return 0;
	}
	b->ready = 1;
	b->outdir = b->o->out != NULL ? xstrdup(b->o->out) :
	    site_path(b->s, b->s->cfg.output);
	if (check_output_dir(b->o->dir, b->outdir, output_setting(b->o, b->s),
	    0) != 0)
		return 0;
	diag_queue_begin(&q);
	rc = open_output(b);
	diag_queue_end();
	diag_queue_discard(&q);
	if (rc != 0) {
		close_output(b);
		return 0;
	}
	b->st = xcalloc(b->s->n_docs + 1, sizeof(*b->st));
	return 1;
}

/*
 * The model's guide hook: writes guide g's page, whose body is html,
 * or keeps the file of the last build when it is up to date; then the
 * guide's text is no longer needed. Returns 1 (done), 0 (another guide
 * has that page), or -1 after reporting an error.
 */
static int
stream_guide(void *arg, const struct model *m, struct guide *g,
    const char *html, struct arena *a)
{
	struct build	*b = arg;
	struct streamed	*st = &b->st[g->doc - b->s->docs];
	struct buf	 out = BUF_INIT;
	uint64_t	 key, ids;
	unsigned	 flags, before;
	size_t		 size;
	int		 rc = 0;

	/*
	 * Two guides with one id: the model reports it, and the build
	 * fails; the second page is not written.
	 */
	pthread_mutex_lock(&b->lock);
	rc = hset_add(&b->paths, hash_str(g->path, 0));
	pthread_mutex_unlock(&b->lock);
	if (rc == 0)
		return 0;
	rc = 0;
	st->key = deps_guide_key(b->deps, g);
	if (b->cache != NULL && output_updating(b->out) &&
	    cache_find(b->cache, g->path, &key, &ids, &flags) &&
	    key == st->key && !(flags & CACHE_NOISY)) {
		if ((rc = output_keep(b->out, g->path)) == 0) {
			links_add_file(b->links, g->path);
			st->skip = 1;
			st->ids = ids;
		}
	} else {
		/*
		 * Room for a page as long as the last one (and some): the
		 * pages of guides are alike, and growing the buffer from
		 * nothing copies it ten times.
		 */
		size = atomic_load_explicit(&b->page_size,
		    memory_order_relaxed);
		if (size > 0)
			buf_reserve(&out, size + size / 8);
		before = diag_thread_count();
		rc = mustache_render(b->set, b->tmpl[PAGE_GUIDE],
		    context_guide(a, m, g, html),
		    &out);
		st->noisy = diag_thread_count() != before;
		if (buf_failed(&out))
			die_oom();
		atomic_store_explicit(&b->page_size, out.len,
		    memory_order_relaxed);
		if (rc == 0)
			rc = output_write(b->out, g->path, out.data != NULL ?
			    out.data : "", out.len);
		if (rc == 0)
			st->ids = links_add_page(b->links, g->path,
			    g->doc->path, out.data != NULL ? out.data : "",
			    out.len);
		buf_free(&out);
	}
	if (rc != 0)
		return -1;
	st->done = 1;
	free(g->doc->text);
	g->doc->text = NULL;
	g->doc->fm.body = NULL;
	g->doc->fm.body_len = 0;
	return 1;
}

/*
 * Takes over what became of the guide pages written while the model
 * was built. Returns how many were up to date, or SIZE_MAX when a key
 * disagrees (a bug: the page would be wrong).
 */
static size_t
take_streamed(struct build *b, struct page *pages, size_t n)
{
	size_t	 i, fresh = 0;

	for (i = 0; b->st != NULL && i < n; i++) {
		const struct streamed *st;

		if (pages[i].kind != PAGE_GUIDE)
			continue;
		st = &b->st[b->m.guides[pages[i].a].doc - b->s->docs];
		if (!st->done)
			continue;
		if (st->key != pages[i].key)
			return SIZE_MAX;
		pages[i].done = 1;
		pages[i].skip = st->skip;
		pages[i].ids = st->ids;
		pages[i].noisy = st->noisy;
		fresh += st->skip;
	}
	return fresh;
}

/*
 * Returns whether the build updates an output folder that a build left
 * a cache for: only then is the candidates cache used. A build that
 * renders every page spends little on reading the candidate files, and
 * holding the cache for the whole of it would cost memory.
 */
static int
updating(const struct options *o, const struct site *s)
{
	char	*out, *canon;
	int	 rc;

	out = o->out != NULL ? xstrdup(o->out) : site_path(s, s->cfg.output);
	canon = resolve(out);
	rc = canon != NULL && cache_exists(o->dir, canon);
	free(out);
	free(canon);
	return rc;
}

/* Returns the key of the candidates cache: kitgen and site.yaml. */
static uint64_t
cands_key(const struct site *s)
{
	char		*path = site_path(s, "site.yaml"), *data;
	size_t		 len;
	uint64_t	 h = hash_str(KITGEN_VERSION, 0);

	if (file_read_quiet(path, s->cfg.max_file_size, &data, &len) == 0) {
		h = hash_u64(h, hash_bytes(data, len, 1));
		free(data);
	}
	free(path);
	return h;
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
	struct model_hooks hooks;
	struct cand_cache *cc = NULL;
	struct arena	*pa = NULL;
	struct page	*pages = NULL;
	struct strlist	 assets = { NULL, 0, 0 };
	size_t		 n_pages = 0, written, kept, removed, fresh = 0, i;
	size_t		 gone = 0, streamed, n_listed = 0, n_units;
	struct units	*units = NULL;
	struct cache_unit *cu = NULL;
	uint64_t	 ckey = 0;
	int		 st, same;

	memset(&b, 0, sizeof(b));
	b.o = o;
	b.s = &s;
	/* A --theme that names no theme is a usage error, found first. */
	if (o->theme != NULL && theme_open(&b.theme, o->dir, o->theme,
	    FILE_MAX_SIZE, NULL) != 0)
		return EXIT_USAGE;
	pthread_mutex_init(&b.lock, NULL);
	site_load(&s, o->dir, !o->public_only);
	model_set_jobs(o->jobs);
	hooks.guides = stream_guides;
	hooks.guide = stream_guide;
	hooks.arg = &b;
	hooks.cands = NULL;
	if (write && !o->public_only) {
		ckey = cands_key(&s);
		if (!o->clean && updating(o, &s))
			hooks.cands = cc = cand_cache_load(o->dir, ckey);
	}
	model_build(&b.m, &s, o->public_only, write && diag_errors() == 0 ?
	    &hooks : NULL);
	if (write && !o->public_only && getenv("KITGEN_CACHE_DEBUG") != NULL) {
		for (i = 0, fresh = 0; i < b.m.n_cands; i++)
			fresh += b.m.cands[i].cached != 0;
		fprintf(stderr, "kitgen: %zu of %zu candidates from the "
		    "candidates cache\n", fresh, b.m.n_cands);
		fresh = 0;
	}
	if (b.ready)
		diag_queue_flush(&b.early);
	else if (load_theme(&b) != 0)
		goto done;
	if (diag_errors() > 0 || !write)
		goto done;

	if (b.out == NULL) {
		if (b.outdir == NULL)
			b.outdir = o->out != NULL ? xstrdup(o->out) :
			    site_path(&s, s.cfg.output);
		if (check_output_dir(o->dir, b.outdir, output_setting(o, &s),
		    1) == -1) {
			st = EXIT_USAGE;
			goto out;
		}
		if (open_output(&b) != 0)
			goto done;
	}

	/* What changed since the last build into this folder. */
	deps_finish(b.deps, &b.m);
	pa = arena_new();
	units = units_new(&b.m, b.deps, b.cache, b.out);
	if (units_kept_pages(units) > 0)
		links_set_kept(b.links, units_has_file, units);
	pages = site_list_pages(&b.m, pa, units, &n_listed);
	n_pages = site_count_pages(&b.m);
	for (i = 0; i < n_listed; i++)
		pages[i].key = deps_key(b.deps, &pages[i]);
	if ((streamed = take_streamed(&b, pages, n_listed)) == SIZE_MAX) {
		diag_error(NULL, 0, 0, "internal error: a guide page was "
		    "written with the wrong key; please report this");
		goto done;
	}
	if (b.cache != NULL && output_updating(b.out))
		fresh = site_mark_fresh(pages, n_listed, b.cache);
	fresh += streamed + units_kept_pages(units);
	if (getenv("KITGEN_CACHE_DEBUG") != NULL)
		fprintf(stderr, "kitgen: %zu of %zu pages up to date in the "
		    "build cache\n", fresh, n_pages);
	if (theme_write_assets(&b.theme, b.out, b.links, &assets) != 0 ||
	    render_pages(pages, n_listed, o->jobs, render_one, &b, b.out,
	    b.links) != 0 || diag_errors() > 0)
		goto done;
	units_made(units, pages, pa);
	gone = output_gone(b.out);
	if (fresh > 0)
		site_check_kept_links(b.links, b.outdir, pages, n_listed,
		    b.cache, units, gone);
	links_check(b.links, b.outdir);
	if (diag_errors() > 0)
		goto done;
	written = output_count(b.out, &kept);
	/* Nothing to change on disk: the cache stays the truth. */
	same = b.cache != NULL && fresh == n_pages && written == 0 && gone == 0;
	if (b.canon != NULL && !same)
		cache_remove(o->dir, b.canon);
	if (output_commit(b.out, &removed) == 0) {
		b.out = NULL;
		if (!o->quiet)
			fprintf(stderr, "kitgen: built %zu pages into %s (%zu "
			    "rendered, %zu files written, %zu unchanged, %zu "
			    "removed)\n", n_pages, b.outdir, n_pages - fresh,
			    written, kept, removed);
		free(b.canon);
		b.canon = resolve(b.outdir);
		/* Not an error: the site is built; the next build will
		 * only be slower. */
		cu = units_for_cache(units, &n_units);
		if (!same && b.canon != NULL && cache_save(o->dir, b.canon,
		    b.deps, pages, n_listed, &assets, cu, n_units) != 0 &&
		    !o->quiet)
			fprintf(stderr, "kitgen: note: the build cache could "
			    "not be written in .kitgen/ (%s): the next build "
			    "will render every page\n", strerror(errno));
		if (!o->public_only && cand_cache_save(o->dir, ckey, cc,
		    &b.m) != 0 && !o->quiet)
			fprintf(stderr, "kitgen: note: the candidates cache "
			    "could not be written in .kitgen/ (%s): the next "
			    "build will read every candidate\n",
			    strerror(errno));
	} else
		b.out = NULL;
done:
	st = diag_exit_status();
	diag_print_summary(write ? "build" : "check");
	if (!write && st == EXIT_OK && !o->quiet)
		fprintf(stderr, "kitgen: check: %zu guides and pages, %zu "
		    "candidates, no errors\n", b.m.n_guides, b.m.n_cands);
out:
	close_output(&b);
	free(pages);
	free(cu);
	units_free(units);
	arena_free(pa);
	free(b.outdir);
	free(b.st);
	hset_free(&b.paths);
	pthread_mutex_destroy(&b.lock);
	strlist_free(&assets);
	mustache_set_free(b.set);
	theme_close(&b.theme);
	model_free(&b.m);
	cand_cache_free(cc);
	site_free(&s);
	return st;
}
