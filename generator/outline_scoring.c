/*
 * outline_scoring.c: what a guide says about scoring as a whole: the
 * rating scale ("**5 - Exceptional**: ..."), the weighted criteria table
 * (Category | Weight | Min Score), the pass mark ("Minimum Total Score
 * for Offer: 3.5/5.0"), the decision rules ("**Strong Hire**: Average
 * score ≥4.5, no scores below 3"), and the total time it states.
 *
 * Guide-wide things are looked for outside the sessions first; a guide
 * that is one session keeps them inside it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buffer.h"
#include "duration.h"
#include "markdown.h"
#include "outline_int.h"

static const char *const decision_w[] = { "decision", "decisions",
	"recommendation", "recommendations", "outcome", "outcomes", "verdict",
	"hire no hire", "rules", "decision matrix", "final call", NULL };
static const char *const vocab_w[] = { "hire", "yes", "no", "maybe",
	"reject", "decline", "advance", "proceed", "offer", "pass", "fail",
	"hold", "accept", "recommend", "strong", "lean", "borderline",
	"move forward", "next round", "not", "mixed", "inclined", NULL };
static const char *const note_w[] = { "note", "notes", "tip", "tips",
	"important", "example", "remember", "reminder", NULL };
static const char *const strong_vocab_w[] = { "hire", "no hire",
	"strong yes", "strong no", "reject", "advance", "lean", NULL };

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Whether unit i is outside every session. */
static int
outside(struct ctx *c, long i)
{
	return c->in_session[i] < 0;
}

/* Splits bold text b: "5 - Exceptional" gives 5 and "Exceptional". */
static int
score_first(struct arena *a, const char *b, int *score, const char **rest)
{
	const char	*p = b;
	int		 v = 0;

	/* "Score 5 - ", "Level 4: " */
	if (strncasecmp(p, "score ", 6) == 0 || strncasecmp(p, "level ", 6) == 0)
		p += 6;
	else if (strncasecmp(p, "rating ", 7) == 0)
		p += 7;
	if (!is_digit((unsigned char)*p))
		return 0;
	/* Past 10 the level is refused anyway: no need to overflow. */
	while (is_digit((unsigned char)*p))
		if ((v = v * 10 + (*p++ - '0')) > 10)
			return 0;
	if (*p == '.' && is_digit((unsigned char)p[1]))
		return 0;
	if (*p == '/' && is_digit((unsigned char)p[1]))	/* "5/5" */
		for (p++; is_digit((unsigned char)*p); p++)
			;
	while (*p == ' ')
		p++;
	if (*p == '(') {
		/* "5 (Exceptional): ..." */
		const char *close = strchr(p, ')');

		if (close == NULL)
			return 0;
		*score = v;
		*rest = arena_printf(a, "%.*s%s", (int)(close - p - 1), p + 1,
		    close[1] == ':' || close[1] == ' ' ? ":" : "");
		if (close[1] != '\0')
			*rest = arena_printf(a, "%s %s", *rest, close + 1 +
			    (close[1] == ':'));
		*rest = ol_trim(a, *rest, strlen(*rest));
		return 1;
	}
	if (*p == '-' || *p == '=' || *p == ':' || *p == '.' || *p == ')' ||
	    *p == '|')
		p++;
	else if (strncmp(p, "\xE2\x80\x93", 3) == 0 ||
	    strncmp(p, "\xE2\x80\x94", 3) == 0)
		p += 3;
	else if (*p != '\0')
		return 0;
	*score = v;
	*rest = ol_trim(a, p, strlen(p));
	return 1;
}

/* Cuts a plain "Label: description" or "Label - description". */
static void
cut_label(struct arena *a, const char *s, const char **label, const char **desc)
{
	const char	*seps[] = { ":", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
	    " = ", NULL };
	const char	*best = NULL, *p;
	size_t		 k, blen = 0;

	for (k = 0; seps[k] != NULL; k++)
		if ((p = strstr(s, seps[k])) != NULL && (best == NULL || p < best)) {
			best = p;
			blen = strlen(seps[k]);
		}
	if (best == NULL) {
		*label = ol_trim(a, s, strlen(s));
		*desc = NULL;
		return;
	}
	*label = ol_trim(a, s, (size_t)(best - s));
	*desc = ol_trim(a, best + blen, strlen(best + blen));
	if (**desc == '\0')
		*desc = NULL;
}

