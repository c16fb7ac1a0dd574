/*
 * candidate.c: reading and checking one candidate file.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buffer.h"
#include "candidate.h"
#include "diag.h"
#include "hash.h"
#include "value.h"
#include "xalloc.h"

struct ctx {
	struct arena	*a;
	const char	*path;
	int		 bad;
};

static void
error(struct ctx *c, const struct value *v, const char *fmt, const char *arg)
{
	diag_error(c->path, v != NULL ? v->line : 0, v != NULL ? v->col : 0,
	    fmt, arg);
	c->bad = 1;
}

/*
 * Returns the string at key in map m: NULL when absent or null (an error
 * if required), or when not a string (always an error).
 */
static const char *
str(struct ctx *c, const struct value *m, const char *key, int required,
    const struct value **node)
{
	const struct value_pair *p = value_map_find(m, key, strlen(key));

	if (node != NULL)
		*node = p != NULL ? p->val : NULL;
	if (p == NULL || p->val->type == VALUE_NULL) {
		if (required)
			error(c, p != NULL ? p->val : m,
			    "missing required key '%s'", key);
		return NULL;
	}
	if (p->val->type != VALUE_STRING) {
		diag_error(c->path, p->val->line, p->val->col, "'%s' must be "
		    "text, not %s%s", key, value_type_name(p->val->type),
		    p->val->type == VALUE_INT || p->val->type == VALUE_FLOAT ?
		    " (quote it)" : "");
		c->bad = 1;
		return NULL;
	}
	if (required && p->val->u.str.len == 0) {
		error(c, p->val, "'%s' must not be empty", key);
		return NULL;
	}
	return p->val->u.str.ptr;
}

static void
unknown_keys(struct ctx *c, const struct value *m, const char *const *known,
    const char *what)
{
	size_t	 i, j;
	const struct value *k;

	for (i = 0; i < m->u.map.len; i++) {
		k = m->u.map.pairs[i].key;
		for (j = 0; known[j] != NULL; j++)
			if (strcmp(known[j], k->u.str.ptr) == 0)
				break;
		if (known[j] == NULL)
			diag_warning(c->path, k->line, k->col, "unknown key "
			    "'%s' in %s", k->u.str.ptr, what);
	}
}

/* Returns whether id matches [a-z0-9][a-z0-9_-]{0,63}. */
int
candidate_id_ok(const char *id)
{
	size_t	 i;

	if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9')))
		return 0;
	for (i = 1; id[i] != '\0'; i++)
		if (i > 63 || !((id[i] >= 'a' && id[i] <= 'z') ||
		    (id[i] >= '0' && id[i] <= '9') || id[i] == '_' ||
		    id[i] == '-'))
			return 0;
	return 1;
}

/*
 * Returns whether url is an absolute http, https or mailto URL with no
 * whitespace or control characters in it.
 */
int
url_scheme_ok(const char *url)
{
	const char	*p;

	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '"' ||
		    *p == '<' || *p == '>' || *p == '\\')
			return 0;
	if (strncasecmp(url, "https://", 8) == 0)
		return url[8] != '\0' && url[8] != '/';
	if (strncasecmp(url, "http://", 7) == 0)
		return url[7] != '\0' && url[7] != '/';
	if (strncasecmp(url, "mailto:", 7) == 0)
		return strchr(url + 7, '@') != NULL;
	return 0;
}

/* Returns whether s looks like one e-mail address. */
static int
email_ok(const char *s)
{
	const char	*at = strchr(s, '@'), *p;

	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@'))
		return 0;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || strchr("<>()[]\\,;:\"", *p))
			return 0;
	return strchr(at, '.') != NULL;
}

static void
parse_links(struct ctx *c, const struct value *v, struct candidate *cd)
{
	size_t	 i;
	const struct value_pair *p;

	if (v->type != VALUE_MAP) {
		error(c, v, "'links' must map labels to URLs, not %s",
		    value_type_name(v->type));
		return;
	}
	cd->links = arena_zalloc(c->a, (v->u.map.len + 1) *
	    sizeof(*cd->links));
	for (i = 0; i < v->u.map.len; i++) {
		p = &v->u.map.pairs[i];
		if (p->val->type != VALUE_STRING) {
			error(c, p->val, "link '%s' must be a URL", p->key->u.str.ptr);
			continue;
		}
		if (!url_scheme_ok(p->val->u.str.ptr)) {
			error(c, p->val, "link '%s' must be an http, https or "
			    "mailto URL", p->key->u.str.ptr);
			continue;
		}
		cd->links[cd->n_links].label = p->key->u.str.ptr;
		cd->links[cd->n_links].url = p->val->u.str.ptr;
		cd->n_links++;
	}
}

