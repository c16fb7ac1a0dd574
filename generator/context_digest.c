/*
 * context_digest.c: hashes of what the pages that list others show: the
 * index (guides, candidates and interviewers) and each interviewer's
 * page (their slots). A page's build key takes the hash in place of
 * every input it lists, so that a change to a candidate that such a
 * page does not show (a summary, a score, a probe) leaves the page as
 * it is, unrendered. Each function reads from the model exactly what
 * its page's context reads (index_ctx and interviewer_ctx in context.c):
 * a field added there must be added here, or the page would go stale.
 */
#include <stdint.h>
#include <string.h>

#include "context.h"
#include "hash.h"
#include "model.h"

/* Returns h continued with s, NULL told apart from "". */
static uint64_t
mix_str(uint64_t h, const char *s)
{
	return hash_u64(h, s != NULL ? hash_str(s, 1) : 0);
}

static uint64_t
mix_date(uint64_t h, const struct candidate *c)
{
	h = hash_u64(h, (uint64_t)c->has_date);
	if (!c->has_date)
		return h;
	h = hash_u64(h, (uint64_t)c->date.year);
	h = hash_u64(h, (uint64_t)c->date.month);
	return hash_u64(h, (uint64_t)c->date.day);
}

/*
 * Returns the hash of what the index shows of model m, beyond the site's
 * settings: every guide (title, role, kind, sessions, length, page),
 * every candidate (name, role, date, guide, whether scored, page) and
 * every interviewer (name, page, number of interviews).
 */
uint64_t
context_index_digest(const struct model *m)
{
	uint64_t	 h = hash_u64(0x1dea, (uint64_t)m->public_only);
	size_t		 i;

	for (i = 0; i < m->n_guides; i++) {
		const struct guide *g = &m->guides[i];

		h = mix_str(h, g->id);
		h = mix_str(h, g->title);
		h = mix_str(h, g->role);
		h = mix_str(h, g->path);
		h = hash_u64(h, (uint64_t)g->ol.type);
		h = hash_u64(h, (uint64_t)g->session_count);
		h = hash_u64(h, (uint64_t)g->ol.total_minutes.known);
		h = hash_u64(h, (uint64_t)g->ol.total_minutes.min);
		h = hash_u64(h, (uint64_t)g->ol.total_minutes.max);
	}
	h = hash_u64(h, (uint64_t)m->n_cands);
	for (i = 0; i < m->n_cands; i++) {
		const struct cand *c = &m->cands[i];

		h = mix_str(h, c->c.id);
		h = mix_str(h, c->c.name);
		h = mix_str(h, c->c.role);
		h = mix_date(h, &c->c);
		h = mix_str(h, c->g != NULL ? c->g->title : NULL);
		h = hash_u64(h, (uint64_t)c->scored);
	}
	h = hash_u64(h, (uint64_t)m->n_ivs);
	for (i = 0; i < m->n_ivs; i++) {
		h = mix_str(h, m->ivs[i].name);
		h = mix_str(h, m->ivs[i].slug);
		h = hash_u64(h, (uint64_t)m->ivs[i].n_slots);
	}
	return h;
}

/*
 * Returns the hash of what interviewer i's page shows: their name,
 * address and page, and each of their slots (the candidate's name, date
 * and page, the session, its time, room and pages).
 */
uint64_t
context_interviewer_digest(const struct model *m, size_t i)
{
	const struct interviewer *iv = &m->ivs[i];
	uint64_t	 h = 0x1e77;
	size_t		 j;

	h = mix_str(h, iv->name);
	h = mix_str(h, iv->email);
	h = mix_str(h, iv->slug);
	h = hash_u64(h, (uint64_t)iv->n_slots);
	for (j = 0; j < iv->n_slots; j++) {
		const struct cand *c = &m->cands[iv->slots[j].cand];
		const struct slot *s = &c->slots[iv->slots[j].slot];

		h = mix_str(h, c->c.id);
		h = mix_str(h, c->c.name);
		h = mix_date(h, &c->c);
		h = mix_str(h, s->dir);
		h = mix_str(h, s->session->title);
		h = mix_str(h, s->cs->room);
		h = hash_u64(h, (uint64_t)(int64_t)s->start);
		h = hash_u64(h, (uint64_t)(int64_t)s->end);
	}
	return h;
}