/* Whether a label is short enough to be a scale level's name. */
static int
level_like(const char *s)
{
	size_t	 words = 1;

	if (*s == '\0' || strlen(s) > 40)
		return 0;
	for (; *s != '\0'; s++) {
		if (*s == ' ')
			words++;
		if (*s == '.' || *s == '?' || *s == ',')
			return 0;
	}
	return words <= 5;
}

/*
 * Reads a line of a rating scale: "**5 - Exceptional**: ...", "**5** –
 * Strong: ...", "5 = Adequate", "**Poor (1)**: ...".
 * Returns 1 and fills lv, or 0.
 */
int
ol_scale_line(struct arena *a, const struct unit *u, struct ol_level *lv)
{
	const char	*r, *close, *b, *rest, *p, *label, *desc;
	int		 score;

	memset(lv, 0, sizeof(*lv));
	if (u->type != UN_LINE)
		return 0;
	r = ol_skip_marks(u->rich);
	if (*r == MD_STRONG_OPEN && (close = strchr(r, MD_STRONG_CLOSE)) != NULL) {
		b = ol_trim(a, r + 1, (size_t)(close - r - 1));
		rest = close + 1;
		while (*rest == ' ' || *rest == ':')
			rest++;
		if (strncmp(rest, "- ", 2) == 0)
			rest += 2;
		else if (strncmp(rest, "\xE2\x80\x93", 3) == 0 ||
		    strncmp(rest, "\xE2\x80\x94", 3) == 0)
			rest += 3;
		rest = ol_trim(a, rest, strlen(rest));
		if (score_first(a, b, &score, &p)) {
			if (*p == '\0')
				cut_label(a, rest, &label, &desc);
			else {
				label = p;
				desc = rest;
			}
		} else if ((p = strrchr(b, '(')) != NULL && is_digit((unsigned char)p[1]) &&
		    p[2] == ')' && p[3] == '\0') {
			score = p[1] - '0';
			label = ol_trim(a, b, (size_t)(p - b));
			desc = rest;
		} else if (rest[0] == '(' && is_digit((unsigned char)rest[1]) &&
		    rest[2] == ')') {
			/* "**Exceptional** (5): ..." */
			score = rest[1] - '0';
			label = b;
			desc = rest + 3;
			while (*desc == ' ' || *desc == ':' || *desc == '-')
				desc++;
		} else
			return 0;
	} else {
		r = ol_skip_marks(u->text);
		if (score_first(a, r, &score, &p))
			cut_label(a, p, &label, &desc);
		else
			return 0;
	}
	{
		size_t	 n = strlen(label);

		while (n > 0 && (label[n - 1] == ':' || label[n - 1] == ' '))
			n--;
		label = arena_strndup(a, label, n);
	}
	if (!level_like(label))
		return 0;
	lv->score = score;
	lv->label = label;
	lv->description = desc != NULL && *desc != '\0' ? desc : NULL;
	lv->line = u->line;
	return 1;
}

/* Whether levels[0..n) make a scale: three or more, scores in order. */
static int
good_run(const struct ol_level *lv, size_t n)
{
	size_t	 i;
	int	 dir;

	if (n < 3)
		return 0;
	dir = lv[1].score > lv[0].score ? 1 : -1;
	for (i = 1; i < n; i++)
		if ((lv[i].score - lv[i - 1].score) * dir <= 0)
			return 0;
	return 1;
}

