/*
 * context.c: the template context of every page type.
 *
 * Logic-less templates get everything precomputed: labels, clock times,
 * rating boxes, has_* flags for lists, and links relative to the page
 * (page.root leads back to the site's root). Every documented key is
 * always present (null when there is nothing), so a template typo is a
 * warning and a missing value is not.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buffer.h"
#include "context.h"
#include "context_int.h"
#include "load.h"
#include "model.h"
#include "value.h"

static const char *
weight_label(struct cx *x, double w)
{
	return OL_HAS(w) ? label_g(x->a, w * 100 + 0.0, "%") : NULL;
}

static const char *
number_label(struct cx *x, double d)
{
	return OL_HAS(d) ? label_g(x->a, d, "") : NULL;
}

static struct value *
site_value(struct cx *x)
{
	const struct config *c = &x->m->site->cfg;
	struct value	*v = value_new_map(x->a);

	set_str(x, v, "title", c->title);
	set_str(x, v, "organisation", *c->organisation != '\0' ?
	    c->organisation : NULL);
	set_str(x, v, "language", c->language);
	set_str(x, v, "base_url", c->base_url);
	set_str(x, v, "version", KITGEN_VERSION);
	set_bool(x, v, "public", x->m->public_only);
	return v;
}

static void
crumb(struct cx *x, struct value *seq, const char *title, const char *target)
{
	struct value	*c = value_new_map(x->a);

	set_str(x, c, "title", title);
	set_str(x, c, "href", target != NULL ? href(x, target) : NULL);
	value_seq_push(x->a, seq, c);
}

static struct value *
page_value(struct cx *x, enum page_kind k, const char *path,
    const char *title, struct value *crumbs)
{
	struct value	*v = value_new_map(x->a);
	static const char *const types[] = { "index", "guide", "packet",
	    "cheatsheet", "scorecard", "print", "debrief", "interviewer",
	    "calendar" };

	set_str(x, v, "title", title);
	set_str(x, v, "type", types[k]);
	set_str(x, v, "path", path);
	set_str(x, v, "root", x->root);
	set_list(x, v, "breadcrumbs", crumbs);
	return v;
}

/* The heading id of the session's heading, for links into the guide. */
static const char *
session_anchor(const struct guide *g, const struct ol_session *s)
{
	size_t	 i;

	for (i = 0; i < g->md.n_toc; i++)
		if (g->md.toc[i].line == s->line)
			return g->md.toc[i].id;
	return "session-summary";
}

static struct value *
criteria_value(struct cx *x, const struct ol_criterion *c, size_t n)
{
	struct value	*seq = value_new_seq(x->a), *v;
	size_t		 i;

	for (i = 0; i < n; i++) {
		v = value_new_map(x->a);
		set_str(x, v, "name", c[i].name);
		set_str(x, v, "description", c[i].description);
		set_str(x, v, "weight_label", weight_label(x, c[i].weight));
		set_str(x, v, "min_score", number_label(x, c[i].min_score));
		value_seq_push(x->a, seq, v);
	}
	return seq;
}

static struct value *
scale_value(struct cx *x, const struct outline *ol)
{
	struct value	*seq = value_new_seq(x->a), *v;
	size_t		 i;

	for (i = 0; i < ol->n_scale; i++) {
		v = value_new_map(x->a);
		set_int(x, v, "score", ol->scale[i].score);
		set_str(x, v, "label", ol->scale[i].label);
		set_str(x, v, "description", ol->scale[i].description);
		value_seq_push(x->a, seq, v);
	}
	return seq;
}

/*
 * A session as the cheat-sheet and scorecard see it; start is the slot's
 * start in minutes (-1: unknown), for the segments' clock times.
 */
