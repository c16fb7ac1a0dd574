/*
 * model.c: guides, candidates and interviewers, resolved and checked.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buffer.h"
#include "diag.h"
#include "load.h"
#include "model.h"
#include "value.h"
#include "xalloc.h"

/* Decision rules for guides that state none. */
static const struct db_rule default_rules[] = {
	{ "Strong Yes", 4.5, 4 },
	{ "Yes", 3.5, 3 },
	{ "No", 2.5, -1 },
	{ "Strong No", -1, -1 },
};

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

#define NAME_BYTES	64	/* the longest folder name made from a slug */

/*
 * Returns s as a folder name: s itself when it is at most NAME_BYTES
 * long, else its start (cut at a character) and a hash of the whole, so
 * that a long heading or name neither makes a file name longer than the
 * file system takes nor makes two names one.
 */
static const char *
folder_name(struct arena *a, const char *s)
{
	size_t		 n = strlen(s), k = NAME_BYTES - 17;
	uint64_t	 h = 14695981039346656037ULL;
	const char	*p;

	if (n <= NAME_BYTES)
		return s;
	for (p = s; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return arena_printf(a, "%.*s-%016llx", (int)k, s,
	    (unsigned long long)h);
}

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

/* Compares text the way a reader would: case, blanks and dashes aside. */
static int
same_name(const char *a, const char *b)
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
 * Finds the session ref names in ol: by id, by title, by the slug of
 * ref, or by its number ("2" is the second). Returns it and its index,
 * or NULL.
 */
static const struct ol_session *
find_session(const struct outline *ol, const char *ref, size_t *index)
{
	struct buf	 slug = BUF_INIT;
	size_t		 i;
	char		*end;
	long		 n;

	for (i = 0; i < ol->n_sessions; i++)
		if (strcmp(ol->sessions[i].id, ref) == 0)
			goto found;
	for (i = 0; i < ol->n_sessions; i++)
		if (same_name(ol->sessions[i].title, ref))
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
static void
list_sessions(struct buf *b, const struct outline *ol)
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
 * Returns html, guide g's rendered body, with the links that point at
 * another Markdown file of the site ("loop.md#scoring", "../handbook/x.md")
 * rewritten to that page's URL, as guide authors write them (in arena a
 * when anything changed). Other links are left for the checker.
 */
static const char *
rewrite_md_links(const struct model *m, const struct guide *g,
    const char *html, struct arena *a)
{
	const char	*h = html, *p, *q, *end, *frag;
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
		for (q = p; q < end && *q != ':' && *q != '/' && *q != '#'; q++)
			;
		frag = memchr(p, '#', (size_t)(end - p));
		if (frag == NULL)
			frag = end;
		if ((q < end && *q == ':') || frag - p < 4 ||
		    strncmp(frag - 3, ".md", 3) != 0 || *p == '/') {
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

static int
cmp_guides(const void *x, const void *y)
{
	return strcmp(((const struct guide *)x)->id,
	    ((const struct guide *)y)->id);
}

/* Reads, renders and outlines every guide and page. */
static int
build_guides(struct model *m)
{
	struct site	*s = m->site;
	struct buf	 html = BUF_INIT;
	struct arena	*ga = arena_new();
	struct outline	 ol;
	struct md_doc	 md;
	size_t		 i, j;
	int		 rc = 0;

	m->guides = arena_zalloc(m->a, (s->n_docs + 1) * sizeof(*m->guides));
	for (i = 0; i < s->n_docs; i++) {
		struct doc	*d = &s->docs[i];
		struct guide	*g = &m->guides[m->n_guides];
		const struct value *idv, *vis;
		const char	*v;

		if (!d->ok)
			continue;
		g->doc = d;
		idv = value_map_getc(d->fm.meta, "id");
		if (idv != NULL && idv->type != VALUE_NULL) {
			if (value_cstr(idv) == NULL || !guide_id_ok(idv->u.str.ptr)) {
				if (value_cstr(idv) == NULL)
					diag_error(d->path, idv->line, idv->col,
					    "the id must be text, not %s",
					    value_type_name(idv->type));
				else
					diag_error(d->path, idv->line, idv->col,
					    "the id '%s' must be 1 to 128 of "
					    "letters, digits, '.', '_' and '-', "
					    "starting with a letter or digit (it "
					    "names a folder)", idv->u.str.ptr);
				rc = -1;
				continue;
			}
			g->id = idv->u.str.ptr;
		} else {
			g->id = basename_of(m->a, d->rel);
			if (!guide_id_ok(g->id)) {
				diag_error(d->path, 0, 0, "the file name '%s' "
				    "cannot be a page id (1 to 128 of letters, "
				    "digits, '.', '_' and '-'); give the page an "
				    "'id' in its front matter", g->id);
				rc = -1;
				continue;
			}
		}
		/*
		 * The block list and the outline's working memory go into a
		 * scratch arena; only what the pages read is copied out.
		 */
		buf_reset(&html);
		arena_reset(ga);
		if (markdown_render(ga, d->path, d->fm.body, d->fm.body_len,
		    d->fm.body_line, 0, &html, &md) != 0) {
			rc = -1;
			continue;
		}
		if (buf_failed(&html))
			die_oom();
		if (outline_guide(ga, d->path, &d->fm, &md, &ol) != 0) {
			rc = -1;
			continue;
		}
		outline_warn(&ol);
		outline_copy(m->a, &g->ol, &ol);
		markdown_toc_copy(m->a, &g->md, &md);
		g->title = g->ol.title != NULL ? g->ol.title :
		    value_cstr(value_map_getc(d->fm.meta, "title"));
		if (g->title == NULL)
			g->title = g->id;
		g->role = value_cstr(value_map_getc(d->fm.meta, "role"));
		vis = value_map_getc(d->fm.meta, "visibility");
		v = value_cstr(vis) != NULL ? vis->u.str.ptr :
		    s->cfg.visibility;
		g->is_public = strcmp(v, "public") == 0;
		if (vis != NULL && strcmp(v, "public") != 0 &&
		    strcmp(v, "internal") != 0)
			diag_warning(d->path, vis->line, vis->col, "visibility "
			    "'%s' is neither 'public' nor 'internal'; the page "
			    "is treated as internal", v);
		g->path = arena_printf(m->a, "guides/%s/index.html", g->id);
		m->n_guides++;
	}
	buf_free(&html);
	arena_free(ga);
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

static struct guide *
find_guide(struct model *m, const char *id)
{
	struct guide	 key;

	key.id = id;
	return bsearch(&key, m->guides, m->n_guides, sizeof(*m->guides),
	    cmp_guides);
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
			const struct value *at;

			if (b->start < 0 || b->end < 0)
				continue;
			if (!(a->start < b->end && b->start < a->end))
				continue;
			at = b->cs->start_node != NULL ? b->cs->start_node :
			    b->cs->node;
			diag_error(c->c.path, at->line, at->col, "this slot "
			    "(%02d:%02d-%02d:%02d, %s) overlaps the slot at "
			    "line %u (%02d:%02d-%02d:%02d, %s)",
			    b->start / 60, b->start % 60, b->end / 60 % 24,
			    b->end % 60, b->session->title, a->cs->node->line,
			    a->start / 60, a->start % 60, a->end / 60 % 24,
			    a->end % 60, a->session->title);
			rc = -1;
		}
	}
	return rc;
}

/*
 * Returns the criterion of session s (its rubric, else the guide's
 * criteria table) called name, or NULL.
 */
static const struct ol_criterion *
find_criterion(const struct outline *ol, const struct ol_session *s,
    const char *name)
{
	size_t	 i;

	for (i = 0; i < s->n_rubric; i++)
		if (same_name(s->rubric[i].name, name))
			return &s->rubric[i];
	if (s->n_rubric == 0)
		for (i = 0; i < ol->n_criteria; i++)
			if (same_name(ol->criteria[i].name, name))
				return &ol->criteria[i];
	return NULL;
}

static void
list_criteria(struct buf *b, const struct outline *ol,
    const struct ol_session *s)
{
	const struct ol_criterion *c = s->n_rubric ? s->rubric : ol->criteria;
	size_t	 n = s->n_rubric ? s->n_rubric : ol->n_criteria, i;

	if (n == 0) {
		buf_puts(b, "the session has no rubric");
		return;
	}
	buf_puts(b, "criteria: ");
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", c[i].name);
}

static void
scale_range(const struct outline *ol, int *lo, int *hi)
{
	size_t	 i;

	*lo = 1;
	*hi = 5;
	if (ol->n_scale == 0)
		return;
	*lo = *hi = ol->scale[0].score;
	for (i = 1; i < ol->n_scale; i++) {
		if (ol->scale[i].score < *lo)
			*lo = ol->scale[i].score;
		if (ol->scale[i].score > *hi)
			*hi = ol->scale[i].score;
	}
}

/*
 * Returns the row of the guide's criteria table that weighs session s
 * ("Coding 30%" for the session "Coding"), or NULL.
 */
static const struct ol_criterion *
session_weight(const struct outline *ol, const struct ol_session *s)
{
	size_t	 i;

	for (i = 0; i < ol->n_criteria; i++)
		if (same_name(ol->criteria[i].name, s->title) ||
		    same_name(ol->criteria[i].name, s->id))
			return &ol->criteria[i];
	return NULL;
}

/* Checks the scores and computes the debrief of candidate c. */
static int
check_scores(struct model *m, struct cand *c)
{
	const struct outline *ol = &c->g->ol;
	struct buf	 b = BUF_INIT;
	const struct ol_session **by_session;
	const struct cand_scores **given;
	size_t		 i, j, k, idx;
	int		 lo, hi, rc = 0;

	scale_range(ol, &lo, &hi);
	by_session = arena_zalloc(m->a, (ol->n_sessions + 1) *
	    sizeof(*by_session));
	given = arena_zalloc(m->a, (ol->n_sessions + 1) * sizeof(*given));
	for (i = 0; i < c->c.n_scores; i++) {
		const struct cand_scores *cs = &c->c.scores[i];
		const struct ol_session *s;

		s = find_session(ol, cs->session_ref, &idx);
		if (s == NULL) {
			buf_reset(&b);
			list_sessions(&b, ol);
			diag_error(c->c.path, cs->session->line, cs->session->col,
			    "scores for unknown session '%s' of guide '%s' (%s)",
			    cs->session_ref, c->g->id, buf_cstr(&b));
			rc = -1;
			continue;
		}
		if (given[idx] != NULL) {
			diag_error(c->c.path, cs->session->line, cs->session->col,
			    "scores for session '%s' are given twice", s->title);
			rc = -1;
			continue;
		}
		given[idx] = cs;
		for (j = 0; j < cs->n_scores; j++) {
			const struct cand_score *sc = &cs->scores[j];

			if (find_criterion(ol, s, sc->criterion) == NULL) {
				buf_reset(&b);
				list_criteria(&b, ol, s);
				diag_error(c->c.path, sc->node->line, sc->node->col,
				    "unknown criterion '%s' for session '%s' (%s)",
				    sc->criterion, s->title, buf_cstr(&b));
				rc = -1;
			}
			if (sc->rating < lo || sc->rating > hi) {
				diag_error(c->c.path, sc->node->line, sc->node->col,
				    "the rating %g of '%s' is outside the scale "
				    "%d-%d", sc->rating, sc->criterion, lo, hi);
				rc = -1;
			}
		}
		if (cs->recommendation != NULL) {
			for (k = 0; k < recommendation_count(c); k++)
				if (same_name(recommendation_label(c, k),
				    cs->recommendation))
					break;
			if (k == recommendation_count(c))
				diag_warning(c->c.path,
				    cs->recommendation_node->line,
				    cs->recommendation_node->col, "the "
				    "recommendation '%s' is not one of the "
				    "guide's decisions", cs->recommendation);
		}
	}
	buf_free(&b);
	if (rc != 0)
		return rc;

	/* The debrief: scored sessions in the guide's order. */
	c->db_sessions = arena_zalloc(m->a, (ol->n_sessions + 1) *
	    sizeof(*c->db_sessions));
	c->db_session_of = arena_zalloc(m->a, (ol->n_sessions + 1) *
	    sizeof(*c->db_session_of));
	for (i = 0; i < ol->n_sessions; i++) {
		const struct cand_scores *cs = given[i];
		const struct ol_session *s = &ol->sessions[i];
		const struct ol_criterion *w;
		struct db_session *ds;
		struct db_score *sc;

		if (cs == NULL || cs->n_scores == 0)
			continue;
		ds = &c->db_sessions[c->n_db_sessions];
		c->db_session_of[c->n_db_sessions++] = s;
		ds->title = s->title;
		sc = arena_zalloc(m->a, cs->n_scores * sizeof(*sc));
		for (j = 0; j < cs->n_scores; j++) {
			const struct ol_criterion *cr = find_criterion(ol, s,
			    cs->scores[j].criterion);

			sc[j].criterion = cr->name;
			sc[j].rating = cs->scores[j].rating;
			sc[j].weight = cr->weight;
			sc[j].min_score = cr->min_score;
		}
		ds->scores = sc;
		ds->n_scores = cs->n_scores;
		w = session_weight(ol, s);
		ds->weight = w != NULL ? w->weight : OL_NONE;
		ds->min_score = w != NULL ? w->min_score : OL_NONE;
	}
	if (ol->n_decision > 0) {
		struct db_rule *r = arena_zalloc(m->a, ol->n_decision *
		    sizeof(*r));

		for (i = 0; i < ol->n_decision; i++) {
			r[i].label = ol->decision[i].label;
			r[i].min_average = ol->decision[i].min_average;
			r[i].min_each = ol->decision[i].min_each;
		}
		c->rules = r;
		c->n_rules = ol->n_decision;
	} else {
		c->rules = default_rules;
		c->n_rules = sizeof(default_rules) / sizeof(default_rules[0]);
	}
	c->scored = c->n_db_sessions > 0;
	if (c->scored)
		debrief_compute(c->db_sessions, c->n_db_sessions, c->rules,
		    c->n_rules, ol->pass_mark, &c->db);
	return 0;
}

/* Resolves candidate c against its guide. */
static int
resolve(struct model *m, struct cand *c)
{
	struct buf	 b = BUF_INIT, html = BUF_INIT;
	struct md_doc	 md;
	const char	*base;
	size_t		 i, j, idx;
	int		 rc = 0, n;

	c->g = find_guide(m, c->c.guide_ref);
	if (c->g == NULL) {
		for (i = 0; i < m->n_guides && i < 12; i++)
			buf_printf(&b, "%s%s", i ? ", " : "", m->guides[i].id);
		diag_error(c->c.path, c->c.guide_node->line,
		    c->c.guide_node->col, "unknown guide '%s' (%s%s)",
		    c->c.guide_ref, m->n_guides ? "guides: " : "there are no "
		    "guides", buf_cstr(&b));
		buf_free(&b);
		return -1;
	}
	if (c->c.summary != NULL) {
		if (markdown_render(m->a, c->c.path, c->c.summary,
		    strlen(c->c.summary), c->c.root->line, MD_UNTRUSTED, &html,
		    &md) != 0)
			rc = -1;
		c->summary_html = arena_strndup(m->a, buf_cstr(&html), html.len);
	}
	c->slots = arena_zalloc(m->a, (c->c.n_slots + 1) * sizeof(*c->slots));
	for (i = 0; i < c->c.n_slots; i++) {
		struct slot *s = &c->slots[c->n_slots];
		const struct cand_slot *cs = &c->c.slots[i];

		if (cs->session_ref == NULL)
			continue;
		s->cs = cs;
		s->interviewer = -1;
		s->session = find_session(&c->g->ol, cs->session_ref, &idx);
		if (s->session == NULL) {
			buf_reset(&b);
			list_sessions(&b, &c->g->ol);
			diag_error(c->c.path, cs->session->line, cs->session->col,
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
		base = folder_name(m->a, s->session->id);
		for (j = 0, n = 1; j < c->n_slots; j++)
			if (c->slots[j].session == s->session)
				n++;
		for (;; n++) {
			s->dir = n == 1 ? base : arena_printf(m->a, "%s-%d",
			    base, n);
			if (!dir_taken(c, s->dir))
				break;
		}
		s->start = cs->start;
		s->end = -1;
		if (s->start >= 0 && s->session->minutes.known)
			s->end = s->start + (int)s->session->minutes.max;
		if (cs->focus != NULL) {
			buf_reset(&html);
			if (markdown_render(m->a, c->c.path, cs->focus,
			    strlen(cs->focus), cs->node->line, MD_UNTRUSTED,
			    &html, &md) != 0)
				rc = -1;
			s->focus_html = arena_strndup(m->a, buf_cstr(&html),
			    html.len);
		}
		c->n_slots++;
	}
	buf_free(&b);
	buf_free(&html);
	if (check_overlaps(c) != 0)
		rc = -1;
	if (check_scores(m, c) != 0)
		rc = -1;
	return rc;
}

static int
cmp_cands(const void *x, const void *y)
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

static int
build_cands(struct model *m)
{
	struct site	*s = m->site;
	size_t		 i, j;
	int		 rc = 0;

	m->cands = arena_zalloc(m->a, (s->n_cands + 1) * sizeof(*m->cands));
	for (i = 0; i < s->n_cands; i++) {
		struct cand *c = &m->cands[m->n_cands];

		if (s->cands[i].data == NULL)
			continue;
		if (candidate_parse(m->a, s->cands[i].path, s->cands[i].data,
		    s->cfg.timezone, &c->c) != 0) {
			rc = -1;
			continue;
		}
		/* Files are in path order: the later file is the duplicate. */
		for (j = 0; j < m->n_cands; j++)
			if (strcmp(m->cands[j].c.id, c->c.id) == 0)
				break;
		if (j < m->n_cands) {
			const struct value *idv = value_map_getc(c->c.root, "id");

			diag_error(c->c.path, idv->line, idv->col, "the candidate "
			    "id '%s' is also the id in %s", c->c.id,
			    m->cands[j].c.path);
			rc = -1;
			continue;
		}
		if (resolve(m, c) != 0)
			rc = -1;
		m->n_cands++;
	}
	qsort(m->cands, m->n_cands, sizeof(*m->cands), cmp_cands);
	return rc;
}

static int
cmp_ivs(const void *x, const void *y)
{
	const struct interviewer *a = x, *b = y;
	int	 c = strcmp(a->name, b->name);

	return c != 0 ? c : strcmp(a->slug, b->slug);
}

static struct model *sort_model;

static int
cmp_refs(const void *x, const void *y)
{
	const struct slot_ref *a = x, *b = y;
	const struct cand *ca = &sort_model->cands[a->cand];
	const struct cand *cb = &sort_model->cands[b->cand];
	int	 c;

	if (a->cand != b->cand && (c = cmp_cands(ca, cb)) != 0) {
		/* Same date: by time first. */
		if (ca->c.has_date && cb->c.has_date &&
		    ca->c.date.year == cb->c.date.year &&
		    ca->c.date.month == cb->c.date.month &&
		    ca->c.date.day == cb->c.date.day &&
		    ca->slots[a->slot].start != cb->slots[b->slot].start)
			return ca->slots[a->slot].start -
			    cb->slots[b->slot].start;
		return c;
	}
	if (ca->slots[a->slot].start != cb->slots[b->slot].start)
		return ca->slots[a->slot].start - cb->slots[b->slot].start;
	return (a->slot > b->slot) - (a->slot < b->slot);
}

/* One interviewer named in a slot. */
struct mention {
	const char	*slug;
	size_t		 cand, slot;
};

static int
cmp_mentions(const void *x, const void *y)
{
	const struct mention *a = x, *b = y;
	int	 c = strcmp(a->slug, b->slug);

	if (c != 0)
		return c;
	if (a->cand != b->cand)
		return a->cand < b->cand ? -1 : 1;
	return (a->slot > b->slot) - (a->slot < b->slot);
}

/*
 * Gathers every interviewer named in a panel, by the slug of the name:
 * the name and e-mail are the first given, in candidate order. Sorted,
 * not searched, so that thousands of names cost no more than a sort.
 */
static void
build_interviewers(struct model *m)
{
	struct buf	 slug = BUF_INIT;
	struct mention	*ms = NULL;
	size_t		 i, j, k, n = 0, cap = 0;

	for (i = 0; i < m->n_cands; i++)
		for (j = 0; j < m->cands[i].n_slots; j++) {
			const char *name = m->cands[i].slots[j].cs->interviewer;

			if (name == NULL || *name == '\0')
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				ms = xreallocarray(ms, cap, sizeof(*ms));
			}
			buf_reset(&slug);
			markdown_slug(&slug, name, strlen(name));
			ms[n].slug = arena_strdup(m->a, buf_cstr(&slug));
			ms[n].cand = i;
			ms[n++].slot = j;
		}
	if (n > 1)
		qsort(ms, n, sizeof(*ms), cmp_mentions);
	if (n > 0)
		m->ivs = xreallocarray(NULL, n, sizeof(*m->ivs));
	for (i = 0; i < n; i = j) {
		struct interviewer *iv;

		for (j = i + 1; j < n && strcmp(ms[j].slug, ms[i].slug) == 0; j++)
			;
		iv = &m->ivs[m->n_ivs++];
		memset(iv, 0, sizeof(*iv));
		iv->slug = ms[i].slug;
		iv->name = m->cands[ms[i].cand].slots[ms[i].slot].cs->interviewer;
		iv->slots = xreallocarray(NULL, j - i, sizeof(*iv->slots));
		for (k = i; k < j; k++) {
			const struct cand_slot *cs =
			    m->cands[ms[k].cand].slots[ms[k].slot].cs;

			if (iv->email == NULL)
				iv->email = cs->email;
			iv->slots[iv->n_slots].cand = ms[k].cand;
			iv->slots[iv->n_slots++].slot = ms[k].slot;
		}
	}
	free(ms);
	buf_free(&slug);
	/* Gathered by the whole slug; a long one is cut for its folder. */
	for (k = 0; k < m->n_ivs; k++)
		m->ivs[k].slug = folder_name(m->a, m->ivs[k].slug);
	if (m->n_ivs > 1)
		qsort(m->ivs, m->n_ivs, sizeof(*m->ivs), cmp_ivs);
	sort_model = m;
	for (k = 0; k < m->n_ivs; k++) {
		struct interviewer *iv = &m->ivs[k];

		if (iv->n_slots > 1)
			qsort(iv->slots, iv->n_slots, sizeof(*iv->slots),
			    cmp_refs);
		for (j = 0; j < iv->n_slots; j++)
			m->cands[iv->slots[j].cand].slots[iv->slots[j].slot]
			    .interviewer = (long)k;
	}
	sort_model = NULL;
}

/*
 * Builds the model of the loaded site s; with public_only, candidates
 * are left out and so are guides that are not public.
 * Returns 0, or -1 after reporting every problem found.
 */
int
model_build(struct model *m, struct site *s, int public_only)
{
	int	 rc = 0;
	size_t	 i, j;

	memset(m, 0, sizeof(*m));
	m->site = s;
	m->a = arena_new();
	m->public_only = public_only;
	if (build_guides(m) != 0)
		rc = -1;
	/* A public build does not read candidates at all. */
	if (!public_only && build_cands(m) != 0)
		rc = -1;
	if (public_only) {
		for (i = j = 0; i < m->n_guides; i++)
			if (m->guides[i].is_public)
				m->guides[j++] = m->guides[i];
		m->n_guides = j;
	}
	build_interviewers(m);
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
	arena_free(m->a);
	memset(m, 0, sizeof(*m));
}
