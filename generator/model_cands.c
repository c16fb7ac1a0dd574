/*
 * model_cands.c: the candidates of the model: each file read and checked
 * on every core (before the guides, so that the guides they name are
 * known), then resolved against its guide, then reported on in file
 * order, duplicate ids refused.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buffer.h"
#include "candidate.h"
#include "diag.h"
#include "hash.h"
#include "load.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "pool.h"
#include "xalloc.h"

/* Returns whether a slot of c has the folder dir already. */
static int
dir_taken(const struct cand *c, const char *dir)
{
	size_t	 j;

	for (j = 0; j < c->n_slots; j++)
		if (strcmp(c->slots[j].dir, dir) == 0)
			return 1;
	return 0;
}

/* Slots of one candidate that share a time: an error at the later one. */
static int
check_overlaps(struct cand *c)
{
	size_t	 i, j;
	int	 rc = 0;

	for (i = 0; i < c->n_slots; i++) {
		struct slot *a = &c->slots[i];

		if (a->start < 0 || a->end < 0)
			continue;
		for (j = i + 1; j < c->n_slots; j++) {
			struct slot *b = &c->slots[j];
			struct cand_pos at;

			if (b->start < 0 || b->end < 0)
				continue;
			if (!(a->start < b->end && b->start < a->end))
				continue;
			at = b->cs->start_node.line != 0 ? b->cs->start_node :
			    b->cs->node;
			diag_error(c->c.path, at.line, at.col, "this slot "
			    "(%02d:%02d-%02d:%02d, %s) overlaps the slot at "
			    "line %u (%02d:%02d-%02d:%02d, %s)",
			    b->start / 60, b->start % 60, b->end / 60 % 24,
			    b->end % 60, b->session->title, a->cs->node.line,
			    a->start / 60, a->start % 60, a->end / 60 % 24,
			    a->end % 60, a->session->title);
			rc = -1;
		}
	}
	return rc;
}

/* A folder held open, to look up the files in it by name. */
struct open_dir {
	char		*path;		/* NULL: none */
	int		 fd;		/* -1: none */
};

/*
 * Returns model_find_session(ol, ref, idx), remembered in memo: the
 * candidates of a site name the same few sessions thousands of times,
 * and each lookup compares names letter by letter.
 */
static const struct ol_session *
find_session(struct name_memo *memo, const struct outline *ol,
    const char *ref, size_t *idx)
{
	struct name_memo *e;
	int		 hit;

	e = model_memo(memo, ol, ref, &hit);
	if (!hit)
		e->found = model_find_session(ol, ref, &e->idx);
	*idx = e->idx;
	return e->found;
}

/*
 * Resolves candidate c against its guide, allocating what is kept in a
 * and what is not (the Markdown's blocks) in scratch.
 */
static int
resolve(struct model *m, struct arena *a, struct arena *scratch,
    struct name_memo *memo, struct cand *c)
{
	struct buf	 b = BUF_INIT, html = BUF_INIT;
	struct md_doc	 md;
	const char	*base;
	size_t		 i, j, idx;
	int		 rc = 0, n;