static struct value *
session_value(struct cx *x, const struct guide *g, const struct ol_session *s,
    int start)
{
	struct value	*v = value_new_map(x->a), *seq, *q, *flags;
	size_t		 i;
	int		 at = 0;

	set_str(x, v, "id", s->id);
	set_str(x, v, "title", s->title);
	set_str(x, v, "anchor", session_anchor(g, s));
	set_str(x, v, "minutes_label", label_minutes(x->a, &s->minutes));
	set_str(x, v, "interviewer", s->interviewer);
	set_str(x, v, "focus", s->focus);
	set_str(x, v, "location", s->location);
	set_int(x, v, "question_count", (long long)s->n_questions);
	set_int(x, v, "rubric_count", (long long)s->n_rubric);
	set_int(x, v, "segment_count", (long long)s->n_segments);

	seq = value_new_seq(x->a);
	for (i = 0; i < s->n_segments; i++) {
		const struct ol_segment *sg = &s->segments[i];
		int len = sg->minutes.known ? (int)sg->minutes.min : 0;

		q = value_new_map(x->a);
		set_str(x, q, "title", sg->title);
		set_str(x, q, "minutes_label",
		    label_minutes(x->a, &sg->minutes));
		if (start >= 0) {
			set_str(x, q, "start", label_clock(x->a, start + at));
			set_str(x, q, "end",
			    label_clock(x->a, start + at + len));
		} else {
			set_str(x, q, "start", label_offset(x->a, at));
			set_str(x, q, "end", label_offset(x->a, at + len));
		}
		at += len;
		value_seq_push(x->a, seq, q);
	}
	set_list(x, v, "segments", seq);

	seq = value_new_seq(x->a);
	for (i = 0; i < s->n_questions; i++) {
		q = value_new_map(x->a);
		set_str(x, q, "text", s->questions[i].text);
		set_list(x, q, "probes", strings(x, s->questions[i].probes,
		    s->questions[i].n_probes));
		value_seq_push(x->a, seq, q);
	}
	set_list(x, v, "questions", seq);

	flags = value_new_map(x->a);
	set_list(x, flags, "green", strings(x, s->green, s->n_green));
	set_list(x, flags, "red", strings(x, s->red, s->n_red));
	set(x, v, "flags", flags);
	set_bool(x, v, "has_flags", s->n_green + s->n_red > 0);
	set_list(x, v, "rubric", criteria_value(x, s->rubric, s->n_rubric));
	return v;
}

static struct value *
slot_value(struct cx *x, const struct cand *c, const struct slot *s)
{
	struct value	*v = value_new_map(x->a);
	const char	*dir = cand_dir(x, c);

	set_str(x, v, "session_id", s->dir);
	set_str(x, v, "session_title", s->session->title);
	set_str(x, v, "start", s->start >= 0 ?
	    label_clock(x->a, s->start) : NULL);
	set_str(x, v, "end", s->end >= 0 ? label_clock(x->a, s->end) : NULL);
	set_str(x, v, "time_label", time_label(x, s));
	set_str(x, v, "minutes_label",
	    label_minutes(x->a, &s->session->minutes));
	set_str(x, v, "interviewer", s->cs->interviewer != NULL ?
	    s->cs->interviewer : "To be confirmed");
	set_str(x, v, "email", s->cs->email);
	set_str(x, v, "room", s->cs->room);
	set_str(x, v, "focus_html", s->focus_html);
	set_list(x, v, "probes", strings(x, s->cs->probes, s->cs->n_probes));
	set_bool(x, v, "has_notes", s->focus_html != NULL ||
	    s->cs->n_probes > 0);
	set_str(x, v, "cheatsheet_href", href(x, arena_cat(x->a, dir,
	    s->dir, "/cheatsheet.html", (char *)NULL)));
	set_str(x, v, "scorecard_href", href(x, arena_cat(x->a, dir,
	    s->dir, "/scorecard.html", (char *)NULL)));
	set_str(x, v, "interviewer_href", s->interviewer >= 0 ?
	    href(x, arena_cat(x->a, "interviewers/",
	    x->m->ivs[s->interviewer].slug, "/index.html", (char *)NULL)) : NULL);
	return v;
}

