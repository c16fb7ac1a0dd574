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

/* Returns whether c is an ASCII digit. */
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
	if (strncasecmp(p, "score ", 6) == 0 ||
	    strncasecmp(p, "level ", 6) == 0)
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
	if (*r == MD_STRONG_OPEN &&
	    (close = strchr(r, MD_STRONG_CLOSE)) != NULL) {
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
				ol_cut_label(a, rest, &label, &desc);
			else {
				label = p;
				desc = rest;
			}
		} else if ((p = strrchr(b, '(')) != NULL &&
		    is_digit((unsigned char)p[1]) && p[2] == ')' &&
		    p[3] == '\0') {
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
			ol_cut_label(a, p, &label, &desc);
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
		ol_cut_label(c->a, u->cells[lc], &label, &desc);
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

/*
 * A scale in one line: "1 = Poor, 2 = Fair, 3 = Good, 4 = Great", also
 * after a label ("Scale: ..."). Returns 1 when found.
 */
static int
scale_inline(struct ctx *c, const struct unit *u)
{
	struct ol_level	*run = NULL, *lv;
	struct label	 l;
	const char	*t = u->text, *rest, *label, *desc;
	char		*copy, *part, *save = NULL;
	size_t		 n = 0;
	int		 score;

	if (u->type != UN_LINE || (strchr(t, ',') == NULL &&
	    strchr(t, ';') == NULL && strchr(t, '|') == NULL))
		return 0;
	if (ol_label(c->a, u, &l) && !(l.name[0] >= '0' && l.name[0] <= '9'))
		t = l.value;
	copy = arena_strdup(c->a, t);
	for (part = strtok_r(copy, ",;|", &save); part != NULL;
	    part = strtok_r(NULL, ",;|", &save)) {
		while (*part == ' ')
			part++;
		if (!score_first(c->a, part, &score, &rest))
			return 0;
		ol_cut_label(c->a, rest, &label, &desc);
		if (!level_like(label))
			return 0;
		lv = OL_PUSH(c->a, run, n);
		lv->score = score;
		lv->label = label;
		lv->description = desc;
		lv->line = u->line;
	}
	if (!good_run(run, n))
		return 0;
	c->ol->scale = run;
	c->ol->n_scale = n;
	c->ol->scale_line = u->line;
	return 1;
}

/* Takes run[0..n) as the scale when it is one. Returns 1 if it was. */
static int
take_run(struct ctx *c, struct ol_level *run, size_t n)
{
	if (!good_run(run, n))
		return 0;
	c->ol->scale = run;
	c->ol->n_scale = n;
	c->ol->scale_line = run[0].line;
	return 1;
}

/*
 * The rating scale: the first run of scale lines (in one list or
 * paragraph; descriptions nested under a level do not end it), scale
 * table or one-line scale; outside the sessions first.
 */
static void
find_scale(struct ctx *c)
{
	struct ol_level	*run = NULL, lv;
	size_t		 n = 0, i, pass;
	unsigned	 depth = 0;
	long		 parent = -2;
	struct unit	*u;
	int		 ok;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < c->n; i++) {
			u = &c->u[i];
			if (pass == 0 && !outside(c, (long)i)) {
				ok = 0;
				goto end_run;
			}
			ok = ol_scale_line(c->a, u, &lv);
			if (n == 0 && !ok && ((u->type == UN_ROW &&
			    u->header && scale_table(c, i)) ||
			    scale_inline(c, u)))
				return;
			if (ok && (n == 0 || (u->depth == depth &&
			    u->parent == parent))) {
				*OL_PUSH(c->a, run, n) = lv;
				depth = u->depth;
				parent = u->parent;
				continue;
			}
			if (n > 0 && u->type == UN_LINE && u->depth > depth)
				continue;
end_run:
			if (take_run(c, run, n))
				return;
			run = NULL;
			n = 0;
			if (ok) {
				*OL_PUSH(c->a, run, n) = lv;
				depth = u->depth;
				parent = u->parent;
			}
		}
		if (take_run(c, run, n))
			return;
		run = NULL;
		n = 0;
	}
}