/* A scale as a table: | Score | Meaning |. Returns 1 when found. */
static int
scale_table(struct ctx *c, size_t h)
{
	static const char *const score_w[] = { "score", "rating", "level",
	    "points", "grade", "value", NULL };
	static const char *const label_w[] = { "label", "meaning", "name",
	    "descriptor", "definition", "description", "rating", NULL };
	static const char *const desc_w[] = { "description", "definition",
	    "what it means", "evidence", "criteria", NULL };
	struct ol_level	*run = NULL;
	size_t		 n = 0, k;
	int		 sc, lc, dc;

	if ((sc = ol_table_cols(&c->u[h], score_w)) < 0)
		return 0;
	if ((lc = ol_table_cols(&c->u[h], label_w)) < 0 || lc == sc)
		lc = sc == 0 ? 1 : 0;
	if ((dc = ol_table_cols(&c->u[h], desc_w)) == lc || dc == sc)
		dc = -1;
	for (k = h + 1; k < c->n && c->u[k].type == UN_ROW && !c->u[k].header;
	    k++) {
		const struct unit *u = &c->u[k];
		struct ol_level	*lv;
		const char	*e, *label, *desc;
		double		 v;

		if ((size_t)sc >= u->n_cells || (size_t)lc >= u->n_cells)
			return 0;
		v = ol_number(u->cells[sc], &e);
		if (v < 0 || v > 10 || v != (int)v || *e != '\0')
			return 0;
		cut_label(c->a, u->cells[lc], &label, &desc);
		if (!level_like(label))
			return 0;
		lv = OL_PUSH(c->a, run, n);
		lv->score = (int)v;
		lv->label = label;
		lv->description = dc >= 0 && (size_t)dc < u->n_cells ?
		    u->cells[dc] : desc;
		lv->line = u->line;
	}
	if (!good_run(run, n))
		return 0;
	c->ol->scale = run;
	c->ol->n_scale = n;
	c->ol->scale_line = run[0].line;
	return 1;
}

/* The rating scale: the first run of scale lines, outside sessions first. */
static void
find_scale(struct ctx *c)
{
	struct ol_level	*run = NULL, lv;
	size_t		 n = 0, i, pass;
	unsigned	 depth = 0;
	long		 parent = -2;

	for (pass = 0; pass < 2 && c->ol->n_scale == 0; pass++) {
		for (i = 0; i <= c->n; i++) {
			struct unit *u = i < c->n ? &c->u[i] : NULL;
			int	 ok = u != NULL && (pass == 1 || outside(c, (long)i)) &&
			    ol_scale_line(c->a, u, &lv);

			if (n == 0 && u != NULL && u->type == UN_ROW && u->header &&
			    (pass == 1 || outside(c, (long)i)) && scale_table(c, i))
				return;

			if (ok && (n == 0 || (u->depth == depth && u->parent == parent))) {
				*OL_PUSH(c->a, run, n) = lv;
				depth = u->depth;
				parent = u->parent;
				continue;
			}
			/* Descriptions nested under a level do not end the run. */
			if (u != NULL && n > 0 && u->type == UN_LINE && u->depth > depth)
				continue;
			if (good_run(run, n)) {
				c->ol->scale = run;
				c->ol->n_scale = n;
				c->ol->scale_line = run[0].line;
				return;
			}
			run = NULL;
			n = 0;
			if (ok) {
				*OL_PUSH(c->a, run, n) = lv;
				depth = u->depth;
				parent = u->parent;
			}
		}
	}
}

/* The end of the list an intro line at unit i announces. */
static long
list_end(struct ctx *c, long i)
{
	unsigned	 d = c->u[i].depth;
	long		 k;

	for (k = i + 1; (size_t)k < c->n; k++) {
		const struct unit *u = &c->u[k];

		if (u->type == UN_HEADING)
			break;
		if (u->type == UN_LINE && !(u->depth > d || (d == 0 &&
		    u->item && u->depth > 0)) && !(d == 0 && u->depth == 0 &&
		    k == i + 1 && !u->item && u->parent < 0 &&
		    u->line == c->u[i].line + 1))
			break;
	}
	return k;
}

/*
 * Criteria as a list under "Weights:" or "### Scoring weights":
 * "- SQL: 30%", "- **Design (25%)**: ...". Two or more, each weighted.
 */