static struct value *
candidate_value(struct cx *x, const struct cand *c)
{
	struct value	*v = value_new_map(x->a), *links, *l;
	const char	*dir = cand_dir(x, c);
	size_t		 i;

	set_str(x, v, "id", c->c.id);
	set_str(x, v, "name", c->c.name);
	set_str(x, v, "role", c->c.role);
	set_str(x, v, "date", date_iso(x, &c->c));
	set_str(x, v, "date_label", date_label(x, &c->c));
	set_str(x, v, "timezone", c->c.timezone);
	set_str(x, v, "location", c->c.location);
	set_str(x, v, "summary_html", c->summary_html);
	links = value_new_seq(x->a);
	for (i = 0; i < c->c.n_links; i++) {
		l = value_new_map(x->a);
		set_str(x, l, "label", c->c.links[i].label);
		set_str(x, l, "url", c->c.links[i].url);
		value_seq_push(x->a, links, l);
	}
	set_list(x, v, "links", links);
	set_str(x, v, "guide_title", c->g->title);
	set_str(x, v, "guide_href", href(x, c->g->path));
	set_str(x, v, "href", href(x, arena_cat(x->a, dir, "index.html",
	    (char *)NULL)));
	set_str(x, v, "ics_href", href(x, arena_cat(x->a, dir, "schedule.ics",
	    (char *)NULL)));
	set_str(x, v, "print_href", href(x, arena_cat(x->a, dir, "print.html",
	    (char *)NULL)));
	set_bool(x, v, "has_debrief", c->scored);
	set_str(x, v, "debrief_href", c->scored ? href(x, arena_cat(x->a, dir,
	    "debrief.html", (char *)NULL)) : NULL);
	return v;
}

static struct value *
slots_value(struct cx *x, const struct cand *c)
{
	struct value	*seq = value_new_seq(x->a);
	size_t		 i;

	for (i = 0; i < c->n_slots; i++)
		value_seq_push(x->a, seq, slot_value(x, c, &c->slots[i]));
	return seq;
}

/* The scorecard's rows: the rubric, else the criteria table, else one. */
static void
scorecard_values(struct cx *x, const struct cand *c, const struct slot *s,
    struct value *into)
{
	const struct outline *ol = &c->g->ol;
	static const char *const labels[] = { "Poor", "Below", "Meets",
	    "Strong", "Exceptional" };
	static const struct ol_criterion overall = { "Overall", NULL,
	    OL_NONE, OL_NONE, 0 };
	const struct ol_criterion *crit = s->session->rubric;
	size_t		 n = s->session->n_rubric, i, j, k;
	struct value	*rows = value_new_seq(x->a), *boxes, *row, *b, *recs;
	int		 lo, hi, used[64] = { 0 };

	if (n == 0) {
		crit = ol->criteria;
		n = ol->n_criteria;
	}
	if (n == 0) {
		crit = &overall;
		n = 1;
	}
	/* Boxes from the lowest rating to the highest. */
	boxes = value_new_seq(x->a);
	if (ol->n_scale > 0) {
		for (k = 0; k < ol->n_scale && k < 64; k++) {
			for (i = 0, j = (size_t)-1; i < ol->n_scale && i < 64;
			    i++)
				if (!used[i] && (j == (size_t)-1 ||
				    ol->scale[i].score < ol->scale[j].score))
					j = i;
			used[j] = 1;
			b = value_new_map(x->a);
			set_int(x, b, "score", ol->scale[j].score);
			set_str(x, b, "label", ol->scale[j].label);
			value_seq_push(x->a, boxes, b);
		}
	} else {
		for (lo = 1, hi = 5; lo <= hi; lo++) {
			b = value_new_map(x->a);
			set_int(x, b, "score", lo);
			set_str(x, b, "label", labels[lo - 1]);
			value_seq_push(x->a, boxes, b);
		}
	}
	for (i = 0; i < n; i++) {
		row = value_new_map(x->a);
		set_str(x, row, "name", crit[i].name);
		set_str(x, row, "description", crit[i].description);
		set_str(x, row, "weight_label", weight_label(x, crit[i].weight));
		set_str(x, row, "min_score", number_label(x, crit[i].min_score));
		set(x, row, "boxes", boxes);
		value_seq_push(x->a, rows, row);
	}
	set(x, into, "rows", rows);
	recs = value_new_seq(x->a);
	for (i = 0; i < recommendation_count(c); i++) {
		b = value_new_map(x->a);
		set_str(x, b, "label", recommendation_label(c, i));
		value_seq_push(x->a, recs, b);
	}
	set(x, into, "recommendations", recs);
	set(x, into, "scale", scale_value(x, ol));
}

