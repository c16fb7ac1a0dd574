/*
 * value.c: the value tree and YAML 1.2 core-schema scalar resolution.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "value.h"

/*
 * Maps this long or longer get a hash index for lookups. Shorter ones are
 * scanned: a page context's maps (a dozen or two keys) are made by the
 * thousand and looked up a few times each, so keeping their index cost
 * more than it saved (8: 1.5% more instructions for a build).
 */
#define INDEX_MIN	32

struct value *
value_new(struct arena *a, enum value_type type)
{
	struct value	*v = arena_zalloc(a, sizeof(*v));

	v->type = type;
	return v;
}

struct value *
value_new_bool(struct arena *a, int b)
{
	struct value	*v = value_new(a, VALUE_BOOL);

	v->u.boolean = b != 0;
	return v;
}

struct value *
value_new_int(struct arena *a, long long i)
{
	struct value	*v = value_new(a, VALUE_INT);

	v->u.integer = i;
	return v;
}

struct value *
value_new_float(struct arena *a, double d)
{
	struct value	*v = value_new(a, VALUE_FLOAT);

	v->u.number = d;
	return v;
}

/* Copies the string into the arena. */
struct value *
value_new_string(struct arena *a, const char *s, size_t len)
{
	struct value	*v = value_new(a, VALUE_STRING);

	v->u.str.ptr = arena_strndup(a, s, len);
	v->u.str.len = len;
	return v;
}

struct value *
value_new_cstr(struct arena *a, const char *s)
{
	return value_new_string(a, s, strlen(s));
}

/*
 * Returns a string value that points at s, not a copy: s must outlive
 * the value.
 */
struct value *
value_new_borrowed(struct arena *a, const char *s)
{
	struct value	*v = value_new(a, VALUE_STRING);

	v->u.str.ptr = s;
	v->u.str.len = strlen(s);
	return v;
}

struct value *
value_new_seq(struct arena *a)
{
	return value_new(a, VALUE_SEQ);
}

struct value *
value_new_map(struct arena *a)
{
	return value_new(a, VALUE_MAP);
}

void
value_set_pos(struct value *v, const char *file, unsigned line, unsigned col)
{
	v->file = file;
	v->line = line;
	v->col = col;
}

/* Arena arrays grow by copying; doubling keeps that linear overall. */
static void *
grow(struct arena *a, void *old, size_t len, size_t *cap, size_t elem)
{
	size_t	 ncap = *cap ? *cap * 2 : 4;
	void	*p;

	p = arena_alloc(a, ncap * elem);
	if (len)
		memcpy(p, old, len * elem);
	*cap = ncap;
	return p;
}

void
value_seq_push(struct arena *a, struct value *seq, struct value *item)
{
	if (seq->u.seq.len == seq->u.seq.cap)
		seq->u.seq.items = grow(a, seq->u.seq.items, seq->u.seq.len,
		    &seq->u.seq.cap, sizeof(struct value *));
	seq->u.seq.items[seq->u.seq.len++] = item;
}

