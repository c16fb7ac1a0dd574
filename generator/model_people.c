/*
 * model_people.c: the interviewers named across every panel, and the
 * folder names made from slugs (sessions, interviewers).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "hash.h"
#include "markdown.h"
#include "model.h"
#include "model_int.h"
#include "xalloc.h"

#define NAME_BYTES	64	/* the longest folder name made from a slug */

/*
 * Returns s as a folder name: s itself when it is at most NAME_BYTES
 * long, else its start (cut at a character) and a hash of the whole, so
 * that a long heading or name neither makes a file name longer than the
 * file system takes nor makes two names one.
 */
const char *
model_folder_name(struct arena *a, const char *s)
{
	size_t		 n = strlen(s), k = NAME_BYTES - 17;
	uint64_t	 h = 14695981039346656037ULL;
	const char	*p;

	if (n <= NAME_BYTES)
		return s;
	for (p = s; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return arena_printf(a, "%.*s-%016llx", (int)k, s,
	    (unsigned long long)h);
}

/* Returns the order of interviewers: by name, then slug. */
static int
cmp_ivs(const void *x, const void *y)
{
	const struct interviewer *a = x, *b = y;
	int	 c = strcmp(a->name, b->name);

	return c != 0 ? c : strcmp(a->slug, b->slug);
}

/*
 * A slot of an interviewer with what orders it: by day, time,
 * candidate. The candidates are sorted already (model_cmp_cands, ids
 * unique), so their indices order them.
 */
struct ref_key {
	int32_t		 day;		/* yyyymmdd, or -1 without a date */
	int32_t		 start;		/* minutes, or -1 */
	uint32_t	 cand, slot;
};

/* Returns the order of an interviewer's slots, as ref_key says. */
static int
cmp_refs(const void *x, const void *y)
{
	const struct ref_key *a = x, *b = y;

	if (a->cand != b->cand) {
		/* Same date: by time first. */
		if (a->day >= 0 && a->day == b->day && a->start != b->start)
			return a->start < b->start ? -1 : 1;
		return a->cand < b->cand ? -1 : 1;
	}
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->slot > b->slot) - (a->slot < b->slot);
}

/*
 * Sorts the n keys of k (cmp_refs), which come in the order of their
 * candidates: that order is the order of days, so only the slots of one
 * day (of one candidate, undated) are left to sort among themselves,
 * most often a handful.
 */
static void
sort_runs(struct ref_key *k, size_t n)
{
	struct ref_key	 t;
	size_t		 r, e, i, j;

	for (r = 0; r < n; r = e) {
		for (e = r + 1; e < n && (k[r].day >= 0 ? k[e].day == k[r].day :
		    k[e].day < 0 && k[e].cand == k[r].cand); e++)
			;
		if (e - r > 32) {
			qsort(k + r, e - r, sizeof(*k), cmp_refs);
			continue;
		}
		for (i = r + 1; i < e; i++) {
			t = k[i];
			for (j = i; j > r && cmp_refs(&k[j - 1], &t) > 0; j--)
				k[j] = k[j - 1];
			k[j] = t;
		}
	}
}

/* Sorts the slots of iv by day, time and candidate, in m. */
static void
sort_slots(const struct model *m, struct interviewer *iv,
    struct ref_key *k)
{
	size_t	 j;

	for (j = 0; j < iv->n_slots; j++) {
		const struct cand *c = &m->cands[iv->slots[j].cand];

		k[j].day = c->c.has_date ? c->c.date.year * 10000 +
		    c->c.date.month * 100 + c->c.date.day : -1;
		k[j].start = c->slots[iv->slots[j].slot].start;
		k[j].cand = (uint32_t)iv->slots[j].cand;
		k[j].slot = (uint32_t)iv->slots[j].slot;
	}
	sort_runs(k, iv->n_slots);
	for (j = 0; j < iv->n_slots; j++) {
		iv->slots[j].cand = k[j].cand;
		iv->slots[j].slot = k[j].slot;
	}
}

/* A table from strings to indices (open addressing, by hash). */
struct names {
	struct name_slot {
		uint64_t	 h;
		const char	*s;	/* NULL: free */
		size_t		 v;
	}		*slots;
	size_t		 cap, len;
};

/*
 * Returns the slot for s in t: its entry, or the free slot where it
 * goes (s NULL), growing t first when it is half full.
 */