static void
guide_ctx(struct cx *x, struct value *ctx, const struct guide *g,
    const char *html)
{
	struct value	*v = value_new_map(x->a), *seq, *e, *tags;
	const struct value *t;
	size_t		 i;

	set_str(x, v, "id", g->id);
	set_str(x, v, "title", g->title);
	set_str(x, v, "role", g->role);
	set_str(x, v, "type", outline_type_name(g->ol.type));
	set_str(x, v, "type_label", type_label(g->ol.type));
	t = value_map_getc(g->doc->fm.meta, "version");
	set(x, v, "version", value_is_scalar(t) && t->type != VALUE_MAP ?
	    (struct value *)t : value_new(x->a, VALUE_NULL));
	set_str(x, v, "author", value_cstr(value_map_getc(g->doc->fm.meta,
	    "author")));
	tags = value_new_seq(x->a);
	t = value_map_getc(g->doc->fm.meta, "tags");
	if (t != NULL && t->type == VALUE_SEQ)
		for (i = 0; i < t->u.seq.len; i++)
			if (value_is_scalar(t->u.seq.items[i]))
				value_seq_push(x->a, tags, t->u.seq.items[i]);
	set_list(x, v, "tags", tags);
	set_str(x, v, "total_label", label_minutes(x->a, &g->ol.total_minutes));
	seq = value_new_seq(x->a);
	for (i = 0; i < g->md.n_toc; i++) {
		if (g->md.toc[i].level < 2 || g->md.toc[i].level > 3)
			continue;
		e = value_new_map(x->a);
		set_int(x, e, "level", g->md.toc[i].level);
		set_str(x, e, "text", g->md.toc[i].text);
		set_str(x, e, "id", g->md.toc[i].id);
		value_seq_push(x->a, seq, e);
	}
	set_list(x, v, "toc", seq);
	seq = value_new_seq(x->a);
	for (i = 0; i < g->ol.n_sessions; i++)
		value_seq_push(x->a, seq, session_value(x, g,
		    &g->ol.sessions[i], -1));
	set_list(x, v, "sessions", seq);
	set_int(x, v, "session_count", (long long)g->ol.n_sessions);
	set_list(x, v, "scale", scale_value(x, &g->ol));
	set_list(x, v, "criteria", criteria_value(x, g->ol.criteria,
	    g->ol.n_criteria));
	set_str(x, v, "pass_mark", number_label(x, g->ol.pass_mark));
	seq = value_new_seq(x->a);
	for (i = 0; i < g->ol.n_decision; i++) {
		e = value_new_map(x->a);
		set_str(x, e, "label", g->ol.decision[i].label);
		set_str(x, e, "description", g->ol.decision[i].description);
		value_seq_push(x->a, seq, e);
	}
	set_list(x, v, "decision", seq);
	set_str(x, v, "html", html != NULL ? html : model_guide_html(x->m, g,
	    x->a));
	set_str(x, v, "href", href(x, g->path));
	set(x, ctx, "guide", v);
}