/* Returns the position of v (0:0 for NULL). */
static struct cand_pos
at(const struct value *v)
{
	struct cand_pos	 p = { 0, 0 };

	if (v != NULL) {
		p.line = v->line;
		p.col = v->col;
	}
	return p;
}

static void
parse_slot(struct ctx *c, const struct value *v, struct cand_slot *s)
{
	static const char *const known[] = { "session", "interviewer",
	    "email", "start", "room", "focus", "probes", NULL };
	const struct value *pv, *n, *sv;
	size_t		 i;

	memset(s, 0, sizeof(*s));
	s->node = at(v);
	s->start = -1;
	if (v->type != VALUE_MAP) {
		error(c, v, "a panel slot must be a map with 'session', "
		    "'interviewer', 'start'..., not %s", value_type_name(v->type));
		return;
	}
	unknown_keys(c, v, known, "a panel slot");
	sv = value_map_getc(v, "session");
	s->session = at(sv);
	if (sv != NULL && (sv->type == VALUE_INT || sv->type == VALUE_FLOAT)) {
		/* "session: 2" means the second session's number. */
		struct buf b = BUF_INIT;

		value_put_scalar(&b, sv);
		s->session_ref = arena_strdup(c->a, buf_cstr(&b));
		buf_free(&b);
	} else
		s->session_ref = str(c, v, "session", 1, NULL);
	s->interviewer = str(c, v, "interviewer", 0, NULL);
	s->email = str(c, v, "email", 0, &n);
	if (s->email != NULL && !email_ok(s->email))
		error(c, n, "'%s' is not an e-mail address", s->email);
	s->room = str(c, v, "room", 0, NULL);
	s->focus = str(c, v, "focus", 0, NULL);
	if ((n = value_map_getc(v, "start")) != NULL && n->type == VALUE_INT) {
		error(c, n, "start must be a quoted time such as \"09:30\"%s", "");
	} else {
		const char *t = str(c, v, "start", 0, &n);

		s->start_node = at(n);
		if (t != NULL && time_parse(t, &s->start) != 0) {
			error(c, n, "start '%s' is not a time of day as HH:MM", t);
			s->start = -1;
		}
	}
	if ((pv = value_map_getc(v, "probes")) != NULL &&
	    pv->type != VALUE_NULL) {
		if (pv->type != VALUE_SEQ) {
			error(c, pv, "'probes' must be a list of questions%s",
			    "");
			return;
		}
		s->probes = arena_zalloc(c->a, (pv->u.seq.len + 1) *
		    sizeof(char *));
		for (i = 0; i < pv->u.seq.len; i++) {
			n = pv->u.seq.items[i];
			if (n->type != VALUE_STRING)
				error(c, n, "a probe must be text%s", "");
			else
				s->probes[s->n_probes++] = n->u.str.ptr;
		}
	}
}

