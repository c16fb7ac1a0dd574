/*
 * context_int.h: what the parts of the context stage share: a page's
 * context under construction (struct cx) and the small helpers that
 * build it, inline as they run for every value of every page; the
 * labels made by hand rather than by printf (context_label.c); and the
 * contexts of the listing pages (context_lists.c). Not for other
 * modules.
 */
#ifndef KITGEN_CONTEXT_INT_H
#define KITGEN_CONTEXT_INT_H

#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "context.h"
#include "model.h"
#include "tz.h"
#include "value.h"

struct minutes;

const char	*label_minutes(struct arena *, const struct minutes *);
const char	*label_g(struct arena *, double, const char *);
const char	*label_clock(struct arena *, int);
const char	*label_offset(struct arena *, int);

/* Keys remembered per page (key()): more than a page's distinct keys. */
#define CX_KEYS	256

/* A key made for this page, known by the address of its literal. */
struct keyslot {
	const char		*k;
	struct value		*v;
};

struct cx {
	struct arena		*a;
	const struct model	*m;
	const char		*root;	/* "../../" from this page to the root */
	struct value		*yes, *no;	/* shared booleans */
	struct keyslot		 keys[CX_KEYS];	/* key() */
	struct keyslot		 has[CX_KEYS];	/* has_key() */
};

/*
 * Returns the key prefix k (prefix may be NULL) as a value, made once
 * per page for each k in table t: keys are literals, so one node serves
 * every map of the page that has k.
 */
static inline struct value *
key_in(struct cx *x, struct keyslot *t, const char *prefix, const char *k)
{
	size_t	 i = ((uintptr_t)k >> 3) & (CX_KEYS - 1), n;
	const char *s = k;

	for (n = 0; n < CX_KEYS; n++, i = (i + 1) & (CX_KEYS - 1))
		if (t[i].k == k)
			return t[i].v;
		else if (t[i].k == NULL)
			break;
	if (prefix != NULL)
		s = arena_cat(x->a, prefix, k, (char *)NULL);
	if (n == CX_KEYS)
		return value_new_borrowed(x->a, s);
	t[i].k = k;
	return t[i].v = value_new_borrowed(x->a, s);
}

/* Returns the key k as a value (see key_in). */
static inline struct value *
key(struct cx *x, const char *k)
{
	return key_in(x, x->keys, NULL, k);
}

/* Returns the key "has_" k as a value (see key_in). */
static inline struct value *
has_key(struct cx *x, const char *k)
{
	return key_in(x, x->has, "has_", k);
}

/*
 * Returns s, which lives as long as the page (the model's, a literal,
 * or the page arena's), as a value, NULL as null.
 */
static inline struct value *
str(struct cx *x, const char *s)
{
	return s != NULL ? value_new_borrowed(x->a, s) :
	    value_new(x->a, VALUE_NULL);
}

static inline void
set_str(struct cx *x, struct value *m, const char *k, const char *s)
{
	value_map_put(x->a, m, key(x, k), str(x, s));
}

static inline void
set_int(struct cx *x, struct value *m, const char *k, long long i)
{
	value_map_put(x->a, m, key(x, k), value_new_int(x->a, i));
}

static inline void
set_bool(struct cx *x, struct value *m, const char *k, int b)
{
	value_map_put(x->a, m, key(x, k), b ? x->yes : x->no);
}

static inline void
set(struct cx *x, struct value *m, const char *k, struct value *v)
{
	value_map_put(x->a, m, key(x, k), v);
}

/* Sets key to the list and has_KEY to whether it has items. */
static inline void
set_list(struct cx *x, struct value *m, const char *k, struct value *seq)
{
	set(x, m, k, seq);
	value_map_put(x->a, m, has_key(x, k), seq->u.seq.len > 0 ? x->yes :
	    x->no);
}

static inline const char *
href(struct cx *x, const char *target)
{
	return arena_cat(x->a, x->root, target, (char *)NULL);
}

static inline struct value *
strings(struct cx *x, const char *const *s, size_t n)
{
	struct value	*seq = value_new_seq(x->a);
	size_t		 i;

	for (i = 0; i < n; i++)
		value_seq_push(x->a, seq, str(x, s[i]));
	return seq;
}

static inline const char *
date_label(struct cx *x, const struct candidate *c)
{
	static const char *const days[] = { "Monday", "Tuesday", "Wednesday",
	    "Thursday", "Friday", "Saturday", "Sunday" };
	static const char *const months[] = { "January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December" };

	if (!c->has_date)
		return "Date to be set";
	return arena_printf(x->a, "%s %d %s %d", days[date_weekday(&c->date)],
	    c->date.day, months[c->date.month - 1], c->date.year);
}

static inline const char *
date_iso(struct cx *x, const struct candidate *c)
{
	if (!c->has_date)
		return NULL;
	return arena_printf(x->a, "%04d-%02d-%02d", c->date.year,
	    c->date.month, c->date.day);
}

static inline const char *
type_label(enum ol_type t)
{
	return t == OL_SCRIPT ? "Interview script" : t == OL_PAGE ?
	    "Handbook page" : "Interview guide";
}

static inline const char *
time_label(struct cx *x, const struct slot *s)
{
	if (s->start < 0)
		return "Time to be set";
	if (s->end < 0)
		return label_clock(x->a, s->start);
	return arena_cat(x->a, label_clock(x->a, s->start), "\xE2\x80\x93",
	    label_clock(x->a, s->end), (char *)NULL);
}

static inline const char *
cand_dir(struct cx *x, const struct cand *c)
{
	return arena_cat(x->a, "candidates/", c->c.id, "/", (char *)NULL);
}

void	 cx_index(struct cx *, struct value *);
void	 cx_interviewer(struct cx *, struct value *,
	     const struct interviewer *);

#endif