static void
debrief_ctx(struct cx *x, struct value *ctx, const struct cand *c)
{
	const struct db_result *r = &c->db;
	struct value	*v = value_new_map(x->a), *dec, *seq, *e, *scores, *sc;
	const struct outline *ol = &c->g->ol;
	size_t		 i, j, k;

	dec = value_new_map(x->a);
	set_str(x, dec, "label", r->label);
	set_str(x, dec, "reason", debrief_reason(r, x->a));
	set(x, v, "decision", dec);
	set_str(x, v, "weighted_average_label", r->weighted >= 0 ?
	    arena_printf(x->a, "%.2f", r->weighted) : NULL);
	set_bool(x, v, "weights_used", r->weights_used);
	set_str(x, v, "pass_mark_label", number_label(x, ol->pass_mark));
	set_bool(x, v, "passes_mark", r->passes_mark == 1);
	set_str(x, v, "lowest_label", r->lowest >= 0 ? arena_printf(x->a,
	    "%g", r->lowest) : NULL);
	seq = value_new_seq(x->a);
	for (i = 0; i < r->n_missed; i++) {
		e = value_new_map(x->a);
		set_str(x, e, "what", r->missed[i].criterion != NULL ?
		    arena_printf(x->a, "%s: %s",
		    c->db_sessions[r->missed[i].session].title,
		    r->missed[i].criterion) : arena_printf(x->a,
		    "%s (average)", c->db_sessions[r->missed[i].session].title));
		set_str(x, e, "score", label_g(x->a, r->missed[i].score, ""));
		set_str(x, e, "min_score", label_g(x->a, r->missed[i].min_score,
		    ""));
		value_seq_push(x->a, seq, e);
	}
	set_list(x, v, "missed", seq);
	seq = value_new_seq(x->a);
	for (i = 0; i < c->n_rules; i++) {
		e = value_new_map(x->a);
		set_str(x, e, "label", c->rules[i].label);
		set_str(x, e, "description", ol->n_decision > 0 ?
		    ol->decision[i].description : NULL);
		set_bool(x, e, "decided", (long)i == r->decided);
		value_seq_push(x->a, seq, e);
	}
	set_list(x, v, "rules", seq);
	seq = value_new_seq(x->a);
	for (i = 0; i < ol->n_sessions; i++) {
		const struct ol_session *s = &ol->sessions[i];
		const struct db_session *ds = NULL;
		double avg = -1;
		const char *rec = NULL, *who = NULL;

		for (j = 0; j < c->n_db_sessions; j++)
			if (c->db_session_of[j] == s) {
				ds = &c->db_sessions[j];
				avg = r->averages[j];
			}
		for (j = 0; j < c->c.n_scores; j++)
			if (c->c.scores[j].recommendation != NULL &&
			    (strcmp(c->c.scores[j].session_ref, s->id) == 0 ||
			    strcasecmp(c->c.scores[j].session_ref, s->title) ==
			    0))
				rec = c->c.scores[j].recommendation;
		for (j = 0; j < c->n_slots; j++)
			if (c->slots[j].session == s && who == NULL)
				who = c->slots[j].cs->interviewer;
		if (ds == NULL && who == NULL)
			continue;
		e = value_new_map(x->a);
		set_str(x, e, "id", arena_cat(x->a, "session-", s->id, (char *)NULL));
		set_str(x, e, "title", s->title);
		set_str(x, e, "interviewer", who);
		set_str(x, e, "average_label", avg >= 0 ? arena_printf(x->a,
		    "%.2f", avg) : "not scored");
		set_str(x, e, "weight_label", ds != NULL ? weight_label(x,
		    ds->weight) : NULL);
		set_str(x, e, "min_score", ds != NULL ? number_label(x,
		    ds->min_score) : NULL);
		set_str(x, e, "recommendation", rec);
		scores = value_new_seq(x->a);
		for (j = 0; ds != NULL && j < ds->n_scores; j++) {
			const struct db_score *d = &ds->scores[j];
			const char *label = NULL;

			for (k = 0; k < ol->n_scale; k++)
				if (ol->scale[k].score == (int)d->rating &&
				    (double)(int)d->rating == d->rating)
					label = ol->scale[k].label;
			sc = value_new_map(x->a);
			set_str(x, sc, "criterion", d->criterion);
			set_str(x, sc, "score", label_g(x->a, d->rating, ""));
			set_str(x, sc, "label", label);
			set_str(x, sc, "weight_label", weight_label(x,
			    d->weight));
			set_str(x, sc, "min_score", number_label(x,
			    d->min_score));
			set_bool(x, sc, "below_min", OL_HAS(d->min_score) &&
			    d->rating < d->min_score);
			value_seq_push(x->a, scores, sc);
		}
		set_list(x, e, "scores", scores);
		value_seq_push(x->a, seq, e);
	}
	set(x, v, "sessions", seq);
	set(x, ctx, "debrief", v);
}

/* Returns the template that renders pages of kind k. */
const char *
page_template(enum page_kind k)
{
	static const char *const names[] = { "index", "guide", "packet",
	    "cheatsheet", "scorecard", "print", "debrief", "interviewer",
	    NULL };

	return names[k];
}

/*
 * Returns the context of the page at path, of kind k, about the guide,
 * candidate or interviewer at index a (and slot b); for a guide page,
 * guide g with body html when g is not NULL.
 */