	c->g = model_find_guide(m, c->c.guide_ref);
	if (c->g == NULL) {
		for (i = 0; i < m->n_guides && i < 12; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", m->guides[i].id);
		diag_error(c->c.path, c->c.guide_node.line,
		    c->c.guide_node.col, "unknown guide '%s' (%s%s)",
		    c->c.guide_ref, m->n_guides ? "guides: " : "there are no "
		    "guides", buf_cstr(&b));
		buf_free(&b);
		return -1;
	}
	/* Taken from the cache: its Markdown is HTML already. */
	if (c->c.summary != NULL && !c->cached) {
		if (markdown_render(scratch, c->c.path, c->c.summary,
		    strlen(c->c.summary), c->c.root.line, MD_UNTRUSTED, &html,
		    &md) != 0)
			rc = -1;
		c->summary_html = arena_strndup(a, buf_cstr(&html), html.len);
	}
	c->slots = arena_zalloc(a, (c->c.n_slots + 1) * sizeof(*c->slots));
	for (i = 0; i < c->c.n_slots; i++) {
		struct slot *s = &c->slots[c->n_slots];
		const struct cand_slot *cs = &c->c.slots[i];

		if (cs->session_ref == NULL)
			continue;
		s->cs = cs;
		s->interviewer = -1;
		/* Hashed here, on every core, for model_interviewers. */
		s->name_hash = cs->interviewer != NULL ?
		    hash_str(cs->interviewer, 0) : 0;
		s->session = find_session(memo, &c->g->ol, cs->session_ref,
		    &idx);
		if (s->session == NULL) {
			buf_reset(&b);
			model_list_sessions(&b, &c->g->ol);
			diag_error(c->c.path, cs->session.line, cs->session.col,
			    "unknown session '%s' in guide '%s' (%s)",
			    cs->session_ref, c->g->id, buf_cstr(&b));
			rc = -1;
			continue;
		}
		s->session_index = idx;
		/*
		 * The session's id is its folder; a folder taken already (the
		 * same session twice, or a session whose id is "x-2") gets
		 * "-2", "-3"... so no two pages share a path.
		 */
		base = model_folder_name(a, s->session->id);
		for (j = 0, n = 1; j < c->n_slots; j++)
			if (c->slots[j].session == s->session)
				n++;
		for (;; n++) {
			s->dir = n == 1 ? base : arena_printf(a, "%s-%d",
			    base, n);
			if (!dir_taken(c, s->dir))
				break;
		}
		s->start = cs->start;
		s->end = -1;
		if (s->start >= 0 && s->session->minutes.known)
			s->end = s->start + (int)s->session->minutes.max;
		if (c->cached)
			s->focus_html = cs->focus_html;
		else if (cs->focus != NULL) {
			buf_reset(&html);
			if (markdown_render(scratch, c->c.path, cs->focus,
			    strlen(cs->focus), cs->node.line, MD_UNTRUSTED,
			    &html, &md) != 0)
				rc = -1;
			s->focus_html = arena_strndup(a, buf_cstr(&html),
			    html.len);
			c->c.slots[i].focus_html = s->focus_html;
		}
		c->n_slots++;
	}
	buf_free(&b);
	buf_free(&html);
	if (check_overlaps(c) != 0)
		rc = -1;
	if (model_check_scores(a, scratch, memo, c) != 0)
		rc = -1;
	return rc;
}

/* Returns the order of candidates: by date (undated last), name, id. */
int
model_cmp_cands(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	int	 c;

	if (a->c.has_date != b->c.has_date)
		return a->c.has_date ? -1 : 1;
	if (a->c.has_date) {
		if ((c = a->c.date.year - b->c.date.year) != 0 ||
		    (c = a->c.date.month - b->c.date.month) != 0 ||
		    (c = a->c.date.day - b->c.date.day) != 0)
			return c;
	}
	if ((c = strcmp(a->c.name, b->c.name)) != 0)
		return c;
	return strcmp(a->c.id, b->c.id);
}

/* The candidates to check and resolve, shared by the threads. */
struct cand_work {
	struct model	*m;
	struct cand	*c;		/* per file, in order */
	struct diag_queue *parsed;	/* per file: reading it */
	struct diag_queue *resolved;	/* per file: against its guide */
	int		*state;		/* per file, in order: 0 none, 1 read,
					   2 resolved, 3 a duplicate */
	struct arena	**scratch;	/* per thread: a file's YAML */
	struct cand_strings *strs;	/* per thread: strings kept */
	size_t		 n_scratch;
	const struct cand_cache *cache;	/* or NULL */
	size_t		*order;		/* the files, in the cache's order */
	size_t		*rank;		/* per file: its place in order */
	size_t		*in_cache;	/* per file: its place in the cache */
	struct name_memo *memo;		/* per thread: MEMO_SLOTS */
	struct open_dir	*dirs;		/* per thread: a folder open */
};

/*
 * Takes the stamp of the file at path through the folder d holds open,
 * opening its folder instead when it is another. Returns 0 or -1.
 */
static int
stamp(struct open_dir *d, const char *path, struct file_stamp *st)
{
	const char	*slash = strrchr(path, '/');
	size_t		 n = slash != NULL ? (size_t)(slash - path) : 0;

	if (slash == NULL || n == 0)
		return file_stamp(path, st);
	if (d->path == NULL || strlen(d->path) != n ||
	    memcmp(d->path, path, n) != 0) {
		if (d->fd != -1)
			close(d->fd);
		free(d->path);
		d->path = xstrndup(path, n);
		d->fd = open(d->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	return file_stamp_at(d->fd, path, slash + 1, st);
}

/*
 * Reads candidate file i: its YAML lives in the thread's scratch arena
 * only while the candidate is checked and copied into the thread's keep
 * arena.
 */
static void
cand_read_task(void *arg, size_t k, size_t t)
{
	struct cand_work *w = arg;
	size_t		 i = w->order[k];
	struct site	*s = w->m->site;
	struct candidate_file *f = &s->cands[i];
	struct candidate c;
	int		 given = f->data != NULL;

	memset(&w->c[k], 0, sizeof(w->c[k]));
	/*
	 * The stamp is taken before the file is read: a change after it
	 * makes the stamp the next build sees differ.
	 */
	if (!given && stamp(&w->dirs[t], f->path, &w->c[k].stamp) == 0 &&
	    cand_cache_get(w->cache, w->in_cache[i], &w->c[k].stamp,
	    w->m->keep[t],
	    &w->c[k].c, &w->c[k].file_hash, &w->c[k].summary_html)) {
		/* The site's copy of the path: compact, often used. */
		w->c[k].c.path = f->path;
		w->c[k].cached = 1;
		w->state[k] = 1;
		return;
	}
	diag_queue_begin(&w->parsed[i]);
	arena_reset(w->scratch[t]);
	if (site_read_cand(s, f, w->scratch[t]) == 0) {
		w->c[k].file_hash = f->hash;
		if (candidate_parse(w->scratch[t], f->path, f->data,
		    s->cfg.timezone, &c) == 0) {
			candidate_copy(w->m->keep[t], &w->strs[t], &w->c[k].c,
			    &c);
			w->state[k] = 1;
		}
	}
	if (!given)
		f->data = NULL;
	diag_queue_end();
}

/* Resolves candidate i, read, against its guide. */
static void
cand_resolve_task(void *arg, size_t k, size_t t)
{
	struct cand_work *w = arg;
	size_t		 i = w->order[k];

	if (w->state[k] != 1)
		return;
	diag_queue_begin(&w->resolved[i]);
	arena_reset(w->scratch[t]);
	w->state[k] += resolve(w->m, w->m->keep[t], w->scratch[t],
	    w->memo + t * MEMO_SLOTS, &w->c[k]) == 0;
	diag_queue_end();
}

/* Files per task of cache_order. */
#define RANK_CHUNK	512

struct rank_work {
	const struct site	*s;
	const struct cand_cache	*cache;
	size_t			*ranks;
};

/* Finds the place in the cache of files k * RANK_CHUNK and on. */
static void
rank_chunk(void *arg, size_t k, size_t t)
{
	struct rank_work *rw = arg;
	size_t		 i, end = (k + 1) * RANK_CHUNK;

	(void)t;
	for (i = k * RANK_CHUNK; i < rw->s->n_cands && i < end; i++)
		rw->ranks[i] = cand_cache_rank(rw->cache,
		    rw->s->cands[i].path);
}

/*
 * Returns the candidate files of s in the order of the candidates
 * cache (the last build's order of candidates), those it does not hold
 * after, in file order. Read and resolved in that order, the candidates
 * of a build lie in memory in about the order the pages that list them
 * go through them: thousands of them are then read from memory in
 * sequence, not at random.
 */
static size_t *
cache_order(const struct site *s, const struct cand_cache *cache,
    size_t *ranks)
{
	size_t	*order = xcalloc(s->n_cands + 1, sizeof(*order));
	size_t	*at, n = cand_cache_count(cache), i, k = 0, r;
	struct rank_work rw;

	rw.s = s;
	rw.cache = cache;
	rw.ranks = ranks;
	pool_run(s->n_cands / RANK_CHUNK + 1, model_threads(s->n_cands /
	    RANK_CHUNK + 1), rank_chunk, &rw);
	at = xcalloc(n + 1, sizeof(*at));
	for (i = 0; i < s->n_cands; i++)
		if ((r = ranks[i]) < n && at[r] == 0)
			at[r] = i + 1;
	for (r = 0; r < n; r++)
		if (at[r] != 0)
			order[k++] = at[r] - 1;
	for (i = 0; i < s->n_cands; i++)
		if (ranks[i] >= n || at[ranks[i]] != i + 1)
			order[k++] = i;
	free(at);
	return order;
}

/*
 * Reads every candidate file, on every core, before the guides: which
 * guides they name is known then (used). Returns what
 * model_build_cands finishes.
 */
struct cand_work *
model_read_cands(struct model *m, struct hset *used,
    const struct cand_cache *cache)
{
	struct cand_work *w = xcalloc(1, sizeof(*w));
	size_t	 i, n = m->site->n_cands, t = model_threads(n);

	model_keep_arenas(m, t);
	w->m = m;
	/* In the model's arena: the candidates read become m->cands. */
	/* Zeroed by each task, on every core: thousands of pages. */
	w->c = arena_alloc(m->a, (n + 1) * sizeof(*w->c));
	w->parsed = xcalloc(n + 1, sizeof(*w->parsed));
	w->resolved = xcalloc(n + 1, sizeof(*w->resolved));
	w->state = xcalloc(n + 1, sizeof(*w->state));
	w->scratch = xcalloc(t, sizeof(*w->scratch));
	w->strs = xcalloc(t, sizeof(*w->strs));
	w->n_scratch = t;
	w->cache = cache;
	w->in_cache = xcalloc(n + 1, sizeof(*w->in_cache));
	w->order = cache_order(m->site, cache, w->in_cache);
	w->rank = xcalloc(n + 1, sizeof(*w->rank));
	for (i = 0; i < n; i++)
		w->rank[w->order[i]] = i;
	w->memo = xcalloc(t * MEMO_SLOTS, sizeof(*w->memo));
	w->dirs = xcalloc(t, sizeof(*w->dirs));
	for (i = 0; i < t; i++)
		w->dirs[i].fd = -1;
	for (i = 0; i < t; i++)
		w->scratch[i] = arena_new();
	pool_run(n, t, cand_read_task, w);
	for (i = 0; i < t; i++) {
		if (w->dirs[i].fd != -1)
			close(w->dirs[i].fd);
		free(w->dirs[i].path);
	}
	free(w->dirs);
	w->dirs = NULL;
	for (i = 0; i < t; i++)
		cand_strings_free(&w->strs[i]);
	free(w->strs);
	for (i = 0; i < n; i++)
		if (w->state[i] == 1 && w->c[i].c.guide_ref != NULL)
			hset_add(used, hash_str(w->c[i].c.guide_ref, 0));
	return w;
}

/*
 * Sorts the n candidates of c (model_cmp_cands). They come mostly in
 * order: those of the last build first, in its order, then the files
 * new or changed since. The run in order at the start is kept; what
 * follows it is sorted alone and merged in from the end, so that one
 * changed file costs a few moves, not a sort of thousands.
 */
static void
sort_cands(struct cand *c, size_t n)
{
	struct cand	*tail;
	size_t		 run, t, i, j, k;

	for (run = 1; run < n; run++)
		if (model_cmp_cands(&c[run - 1], &c[run]) > 0)
			break;
	if (run >= n)
		return;
	t = n - run;
	if (t > n / 4) {
		qsort(c, n, sizeof(*c), model_cmp_cands);
		return;
	}
	qsort(c + run, t, sizeof(*c), model_cmp_cands);
	tail = xcalloc(t, sizeof(*tail));
	memcpy(tail, c + run, t * sizeof(*tail));
	/* From the end: the larger of the two goes last; ties keep order. */
	for (i = run, j = t, k = n; j > 0; ) {
		if (i > 0 && model_cmp_cands(&c[i - 1], &tail[j - 1]) > 0)
			c[--k] = c[--i];
		else
			c[--k] = tail[--j];
	}
	free(tail);
}

/*
 * Resolves every candidate read against its guide, on every core; then,
 * in file order, reports what each one gave and refuses duplicate ids
 * (the later file is the duplicate, and is not reported on further).
 */
int
model_build_cands(struct model *m, struct cand_work *w)
{
	struct site	*s = m->site;
	size_t		 i, j, k, cap, *seen, n = s->n_cands;
	int		 rc = 0;

	model_guide_rules(m);
	pool_run(n, model_threads(n), cand_resolve_task, w);

	/*
	 * In file order: what each file gave, and ids given twice (the
	 * later file is the duplicate). Ids seen so far by hash: a slot
	 * holds a candidate's place + 1.
	 */
	for (cap = 16; cap < 2 * n; cap *= 2)
		;
	seen = xcalloc(cap, sizeof(*seen));
	for (i = 0; i < n; i++) {
		struct cand *c = &w->c[k = w->rank[i]];

		c->quiet = w->parsed[i].n == 0;
		diag_queue_flush(&w->parsed[i]);
		if (w->state[k] == 0) {
			rc = -1;
			continue;
		}
		for (j = hash_str(c->c.id, 0) & (cap - 1); seen[j] != 0;
		    j = (j + 1) & (cap - 1))
			if (strcmp(w->c[seen[j] - 1].c.id, c->c.id) == 0)
				break;
		if (seen[j] != 0) {
			diag_error(c->c.path, c->c.id_node.line,
			    c->c.id_node.col, "the candidate "
			    "id '%s' is also the id in %s", c->c.id,
			    w->c[seen[j] - 1].c.path);
			diag_queue_discard(&w->resolved[i]);
			debrief_free(&c->db);
			w->state[k] = 3;
			rc = -1;
			continue;
		}
		seen[j] = k + 1;
		c->quiet = c->quiet && w->resolved[i].n == 0;
		diag_queue_flush(&w->resolved[i]);
		if (w->state[k] != 2)
			rc = -1;
	}
	free(seen);
	/*
	 * Then in the order they were read, which is about the order of
	 * the model (the last build's): made in place, a candidate moves
	 * only to an earlier place, and most often nothing is left to
	 * sort.
	 */
	m->cands = w->c;
	for (k = 0; k < n; k++)
		if (w->state[k] == 1 || w->state[k] == 2)
			m->cands[m->n_cands++] = w->c[k];
	sort_cands(m->cands, m->n_cands);
	return rc;
}

/* Frees what model_read_cands made; NULL is a no-op. */
void
model_cand_work_free(struct cand_work *w)
{
	size_t	 i;

	if (w == NULL)
		return;
	for (i = 0; i < w->n_scratch; i++)
		arena_free(w->scratch[i]);
	free(w->scratch);
	free(w->parsed);
	free(w->resolved);
	free(w->state);
	free(w->order);
	free(w->rank);
	free(w->in_cache);
	free(w->memo);
	free(w);
}

