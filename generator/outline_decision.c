/*
 * outline_decision.c: a guide's decision rules ("**Strong Hire**: Average
 * score ≥4.5, no scores below 3"), from a "Decision ..." section, intro
 * or table, or a run of lines named like hiring decisions; and the
 * numbers in a rule's words: the minimum (and maximum) average and the
 * minimum of every score.
 */
#include <string.h>

#include "arena.h"
#include "buffer.h"
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
	    "no session", "no 1s", "no 2s", "no 1", "no 2", "lowest",
	    "min each", "minimum each", NULL };
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
	if (OL_HAS(r->min_average))
		return;
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
			ol_cut_label(c->a, t, &label, &desc);
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
void
ol_find_decision(struct ctx *c)
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
				to = ol_list_end(c, (long)i);
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