static void
criteria_list(struct ctx *c)
{
	static const char *const intro_w[] = { "weight", "weights",
	    "weighting", "weighted", "scoring matrix", "criteria",
	    "competencies", "scorecard", "categories", NULL };
	struct ol_criterion *list;
	struct label	 l;
	size_t		 i, k, n;

	for (i = 0; i < c->n; i++) {
		const struct unit *u = &c->u[i];
		const char	*t;
		long		 to;

		if (!outside(c, (long)i))
			continue;
		if (u->type == UN_HEADING) {
			t = u->title;
			to = u->body_end;
		} else if (u->type == UN_LINE && ol_label(c->a, u, &l) &&
		    l.value[0] == '\0') {
			t = l.name;
			to = list_end(c, (long)i);
		} else
			continue;
		if (!ol_has_any(ol_norm(c->a, t), intro_w))
			continue;
		list = NULL;
		n = 0;
		for (k = i + 1; (long)k < to; k++) {
			struct ol_criterion *cr;
			double	 w, m;
			const char *name;

			if (c->u[k].type != UN_LINE || !ol_label(c->a, &c->u[k], &l))
				continue;
			name = ol_strip_weight(c->a, l.name, &w, &m);
			if (w < 0 && strchr(l.value, '%') != NULL)
				w = ol_percent(l.value, 1);
			if (w < 0 || *name == '\0')
				continue;
			cr = OL_PUSH(c->a, list, n);
			cr->name = name;
			cr->weight = w;
			cr->min_score = m;
			cr->line = c->u[k].line;
		}
		if (n >= 2) {
			c->ol->criteria = list;
			c->ol->n_criteria = n;
			c->ol->criteria_line = u->line;
			return;
		}
	}
}

/* The criteria table: Category | Weight | Min Score | Notes. */
static void
find_criteria(struct ctx *c)
{
	static const char *const weight_w[] = { "weight", "weighting", "%",
	    "percentage", NULL };
	static const char *const name_w[] = { "category", "criterion",
	    "criteria", "competency", "area", "dimension", "skill",
	    "attribute", "section", "session", "focus area", NULL };
	static const char *const min_w[] = { "min score", "minimum", "min",
	    "threshold", "bar", "required", "passing", "pass", "floor", NULL };
	static const char *const notes_w[] = { "notes", "note", "description",
	    "comments", "details", "evidence", "definition", "look for", NULL };
	size_t		 i, k;
	int		 wc, nc, mc, tc;

	for (i = 0; i < c->n; i++) {
		struct unit	*h = &c->u[i];

		if (h->type != UN_ROW || !h->header || !outside(c, (long)i) ||
		    (wc = ol_table_cols(h, weight_w)) < 0)
			continue;
		if ((nc = ol_table_cols(h, name_w)) < 0 || nc == wc)
			nc = wc == 0 ? 1 : 0;
		mc = ol_table_cols(h, min_w);
		tc = ol_table_cols(h, notes_w);
		for (k = i + 1; k < c->n && c->u[k].type == UN_ROW &&
		    !c->u[k].header; k++) {
			struct unit	*r = &c->u[k];
			struct ol_criterion *cr;

			if ((size_t)nc >= r->n_cells || *r->cells[nc] == '\0' ||
			    strncmp(ol_norm(c->a, r->cells[nc]), "total", 5) == 0)
				continue;
			cr = OL_PUSH(c->a, c->ol->criteria, c->ol->n_criteria);
			cr->name = ol_trim(c->a, r->cells[nc], strlen(r->cells[nc]));
			cr->weight = (size_t)wc < r->n_cells ? ol_percent(r->cells[wc],
			    strchr(h->cells[wc], '%') != NULL) : OL_NONE;
			cr->min_score = mc >= 0 && mc != wc && (size_t)mc < r->n_cells ?
			    ol_number(r->cells[mc], NULL) : OL_NONE;
			cr->description = tc >= 0 && (size_t)tc < r->n_cells &&
			    *r->cells[tc] != '\0' ? r->cells[tc] : NULL;
			cr->line = r->line;
		}
		if (c->ol->n_criteria > 0) {
			c->ol->criteria_line = h->line;
			return;
		}
	}
	criteria_list(c);
}