static void
parse_scores(struct ctx *c, const struct value *v, struct candidate *cd)
{
	size_t	 i, j;
	const struct value_pair *p, *q;
	struct cand_scores *ss;

	if (v->type != VALUE_MAP) {
		error(c, v, "'scores' must map sessions to their ratings, not %s",
		    value_type_name(v->type));
		return;
	}
	cd->scores = arena_zalloc(c->a, (v->u.map.len + 1) *
	    sizeof(*cd->scores));
	for (i = 0; i < v->u.map.len; i++) {
		p = &v->u.map.pairs[i];
		ss = &cd->scores[cd->n_scores++];
		ss->session = at(p->key);
		ss->session_ref = p->key->u.str.ptr;
		if (p->val->type != VALUE_MAP) {
			error(c, p->val, "the scores of '%s' must map criteria "
			    "to ratings", ss->session_ref);
			continue;
		}
		ss->scores = arena_zalloc(c->a, (p->val->u.map.len + 1) *
		    sizeof(*ss->scores));
		for (j = 0; j < p->val->u.map.len; j++) {
			q = &p->val->u.map.pairs[j];
			if (strcmp(q->key->u.str.ptr, "recommendation") == 0) {
				if (q->val->type != VALUE_STRING)
					error(c, q->val, "a recommendation must "
					    "be text%s", "");
				else {
					ss->recommendation = q->val->u.str.ptr;
					ss->recommendation_node = at(q->val);
				}
				continue;
			}
			if (q->val->type != VALUE_INT &&
			    q->val->type != VALUE_FLOAT) {
				error(c, q->val, "the rating of '%s' must be a "
				    "number", q->key->u.str.ptr);
				continue;
			}
			ss->scores[ss->n_scores].criterion = q->key->u.str.ptr;
			ss->scores[ss->n_scores].node = at(q->val);
			ss->scores[ss->n_scores].rating =
			    q->val->type == VALUE_INT ?
			    (double)q->val->u.integer : q->val->u.number;
			ss->n_scores++;
		}
	}
}

/*
 * Reads the candidate file at path (already parsed into root) into cd.
 * Returns 0, or -1 after reporting every problem found.
 */
int
candidate_parse(struct arena *a, const char *path, const struct value *root,
    const char *default_tz, struct candidate *cd)
{
	static const char *const known[] = { "id", "name", "role", "guide",
	    "date", "timezone", "location", "links", "summary", "panel",
	    "scores", NULL };
	struct ctx	 c = { a, path, 0 };
	const struct value *v, *n;
	const char	*s;
	size_t		 i;

	memset(cd, 0, sizeof(*cd));
	cd->path = path;
	cd->root = at(root);
	if (root == NULL || root->type != VALUE_MAP) {
		error(&c, root, "a candidate file must be a map with 'id', "
		    "'name', 'guide'...%s", "");
		return -1;
	}
	unknown_keys(&c, root, known, "a candidate file");
	cd->id = str(&c, root, "id", 1, &n);
	cd->id_node = at(n);
	if (cd->id != NULL && !candidate_id_ok(cd->id)) {
		error(&c, n, "id '%s' must be 1 to 64 of a-z, 0-9, '_' and "
		    "'-', starting with a letter or digit", cd->id);
		cd->id = NULL;
	}
	cd->name = str(&c, root, "name", 1, NULL);
	cd->role = str(&c, root, "role", 0, NULL);
	cd->guide_ref = str(&c, root, "guide", 1, &n);
	cd->guide_node = at(n);
	cd->location = str(&c, root, "location", 0, NULL);
	cd->summary = str(&c, root, "summary", 0, NULL);
	if ((s = str(&c, root, "date", 0, &n)) != NULL) {
		if (date_parse(s, &cd->date) != 0)
			error(&c, n, "date '%s' is not a date as YYYY-MM-DD", s);
		else
			cd->has_date = 1;
	}
	cd->timezone = default_tz;
	if ((s = str(&c, root, "timezone", 0, &n)) != NULL) {
		if (!tz_valid(s))
			error(&c, n, "unknown time zone '%s' (an IANA name "
			    "such as Europe/London)", s);
		else
			cd->timezone = s;
	}
	if ((v = value_map_getc(root, "links")) != NULL &&
	    v->type != VALUE_NULL)
		parse_links(&c, v, cd);
	if ((v = value_map_getc(root, "panel")) != NULL &&
	    v->type != VALUE_NULL) {
		if (v->type != VALUE_SEQ)
			error(&c, v, "'panel' must be a list of slots, not %s",
			    value_type_name(v->type));
		else if (v->u.seq.len > CAND_MAX_SLOTS) {
			/* Slots are checked against each other, in pairs. */
			diag_error(path, v->line, v->col, "a panel of %zu slots "
			    "is more than the %d a candidate may have",
			    v->u.seq.len, CAND_MAX_SLOTS);
			c.bad = 1;
		} else {
			cd->slots = arena_zalloc(a, (v->u.seq.len + 1) *
			    sizeof(*cd->slots));
			for (i = 0; i < v->u.seq.len; i++)
				parse_slot(&c, v->u.seq.items[i],
				    &cd->slots[cd->n_slots++]);
		}
	}
	if ((v = value_map_getc(root, "scores")) != NULL &&
	    v->type != VALUE_NULL)
		parse_scores(&c, v, cd);
	return c.bad ? -1 : 0;
}