static struct value *
page_ctx(struct arena *ar, const struct model *m, enum page_kind k,
    size_t a, size_t b, const char *path, const struct guide *g,
    const char *html)
{
	struct cx	 x;
	struct value	*ctx = value_new_map(ar), *crumbs, *parts, *part;
	struct buf	 root = BUF_INIT;
	const struct cand *c = NULL;
	const char	*title = NULL, *p;
	size_t		 i;

	for (p = path; *p != '\0'; p++)
		if (*p == '/')
			buf_puts(&root, "../");
	memset(&x, 0, sizeof(x));
	x.a = ar;
	x.m = m;
	x.yes = value_new_bool(ar, 1);
	x.no = value_new_bool(ar, 0);
	x.root = arena_strdup(ar, buf_cstr(&root));
	buf_free(&root);
	set(&x, ctx, "site", site_value(&x));
	crumbs = value_new_seq(ar);
	crumb(&x, crumbs, "Home", "index.html");

	switch (k) {
	case PAGE_INDEX:
		crumbs = value_new_seq(ar);
		title = m->site->cfg.title;
		cx_index(&x, ctx);
		break;
	case PAGE_GUIDE:
		if (g == NULL)
			g = &m->guides[a];
		title = g->title;
		crumb(&x, crumbs, title, NULL);
		guide_ctx(&x, ctx, g, html);
		break;
	case PAGE_INTERVIEWER:
		title = m->ivs[a].name;
		crumb(&x, crumbs, title, NULL);
		cx_interviewer(&x, ctx, &m->ivs[a]);
		break;
	default:
		c = &m->cands[a];
		set(&x, ctx, "candidate", candidate_value(&x, c));
		set_list(&x, ctx, "slots", slots_value(&x, c));
		if (k == PAGE_PACKET) {
			title = c->c.name;
			crumb(&x, crumbs, title, NULL);
			break;
		}
		crumb(&x, crumbs, c->c.name, arena_cat(ar, "candidates/",
		    c->c.id, "/index.html", (char *)NULL));
		if (k == PAGE_CHEATSHEET || k == PAGE_SCORECARD) {
			const struct slot *s = &c->slots[b];

			set(&x, ctx, "slot", slot_value(&x, c, s));
			set(&x, ctx, "session", session_value(&x, c->g,
			    s->session, s->start));
			if (k == PAGE_SCORECARD)
				scorecard_values(&x, c, s, ctx);
			title = arena_cat(ar, k == PAGE_CHEATSHEET ?
			    "Cheat-sheet: " : "Scorecard: ", s->session->title,
			    (char *)NULL);
		} else if (k == PAGE_PRINT) {
			parts = value_new_seq(ar);
			for (i = 0; i < c->n_slots; i++) {
				const struct slot *s = &c->slots[i];

				part = value_new_map(ar);
				set(&x, part, "slot", slot_value(&x, c, s));
				set(&x, part, "session", session_value(&x, c->g,
				    s->session, s->start));
				scorecard_values(&x, c, s, part);
				value_seq_push(ar, parts, part);
			}
			set_list(&x, ctx, "parts", parts);
			title = "Print the packet";
		} else if (k == PAGE_DEBRIEF) {
			debrief_ctx(&x, ctx, c);
			title = "Debrief";
		}
		crumb(&x, crumbs, title, NULL);
		break;
	}
	set(&x, ctx, "page", page_value(&x, k, path, title, crumbs));
	return ctx;
}

/*
 * Returns the context of the page at path, of kind k, about the guide,
 * candidate or interviewer at index a (and slot b).
 */
struct value *
context_page(struct arena *ar, const struct model *m, enum page_kind k,
    size_t a, size_t b, const char *path)
{
	return page_ctx(ar, m, k, a, b, path, NULL, NULL);
}

/*
 * Returns the context of guide g's page, whose body is html, for a guide
 * not yet in its place in the model.
 */
struct value *
context_guide(struct arena *ar, const struct model *m,
    const struct guide *g, const char *html)
{
	return page_ctx(ar, m, PAGE_GUIDE, 0, 0, g->path, g, html);
}
