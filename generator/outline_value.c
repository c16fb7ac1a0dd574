/*
 * outline_value.c: the outline as a value tree, in exactly the schema of
 * `kitgen outline --json` (shared/corpus/README.md), so that templates
 * and the JSON see the same names and shapes. Keys keep this order.
 */
#include <math.h>
#include <string.h>

#include "arena.h"
#include "outline.h"
#include "value.h"

/* Returns a string value, or null for NULL. */
static struct value *
str(struct arena *a, const char *s)
{
	return s != NULL ? value_new_cstr(a, s) : value_new(a, VALUE_NULL);
}

/* A fraction or average: always a float; null when absent. */
static struct value *
real(struct arena *a, double d)
{
	return OL_HAS(d) ? value_new_float(a, d) : value_new(a, VALUE_NULL);
}

/* A score: an integer when it is one; null when absent. */
static struct value *
score(struct arena *a, double d)
{
	if (!OL_HAS(d))
		return value_new(a, VALUE_NULL);
	if (d == floor(d) && d < 1e9)
		return value_new_int(a, (long long)d);
	return value_new_float(a, d);
}

/* Returns {"min": m, "max": n}, or null when unknown. */
static struct value *
minutes(struct arena *a, const struct minutes *m)
{
	struct value	*v;

	if (!m->known)
		return value_new(a, VALUE_NULL);
	v = value_new_map(a);
	value_map_set(a, v, "min", value_new_int(a, m->min));
	value_map_set(a, v, "max", value_new_int(a, m->max));
	return v;
}

/* Returns a list of string values. */
static struct value *
strings(struct arena *a, const char *const *s, size_t n)
{
	struct value	*v = value_new_seq(a);
	size_t		 i;

	for (i = 0; i < n; i++)
		value_seq_push(a, v, str(a, s[i]));
	return v;
}

/* Returns one session in the schema's shape. */
static struct value *
session(struct arena *a, const struct ol_session *s)
{
	struct value	*v = value_new_map(a), *l, *x, *f;
	size_t		 i;

	value_map_set(a, v, "id", str(a, s->id));
	value_map_set(a, v, "title", str(a, s->title));
	value_map_set(a, v, "heading", str(a, s->heading));
	value_map_set(a, v, "line", value_new_int(a, s->line));
	value_map_set(a, v, "minutes", minutes(a, &s->minutes));
	value_map_set(a, v, "interviewer", str(a, s->interviewer));
	value_map_set(a, v, "focus", str(a, s->focus));
	value_map_set(a, v, "location", str(a, s->location));
	l = value_new_seq(a);
	for (i = 0; i < s->n_segments; i++) {
		x = value_new_map(a);
		value_map_set(a, x, "title", str(a, s->segments[i].title));
		value_map_set(a, x, "minutes", minutes(a,
		    &s->segments[i].minutes));
		value_map_set(a, x, "line", value_new_int(a,
		    s->segments[i].line));
		value_seq_push(a, l, x);
	}
	value_map_set(a, v, "segments", l);
	l = value_new_seq(a);
	for (i = 0; i < s->n_questions; i++) {
		const struct ol_question *q = &s->questions[i];

		x = value_new_map(a);
		value_map_set(a, x, "text", str(a, q->text));
		value_map_set(a, x, "probes", strings(a, q->probes,
		    q->n_probes));
		value_map_set(a, x, "line", value_new_int(a, q->line));
		value_seq_push(a, l, x);
	}
	value_map_set(a, v, "questions", l);
	l = value_new_seq(a);
	for (i = 0; i < s->n_rubric; i++) {
		const struct ol_criterion *r = &s->rubric[i];

		x = value_new_map(a);
		value_map_set(a, x, "name", str(a, r->name));
		value_map_set(a, x, "description", str(a, r->description));
		value_map_set(a, x, "weight", real(a, r->weight));
		value_map_set(a, x, "min_score", score(a, r->min_score));
		value_seq_push(a, l, x);
	}
	value_map_set(a, v, "rubric", l);
	f = value_new_map(a);
	value_map_set(a, f, "green", strings(a, s->green, s->n_green));
	value_map_set(a, f, "red", strings(a, s->red, s->n_red));
	value_map_set(a, v, "flags", f);
	return v;
}

/*
 * Returns the outline as a value tree in the arena: the object that
 * `kitgen outline --json` prints.
 */
struct value *
outline_to_value(struct arena *a, const struct outline *ol)
{
	struct value	*v = value_new_map(a), *l, *x;
	size_t		 i;

	value_map_set(a, v, "source", str(a, ol->source));
	value_map_set(a, v, "title", str(a, ol->title));
	value_map_set(a, v, "type", str(a, outline_type_name(ol->type)));
	value_map_set(a, v, "front_matter", ol->front_matter != NULL ?
	    (struct value *)ol->front_matter : value_new_map(a));
	value_map_set(a, v, "total_minutes", minutes(a, &ol->total_minutes));
	l = value_new_seq(a);
	for (i = 0; i < ol->n_sessions; i++)
		value_seq_push(a, l, session(a, &ol->sessions[i]));
	value_map_set(a, v, "sessions", l);
	l = value_new_seq(a);
	for (i = 0; i < ol->n_scale; i++) {
		x = value_new_map(a);
		value_map_set(a, x, "score", value_new_int(a,
		    ol->scale[i].score));
		value_map_set(a, x, "label", str(a, ol->scale[i].label));
		value_map_set(a, x, "description", str(a,
		    ol->scale[i].description));
		value_seq_push(a, l, x);
	}
	value_map_set(a, v, "scale", l);
	l = value_new_seq(a);
	for (i = 0; i < ol->n_criteria; i++) {
		const struct ol_criterion *c = &ol->criteria[i];

		x = value_new_map(a);
		value_map_set(a, x, "name", str(a, c->name));
		value_map_set(a, x, "weight", real(a, c->weight));
		value_map_set(a, x, "min_score", score(a, c->min_score));
		value_map_set(a, x, "notes", str(a, c->description));
		value_seq_push(a, l, x);
	}
	value_map_set(a, v, "criteria", l);
	value_map_set(a, v, "pass_mark", real(a, ol->pass_mark));
	l = value_new_seq(a);
	for (i = 0; i < ol->n_decision; i++) {
		const struct ol_rule *r = &ol->decision[i];

		x = value_new_map(a);
		value_map_set(a, x, "label", str(a, r->label));
		value_map_set(a, x, "description", str(a, r->description));
		value_map_set(a, x, "min_average", real(a, r->min_average));
		value_map_set(a, x, "min_each", score(a, r->min_each));
		value_seq_push(a, l, x);
	}
	value_map_set(a, v, "decision", l);
	return v;
}
