/*
 * debrief.c: the arithmetic of a debrief.
 *
 * A session's average weighs its criteria by their rubric weights when
 * every scored criterion has one, else equally. The overall average
 * weighs scored sessions by their weights (the guide's criteria table)
 * when every scored session has one, else equally; weights are
 * renormalised over what was scored. The rules are tried in order: the
 * first whose thresholds hold decides. A rule with no threshold is the
 * fallback ("No Hire: anything else"). An average below the pass mark,
 * or a minimum missed, rules out every rule with a threshold.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "debrief.h"
#include "xalloc.h"

static void
miss(struct db_result *r, size_t s, const char *crit, double score,
    double min)
{
	r->missed = xreallocarray(r->missed, r->n_missed + 1,
	    sizeof(*r->missed));
	r->missed[r->n_missed].session = s;
	r->missed[r->n_missed].criterion = crit;
	r->missed[r->n_missed].score = score;
	r->missed[r->n_missed].min_score = min;
	r->n_missed++;
}

static double
session_average(const struct db_session *s)
{
	double	 sum = 0, wsum = 0;
	size_t	 i;
	int	 weighted = 1;

	for (i = 0; i < s->n_scores; i++)
		if (s->scores[i].weight <= 0)
			weighted = 0;
	for (i = 0; i < s->n_scores; i++) {
		double w = weighted ? s->scores[i].weight : 1;

		sum += s->scores[i].rating * w;
		wsum += w;
	}
	return wsum > 0 ? sum / wsum : -1;
}

/* Notes why r decided as it did, with the numbers the reason shows. */
static void
say(struct db_result *r, enum db_why why, double a, double b)
{
	r->why = why;
	r->why_a = a;
	r->why_b = b;
}

/*
 * Returns why r decided as it did, in a sentence, in arena ar: made
 * only for the pages that show it, as printf makes numbers slowly.
 */
const char *
debrief_reason(const struct db_result *r, struct arena *ar)
{
	double	 avg = r->weighted;

	switch (r->why) {
	case DB_NOT_SCORED:
		return "No scores have been given yet.";
	case DB_RULE_BOTH:
		return arena_printf(ar, "The weighted average %.2f is at "
		    "least %g and no score is below %g, so the rule \"%s\" "
		    "applies.", avg, r->why_a, r->why_b, r->label);
	case DB_RULE_AVERAGE:
		return arena_printf(ar, "The weighted average %.2f is at "
		    "least %g, so the rule \"%s\" applies.", avg, r->why_a,
		    r->label);
	case DB_RULE_EACH:
		return arena_printf(ar, "No score is below %g, so the rule "
		    "\"%s\" applies.", r->why_b, r->label);
	case DB_BELOW_PASS:
		return arena_printf(ar, "The weighted average %.2f is below "
		    "the pass mark of %g, so the rule \"%s\" applies.", avg,
		    r->why_a, r->label);
	case DB_MISSED:
		return arena_printf(ar, "%zu minimum score%s %s missed, so the "
		    "rule \"%s\" applies.", r->n_missed, r->n_missed == 1 ?
		    "" : "s", r->n_missed == 1 ? "was" : "were", r->label);
	case DB_NO_OTHER:
		return arena_printf(ar, "The weighted average %.2f (lowest "
		    "score %g) meets no other rule, so the rule \"%s\" "
		    "applies.", avg, r->lowest, r->label);
	case DB_NO_RULES:
		return arena_printf(ar, "The guide states no decision rules; "
		    "the weighted average is %.2f.", avg);
	}
	return NULL;
}

/*
 * Fills r from the scored sessions ss, the rules in order, and the pass
 * mark (< 0 when the guide has none). Free r with debrief_free.
 */
void
debrief_compute(const struct db_session *ss, size_t n,
    const struct db_rule *rules, size_t n_rules, double pass_mark,
    struct db_result *r)
{
	double	 sum = 0, wsum = 0, avg;
	size_t	 i, j, scored = 0;
	int	 weighted = 1;
	const struct db_rule *fallback = NULL;

	memset(r, 0, sizeof(*r));
	r->averages = xcalloc(n ? n : 1, sizeof(double));
	r->weighted = -1;
	r->lowest = -1;
	r->decided = -1;
	r->passes_mark = -1;
	for (i = 0; i < n; i++) {
		r->averages[i] = session_average(&ss[i]);
		if (r->averages[i] < 0)
			continue;
		scored++;
		if (ss[i].weight <= 0)
			weighted = 0;
		for (j = 0; j < ss[i].n_scores; j++) {
			const struct db_score *sc = &ss[i].scores[j];

			if (r->lowest < 0 || sc->rating < r->lowest)
				r->lowest = sc->rating;
			if (sc->min_score >= 0 && sc->rating < sc->min_score)
				miss(r, i, sc->criterion, sc->rating,
				    sc->min_score);
		}
		if (ss[i].min_score >= 0 && r->averages[i] < ss[i].min_score)
			miss(r, i, NULL, r->averages[i], ss[i].min_score);
	}
	if (scored == 0) {
		r->label = "Not scored";
		say(r, DB_NOT_SCORED, 0, 0);
		return;
	}
	r->weights_used = weighted;
	for (i = 0; i < n; i++) {
		if (r->averages[i] < 0)
			continue;
		sum += r->averages[i] * (weighted ? ss[i].weight : 1);
		wsum += weighted ? ss[i].weight : 1;
	}
	r->weighted = avg = sum / wsum;
	if (pass_mark >= 0)
		r->passes_mark = avg + 1e-9 >= pass_mark;

	for (i = 0; i < n_rules; i++) {
		const struct db_rule *rl = &rules[i];

		if (rl->min_average < 0 && rl->min_each < 0) {
			if (fallback == NULL)
				fallback = rl;
			continue;
		}
		if (r->passes_mark == 0 || r->n_missed > 0)
			continue;
		if (rl->min_average >= 0 && avg + 1e-9 < rl->min_average)
			continue;
		if (rl->min_each >= 0 && r->lowest + 1e-9 < rl->min_each)
			continue;
		r->decided = (long)i;
		r->label = rl->label;
		if (rl->min_average >= 0 && rl->min_each >= 0)
			say(r, DB_RULE_BOTH, rl->min_average, rl->min_each);
		else if (rl->min_average >= 0)
			say(r, DB_RULE_AVERAGE, rl->min_average, 0);
		else
			say(r, DB_RULE_EACH, 0, rl->min_each);
		return;
	}
	if (fallback != NULL) {
		r->decided = (long)(fallback - rules);
		r->label = fallback->label;
	} else if (n_rules > 0) {
		r->decided = (long)n_rules - 1;
		r->label = rules[n_rules - 1].label;
	} else
		r->label = "No decision rules";
	if (r->passes_mark == 0)
		say(r, DB_BELOW_PASS, pass_mark, 0);
	else if (r->n_missed > 0)
		say(r, DB_MISSED, 0, 0);
	else if (n_rules > 0)
		say(r, DB_NO_OTHER, 0, 0);
	else
		say(r, DB_NO_RULES, 0, 0);
}

void
debrief_free(struct db_result *r)
{
	if (r == NULL)
		return;
	free(r->averages);
	free(r->missed);
	memset(r, 0, sizeof(*r));
}
