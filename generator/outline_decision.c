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
	"decide", "deciding",
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
	static const struct {
		const char	*from, *to;
	} sub[] = {
		{ "\xE2\x89\xA5", " >= " }, { "\xE2\x89\xA7", " >= " },
		{ "\xE2\x89\xA4", " <= " }, { "\xE2\x89\xA6", " <= " },
		{ "\xE2\x80\x93", "-" }, { "\xE2\x80\x94", "-" }
	};
	size_t	 k;

	for (; *s != '\0'; s++) {
		/* Each of sub starts with 0xE2: others need no look. */
		k = sizeof(sub) / sizeof(sub[0]);
		if ((unsigned char)*s == 0xE2)
			for (k = 0; k < sizeof(sub) / sizeof(sub[0]); k++)
				if (strncmp(s, sub[k].from, 3) == 0)
					break;
		if (k < sizeof(sub) / sizeof(sub[0])) {
			buf_puts(b, sub[k].to);
			s += 2;
		} else if (*s >= 'A' && *s <= 'Z')
			buf_putc(b, (char)(*s + 32));
		else
			buf_putc(b, *s);
	}
}

/* Whether c is a lower-case ASCII letter: what a word of a clause is. */
static int
in_word(char c)
{
	return c >= 'a' && c <= 'z';
}

/*
 * Whether clause s contains any of the words w (NULL-terminated) as a
 * word: not after nor before a letter. One pass over s for them all.
 */
static int
has_w(const char *s, const char *const *w)
{
	const char *const *v;
	const char	*p;
	size_t		 k;

	for (p = s; *p != '\0'; p++) {
		if (p > s && in_word(p[-1]))
			continue;
		for (v = w; *v != NULL; v++) {
			for (k = 0; (*v)[k] != '\0' && p[k] == (*v)[k]; k++)
				;
			if ((*v)[k] == '\0' && !in_word(p[k]))
				return 1;
		}
	}
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
	    "min each", "minimum each", "nobody", "no one", NULL };
	static const char *const up_w[] = { "<", "below", "under", "less than",
	    "lower than", NULL };
	static const char *const mean_w[] = { "average", "avg", "mean",
	    "overall", "weighted", NULL };
	static const char *const neg_w[] = { "no", "none", "nothing",
	    "without", "nobody", NULL };
	static const char *const any_w[] = { "any", NULL };
	const char	*e, *p;
	double		 v, v2 = OL_NONE;
	int		 each = 0, up = 0, neg, k;

	/* "average ≥ 4 across all sessions" is about the average. */
	each = has_w(s, each_w) && !has_w(s, mean_w);
	for (k = 0; up_w[k] != NULL; k++)
		if (strstr(s, up_w[k]) != NULL)
			up = 1;
	neg = has_w(s, neg_w);
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
		if (neg && !up) {
			const char *q = s;
			double	 m = 0, x;

			while ((x = ol_number(q, &q)) >= 0)
				if (x > m)
					m = x;
			r->min_each = m + 1;
		} else if (neg && up)
			r->min_each = v;
		else if (!neg && !up && !has_w(s, any_w))
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
	if ((p = strstr(s, "between ")) != NULL &&
	    (q = strstr(p, " and ")) != NULL)
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

/*
 * Reads numbers written into a rule's label ("**Strong Hire (4.5+)**")
 * where its description has none, and takes them out of the label.
 */
static void
label_numbers(struct ctx *c, struct ol_rule *r)
{
	char		*open = strrchr(r->label, '(');
	size_t		 n = strlen(r->label);
	struct ol_rule	 tmp;

	if (open == NULL || open == r->label || r->label[n - 1] != ')' ||
	    strpbrk(open, "0123456789") == NULL)
		return;
	memset(&tmp, 0, sizeof(tmp));
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
	} else if (u->type == UN_LINE && ol_unit_label(c, u, &l)) {
		label = l.name;
		desc = l.value;
	} else if (u->type == UN_LINE) {
		const char	*t = ol_skip_marks(u->text), *p;

		/* "Hire if the average is 3 or more", "Hire when ..." */
		if ((p = strstr(t, " if ")) != NULL && p - t < 30) {
			label = ol_trim(c->a, t, (size_t)(p - t));
			desc = ol_trim(c->a, p + 4, strlen(p + 4));
		} else if ((p = strstr(t, " when ")) != NULL && p - t < 30) {
			label = ol_trim(c->a, t, (size_t)(p - t));
			desc = ol_trim(c->a, p + 6, strlen(p + 6));
		} else
			ol_cut_label(c->a, t, &label, &desc);
	}
	if (label == NULL || *label == '\0' || strlen(label) > 40)
		return 0;
	r->label = ol_trim(c->a, label, strlen(label));
	r->description = desc != NULL && *desc != '\0' ? desc : NULL;
	r->line = u->line;
	ol_rule_numbers(r);
	label_numbers(c, r);
	return ol_has_any(ol_norm(c->a, r->label), vocab_w) ||
	    OL_HAS(r->min_average) || OL_HAS(r->max_average);
}