static struct name_slot *
names_slot(struct names *t, const char *s, uint64_t h)
{
	struct name_slot *old = t->slots;
	size_t		 i, n = t->cap;

	if (2 * (t->len + 1) > t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->slots = xcalloc(t->cap, sizeof(*t->slots));
		t->len = 0;
		for (i = 0; i < n; i++)
			if (old[i].s != NULL) {
				*names_slot(t, old[i].s, old[i].h) = old[i];
				t->len++;
			}
		free(old);
	}
	for (i = h & (t->cap - 1); t->slots[i].s != NULL &&
	    (t->slots[i].h != h || strcmp(t->slots[i].s, s) != 0);
	    i = (i + 1) & (t->cap - 1))
		;
	return &t->slots[i];
}

/*
 * Returns the index of the interviewer whose slug is that of name, a
 * new one (named name) when it is the first with that slug; slugs maps
 * slugs to indices, cap is the room in m->ivs.
 */
static size_t
interviewer_for(struct model *m, struct names *slugs, struct buf *slug,
    const char *name, size_t *cap)
{
	struct name_slot *e;
	struct interviewer *iv;
	uint64_t	 h;

	buf_reset(slug);
	markdown_slug(slug, name, strlen(name));
	if (buf_failed(slug))
		die_oom();
	h = hash_str(buf_cstr(slug), 0);
	if ((e = names_slot(slugs, buf_cstr(slug), h))->s != NULL)
		return e->v;
	if (m->n_ivs == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		m->ivs = xreallocarray(m->ivs, *cap, sizeof(*m->ivs));
	}
	iv = &m->ivs[m->n_ivs];
	memset(iv, 0, sizeof(*iv));
	iv->slug = arena_strdup(m->a, buf_cstr(slug));
	iv->name = name;
	e->s = iv->slug;
	e->h = h;
	e->v = m->n_ivs++;
	slugs->len++;
	return e->v;
}

/*
 * Gathers every interviewer named in a panel, by the slug of the name:
 * the name and e-mail are the first given, in candidate order. Names
 * and slugs are looked up in tables, so that thousands of mentions of
 * the same few people cost one slug each.
 */
void
model_interviewers(struct model *m)
{
	struct buf	 slug = BUF_INIT;
	struct names	 by_name = { NULL, 0, 0 }, by_slug = { NULL, 0, 0 };
	struct name_slot *e;
	struct interviewer *iv;
	struct ref_key	*keys;
	size_t		 i, j, k, n, cap = 0;
	uint64_t	 h;

	for (i = 0; i < m->n_cands; i++)
		for (j = 0; j < m->cands[i].n_slots; j++) {
			const struct cand_slot *cs = m->cands[i].slots[j].cs;
			const char *name = cs->interviewer;

			if (name == NULL || *name == '\0')
				continue;
			h = m->cands[i].slots[j].name_hash;
			if ((e = names_slot(&by_name, name, h))->s == NULL) {
				e->s = name;
				e->h = h;
				e->v = interviewer_for(m, &by_slug, &slug, name,
				    &cap);
				by_name.len++;
			}
			iv = &m->ivs[e->v];
			if (iv->email == NULL)
				iv->email = cs->email;
			/* Grown by powers of two: n_slots is one of them. */
			if ((iv->n_slots & (iv->n_slots - 1)) == 0)
				iv->slots = xreallocarray(iv->slots,
				    iv->n_slots ? 2 * iv->n_slots : 1,
				    sizeof(*iv->slots));
			iv->slots[iv->n_slots].cand = i;
			iv->slots[iv->n_slots++].slot = j;
		}
	free(by_name.slots);
	free(by_slug.slots);
	buf_free(&slug);
	/* Gathered by the whole slug; a long one is cut for its folder. */
	for (k = 0; k < m->n_ivs; k++)
		m->ivs[k].slug = model_folder_name(m->a, m->ivs[k].slug);
	if (m->n_ivs > 1)
		qsort(m->ivs, m->n_ivs, sizeof(*m->ivs), cmp_ivs);
	for (k = 0, n = 0; k < m->n_ivs; k++)
		if (m->ivs[k].n_slots > n)
			n = m->ivs[k].n_slots;
	keys = xcalloc(n + 1, sizeof(*keys));
	for (k = 0; k < m->n_ivs; k++) {
		iv = &m->ivs[k];
		if (iv->n_slots > 1)
			sort_slots(m, iv, keys);
		for (j = 0; j < iv->n_slots; j++)
			m->cands[iv->slots[j].cand].slots[iv->slots[j].slot]
			    .interviewer = (long)k;
	}
	free(keys);
}
