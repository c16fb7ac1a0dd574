/*
 * model_scores.c: the scores given to a candidate, checked against the
 * guide (sessions, criteria, the rating scale), and the debrief they
 * make.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "diag.h"
#include "model.h"
#include "model_int.h"
#include "value.h"

/* Decision rules for guides that state none. */
static const struct db_rule default_rules[] = {
	{ "Strong Yes", 4.5, 4 },
	{ "Yes", 3.5, 3 },
	{ "No", 2.5, -1 },
	{ "Strong No", -1, -1 },
};

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
		if (model_same_name(s->rubric[i].name, name))
			return &s->rubric[i];
	if (s->n_rubric == 0)
		for (i = 0; i < ol->n_criteria; i++)
			if (model_same_name(ol->criteria[i].name, name))
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
		if (model_same_name(ol->criteria[i].name, s->title) ||
		    model_same_name(ol->criteria[i].name, s->id))
			return &ol->criteria[i];
	return NULL;
}

/*
 * Sets the decision rules of each guide of m that states some, in m's
 * arena: every candidate of the guide shares them.
 */
void
model_guide_rules(struct model *m)
{
	size_t	 i, j;

	for (i = 0; i < m->n_guides; i++) {
		const struct outline *ol = &m->guides[i].ol;
		struct db_rule *r;

		m->guides[i].rules = NULL;
		if (ol->n_decision == 0)
			continue;
		r = arena_zalloc(m->a, ol->n_decision * sizeof(*r));
		for (j = 0; j < ol->n_decision; j++) {
			r[j].label = ol->decision[j].label;
			r[j].min_average = ol->decision[j].min_average;
			r[j].min_each = ol->decision[j].min_each;
		}
		m->guides[i].rules = r;
	}
}

/*
 * Checks the scores of candidate c and computes its debrief.
 * Returns 0, or -1 after reporting every problem.
 */
int
model_check_scores(struct arena *a, struct arena *scratch,
    struct name_memo *memo, struct cand *c)
{
	const struct outline *ol = &c->g->ol;
	struct buf	 b = BUF_INIT;
	const struct cand_scores **given;
	struct name_memo *e;
	size_t		 i, j, k, idx;
	int		 lo, hi, rc = 0, hit;

	if (c->g->rules != NULL) {
		c->rules = c->g->rules;
		c->n_rules = ol->n_decision;
	} else {
		c->rules = default_rules;
		c->n_rules = sizeof(default_rules) / sizeof(default_rules[0]);
	}
	c->scored = 0;
	/* Most candidates of a site are not scored yet. */
	if (c->c.n_scores == 0)
		return 0;
	scale_range(ol, &lo, &hi);
	given = arena_zalloc(scratch, (ol->n_sessions + 1) * sizeof(*given));
	for (i = 0; i < c->c.n_scores; i++) {
		const struct cand_scores *cs = &c->c.scores[i];
		const struct ol_session *s;

		e = model_memo(memo, ol, cs->session_ref, &hit);
		if (!hit)
			e->found = model_find_session(ol, cs->session_ref,
			    &e->idx);
		s = e->found;
		idx = e->idx;
		if (s == NULL) {
			buf_reset(&b);
			model_list_sessions(&b, ol);
			diag_error(c->c.path, cs->session.line, cs->session.col,
			    "scores for unknown session '%s' of guide '%s' (%s)",
			    cs->session_ref, c->g->id, buf_cstr(&b));
			rc = -1;
			continue;
		}
		if (given[idx] != NULL) {
			diag_error(c->c.path, cs->session.line, cs->session.col,
			    "scores for session '%s' are given twice", s->title);
			rc = -1;
			continue;
		}
		given[idx] = cs;
		for (j = 0; j < cs->n_scores; j++) {
			const struct cand_score *sc = &cs->scores[j];

			e = model_memo(memo, s, sc->criterion, &hit);
			if (!hit)
				e->found = find_criterion(ol, s, sc->criterion);
			if (e->found == NULL) {
				buf_reset(&b);
				list_criteria(&b, ol, s);
				diag_error(c->c.path, sc->node.line, sc->node.col,
				    "unknown criterion '%s' for session '%s' (%s)",
				    sc->criterion, s->title, buf_cstr(&b));
				rc = -1;
			}
			if (sc->rating < lo || sc->rating > hi) {
				diag_error(c->c.path, sc->node.line, sc->node.col,
				    "the rating %g of '%s' is outside the scale "
				    "%d-%d", sc->rating, sc->criterion, lo, hi);
				rc = -1;
			}
		}
		if (cs->recommendation != NULL) {
			for (k = 0; k < recommendation_count(c); k++)
				if (model_same_name(recommendation_label(c, k),
				    cs->recommendation))
					break;
			if (k == recommendation_count(c))
				diag_warning(c->c.path,
				    cs->recommendation_node.line,
				    cs->recommendation_node.col, "the "
				    "recommendation '%s' is not one of the "
				    "guide's decisions", cs->recommendation);
		}
	}
	buf_free(&b);
	if (rc != 0)
		return rc;

	/* The debrief: scored sessions in the guide's order. */
	c->db_sessions = arena_zalloc(a, (ol->n_sessions + 1) *
	    sizeof(*c->db_sessions));
	c->db_session_of = arena_zalloc(a, (ol->n_sessions + 1) *
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
		sc = arena_zalloc(a, cs->n_scores * sizeof(*sc));
		for (j = 0; j < cs->n_scores; j++) {
			const struct ol_criterion *cr;

			e = model_memo(memo, s, cs->scores[j].criterion, &hit);
			if (!hit)
				e->found = find_criterion(ol, s,
				    cs->scores[j].criterion);
			cr = e->found;

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
	c->scored = c->n_db_sessions > 0;
	if (c->scored)
		debrief_compute(c->db_sessions, c->n_db_sessions, c->rules,
		    c->n_rules, ol->pass_mark, &c->db);
	return 0;
}