/* The pass mark: "Minimum Total Score for Offer: 3.5/5.0". */
static void
find_pass_mark(struct ctx *c)
{
	static const char *const a_w[] = { "minimum", "min", "pass", "passing",
	    "threshold", "cutoff", "cut off", "bar", "hiring bar", NULL };
	static const char *const b_w[] = { "score", "mark", "average",
	    "rating", "threshold", "bar", "total", "cutoff", "hire", "offer",
	    "advance", "proceed", "pass", NULL };
	static const char *const not_w[] = { "each", "per", "any",
	    "individual", "every", "session", "criterion", "category", NULL };
	size_t		 i, pass;
	struct label	 l;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < c->n; i++) {
			const char	*n, *e;
			double		 v;

			if ((pass == 0 && !outside(c, (long)i)) ||
			    c->u[i].type != UN_LINE || !ol_label(c->a, &c->u[i], &l))
				continue;
			n = ol_norm(c->a, l.name);
			if (!ol_has_any(n, a_w) || !ol_has_any(n, b_w) ||
			    ol_has_any(n, not_w))
				continue;
			if ((v = ol_number(l.value, &e)) < 0)
				continue;
			while (*e == ' ')
				e++;
			c->ol->pass_mark = *e == '%' ? v / 100 : v;
			c->ol->pass_mark_line = c->u[i].line;
			return;
		}
}

/* Appends s to b, lower case, with ≥ ≤ as >= <= and dashes as '-'. */
static void
rule_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (strncmp(s, "\xE2\x89\xA5", 3) == 0 || strncmp(s, "\xE2\x89\xA7", 3) == 0) {
			buf_puts(b, " >= ");
			s += 2;
		} else if (strncmp(s, "\xE2\x89\xA4", 3) == 0 || strncmp(s, "\xE2\x89\xA6", 3) == 0) {
			buf_puts(b, " <= ");
			s += 2;
		} else if (strncmp(s, "\xE2\x80\x93", 3) == 0 || strncmp(s, "\xE2\x80\x94", 3) == 0) {
			buf_putc(b, '-');
			s += 2;
		} else if (*s >= 'A' && *s <= 'Z')
			buf_putc(b, (char)(*s + 32));
		else
			buf_putc(b, *s);
	}
}

/* Whether clause s contains word w. */
static int
has_w(const char *s, const char *w)
{
	const char	*p;
	size_t		 k = strlen(w);

	for (p = s; (p = strstr(p, w)) != NULL; p++)
		if ((p == s || !((p[-1] >= 'a' && p[-1] <= 'z'))) &&
		    !(p[k] >= 'a' && p[k] <= 'z'))
			return 1;
	return 0;
}

