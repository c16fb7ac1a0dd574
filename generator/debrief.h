/*
 * debrief.h: from the scores given to a candidate, the per-session and
 * weighted averages, the minimums missed, and the recommendation that the
 * guide's decision rules and pass mark give, with the rule that decided.
 */
#ifndef KITGEN_DEBRIEF_H
#define KITGEN_DEBRIEF_H

#include <stddef.h>

struct arena;

struct db_rule {
	const char	*label;
	double		 min_average;	/* < 0: no threshold */
	double		 min_each;	/* < 0: no threshold */
};

struct db_score {
	const char	*criterion;
	double		 rating;
	double		 weight;	/* fraction; < 0 when not given */
	double		 min_score;	/* < 0 when not given */
};

struct db_session {
	const char	*title;
	const struct db_score *scores;
	size_t		 n_scores;
	double		 weight;	/* of the whole, fraction; < 0: none */
	double		 min_score;	/* minimum average; < 0: none */
};

struct db_missed {
	size_t		 session;
	const char	*criterion;	/* NULL: the session's average */
	double		 score, min_score;
};

/* Why a result decided as it did (debrief_reason says it). */
enum db_why {
	DB_NOT_SCORED,		/* no score given */
	DB_RULE_BOTH,		/* a rule's average and minimum (a, b) met */
	DB_RULE_AVERAGE,	/* a rule's average (a) met */
	DB_RULE_EACH,		/* a rule's minimum (b) met */
	DB_BELOW_PASS,		/* the average is below the pass mark (a) */
	DB_MISSED,		/* minimum scores missed */
	DB_NO_OTHER,		/* no rule met: the fallback */
	DB_NO_RULES		/* the guide states no rules */
};

struct db_result {
	double		*averages;	/* per session; < 0 when not scored */
	double		 weighted;	/* the weighted average; < 0: none */
	double		 lowest;	/* the lowest single rating */
	int		 weights_used;	/* session weights were applied */
	struct db_missed *missed;
	size_t		 n_missed;
	long		 decided;	/* index in the rules, or -1 */
	const char	*label;		/* the recommendation */
	enum db_why	 why;		/* why: debrief_reason */
	double		 why_a, why_b;	/* the thresholds it names */
	int		 passes_mark;	/* 1 met, 0 not met, -1 no mark */
};

void	 debrief_compute(const struct db_session *, size_t,
	     const struct db_rule *, size_t, double pass_mark,
	     struct db_result *);
void	 debrief_free(struct db_result *);
const char *debrief_reason(const struct db_result *, struct arena *);

#endif