static uint32_t
hash(const char *s, size_t n)
{
	uint32_t	 h = 2166136261u;
	size_t		 i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void
index_insert(struct value *m, size_t pos)
{
	const struct value *k = m->u.map.pairs[pos].key;
	size_t		 mask = m->u.map.index_cap - 1, i;

	i = hash(k->u.str.ptr, k->u.str.len) & mask;
	while (m->u.map.index[i] != 0)
		i = (i + 1) & mask;
	m->u.map.index[i] = (uint32_t)pos + 1;
}

static void
index_rebuild(struct arena *a, struct value *m)
{
	size_t	 cap = 16, i;

	while (cap < m->u.map.len * 2)
		cap *= 2;
	m->u.map.index = arena_zalloc(a, cap * sizeof(uint32_t));
	m->u.map.index_cap = cap;
	for (i = 0; i < m->u.map.len; i++)
		index_insert(m, i);
}

/*
 * Appends key (a string value) and val. Does not look for an existing
 * key: the YAML loader checks duplicates itself, to report them.
 */
void
value_map_put(struct arena *a, struct value *m, struct value *key,
    struct value *val)
{
	if (m->u.map.len == m->u.map.cap)
		m->u.map.pairs = grow(a, m->u.map.pairs, m->u.map.len,
		    &m->u.map.cap, sizeof(struct value_pair));
	m->u.map.pairs[m->u.map.len].key = key;
	m->u.map.pairs[m->u.map.len].val = val;
	m->u.map.len++;
	if (m->u.map.len >= INDEX_MIN) {
		if (m->u.map.len * 2 > m->u.map.index_cap)
			index_rebuild(a, m);
		else
			index_insert(m, m->u.map.len - 1);
	}
}

/* Sets key to val, replacing the value of an existing key in place. */
void
value_map_set(struct arena *a, struct value *m, const char *key,
    struct value *val)
{
	struct value_pair *p = value_map_find(m, key, strlen(key));

	if (p != NULL)
		p->val = val;
	else
		value_map_put(a, m, value_new_cstr(a, key), val);
}

/* Returns the pair with that key, or NULL (also for a non-map). */
struct value_pair *
value_map_find(const struct value *m, const char *key, size_t len)
{
	const struct value *k;
	size_t		 i, mask;
	uint32_t	 pos;

	if (m == NULL || m->type != VALUE_MAP)
		return NULL;
	if (m->u.map.index != NULL) {
		mask = m->u.map.index_cap - 1;
		i = hash(key, len) & mask;
		while ((pos = m->u.map.index[i]) != 0) {
			k = m->u.map.pairs[pos - 1].key;
			if (k->u.str.len == len &&
			    memcmp(k->u.str.ptr, key, len) == 0)
				return &m->u.map.pairs[pos - 1];
			i = (i + 1) & mask;
		}
		return NULL;
	}
	for (i = 0; i < m->u.map.len; i++) {
		k = m->u.map.pairs[i].key;
		if (k->u.str.len == len && memcmp(k->u.str.ptr, key, len) == 0)
			return &m->u.map.pairs[i];
	}
	return NULL;
}

/* Returns the value of key, or NULL when absent or m is not a map. */
struct value *
value_map_get(const struct value *m, const char *key, size_t len)
{
	struct value_pair *p = value_map_find(m, key, len);

	return p != NULL ? p->val : NULL;
}

struct value *
value_map_getc(const struct value *m, const char *key)
{
	return value_map_get(m, key, strlen(key));
}

static int
eq(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static int
all_in(const char *s, size_t n, const char *set)
{
	size_t	 i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (strchr(set, s[i]) == NULL)
			return 0;
	return 1;
}

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static int
is_core_float(const char *s, size_t n)
{
	size_t	 i = 0, digits = 0;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, digits++;
	}
	if (digits == 0)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == n;
}

/*
 * Resolves a plain (unquoted) scalar by the YAML 1.2 core schema.
 * Returns a new value; an integer too large for 64 bits becomes a float.
 */
struct value *
value_scalar(struct arena *a, const char *s, size_t n)
{
	char		 tmp[128];
	const char	*p;
	long long	 ll;
	int		 sign = 1;
	char		*end;

	if (n == 0 || eq(s, n, "~") || eq(s, n, "null") || eq(s, n, "Null") ||
	    eq(s, n, "NULL"))
		return value_new(a, VALUE_NULL);
	if (eq(s, n, "true") || eq(s, n, "True") || eq(s, n, "TRUE"))
		return value_new_bool(a, 1);
	if (eq(s, n, "false") || eq(s, n, "False") || eq(s, n, "FALSE"))
		return value_new_bool(a, 0);
	if (n >= sizeof(tmp))
		return value_new_string(a, s, n);
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	p = tmp;
	if (n > 2 && p[0] == '0' && p[1] == 'o' && all_in(p + 2, n - 2,
	    "01234567")) {
		errno = 0;
		ll = (long long)strtoull(p + 2, &end, 8);
		if (errno == 0 && ll >= 0)
			return value_new_int(a, ll);
		return value_new_string(a, s, n);
	}
	if (n > 2 && p[0] == '0' && p[1] == 'x' && all_in(p + 2, n - 2,
	    "0123456789abcdefABCDEF")) {
		errno = 0;
		ll = (long long)strtoull(p + 2, &end, 16);
		if (errno == 0 && ll >= 0)
			return value_new_int(a, ll);
		return value_new_string(a, s, n);
	}
	if (p[0] == '-' || p[0] == '+') {
		sign = p[0] == '-' ? -1 : 1;
		p++;
	}
	if (all_in(p, strlen(p), "0123456789")) {
		errno = 0;
		ll = strtoll(tmp, &end, 10);
		if (errno == 0)
			return value_new_int(a, ll);
		return value_new_float(a, strtod(tmp, NULL));
	}
	if (eq(p, strlen(p), ".inf") || eq(p, strlen(p), ".Inf") ||
	    eq(p, strlen(p), ".INF"))
		return value_new_float(a, sign * HUGE_VAL);
	if (eq(s, n, ".nan") || eq(s, n, ".NaN") || eq(s, n, ".NAN"))
		return value_new_float(a, NAN);
	if (is_core_float(tmp, n))
		return value_new_float(a, strtod(tmp, NULL));
	return value_new_string(a, s, n);
}

int
value_is_scalar(const struct value *v)
{
	return v != NULL && v->type != VALUE_SEQ && v->type != VALUE_MAP;
}

/*
 * Returns whether a Mustache section shows for v: not for null, false
 * or an empty list; for everything else, empty strings and 0 included.
 */
int
value_truthy(const struct value *v)
{
	if (v == NULL)
		return 0;
	switch (v->type) {
	case VALUE_NULL:
		return 0;
	case VALUE_BOOL:
		return v->u.boolean;
	case VALUE_SEQ:
		return v->u.seq.len > 0;
	default:
		return 1;
	}
}

const char *
value_type_name(enum value_type t)
{
	switch (t) {
	case VALUE_NULL: return "null";
	case VALUE_BOOL: return "a boolean";
	case VALUE_INT: return "an integer";
	case VALUE_FLOAT: return "a number";
	case VALUE_STRING: return "a string";
	case VALUE_SEQ: return "a list";
	case VALUE_MAP: return "a map";
	}
	return "a value";
}

/*
 * Writes d into dst (at least 40 bytes) as YAML would read it back: an
 * integral value without a fraction (20.0 as "20"), else the fewest
 * digits that read back as d (1.210 as "1.21"); .inf, -.inf, .nan.
 * Returns the length.
 */
size_t
value_format_number(char *dst, double d)
{
	int	 prec, lo, hi;

	if (isnan(d))
		return (size_t)snprintf(dst, 40, ".nan");
	if (isinf(d))
		return (size_t)snprintf(dst, 40, d < 0 ? "-.inf" : ".inf");
	/* %g would print 20.0 as "2e+01". */
	if (d == floor(d) && fabs(d) < 1e15)
		return (size_t)snprintf(dst, 40, "%.0f", d);
	/*
	 * Whether p digits read back as d is monotonic in p: a few short
	 * tries (most numbers people write), then a binary search, as
	 * printing a large number costs much.
	 */
	for (prec = 1; prec <= 3; prec++) {
		snprintf(dst, 40, "%.*g", prec, d);
		if (strtod(dst, NULL) == d)
			return strlen(dst);
	}
	lo = 4;
	hi = 17;
	while (lo < hi) {
		prec = lo + (hi - lo) / 2;
		snprintf(dst, 40, "%.*g", prec, d);
		if (strtod(dst, NULL) == d)
			hi = prec;
		else
			lo = prec + 1;
	}
	return (size_t)snprintf(dst, 40, "%.*g", lo, d);
}

/* Appends d as value_format_number writes it. */
void
value_put_number(struct buf *b, double d)
{
	char	 tmp[40];

	buf_put(b, tmp, value_format_number(tmp, d));
}

/* Appends a scalar's text: "" for null and for containers. */
void
value_put_scalar(struct buf *b, const struct value *v)
{
	if (v == NULL)
		return;
	switch (v->type) {
	case VALUE_BOOL:
		buf_puts(b, v->u.boolean ? "true" : "false");
		break;
	case VALUE_INT:
		buf_printf(b, "%lld", v->u.integer);
		break;
	case VALUE_FLOAT:
		value_put_number(b, v->u.number);
		break;
	case VALUE_STRING:
		buf_put(b, v->u.str.ptr, v->u.str.len);
		break;
	default:
		break;
	}
}

/* Returns the string of a VALUE_STRING, else NULL. */
const char *
value_cstr(const struct value *v)
{
	return v != NULL && v->type == VALUE_STRING ? v->u.str.ptr : NULL;
}
