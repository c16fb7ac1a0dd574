/*
 * outline_check.c: what a careful reader of a guide would point out,
 * each as a warning at file:line: sessions that do not add up to the
 * total the guide states, a session without a rubric when others have
 * one, decision rules that overlap or leave a gap, weights that do not
 * add up to 100%, and text that looks like mojibake. outline, check and
 * build all report through here.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "diag.h"
#include "duration.h"
#include "mojibake.h"
#include "outline.h"
#include "value.h"

/* Weights may be off by this much (rounding in the guide). */
#define WEIGHT_SLACK	0.005
/* Decision bands written to one decimal leave 0.1 between them. */
#define BAND_SLACK	0.1001

/* Warns when the sessions cannot add up to the total the guide states. */
static void
check_total(const struct outline *ol)
{
	const struct minutes *s = &ol->stated_total, *t = &ol->total_minutes;
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	size_t		 i, unknown = 0;

	if (!s->known || ol->n_sessions == 0 || !t->known)
		return;
	for (i = 0; i < ol->n_sessions; i++)
		unknown += !ol->sessions[i].minutes.known;
	/*
	 * Sessions without a duration can only make the total longer;
	 * breaks may or may not be in the total a guide states.
	 */
	if (unknown == 0 ? ((t->max >= s->min && t->min <= s->max) ||
	    (t->max + ol->breaks.max >= s->min && t->min + ol->breaks.min <=
	    s->max)) : t->min <= s->max)
		return;
	duration_format(&a, t);
	duration_format(&b, s);
	diag_warning(ol->source, ol->stated_total_line, 0, "the sessions add "
	    "up to %s%s, but the guide states a total of %s", buf_cstr(&a),
	    unknown ? " (not counting those without a duration)" : "",
	    buf_cstr(&b));
	buf_free(&a);
	buf_free(&b);
}

/* Warns about each session without a rubric when others have one. */
static void
check_rubrics(const struct outline *ol)
{
	size_t	 i, with = 0;

	for (i = 0; i < ol->n_sessions; i++)
		with += ol->sessions[i].n_rubric > 0;
	if (with == 0)
		return;
	for (i = 0; i < ol->n_sessions; i++)
		if (ol->sessions[i].n_rubric == 0)
			diag_warning(ol->source, ol->sessions[i].line, 0,
			    "session '%s' has no rubric, though %zu other "
			    "session%s %s one", ol->sessions[i].title, with,
			    with == 1 ? "" : "s", with == 1 ? "has" : "have");
}

/*
 * Warns when the weights given in list do not add up to 100%: those of
 * the guide's criteria, or of the rubric of the session titled title.
 */
static void
check_weights(const char *file, unsigned line, const char *title,
    const struct ol_criterion *c, size_t n)
{
	double	 sum = 0;
	size_t	 i, given = 0;
	struct buf b = BUF_INIT, what = BUF_INIT;

	for (i = 0; i < n; i++)
		if (OL_HAS(c[i].weight)) {
			sum += c[i].weight;
			given++;
		}
	if (given == 0 || fabs(sum - 1) <= WEIGHT_SLACK)
		return;
	/* Named only here: most weights add up. */
	if (title != NULL)
		buf_printf(&what, "the rubric of '%s'", title);
	else
		buf_puts(&what, "the criteria");
	value_put_number(&b, round(sum * 1000) / 10);
	diag_warning(file, line ? line : c[0].line, 0, "the weights of %s add "
	    "up to %s%%, not 100%%%s", buf_cstr(&what), buf_cstr(&b),
	    given < n ? " (some have no weight)" : "");
	buf_free(&what);
	buf_free(&b);
}

struct band {
	double		 lo, hi;
	const struct ol_rule *r;
};

/* Orders bands by their lower end (qsort). */
static int
by_lo(const void *x, const void *y)
{
	const struct band *a = x, *b = y;

	return a->lo < b->lo ? -1 : a->lo > b->lo ? 1 : 0;
}

/*
 * Warns when decision rules overlap (two bands of averages that share
 * more than an end, or two rules alike) or leave averages on the scale
 * that no rule decides (unless a rule without numbers takes the rest).
 */
