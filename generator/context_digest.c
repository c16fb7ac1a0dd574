/*
 * context_digest.c: hashes of what the pages that list others show: the
 * index (guides, candidates and interviewers) and each interviewer's
 * page (their slots). A page's build key takes the hash in place of
 * every input it lists, so that a change to a candidate that such a
 * page does not show (a summary, a score, a probe) leaves the page as
 * it is, unrendered. Each function reads from the model exactly what
 * its page's context reads (cx_index and cx_interviewer in context_lists.c):
 * a field added there must be added here, or the page would go stale.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "hash.h"
#include "model.h"
#include "pool.h"
#include "xalloc.h"

/*
 * Returns h continued with v: one multiply, as these run over every
 * slot of a site (hash_u64 mixes fully, and costs several).
 */
static uint64_t
mix(uint64_t h, uint64_t v)
{
	h = (h ^ v) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

/* Returns h continued with s, NULL told apart from "". */
static uint64_t
mix_str(uint64_t h, const char *s)
{
	return mix(h, s != NULL ? hash_str(s, 1) : 0);
}

static uint64_t
mix_date(uint64_t h, const struct candidate *c)
{
	if (!c->has_date)
		return mix(h, 0);
	return mix(h, 1 + (uint64_t)c->date.year * 10000 +
	    (uint64_t)c->date.month * 100 + (uint64_t)c->date.day);
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
	uint64_t	 h = mix(0x1dea, (uint64_t)m->public_only);
	size_t		 i;

	for (i = 0; i < m->n_guides; i++) {
		const struct guide *g = &m->guides[i];

		h = mix_str(h, g->id);
		h = mix_str(h, g->title);
		h = mix_str(h, g->role);
		h = mix_str(h, g->path);
		h = mix(h, (uint64_t)g->ol.type);
		h = mix(h, (uint64_t)g->session_count);
		h = mix(h, (uint64_t)g->ol.total_minutes.known);
		h = mix(h, (uint64_t)g->ol.total_minutes.min);
		h = mix(h, (uint64_t)g->ol.total_minutes.max);
	}
	h = mix(h, (uint64_t)m->n_cands);
	for (i = 0; i < m->n_cands; i++) {
		const struct cand *c = &m->cands[i];

		h = mix_str(h, c->c.id);
		h = mix_str(h, c->c.name);
		h = mix_str(h, c->c.role);
		h = mix_date(h, &c->c);
		h = mix_str(h, c->g != NULL ? c->g->title : NULL);
		h = mix(h, (uint64_t)c->scored);
	}
	h = mix(h, (uint64_t)m->n_ivs);
	for (i = 0; i < m->n_ivs; i++) {
		h = mix_str(h, m->ivs[i].name);
		h = mix_str(h, m->ivs[i].slug);
		h = mix(h, (uint64_t)m->ivs[i].n_slots);
	}
	return h;
}

/* Hashes of strings that many slots share, by address. */
#define SHARED_SLOTS	4096

struct str_hashes {
	const char	*s[SHARED_SLOTS];
	uint64_t	 h[SHARED_SLOTS];
};

/*
 * Returns what mix_str mixes for s, a string many slots point to (a
 * session's title or folder): hashed once per string, not per slot.
 */
static uint64_t
shared_hash(struct str_hashes *sh, const char *s)
{
	size_t	 i = ((uintptr_t)s >> 3) & (SHARED_SLOTS - 1);

	if (s == NULL)
		return 0;
	if (sh->s[i] != s) {
		sh->s[i] = s;
		sh->h[i] = hash_str(s, 1);
	}
	return sh->h[i];
}

/*
 * Returns the hash of what an interviewer's page shows of slot s of a
 * candidate, whose part (name, date, page) hashes to ch.
 */
static uint64_t
slot_digest(uint64_t ch, const struct slot *s, struct str_hashes *sh)
{
	uint64_t	 h = ch;

	h = mix(h, shared_hash(sh, s->dir));
	h = mix(h, shared_hash(sh, s->session->title));
	h = mix_str(h, s->cs->room);
	h = mix(h, (uint64_t)(int64_t)s->start);
	return mix(h, (uint64_t)(int64_t)s->end);
}

/* Candidates per task of context_interviewer_digests. */
#define DIGEST_CHUNK	256

/* The slots' hashes, made on every core. */
struct digest_work {
	const struct model *m;
	size_t		*first;		/* per candidate: its first slot */
	uint64_t	*slot_h;	/* per slot */
	struct str_hashes *sh;		/* per thread */
};

/* Hashes the slots of candidates k * DIGEST_CHUNK and on. */
static void
digest_chunk(void *arg, size_t k, size_t t)
{
	struct digest_work *w = arg;
	const struct model *m = w->m;
	size_t		 i, j, end = (k + 1) * DIGEST_CHUNK;

	for (i = k * DIGEST_CHUNK; i < m->n_cands && i < end; i++) {
		const struct cand *c = &m->cands[i];
		uint64_t ch = mix_date(mix_str(mix_str(0x5107, c->c.id),
		    c->c.name), &c->c);

		for (j = 0; j < c->n_slots; j++)
			w->slot_h[w->first[i] + j] = slot_digest(ch,
			    &c->slots[j], &w->sh[t]);
	}
}

/*
 * Sets out[i] to the hash of what interviewer i's page shows: their
 * name, address and page, and each of their slots (the candidate's
 * name, date and page, the session, its time, room and pages). The
 * slots are hashed in the candidates' order, which is the order of
 * memory, on every core, then combined in each interviewer's order.
 */
void
context_interviewer_digests(const struct model *m, uint64_t *out)
{
	struct digest_work w;
	size_t		 i, j, n = 0, t;

	w.m = m;
	w.first = xcalloc(m->n_cands + 1, sizeof(*w.first));
	for (i = 0; i < m->n_cands; i++) {
		w.first[i] = n;
		n += m->cands[i].n_slots;
	}
	w.slot_h = xcalloc(n + 1, sizeof(*w.slot_h));
	t = model_threads(m->n_cands / DIGEST_CHUNK + 1);
	w.sh = xcalloc(t, sizeof(*w.sh));
	pool_run(m->n_cands / DIGEST_CHUNK + 1, t, digest_chunk, &w);
	for (i = 0; i < m->n_ivs; i++) {
		const struct interviewer *iv = &m->ivs[i];
		uint64_t h = 0x1e77;

		h = mix_str(h, iv->name);
		h = mix_str(h, iv->email);
		h = mix_str(h, iv->slug);
		h = mix(h, (uint64_t)iv->n_slots);
		for (j = 0; j < iv->n_slots; j++)
			h = mix(h, w.slot_h[w.first[iv->slots[j].cand] +
			    iv->slots[j].slot]);
		out[i] = h;
	}
	free(w.slot_h);
	free(w.first);
	free(w.sh);
}