/* The end of the list an intro line at unit i announces. */
long
ol_list_end(struct ctx *c, long i)
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
		} else if (u->type == UN_LINE && ol_unit_label(c, u, &l) &&
		    l.value[0] == '\0') {
			t = l.name;
			to = ol_list_end(c, (long)i);
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

			if (c->u[k].type != UN_LINE ||
			    !ol_unit_label(c, &c->u[k], &l))
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

/* Returns cell col of row u, or NULL. */
static const char *
cell(const struct unit *u, int col)
{
	return col >= 0 && (size_t)col < u->n_cells ? u->cells[col] : NULL;
}

/*
 * Makes a weights column into fractions: "20%" was read as 0.2 already;
 * numbers under a "%" head or adding up to about 100 are percentages;
 * numbers all up to 1 are fractions; others ("1", "2", "2") are
 * relative weights, shared out.
 */
static void
fractions(struct ol_criterion *cr, size_t n, int pct)
{
	double	 sum = 0, max = 0;
	size_t	 i;

	for (i = 0; i < n; i++)
		if (OL_HAS(cr[i].weight)) {
			sum += cr[i].weight;
			if (cr[i].weight > max)
				max = cr[i].weight;
		}
	if (max <= 1 || sum <= 0)
		return;
	for (i = 0; i < n; i++)
		if (OL_HAS(cr[i].weight))
			cr[i].weight /= pct || (sum > 90 && sum < 110) ? 100 :
			    sum;
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
		if (mc == wc)
			mc = -1;
		for (k = i + 1; k < c->n && c->u[k].type == UN_ROW &&
		    !c->u[k].header; k++) {
			struct unit	*r = &c->u[k];
			struct ol_criterion *cr;
			const char	*name = cell(r, nc), *w = cell(r, wc);

			if (name == NULL || *name == '\0' ||
			    strncmp(ol_norm(c->a, name), "total", 5) == 0)
				continue;
			cr = OL_PUSH(c->a, c->ol->criteria, c->ol->n_criteria);
			cr->name = ol_trim(c->a, name, strlen(name));
			cr->weight = w != NULL ? ol_number(w, NULL) : OL_NONE;
			if (w != NULL && strchr(w, '%') != NULL)
				cr->weight /= 100;	/* "20%" */
			cr->min_score = cell(r, mc) != NULL ?
			    ol_number(cell(r, mc), NULL) : OL_NONE;
			cr->description = cell(r, tc) != NULL &&
			    *cell(r, tc) != '\0' ? cell(r, tc) : NULL;
			cr->line = r->line;
		}
		if (c->ol->n_criteria > 0) {
			c->ol->criteria_line = h->line;
			fractions(c->ol->criteria, c->ol->n_criteria,
			    strchr(h->cells[wc], '%') != NULL);
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
			    c->u[i].type != UN_LINE ||
			    !ol_unit_label(c, &c->u[i], &l))
				continue;
			n = ol_label_norm(c, &c->u[i]);
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

static const char *const holder_w[] = { "overview", "schedule", "agenda",
	"summary", "loop", "onsite", "total", "logistics", NULL };

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

		if (c->u[i].type != UN_LINE || !ol_unit_label(c, &c->u[i], &l))
			continue;
		n = ol_label_norm(c, &c->u[i]);
		if (!ol_has(n, "total") || !(ol_has_any(n, what_w) ||
		    strcmp(n, "total") == 0))
			continue;
		if (duration_in(l.value, strlen(l.value), &dm)) {
			c->ol->stated_total = dm.m;
			c->ol->stated_total_line = c->u[i].line;
			return;
		}
	}
	/*
	 * A container's duration: "# Onsite Loop (4 hours)", when it holds
	 * every session ("## Day 1 (3 hours)" holds only some).
	 */
	for (i = 0; i < c->n; i++) {
		size_t	 k, held = 0, some = 0;
		int	 holds;

		if (c->u[i].type != UN_HEADING || !c->u[i].dur.known ||
		    !outside(c, (long)i) || ol_is_break(ol_norm(c->a,
		    c->u[i].title)))
			continue;
		for (k = i + 1; (long)k < c->u[i].end; k++)
			if (c->in_session[k] >= 0 && (k == 0 ||
			    c->in_session[k - 1] != c->in_session[k]))
				held++;
		for (k = 0; k < c->ol->n_sessions; k++)
			some += c->ol->sessions[k].heading != NULL;
		holds = held > 0 && held >= some;
		if (held > 0 && !holds)
			continue;
		if (holds || c->u[i].level == 1 || ol_has_any(ol_norm(c->a,
		    c->u[i].title), holder_w)) {
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
	ol_find_decision(c);
	find_total(c);
}
