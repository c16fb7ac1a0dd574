/*
 * outline_frontmatter.c: what the front matter states outright. The keys
 * sessions:, scale:, criteria:, decision: and pass_mark: (and duration:
 * for the total) replace what was inferred; explicit always wins. A
 * session named in sessions: keeps what the Markdown said about it
 * unless the front matter says otherwise.
 *
 *   sessions:
 *     - title: Coding
 *       minutes: 45            # or "35-45 min", or {min: 35, max: 45}
 *       interviewer: A. Person
 *       questions: ["Tell me...", {text: "...", probes: ["..."]}]
 *       rubric: [{name: Testing, weight: 30%, min_score: 3}]
 *       flags: {green: [...], red: [...]}
 *     - "System Design (60 min)"
 *   scale: [{score: 5, label: Exceptional, description: ...}]
 *   criteria: [{name: Coding, weight: 0.3, min_score: 3, notes: ...}]
 *   decision: [{label: Hire, description: "average ≥ 3.5"}]
 *   pass_mark: 3.5
 */
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "diag.h"
#include "duration.h"
#include "markdown.h"
#include "outline_int.h"
#include "value.h"

static const char *const name_k[] = { "name", "criterion", "category",
	"title", NULL };
static const char *const desc_k[] = { "description", "notes", "note",
	NULL };
static const char *const min_k[] = { "min_score", "minimum", "min", NULL };
static const char *const text_k[] = { "text", "question", NULL };
static const char *const probe_k[] = { "probes", "follow_ups", "followups",
	"follow-ups", NULL };
static const char *const title_k[] = { "title", "name", NULL };
static const char *const minutes_k[] = { "minutes", "duration", "length",
	"time", NULL };
static const char *const who_k[] = { "interviewer", "interviewers", NULL };
static const char *const total_k[] = { "duration", "total_minutes",
	"total_time", "total_duration", "length", NULL };
static const char *const pass_k[] = { "pass_mark", "passmark", NULL };