/*
 * Returns a copy of string s in arena a, or NULL for NULL: the copy made
 * before when t has one, since many candidates repeat the same sessions,
 * interviewers, rooms and criteria.
 */
static const char *
copy_str(struct arena *a, struct cand_strings *t, const char *s)
{
	size_t	 i, mask;

	if (s == NULL)
		return NULL;
	if (t->len * 2 >= t->cap) {
		struct cand_strings n;
		size_t	 j;

		n.cap = t->cap ? t->cap * 2 : 256;
		n.len = t->len;
		n.slots = xcalloc(n.cap, sizeof(*n.slots));
		for (j = 0; j < t->cap; j++) {
			if (t->slots[j] == NULL)
				continue;
			for (i = hash_str(t->slots[j], 0) & (n.cap - 1);
			    n.slots[i] != NULL; i = (i + 1) & (n.cap - 1))
				;
			n.slots[i] = t->slots[j];
		}
		free(t->slots);
		*t = n;
	}
	mask = t->cap - 1;
	for (i = hash_str(s, 0) & mask; t->slots[i] != NULL; i = (i + 1) & mask)
		if (strcmp(t->slots[i], s) == 0)
			return t->slots[i];
	t->len++;
	return t->slots[i] = arena_strdup(a, s);
}

/* Frees the table of t (the strings are the arena's). */
void
cand_strings_free(struct cand_strings *t)
{
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

/*
 * Copies candidate src into dst, every string it holds too, in arena a
 * (strings copied before, in strs, are shared): the copy outlives the YAML
 * tree src was read from.
 */
void
candidate_copy(struct arena *a, struct cand_strings *strs,
    struct candidate *dst, const struct candidate *src)
{
	size_t	 i, j;

	*dst = *src;
	dst->id = copy_str(a, strs, src->id);
	dst->name = copy_str(a, strs, src->name);
	dst->role = copy_str(a, strs, src->role);
	dst->guide_ref = copy_str(a, strs, src->guide_ref);
	dst->timezone = copy_str(a, strs, src->timezone);
	dst->location = copy_str(a, strs, src->location);
	dst->summary = copy_str(a, strs, src->summary);
	dst->links = arena_zalloc(a, (src->n_links + 1) * sizeof(*dst->links));
	for (i = 0; i < src->n_links; i++) {
		dst->links[i].label = copy_str(a, strs, src->links[i].label);
		dst->links[i].url = copy_str(a, strs, src->links[i].url);
	}
	dst->slots = arena_zalloc(a, (src->n_slots + 1) * sizeof(*dst->slots));
	for (i = 0; i < src->n_slots; i++) {
		const struct cand_slot *f = &src->slots[i];
		struct cand_slot *t = &dst->slots[i];

		*t = *f;
		t->session_ref = copy_str(a, strs, f->session_ref);
		t->interviewer = copy_str(a, strs, f->interviewer);
		t->email = copy_str(a, strs, f->email);
		t->room = copy_str(a, strs, f->room);
		t->focus = copy_str(a, strs, f->focus);
		t->probes = arena_zalloc(a, (f->n_probes + 1) *
		    sizeof(*t->probes));
		for (j = 0; j < f->n_probes; j++)
			t->probes[j] = copy_str(a, strs, f->probes[j]);
	}
	dst->scores = arena_zalloc(a, (src->n_scores + 1) *
	    sizeof(*dst->scores));
	for (i = 0; i < src->n_scores; i++) {
		const struct cand_scores *f = &src->scores[i];
		struct cand_scores *t = &dst->scores[i];

		*t = *f;
		t->session_ref = copy_str(a, strs, f->session_ref);
		t->recommendation = copy_str(a, strs, f->recommendation);
		t->scores = arena_zalloc(a, (f->n_scores + 1) *
		    sizeof(*t->scores));
		for (j = 0; j < f->n_scores; j++) {
			t->scores[j] = f->scores[j];
			t->scores[j].criterion = copy_str(a, strs, f->scores[j].criterion);
		}
	}
}
