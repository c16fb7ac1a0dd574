/*
 * context_lists.c: the contexts of the pages that list others: the
 * index (guides by role, candidates by date, interviewers) and each
 * interviewer's page (their slots). What they read of the model is what
 * context_digest.c hashes: a field added here must be added there.
 */
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "context_int.h"
#include "markdown.h"

/* A guide of the index, with the key it is sorted by. */
struct by_role {
	const char	*role;	/* "\x7f" for none: last */
	size_t		 i;
};

/* Orders by role, then by index, so the order is stable. */
static int
cmp_role(const void *pa, const void *pb)
{
	const struct by_role *a = pa, *b = pb;
	int		 c = strcmp(a->role, b->role);

	return c != 0 ? c : a->i < b->i ? -1 : a->i > b->i;
}

/* Sets the context of the index: guides by role, candidates by date. */
void
cx_index(struct cx *x, struct value *ctx)
{
	const struct model *m = x->m;
	struct value	*roles = value_new_seq(x->a), *pages, *dates, *ivs;
	struct value	*r = NULL, *list = NULL, *e, *d = NULL;
	struct buf	 slug = BUF_INIT;
	const char	*role, *prev = NULL, *label, *prevlabel = NULL;
	struct by_role	*order;
	size_t		 i, n;

	/* Guides grouped by role, roles sorted; pages apart. */
	order = arena_alloc(x->a, (m->n_guides + 1) * sizeof(*order));
	for (i = n = 0; i < m->n_guides; i++)
		if (m->guides[i].ol.type != OL_PAGE) {
			order[n].role = m->guides[i].role != NULL ?
			    m->guides[i].role : "\x7f";
			order[n++].i = i;
		}
	qsort(order, n, sizeof(*order), cmp_role);
	for (i = 0; i < n; i++) {
		const struct guide *g = &m->guides[order[i].i];

		role = g->role != NULL ? g->role : "Other guides";
		if (prev == NULL || strcmp(prev, role) != 0) {
			r = value_new_map(x->a);
			set_str(x, r, "role", role);
			buf_reset(&slug);
			buf_puts(&slug, "role-");
			markdown_slug(&slug, role, strlen(role));
			set_str(x, r, "id", arena_strdup(x->a, buf_cstr(&slug)));
			list = value_new_seq(x->a);
			set(x, r, "guides", list);
			value_seq_push(x->a, roles, r);
			prev = role;
		}
		e = value_new_map(x->a);
		set_str(x, e, "id", g->id);
		set_str(x, e, "title", g->title);
		set_str(x, e, "href", href(x, g->path));
		set_str(x, e, "type_label", type_label(g->ol.type));
		set_int(x, e, "session_count", (long long)g->session_count);
		set_bool(x, e, "one_session", g->session_count == 1);
		set_str(x, e, "total_label", label_minutes(x->a,
		    &g->ol.total_minutes));
		value_seq_push(x->a, list, e);
	}
	set_list(x, ctx, "roles", roles);
	pages = value_new_seq(x->a);
	for (i = 0; i < m->n_guides; i++) {
		if (m->guides[i].ol.type != OL_PAGE)
			continue;
		e = value_new_map(x->a);
		set_str(x, e, "title", m->guides[i].title);
		set_str(x, e, "href", href(x, m->guides[i].path));
		value_seq_push(x->a, pages, e);
	}
	set_list(x, ctx, "pages", pages);

	set_bool(x, ctx, "show_candidates", !m->public_only);
	dates = value_new_seq(x->a);
	for (i = 0; i < m->n_cands; i++) {
		const struct cand *c = &m->cands[i];

		label = date_label(x, &c->c);
		if (prevlabel == NULL || strcmp(prevlabel, label) != 0) {
			d = value_new_map(x->a);
			set_str(x, d, "label", label);
			set_str(x, d, "id", c->c.has_date ? arena_printf(x->a,
			    "date-%s", date_iso(x, &c->c)) : "date-unset");
			list = value_new_seq(x->a);
			set(x, d, "candidates", list);
			value_seq_push(x->a, dates, d);
			prevlabel = label;
		}
		e = value_new_map(x->a);
		set_str(x, e, "name", c->c.name);
		set_str(x, e, "role", c->c.role);
		set_str(x, e, "href", href(x, arena_cat(x->a, cand_dir(x, c),
		    "index.html", (char *)NULL)));
		set_str(x, e, "guide_title", c->g->title);
		set_bool(x, e, "scored", c->scored);
		value_seq_push(x->a, list, e);
	}
	set_list(x, ctx, "dates", dates);
	ivs = value_new_seq(x->a);
	for (i = 0; i < m->n_ivs; i++) {
		e = value_new_map(x->a);
		set_str(x, e, "name", m->ivs[i].name);
		set_str(x, e, "href", href(x, arena_cat(x->a, "interviewers/",
		    m->ivs[i].slug, "/index.html", (char *)NULL)));
		set_int(x, e, "slot_count", (long long)m->ivs[i].n_slots);
		set_bool(x, e, "one_slot", m->ivs[i].n_slots == 1);
		value_seq_push(x->a, ivs, e);
	}
	set_list(x, ctx, "interviewers", ivs);
	buf_free(&slug);
}

/* Sets the context of interviewer iv's page: their slots in order. */
void
cx_interviewer(struct cx *x, struct value *ctx, const struct interviewer *iv)
{
	struct value	*v = value_new_map(x->a), *seq, *e;
	size_t		 i;

	set_str(x, v, "name", iv->name);
	set_str(x, v, "email", iv->email);
	set_str(x, v, "slug", iv->slug);
	set_int(x, v, "slot_count", (long long)iv->n_slots);
	set_bool(x, v, "one_slot", iv->n_slots == 1);
	seq = value_new_seq(x->a);
	for (i = 0; i < iv->n_slots; i++) {
		const struct cand *c = &x->m->cands[iv->slots[i].cand];
		const struct slot *s = &c->slots[iv->slots[i].slot];
		const char *dir = cand_dir(x, c);

		e = value_new_map(x->a);
		set_str(x, e, "date_label", date_label(x, &c->c));
		set_str(x, e, "time_label", time_label(x, s));
		set_str(x, e, "candidate_name", c->c.name);
		set_str(x, e, "candidate_href", href(x, arena_cat(x->a,
		    cand_dir(x, c), "index.html", (char *)NULL)));
		set_str(x, e, "session_title", s->session->title);
		set_str(x, e, "room", s->cs->room);
		/* As the slot's own value (slot_value) has them. */
		set_str(x, e, "cheatsheet_href", href(x, arena_cat(x->a, dir,
		    s->dir, "/cheatsheet.html", (char *)NULL)));
		set_str(x, e, "scorecard_href", href(x, arena_cat(x->a, dir,
		    s->dir, "/scorecard.html", (char *)NULL)));
		value_seq_push(x->a, seq, e);
	}
	set_list(x, v, "slots", seq);
	set(x, ctx, "interviewer", v);
}