/*
 * Returns the rules in [from, to) that read as decisions, with a plain
 * bold item among them ("**Escalate**: talk to the panel"); 0 when
 * fewer than two read as decisions.
 */
static size_t
rules_in(struct ctx *c, long from, long to, unsigned depth,
    struct ol_rule **out)
{
	struct ol_rule	*rules = NULL, r;
	struct label	 l;
	size_t		 n = 0, good = 0;
	unsigned	 at = 0;
	long		 i;

	for (i = from; i < to; i++) {
		const struct unit *u = &c->u[i];

		if (u->type == UN_HEADING)
			break;
		if (u->type == UN_LINE && u->depth > depth + 1)
			continue;
		if (rule_line(c, u, &r)) {
			*OL_PUSH(c->a, rules, n) = r;
			good++;
			at = u->depth;
		} else if (r.label != NULL && u->type == UN_LINE && u->item &&
		    ol_unit_label(c, u, &l) && l.bold && good > 0 &&
		    u->depth == at && !ol_is_any(ol_norm(c->a, r.label),
		    note_w)) {
			r.line = u->line;
			*OL_PUSH(c->a, rules, n) = r;
		}
	}
	*out = rules;
	return good >= 2 ? n : 0;
}

/* Whether u is a "**Label**: value" line whose label is a hiring word. */
static int
hiring_line(struct ctx *c, const struct unit *u, const char *const *w)
{
	struct label	 l;

	return u->type == UN_LINE && ol_unit_label(c, u, &l) &&
	    ol_has_any(ol_label_norm(c, u), w);
}

/*
 * Rules without a heading or intro: two or more lines in a row named
 * like decisions ("**Hire**", "**No Hire**"), not a scale's levels.
 * Returns how many, with the rules in *out.
 */
static size_t
run_at(struct ctx *c, size_t i, struct ol_rule **out)
{
	struct ol_level	 lv;
	size_t		 k, strong = 0;

	if (!hiring_line(c, &c->u[i], strong_vocab_w) ||
	    ol_scale_line(c->a, &c->u[i], &lv))
		return 0;
	for (k = i; k < c->n && hiring_line(c, &c->u[k], vocab_w); k++)
		strong += hiring_line(c, &c->u[k], strong_vocab_w);
	if (strong < 2)
		return 0;
	return rules_in(c, (long)i, (long)k, c->u[i].depth, out);
}

/*
 * Rules under a heading, an intro line or a table head that names a
 * decision ("### Decision Matrix", "**Recommendation:**", "| Decision |
 * Rule |"). Returns how many, with the rules in *out.
 */
static size_t
region_at(struct ctx *c, size_t i, struct ol_rule **out)
{
	const struct unit *u = &c->u[i];
	const char	*t;
	struct label	 l;
	long		 from = (long)i + 1, to;
	size_t		 n = strlen(u->text);

	if (u->type == UN_HEADING) {
		t = u->title;
		to = u->body_end;
	} else if (u->type == UN_ROW && u->header) {
		t = u->text;
		for (to = from; (size_t)to < c->n && c->u[to].type == UN_ROW;
		    to++)
			;
	} else if (u->type == UN_LINE && ol_unit_label(c, u, &l) &&
	    l.value[0] == '\0') {
		t = l.name;
		to = ol_list_end(c, (long)i);
	} else if (u->type == UN_LINE && n > 0 && u->text[n - 1] == ':') {
		t = u->text;
		to = ol_list_end(c, (long)i);
	} else
		return 0;
	if (!ol_has_any(ol_norm(c->a, t), decision_w))
		return 0;
	return rules_in(c, from, to, u->type == UN_HEADING ? 0 : u->depth,
	    out);
}

/*
 * The decision rules: under a "Decision ..." heading, intro or table
 * outside the sessions; else a run of them there; else a region of
 * them inside a session.
 */
void
ol_find_decision(struct ctx *c)
{
	struct ol_rule	*rules;
	size_t		 i, n, pass;

	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < c->n; i++) {
			if (pass != 2 && !outside(c, (long)i))
				continue;
			n = pass == 1 ? run_at(c, i, &rules) :
			    region_at(c, i, &rules);
			if (n == 0)
				continue;
			c->ol->decision = rules;
			c->ol->n_decision = n;
			c->ol->decision_line = rules[0].line;
			return;
		}
}