static void
check_decision(const struct outline *ol)
{
	struct band	*bands;
	double		 lo = 1, hi = 5, reach;
	size_t		 i, j, n = 0;
	int		 catch_all = 0;
	struct buf	 x = BUF_INIT, y = BUF_INIT;

	if (ol->n_decision == 0)
		return;
	for (i = 0; i < ol->n_scale; i++) {
		if (i == 0 || ol->scale[i].score < lo)
			lo = ol->scale[i].score;
		if (i == 0 || ol->scale[i].score > hi)
			hi = ol->scale[i].score;
	}
	bands = calloc(ol->n_decision, sizeof(*bands));
	if (bands == NULL)
		return;
	for (i = 0; i < ol->n_decision; i++) {
		const struct ol_rule *r = &ol->decision[i];

		if (!OL_HAS(r->min_average) && !OL_HAS(r->max_average)) {
			catch_all |= !OL_HAS(r->min_each);
			continue;
		}
		bands[n].lo = OL_HAS(r->min_average) ? r->min_average : lo;
		bands[n].hi = OL_HAS(r->max_average) ? r->max_average : hi;
		bands[n].r = r;
		n++;
	}
	/* Two closed bands sharing more than an end: which one applies? */
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			const struct ol_rule *a = bands[i].r, *b = bands[j].r;
			double	 from = fmax(bands[i].lo, bands[j].lo);
			double	 to = fmin(bands[i].hi, bands[j].hi);
			int	 same = a->min_average == b->min_average &&
			    a->max_average == b->max_average &&
			    a->min_each == b->min_each;

			if (!same && !(OL_HAS(a->min_average) &&
			    OL_HAS(a->max_average) && OL_HAS(b->min_average) &&
			    OL_HAS(b->max_average) && to - from > 1e-9))
				continue;
			buf_reset(&x);
			buf_reset(&y);
			value_put_number(&x, from);
			value_put_number(&y, to);
			diag_warning(ol->source, b->line, 0, "decision rules "
			    "'%s' (line %u) and '%s' overlap for averages from "
			    "%s to %s", a->label, a->line, b->label,
			    buf_cstr(&x), buf_cstr(&y));
		}
	if (n > 0 && !catch_all) {
		qsort(bands, n, sizeof(*bands), by_lo);
		reach = lo;
		for (i = 0; i <= n; i++) {
			double	 next = i < n ? bands[i].lo : hi;

			if (next - reach > BAND_SLACK || (i == n &&
			    reach < hi && hi - reach > BAND_SLACK)) {
				buf_reset(&x);
				buf_reset(&y);
				value_put_number(&x, reach);
				value_put_number(&y, next);
				diag_warning(ol->source, ol->decision_line, 0,
				    "the decision rules leave averages from %s "
				    "to %s without a decision", buf_cstr(&x),
				    buf_cstr(&y));
				break;
			}
			if (i < n && bands[i].hi > reach)
				reach = bands[i].hi;
		}
	}
	free(bands);
	buf_free(&x);
	buf_free(&y);
}

/* Mojibake in the front matter's keys and strings. */
static void
check_value(const char *file, const struct value *v)
{
	size_t	 i;

	if (v == NULL)
		return;
	switch (v->type) {
	case VALUE_STRING:
		mojibake_report(file, v->u.str.ptr, v->u.str.len, v->line,
		    v->col);
		break;
	case VALUE_SEQ:
		for (i = 0; i < v->u.seq.len; i++)
			check_value(file, v->u.seq.items[i]);
		break;
	case VALUE_MAP:
		for (i = 0; i < v->u.map.len; i++) {
			check_value(file, v->u.map.pairs[i].key);
			check_value(file, v->u.map.pairs[i].val);
		}
		break;
	default:
		break;
	}
}

/* Reports every warning about the outline, each at its file:line. */
void
outline_warn(const struct outline *ol)
{
	size_t	 i;

	for (i = 0; i < ol->n_notes; i++)
		diag_warning(ol->source, ol->notes[i].line, 0, "%s",
		    ol->notes[i].msg);
	check_total(ol);
	check_rubrics(ol);
	check_decision(ol);
	if (ol->n_criteria > 0)
		check_weights(ol->source, ol->criteria_line, NULL,
		    ol->criteria, ol->n_criteria);
	for (i = 0; i < ol->n_sessions; i++) {
		const struct ol_session *s = &ol->sessions[i];

		if (s->n_rubric > 0)
			check_weights(ol->source, s->rubric_line, s->title,
			    s->rubric, s->n_rubric);
	}
	check_value(ol->source, ol->front_matter);
	if (ol->body != NULL)
		mojibake_report(ol->source, ol->body, ol->body_len,
		    ol->body_line, 1);
}