/* One clause of a rule: "average score >=4.5", "no scores below 3". */
static void
clause(struct ol_rule *r, const char *s)
{
	static const char *const each_w[] = { "no score", "no scores",
	    "no rating", "no ratings", "none", "nothing", "all", "each",
	    "every", "any", "no individual", "no category", "no criterion",
	    "no session", "no 1s", "no 2s", "no 1", "no 2", NULL };
	static const char *const up_w[] = { "<", "below", "under", "less than",
	    "lower than", NULL };
	const char	*e, *p;
	double		 v, v2 = OL_NONE;
	int		 each = 0, up = 0, neg, k;

	for (k = 0; each_w[k] != NULL; k++)
		if (has_w(s, each_w[k]))
			each = 1;
	/* "average ≥ 4 across all sessions" is about the average. */
	if (has_w(s, "average") || has_w(s, "avg") || has_w(s, "mean") ||
	    has_w(s, "overall") || has_w(s, "weighted"))
		each = 0;
	for (k = 0; up_w[k] != NULL; k++)
		if (strstr(s, up_w[k]) != NULL)
			up = 1;
	neg = has_w(s, "no") || has_w(s, "none") || has_w(s, "nothing") ||
	    has_w(s, "without");
	if ((v = ol_number(s, &e)) < 0)
		return;
	p = e;
	while (*p == ' ')
		p++;
	if (*p == '-' || strncmp(p, "to ", 3) == 0) {
		p += *p == '-' ? 1 : 3;
		while (*p == ' ')
			p++;
		if (is_digit((unsigned char)*p))
			v2 = ol_number(p, NULL);
	}
	if (each) {
		/* "no 1s or 2s": the lowest allowed is one more. */
		if (neg && !up && strstr(s, "s") != NULL && (has_w(s, "no 1s") ||
		    has_w(s, "no 2s") || has_w(s, "no 1") || has_w(s, "no 2"))) {
			const char *q = s;
			double	 m = 0, x;

			while ((x = ol_number(q, &q)) >= 0)
				if (x > m)
					m = x;
			r->min_each = m + 1;
		} else if (neg && up)
			r->min_each = v;
		else if (!neg && !up && !has_w(s, "any"))
			r->min_each = v;
		return;
	}
	if (up && !(strstr(s, ">=") != NULL)) {
		r->max_average = v;
		return;
	}
	r->min_average = v;
	if (v2 > v)
		r->max_average = v2;
}

/*
 * Reads the numbers of a decision rule from its description: the
 * minimum (and maximum) average and the minimum of each score.
 */
void
ol_rule_numbers(struct ol_rule *r)
{
	struct buf	 b = BUF_INIT;
	char		*s, *p, *q;

	if (r->description == NULL)
		return;
	rule_text(&b, r->description);
	s = (char *)buf_cstr(&b);
	/* "between 3 and 4" is a range, not two clauses. */
	if ((p = strstr(s, "between ")) != NULL && (q = strstr(p, " and ")) != NULL)
		memcpy(q, " -  ", 4);
	for (p = s; p != NULL && *p != '\0'; p = q) {
		size_t	 n = strcspn(p, ",;(");
		char	*a = strstr(p, " and "), *o = strstr(p, " or "),
			*w = strstr(p, " with "), *bt = strstr(p, " but ");

		if (a != NULL && (size_t)(a - p) < n)
			n = (size_t)(a - p);
		if (o != NULL && (size_t)(o - p) < n)
			n = (size_t)(o - p);
		if (w != NULL && (size_t)(w - p) < n)
			n = (size_t)(w - p);
		if (bt != NULL && (size_t)(bt - p) < n)
			n = (size_t)(bt - p);
		q = p[n] != '\0' ? p + n + 1 : NULL;
		p[n] = '\0';
		clause(r, p);
	}
	buf_free(&b);
}

/*
 * Returns the cells after the first of a table row as "Head: cell, ...",
 * so that "| Hire | 3.5 | 3 |" under "| | Average | Min each |" reads as
 * "Average: 3.5, Min each: 3".
 */
