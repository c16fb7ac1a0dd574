/*
 * model_people.c: the interviewers named across every panel, and the
 * folder names made from slugs (sessions, interviewers).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buffer.h"
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

/* The model whose slots cmp_refs sorts (qsort takes no argument). */
static struct model *sort_model;

/* Returns the order of an interviewer's slots: by day, time, candidate. */
static int
cmp_refs(const void *x, const void *y)
{
	const struct slot_ref *a = x, *b = y;
	const struct cand *ca = &sort_model->cands[a->cand];
	const struct cand *cb = &sort_model->cands[b->cand];
	int	 c;

	if (a->cand != b->cand && (c = model_cmp_cands(ca, cb)) != 0) {
		/* Same date: by time first. */
		if (ca->c.has_date && cb->c.has_date &&
		    ca->c.date.year == cb->c.date.year &&
		    ca->c.date.month == cb->c.date.month &&
		    ca->c.date.day == cb->c.date.day &&
		    ca->slots[a->slot].start != cb->slots[b->slot].start)
			return ca->slots[a->slot].start -
			    cb->slots[b->slot].start;
		return c;
	}
	if (ca->slots[a->slot].start != cb->slots[b->slot].start)
		return ca->slots[a->slot].start - cb->slots[b->slot].start;
	return (a->slot > b->slot) - (a->slot < b->slot);
}

/* One interviewer named in a slot. */
struct mention {
	const char	*slug;
	size_t		 cand, slot;
};

/* Returns the order of mentions: by slug, then where they are. */
static int
cmp_mentions(const void *x, const void *y)
{
	const struct mention *a = x, *b = y;
	int	 c = strcmp(a->slug, b->slug);

	if (c != 0)
		return c;
	if (a->cand != b->cand)
		return a->cand < b->cand ? -1 : 1;
	return (a->slot > b->slot) - (a->slot < b->slot);
}

/*
 * Gathers every interviewer named in a panel, by the slug of the name:
 * the name and e-mail are the first given, in candidate order. Sorted,
 * not searched, so that thousands of names cost no more than a sort.
 */
void
model_interviewers(struct model *m)
{
	struct buf	 slug = BUF_INIT;
	struct mention	*ms = NULL;
	struct arena	*ta = arena_new();	/* every mention's slug */
	size_t		 i, j, k, n = 0, cap = 0;

	for (i = 0; i < m->n_cands; i++)
		for (j = 0; j < m->cands[i].n_slots; j++) {
			const char *name = m->cands[i].slots[j].cs->interviewer;

			if (name == NULL || *name == '\0')
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				ms = xreallocarray(ms, cap, sizeof(*ms));
			}
			buf_reset(&slug);
			markdown_slug(&slug, name, strlen(name));
			ms[n].slug = arena_strdup(ta, buf_cstr(&slug));
			ms[n].cand = i;
			ms[n++].slot = j;
		}
	if (n > 1)
		qsort(ms, n, sizeof(*ms), cmp_mentions);
	if (n > 0)
		m->ivs = xreallocarray(NULL, n, sizeof(*m->ivs));
	for (i = 0; i < n; i = j) {
		struct interviewer *iv;

		for (j = i + 1; j < n && strcmp(ms[j].slug, ms[i].slug) == 0; j++)
			;
		iv = &m->ivs[m->n_ivs++];
		memset(iv, 0, sizeof(*iv));
		iv->slug = arena_strdup(m->a, ms[i].slug);
		iv->name = m->cands[ms[i].cand].slots[ms[i].slot].cs->interviewer;
		iv->slots = xreallocarray(NULL, j - i, sizeof(*iv->slots));
		for (k = i; k < j; k++) {
			const struct cand_slot *cs =
			    m->cands[ms[k].cand].slots[ms[k].slot].cs;

			if (iv->email == NULL)
				iv->email = cs->email;
			iv->slots[iv->n_slots].cand = ms[k].cand;
			iv->slots[iv->n_slots++].slot = ms[k].slot;
		}
	}
	free(ms);
	arena_free(ta);
	buf_free(&slug);
	/* Sized for every mention: most name an interviewer met before. */
	if (m->n_ivs > 0)
		m->ivs = xreallocarray(m->ivs, m->n_ivs, sizeof(*m->ivs));
	/* Gathered by the whole slug; a long one is cut for its folder. */
	for (k = 0; k < m->n_ivs; k++)
		m->ivs[k].slug = model_folder_name(m->a, m->ivs[k].slug);
	if (m->n_ivs > 1)
		qsort(m->ivs, m->n_ivs, sizeof(*m->ivs), cmp_ivs);
	sort_model = m;
	for (k = 0; k < m->n_ivs; k++) {
		struct interviewer *iv = &m->ivs[k];

		if (iv->n_slots > 1)
			qsort(iv->slots, iv->n_slots, sizeof(*iv->slots),
			    cmp_refs);
		for (j = 0; j < iv->n_slots; j++)
			m->cands[iv->slots[j].cand].slots[iv->slots[j].slot]
			    .interviewer = (long)k;
	}
	sort_model = NULL;
}