/* Returns a scalar's text in the arena, or NULL for null or a container. */
static const char *
text_of(struct ctx *c, const struct value *v)
{
	struct buf	 b = BUF_INIT;
	const char	*s;

	if (v == NULL || !value_is_scalar(v) || v->type == VALUE_NULL)
		return NULL;
	value_put_scalar(&b, v);
	s = arena_strdup(c->a, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* Reports a value of the wrong shape; returns -1. */
static int
bad(struct ctx *c, const struct value *v, const char *what, const char *want)
{
	diag_error(c->file, v->line, v->col, "front matter: %s must be %s, "
	    "not %s", what, want, value_type_name(v->type));
	return -1;
}

/* Returns the first of several keys that m has, or NULL. */
static const struct value *
get(const struct value *m, const char *const *keys)
{
	const struct value *v;

	for (; *keys != NULL; keys++)
		if ((v = value_map_getc(m, *keys)) != NULL)
			return v;
	return NULL;
}

/*
 * Returns a number, or one held by a string ("3.5/5", "20%"); with
 * percent, a weight as a fraction (20 and "20%" are 0.2). OL_NONE when
 * there is none.
 */
static double
num(struct ctx *c, const struct value *v, int percent)
{
	const char	*s;
	double		 d;

	if (v == NULL || v->type == VALUE_NULL)
		return OL_NONE;
	if (v->type == VALUE_INT || v->type == VALUE_FLOAT) {
		d = v->type == VALUE_INT ? (double)v->u.integer : v->u.number;
		return percent && d > 1 ? d / 100 : d;
	}
	if ((s = text_of(c, v)) == NULL)
		return OL_NONE;
	return percent ? ol_percent(s, 0) : ol_number(s, NULL);
}

/*
 * Reads minutes: 45, "35-45 min", "1 hour", {min: 35, max: 45}.
 * Returns 0 (m unknown for null), or -1 after reporting an error.
 */
static int
minutes_of(struct ctx *c, const struct value *v, struct minutes *m)
{
	const char	*s;
	double		 lo, hi;

	memset(m, 0, sizeof(*m));
	if (v == NULL || v->type == VALUE_NULL)
		return 0;
	if (v->type == VALUE_MAP) {
		lo = num(c, value_map_getc(v, "min"), 0);
		hi = num(c, value_map_getc(v, "max"), 0);
		if (lo < 0 && hi < 0)
			return bad(c, v, "minutes", "a number, a duration "
			    "or {min, max}");
		m->known = 1;
		m->min = (unsigned)(lo >= 0 ? lo : hi);
		m->max = (unsigned)(hi >= 0 ? hi : lo);
		if (m->min > m->max)
			m->max = m->min;
		return 0;
	}
	if ((s = text_of(c, v)) == NULL || !duration_parse(s, strlen(s), m)) {
		diag_error(c->file, v->line, v->col, "front matter: '%s' is "
		    "not a duration (say \"45 min\", \"35-45 minutes\" or "
		    "\"1 hour\")", s != NULL ? s : "");
		return -1;
	}
	return 0;
}

/* Reads a list of texts into *out. Returns 0, or -1 after an error. */
static int
strings(struct ctx *c, const struct value *v, const char *what,
    const char ***out, size_t *n)
{
	const char	*s;
	size_t		 i;

	*out = NULL;
	*n = 0;
	if (v == NULL || v->type == VALUE_NULL)
		return 0;
	if (v->type != VALUE_SEQ)
		return bad(c, v, what, "a list");
	for (i = 0; i < v->u.seq.len; i++) {
		if ((s = text_of(c, v->u.seq.items[i])) == NULL)
			return bad(c, v->u.seq.items[i], what,
			    "a list of texts");
		*(const char **)OL_PUSH(c->a, *out, *n) = s;
	}
	return 0;
}

/* Reads a criterion given as {weight, min_score, notes}, or a weight. */
static void
criterion_value(struct ctx *c, const struct value *x, struct ol_criterion *r)
{
	const char	*t = text_of(c, x);

	if (x->type == VALUE_MAP) {
		r->weight = num(c, value_map_getc(x, "weight"), 1);
		r->min_score = num(c, get(x, min_k), 0);
		r->description = text_of(c, get(x, desc_k));
	} else if (x->type == VALUE_INT || x->type == VALUE_FLOAT ||
	    (t != NULL && strchr(t, '%') != NULL))
		r->weight = num(c, x, 1);
	else
		r->description = t;
}

/*
 * Reads a rubric or criteria list, [{name, notes, weight, min_score}]
 * or [names], or a map {Coding: 30%, Design: {weight: 0.3}}.
 * Returns 0, or -1 after reporting an error.
 */
static int
criteria(struct ctx *c, const struct value *v, const char *what,
    struct ol_criterion **out, size_t *n)
{
	struct ol_criterion *r;
	const struct value *x;
	size_t		 i;

	*out = NULL;
	*n = 0;
	if (v->type == VALUE_MAP) {
		for (i = 0; i < v->u.map.len; i++) {
			r = OL_PUSH(c->a, *out, *n);
			r->name = v->u.map.pairs[i].key->u.str.ptr;
			r->line = v->u.map.pairs[i].key->line;
			r->weight = r->min_score = OL_NONE;
			criterion_value(c, v->u.map.pairs[i].val, r);
		}
		return 0;
	}
	if (v->type != VALUE_SEQ)
		return bad(c, v, what, "a list");
	for (i = 0; i < v->u.seq.len; i++) {
		x = v->u.seq.items[i];
		r = OL_PUSH(c->a, *out, *n);
		r->line = x->line;
		r->weight = r->min_score = OL_NONE;
		if (x->type == VALUE_MAP) {
			if ((r->name = text_of(c, get(x, name_k))) == NULL) {
				diag_error(c->file, x->line, x->col, "front "
				    "matter: an item of %s has no name", what);
				return -1;
			}
			criterion_value(c, x, r);
		} else if ((r->name = text_of(c, x)) != NULL)
			r->name = ol_strip_weight(c->a, r->name, &r->weight,
			    &r->min_score);
		else
			return bad(c, x, what, "a list of names or maps");
	}
	return 0;
}

/* Reads questions: [text, {text, probes}]. Returns 0 or -1. */
static int
questions(struct ctx *c, const struct value *v, struct ol_session *s)
{
	static const char want[] = "a text or {text, probes}";
	struct ol_question *q;
	const struct value *x, *p;
	size_t		 i;

	if (v->type != VALUE_SEQ)
		return bad(c, v, "questions", "a list");
	s->questions = NULL;
	s->n_questions = 0;
	for (i = 0; i < v->u.seq.len; i++) {
		x = v->u.seq.items[i];
		q = OL_PUSH(c->a, s->questions, s->n_questions);
		q->line = x->line;
		if (x->type != VALUE_MAP) {
			if ((q->text = text_of(c, x)) == NULL)
				return bad(c, x, "a question", want);
			continue;
		}
		if ((q->text = text_of(c, get(x, text_k))) == NULL)
			return bad(c, x, "a question", want);
		if ((p = get(x, probe_k)) != NULL && strings(c, p, "probes",
		    &q->probes, &q->n_probes) != 0)
			return -1;
	}
	return 0;
}

/* Reads segments: ["Intro (5 min)", {title, minutes}]. Returns 0 or -1. */
static int
segments(struct ctx *c, const struct value *v, struct ol_session *s)
{
	struct ol_segment *g;
	const struct value *x;
	const char	*t;
	size_t		 i;

	if (v->type != VALUE_SEQ)
		return bad(c, v, "segments", "a list");
	s->segments = NULL;
	s->n_segments = 0;
	for (i = 0; i < v->u.seq.len; i++) {
		x = v->u.seq.items[i];
		g = OL_PUSH(c->a, s->segments, s->n_segments);
		g->line = x->line;
		if (x->type == VALUE_MAP) {
			g->title = text_of(c, get(x, title_k));
			if (minutes_of(c, get(x, minutes_k), &g->minutes) != 0)
				return -1;
		} else if ((t = text_of(c, x)) != NULL)
			g->title = ol_clean_title(c->a, t, NULL, NULL,
			    &g->minutes);
		if (g->title == NULL)
			return bad(c, x, "a segment", "a text or "
			    "{title, minutes}");
	}
	return 0;
}

/* Returns the inferred session that title t or id names, or -1. */
static long
inferred(struct ctx *c, const struct ol_session *old, size_t n, const char *t,
    const char *id)
{
	const char	*nt = ol_norm(c->a, t);
	struct buf	 b = BUF_INIT;
	size_t		 i;
	long		 found = -1;

	for (i = 0; i < n && found < 0; i++) {
		buf_reset(&b);
		markdown_slug(&b, old[i].title, strlen(old[i].title));
		if ((id != NULL && strcmp(id, buf_cstr(&b)) == 0) ||
		    strcmp(ol_norm(c->a, old[i].title), nt) == 0)
			found = (long)i;
	}
	buf_free(&b);
	return found;
}

/* Reads interviewer: "Ana", or interviewers: [Ana, Ben] as "Ana, Ben". */
static int
interviewer(struct ctx *c, const struct value *v, const char **out)
{
	const char	**who;
	size_t		  n, i;
	struct buf	  b = BUF_INIT;

	if (v->type != VALUE_SEQ) {
		*out = text_of(c, v);
		return 0;
	}
	if (strings(c, v, "interviewers", &who, &n) != 0)
		return -1;
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", who[i]);
	*out = n > 0 ? arena_strdup(c->a, buf_cstr(&b)) : NULL;
	buf_free(&b);
	return 0;
}

/* Reads flags: {green, red} (or green_flags:, red_flags:). Returns 0 or -1. */
static int
flags(struct ctx *c, const struct value *x, struct ol_session *s)
{
	const struct value *f = value_map_getc(x, "flags"), *v;

	if (f != NULL && f->type != VALUE_MAP)
		return bad(c, f, "flags", "a map of green: and red: lists");
	v = f != NULL ? value_map_getc(f, "green") :
	    value_map_getc(x, "green_flags");
	if (v != NULL && strings(c, v, "green flags", &s->green,
	    &s->n_green) != 0)
		return -1;
	v = f != NULL ? value_map_getc(f, "red") :
	    value_map_getc(x, "red_flags");
	if (v != NULL && strings(c, v, "red flags", &s->red, &s->n_red) != 0)
		return -1;
	return 0;
}

/* Reads what an explicit session map states into s. Returns 0 or -1. */
static int
session_keys(struct ctx *c, const struct value *x, struct ol_session *s)
{
	const struct value *v;

	if ((v = get(x, minutes_k)) != NULL) {
		if (minutes_of(c, v, &s->minutes) != 0)
			return -1;
		s->minutes_line = v->line;
	}
	if ((v = get(x, who_k)) != NULL &&
	    interviewer(c, v, &s->interviewer) != 0)
		return -1;
	if ((v = value_map_getc(x, "focus")) != NULL)
		s->focus = text_of(c, v);
	if ((v = value_map_getc(x, "location")) != NULL)
		s->location = text_of(c, v);
	if ((v = value_map_getc(x, "segments")) != NULL &&
	    segments(c, v, s) != 0)
		return -1;
	if ((v = value_map_getc(x, "questions")) != NULL &&
	    questions(c, v, s) != 0)
		return -1;
	if ((v = value_map_getc(x, "rubric")) != NULL) {
		if (criteria(c, v, "rubric", &s->rubric, &s->n_rubric) != 0)
			return -1;
		s->rubric_line = v->line;
	}
	return flags(c, x, s);
}

/*
 * Reads one explicit session (a map, or a title such as "Coding (45
 * min)"), starting from the inferred session it names. Returns 0 or -1.
 */
static int
session(struct ctx *c, const struct value *x, const struct ol_session *old,
    size_t n_old)
{
	struct ol_session *s, tmp;
	struct minutes	 said;
	const char	*t, *id = NULL;
	long		 k;

	memset(&tmp, 0, sizeof(tmp));
	memset(&said, 0, sizeof(said));
	if (x->type == VALUE_MAP) {
		if ((t = text_of(c, get(x, title_k))) == NULL) {
			diag_error(c->file, x->line, x->col, "front matter: a "
			    "session has no title");
			return -1;
		}
		id = text_of(c, value_map_getc(x, "id"));
	} else if ((t = text_of(c, x)) == NULL)
		return bad(c, x, "a session", "a title or a map");
	else
		t = ol_clean_title(c->a, t, NULL, NULL, &said);
	if ((k = inferred(c, old, n_old, t, id)) >= 0)
		tmp = old[k];
	if (said.known) {
		tmp.minutes = said;
		tmp.minutes_line = x->line;
	}
	s = OL_PUSH(c->a, c->ol->sessions, c->ol->n_sessions);
	*s = tmp;
	s->explicit = 1;
	s->title = t;
	s->id = id;
	if (k < 0)
		s->line = x->line;
	return x->type == VALUE_MAP ? session_keys(c, x, s) : 0;
}

/* Reads a scale level given as "5 - Exceptional: ...". Returns 0 or -1. */
static int
level_text(struct ctx *c, const struct value *x, struct ol_level *lv)
{
	struct unit	 u;
	const char	*t = text_of(c, x);

	memset(&u, 0, sizeof(u));
	u.type = UN_LINE;
	u.text = u.rich = t != NULL ? t : "";
	if (!ol_scale_line(c->a, &u, lv))
		return bad(c, x, "a scale level", "\"5 - Label: "
		    "description\" or {score, label}");
	lv->line = x->line;
	return 0;
}

/* Reads scale: a list of levels, or a map of score to label. */
static int
scale(struct ctx *c, const struct value *v)
{
	struct ol_level	*lv;
	const struct value *x;
	double		 score;
	size_t		 i, n;

	if (v->type != VALUE_SEQ && v->type != VALUE_MAP)
		return bad(c, v, "scale", "a list or a map");
	n = v->type == VALUE_SEQ ? v->u.seq.len : v->u.map.len;
	c->ol->scale = NULL;
	c->ol->n_scale = 0;
	c->ol->scale_line = v->line;
	for (i = 0; i < n; i++) {
		x = v->type == VALUE_SEQ ? v->u.seq.items[i] :
		    v->u.map.pairs[i].val;
		lv = OL_PUSH(c->a, c->ol->scale, c->ol->n_scale);
		lv->line = x->line;
		if (v->type == VALUE_MAP) {
			/* {5: Exceptional, 4: Strong} */
			score = ol_number(v->u.map.pairs[i].key->u.str.ptr,
			    NULL);
			lv->label = text_of(c, x);
		} else if (x->type == VALUE_MAP) {
			score = num(c, value_map_getc(x, "score"), 0);
			lv->label = text_of(c, value_map_getc(x, "label"));
			lv->description = text_of(c, value_map_getc(x,
			    "description"));
		} else if (level_text(c, x, lv) != 0)
			return -1;
		else
			score = lv->score;
		if (score < 0 || lv->label == NULL)
			return bad(c, x, "a scale level", "{score, label}");
		lv->score = (int)score;
	}
	return 0;
}

/* Reads a rule's numbers stated as keys: min_average, min_each... */
static void
rule_keys(struct ctx *c, const struct value *x, struct ol_rule *r)
{
	const struct value *v;

	if ((v = value_map_getc(x, "min_average")) != NULL)
		r->min_average = num(c, v, 0);
	if ((v = value_map_getc(x, "max_average")) != NULL)
		r->max_average = num(c, v, 0);
	if ((v = value_map_getc(x, "min_each")) != NULL)
		r->min_each = num(c, v, 0);
}

/* Reads decision: a list of rules, or a map of label to rule. */
static int
decision(struct ctx *c, const struct value *v)
{
	struct ol_rule	*r;
	const struct value *x;
	const char	*s, *colon;
	size_t		 i, n;

	if (v->type != VALUE_SEQ && v->type != VALUE_MAP)
		return bad(c, v, "decision", "a list or a map");
	n = v->type == VALUE_SEQ ? v->u.seq.len : v->u.map.len;
	c->ol->decision = NULL;
	c->ol->n_decision = 0;
	c->ol->decision_line = v->line;
	for (i = 0; i < n; i++) {
		x = v->type == VALUE_SEQ ? v->u.seq.items[i] :
		    v->u.map.pairs[i].val;
		r = OL_PUSH(c->a, c->ol->decision, c->ol->n_decision);
		r->line = x->line;
		r->min_average = r->max_average = r->min_each = OL_NONE;
		if (v->type == VALUE_MAP) {
			r->label = v->u.map.pairs[i].key->u.str.ptr;
			r->description = text_of(c, x);
		} else if (x->type == VALUE_MAP) {
			r->label = text_of(c, value_map_getc(x, "label"));
			r->description = text_of(c, get(x, desc_k));
		} else if ((s = text_of(c, x)) != NULL) {
			/* "Hire: average at least 3.5" */
			colon = strchr(s, ':');
			r->label = colon != NULL ? ol_trim(c->a, s,
			    (size_t)(colon - s)) : s;
			if (colon != NULL)
				r->description = ol_trim(c->a, colon + 1,
				    strlen(colon + 1));
		}
		if (r->label == NULL)
			return bad(c, x, "a decision rule", "{label, "
			    "description} or \"Label: description\"");
		ol_rule_numbers(r);
		if (x->type == VALUE_MAP)
			rule_keys(c, x, r);
	}
	return 0;
}

/*
 * Returns the explicit key's value when it is a list or map. A plain
 * value ("sessions: 5", "scale: 1-5") is a note, not a structure: it is
 * left alone, with a warning, and NULL is returned.
 */
static const struct value *
explicit_key(struct ctx *c, const struct value *meta, const char *key,
    const char *want)
{
	const struct value *v = value_map_getc(meta, key);

	if (v == NULL || v->type == VALUE_NULL)
		return NULL;
	if (v->type == VALUE_SEQ || v->type == VALUE_MAP)
		return v;
	diag_warning(c->file, v->line, v->col, "front matter: %s is %s, not "
	    "%s; it is not used for the outline", key,
	    value_type_name(v->type), want);
	return NULL;
}

/* Replaces the inferred sessions with the list v. Returns 0 or -1. */
static int
sessions(struct ctx *c, const struct value *v)
{
	struct ol_session *old = c->ol->sessions;
	size_t		 n_old = c->ol->n_sessions, i;
	int		 rc = 0;

	if (v->type != VALUE_SEQ)
		return bad(c, v, "sessions", "a list");
	c->ol->sessions = NULL;
	c->ol->n_sessions = 0;
	for (i = 0; i < v->u.seq.len; i++)
		if (session(c, v->u.seq.items[i], old, n_old) != 0)
			rc = -1;
	if (rc != 0) {
		c->ol->sessions = old;
		c->ol->n_sessions = n_old;
	}
	return rc;
}

/*
 * Applies the explicit keys of front matter meta to the outline.
 * Returns 0, or -1 after reporting what is wrong with them.
 */
int
ol_apply_frontmatter(struct ctx *c, const struct value *meta)
{
	const struct value *v;
	struct minutes	 m;
	const char	*t;
	double		 p;
	int		 rc = 0;

	if ((v = explicit_key(c, meta, "sessions", "a list of sessions")) !=
	    NULL && sessions(c, v) != 0)
		rc = -1;
	if ((v = explicit_key(c, meta, "scale", "a list of levels")) != NULL &&
	    scale(c, v) != 0)
		rc = -1;
	if ((v = explicit_key(c, meta, "criteria", "a list of criteria")) !=
	    NULL) {
		if (criteria(c, v, "criteria", &c->ol->criteria,
		    &c->ol->n_criteria) != 0)
			rc = -1;
		c->ol->criteria_line = v->line;
	}
	if ((v = explicit_key(c, meta, "decision", "a list of rules")) !=
	    NULL && decision(c, v) != 0)
		rc = -1;
	if ((v = get(meta, pass_k)) != NULL && v->type != VALUE_NULL) {
		if ((p = num(c, v, 0)) < 0)
			diag_warning(c->file, v->line, v->col, "front matter: "
			    "pass_mark is not a number (such as 3.5); it is "
			    "not used");
		else {
			c->ol->pass_mark = p;
			c->ol->pass_mark_line = v->line;
		}
	}
	if ((v = get(meta, total_k)) != NULL && (t = text_of(c, v)) != NULL &&
	    duration_parse(t, strlen(t), &m)) {
		c->ol->stated_total = m;
		c->ol->stated_total_line = v->line;
	}
	return rc;
}