static const char *
row_text(struct ctx *c, const struct unit *u)
{
	const struct unit *h = u;
	struct buf	 b = BUF_INIT;
	const char	*s;
	size_t		 i;

	while (h > c->u && !h->header && h[-1].type == UN_ROW)
		h--;
	for (i = 1; i < u->n_cells; i++) {
		if (*u->cells[i] == '\0')
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		if (h->header && i < h->n_cells && *h->cells[i] != '\0')
			buf_printf(&b, "%s: ", h->cells[i]);
		buf_puts(&b, u->cells[i]);
	}
	s = arena_strdup(c->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Reads a decision line ("**Hire**: avg ≥ 4", "Hire – avg ≥ 4"). */
static int
rule_line(struct ctx *c, const struct unit *u, struct ol_rule *r)
{
	struct label	 l;
	const char	*label = NULL, *desc = NULL;

	memset(r, 0, sizeof(*r));
	r->min_average = r->max_average = r->min_each = OL_NONE;
	if (u->type == UN_ROW) {
		if (u->header || u->n_cells < 1)
			return 0;
		label = u->cells[0];
		if (u->n_cells == 2)
			desc = u->cells[1];
		else if (u->n_cells > 2)
			desc = row_text(c, u);
	} else if (u->type == UN_LINE && ol_label(c->a, u, &l)) {
		label = l.name;
		desc = l.value;
	} else if (u->type == UN_LINE) {
		const char	*t = ol_skip_marks(u->text), *p;

		/* "Hire if the average is 3 or more" */
		if ((p = strstr(t, " if ")) != NULL && p - t < 30) {
			label = ol_trim(c->a, t, (size_t)(p - t));
			desc = ol_trim(c->a, p + 4, strlen(p + 4));
		} else
			cut_label(c->a, t, &label, &desc);
	}
	if (label == NULL || *label == '\0' || strlen(label) > 40)
		return 0;
	r->label = ol_trim(c->a, label, strlen(label));
	r->description = desc != NULL && *desc != '\0' ? desc : NULL;
	r->line = u->line;
	ol_rule_numbers(r);
	/* "**Strong Hire (4.5+)**": the numbers are in the label. */
	{
		char	*open = strrchr(r->label, '(');
		size_t	 n = strlen(r->label);

		if (open != NULL && open > r->label && r->label[n - 1] == ')' &&
		    strpbrk(open, "0123456789") != NULL) {
			struct ol_rule	 tmp = *r;

			tmp.description = arena_strndup(c->a, open + 1,
			    (size_t)(r->label + n - 1 - open - 1));
			tmp.min_average = tmp.max_average = tmp.min_each = OL_NONE;
			ol_rule_numbers(&tmp);
			if (!OL_HAS(r->min_average))
				r->min_average = tmp.min_average;
			if (!OL_HAS(r->max_average))
				r->max_average = tmp.max_average;
			if (!OL_HAS(r->min_each))
				r->min_each = tmp.min_each;
			r->label = ol_trim(c->a, r->label, (size_t)(open - r->label));
		}
	}
	return ol_has_any(ol_norm(c->a, r->label), vocab_w) ||
	    OL_HAS(r->min_average) || OL_HAS(r->max_average);
}

/* The rules in [from, to) that read as decisions; 0 when under two. */
static size_t
rules_in(struct ctx *c, long from, long to, unsigned depth, struct ol_rule **out)
{
	struct ol_rule	*rules = NULL, r;
	size_t		 n = 0;
	long		 i;

	size_t		 good = 0;
	unsigned	 at = 0;
	struct label	 l;

	for (i = from; i < to; i++) {
		if (c->u[i].type == UN_HEADING)
			break;
		if (c->u[i].type == UN_LINE && c->u[i].depth > depth + 1)
			continue;
		if (rule_line(c, &c->u[i], &r)) {
			*OL_PUSH(c->a, rules, n) = r;
			good++;
			at = c->u[i].depth;
		} else if (r.label != NULL && c->u[i].type == UN_LINE &&
		    c->u[i].item && ol_label(c->a, &c->u[i], &l) && l.bold &&
		    good > 0 && c->u[i].depth == at &&
		    !ol_is_any(ol_norm(c->a, r.label), note_w)) {
			/* "**Escalate**: talk to the panel", beside the others. */
			r.label = ol_trim(c->a, r.label, strlen(r.label));
			r.line = c->u[i].line;
			*OL_PUSH(c->a, rules, n) = r;
		}
	}
	*out = rules;
	return good >= 2 ? n : 0;
}

/* The decision rules: a "Decision ..." section or intro, or a run of them. */
static void
find_decision(struct ctx *c)
{
	struct ol_rule	*rules;
	struct label	 l;
	size_t		 i, n, pass;

	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < c->n; i++) {
			struct unit	*u = &c->u[i];
			const char	*t = NULL;
			long		 from, to;

			if (pass != 2 && !outside(c, (long)i))
				continue;
			if (pass == 1) {
				/* No trigger: consecutive lines with hiring words. */
				size_t	 k, strong = 0;

				struct ol_level	 lv;

				if (u->type != UN_LINE || !ol_label(c->a, u, &l) ||
				    !ol_has_any(ol_norm(c->a, l.name), strong_vocab_w) ||
				    ol_scale_line(c->a, u, &lv))
					continue;
				for (k = i; k < c->n && c->u[k].type == UN_LINE &&
				    ol_label(c->a, &c->u[k], &l) &&
				    ol_has_any(ol_norm(c->a, l.name), vocab_w); k++)
					strong += ol_has_any(ol_norm(c->a, l.name),
					    strong_vocab_w);
				if (strong < 2 || (n = rules_in(c, (long)i, (long)k,
				    u->depth, &rules)) == 0)
					continue;
				goto found;
			}
			if (u->type == UN_HEADING) {
				t = u->title;
				from = (long)i + 1;
				to = u->body_end;
			} else if (u->type == UN_ROW && u->header) {
				/* | Recommendation | Rule | */
				t = u->text;
				from = (long)i + 1;
				for (to = from; (size_t)to < c->n &&
				    c->u[to].type == UN_ROW; to++)
					;
			} else if (u->type == UN_LINE && ((ol_label(c->a, u, &l) &&
			    l.value[0] == '\0') || (u->text[0] != '\0' &&
			    u->text[strlen(u->text) - 1] == ':'))) {
				t = l.name != NULL && l.value[0] == '\0' ? l.name : u->text;
				from = (long)i + 1;
				to = list_end(c, (long)i);
			} else
				continue;
			if (!ol_has_any(ol_norm(c->a, t), decision_w))
				continue;
			if ((n = rules_in(c, from, to, u->type == UN_HEADING ? 0 :
			    u->depth, &rules)) == 0)
				continue;
found:
			c->ol->decision = rules;
			c->ol->n_decision = n;
			c->ol->decision_line = rules[0].line;
			return;
		}
}

/* The total time a guide states: "Total Interview Time: 255 minutes". */
static void
find_total(struct ctx *c)
{
	static const char *const what_w[] = { "time", "duration", "length",
	    "minutes", "hours", "interview", NULL };
	struct duration_match	 dm;
	struct label		 l;
	size_t			 i;

	if (c->ol->stated_total.known)
		return;
	for (i = 0; i < c->n; i++) {
		const char	*n;

		if (c->u[i].type != UN_LINE || !ol_label(c->a, &c->u[i], &l))
			continue;
		n = ol_norm(c->a, l.name);
		if (!ol_has(n, "total") || !(ol_has_any(n, what_w) ||
		    strcmp(n, "total") == 0))
			continue;
		if (duration_in(l.value, strlen(l.value), &dm)) {
			c->ol->stated_total = dm.m;
			c->ol->stated_total_line = c->u[i].line;
			return;
		}
	}
	/* A container's duration: "# Onsite Loop (4 hours)". */
	for (i = 0; i < c->n; i++) {
		size_t	 k;
		int	 holds = c->u[i].level == 1;

		if (c->u[i].type != UN_HEADING || !c->u[i].dur.known ||
		    !outside(c, (long)i) || ol_is_break(ol_norm(c->a,
		    c->u[i].title)))
			continue;
		for (k = i + 1; !holds && (long)k < c->u[i].end; k++)
			holds = c->in_session[k] >= 0;
		if (holds || ol_has_any(ol_norm(c->a, c->u[i].title),
		    (const char *const[]){ "overview", "schedule", "agenda",
		    "summary", "loop", "onsite", "total", "logistics", NULL })) {
			c->ol->stated_total = c->u[i].dur;
			c->ol->stated_total_line = c->u[i].dur_line ?
			    c->u[i].dur_line : c->u[i].line;
			return;
		}
	}
}

/* Everything a guide says about scoring as a whole, and its total time. */
void
ol_find_scoring(struct ctx *c)
{
	find_scale(c);
	find_criteria(c);
	find_pass_mark(c);
	find_decision(c);
	find_total(c);
}
