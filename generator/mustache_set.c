/*
 * mustache_set.c: a set of templates: the cache by name, the loader, the
 * lock, linking.
 *
 * Every name ever asked for has an entry, found or not, so a missing or
 * broken template is loaded and reported once. The lock covers the
 * table and the list of templates; compiled templates never change
 * after, except for the atomic fields in their ops, so rendering needs
 * no lock once a name is resolved.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "mustache_int.h"
#include "xalloc.h"

const struct mustache_tmpl mst_missing;
const struct mustache_tmpl mst_broken;

/* Returns a new set (mustache.h). */
struct mustache_set *
mustache_set_new(mustache_loader load, void *arg)
{
	struct mustache_set	*s = xcalloc(1, sizeof(*s));

	pthread_mutex_init(&s->lock, NULL);
	s->load = load;
	s->arg = arg;
	return s;
}

/* Frees the set, its templates and its table; NULL is a no-op. */
void
mustache_set_free(struct mustache_set *s)
{
	struct mustache_tmpl	*t, *next;
	size_t			 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->captab; i++)
		free(s->tab[i].name);
	free(s->tab);
	for (t = s->all; t != NULL; t = next) {
		next = t->next;
		mst_tmpl_free(t);
	}
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/* Returns the FNV-1a hash of a name. */
static size_t
hash(const char *s)
{
	size_t	 h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Returns the entry for name, or the empty slot where it would go. The
 * table must have room (the caller holds the lock). */
static struct mst_entry *
slot(struct mustache_set *s, const char *name)
{
	size_t	 i = hash(name) & (s->captab - 1);

	while (s->tab[i].name != NULL && strcmp(s->tab[i].name, name) != 0)
		i = (i + 1) & (s->captab - 1);
	return &s->tab[i];
}

/* Sets name's entry to t (with the lock held). */
static void
put(struct mustache_set *s, const char *name, const struct mustache_tmpl *t)
{
	struct mst_entry	*old, *e;
	size_t			 i, oldcap;

	if ((s->ntab + 1) * 2 > s->captab) {
		old = s->tab;
		oldcap = s->captab;
		s->captab = oldcap ? oldcap * 2 : 32;
		s->tab = xcalloc(s->captab, sizeof(*s->tab));
		for (i = 0; i < oldcap; i++)
			if (old[i].name != NULL)
				*slot(s, old[i].name) = old[i];
		free(old);
	}
	e = slot(s, name);
	if (e->name == NULL) {
		e->name = xstrdup(name);
		s->ntab++;
	}
	e->t = t;
}

/* Adds t to the list of templates the set frees (with the lock held). */
static void
keep(struct mustache_set *s, struct mustache_tmpl *t)
{
	t->next = s->all;
	s->all = t;
}

/*
 * Returns the template for name, loading and compiling it on first use:
 * a template, &mst_missing or &mst_broken. Takes the lock.
 */
const struct mustache_tmpl *
mst_find(struct mustache_set *s, const char *name)
{
	struct mustache_source	 src = { NULL, 0, NULL };
	struct mustache_tmpl	*nt;
	const struct mustache_tmpl *t;
	struct mst_entry	*e;
	int			 rc;

	pthread_mutex_lock(&s->lock);
	if (s->captab > 0 && (e = slot(s, name))->name != NULL) {
		t = e->t;
		goto out;
	}
	rc = s->load != NULL ? s->load(s->arg, name, &src) : 0;
	if (rc == 0)
		t = &mst_missing;
	else if (rc < 0)
		t = &mst_broken;
	else if ((nt = mst_compile(name, src.path != NULL ? src.path : name,
	    src.text != NULL ? src.text : "", src.len)) == NULL)
		t = &mst_broken;
	else {
		keep(s, nt);
		t = nt;
	}
	put(s, name, t);
	free(src.text);
	free(src.path);
out:
	pthread_mutex_unlock(&s->lock);
	return t;
}

/* Returns the template compiled from text, or NULL (mustache.h). */
const struct mustache_tmpl *
mustache_compile(struct mustache_set *s, const char *name, const char *path,
    const char *text, size_t len)
{
	struct mustache_tmpl	*t;

	t = mst_compile(name, path, text, len);
	pthread_mutex_lock(&s->lock);
	if (t != NULL)
		keep(s, t);
	if (name != NULL)
		put(s, name, t != NULL ? t : &mst_broken);
	pthread_mutex_unlock(&s->lock);
	return t;
}

/* Returns the template called name, or NULL (mustache.h). */
const struct mustache_tmpl *
mustache_get(struct mustache_set *s, const char *name)
{
	const struct mustache_tmpl *t = mst_find(s, name);

	return t == &mst_missing || t == &mst_broken ? NULL : t;
}

/* Returns 0, or -1 if a partial failed (mustache.h). */
int
mustache_link(struct mustache_set *s, const struct mustache_tmpl *t)
{
	struct mst_op	*op;
	const struct mustache_tmpl *pt;
	struct mustache_tmpl *lt;
	uint32_t	 i;
	int		 rc = 0, st = 0;

	if (t == NULL || t == &mst_missing || t == &mst_broken)
		return t == &mst_broken ? -1 : 0;
	/* 0: not yet; 1: done, or under way (a loop); 2: failed. */
	lt = (struct mustache_tmpl *)t;
	if (!atomic_compare_exchange_strong(&lt->linked, &st, 1))
		return st == 2 ? -1 : 0;
	for (i = 0; i < t->nops; i++) {
		op = &t->ops[i];
		if ((op->type != MOP_PARTIAL && op->type != MOP_PARENT) ||
		    (op->flags & MOPF_DYNAMIC))
			continue;
		if ((pt = atomic_load(&op->cache)) == NULL) {
			pt = mst_find(s, op->str);
			atomic_store(&op->cache, pt);
		}
		if (pt == &mst_missing) {
			if (atomic_exchange(&op->warned, 1) == 0)
				diag_warning(t->path, op->line, op->col,
				    "%s '%s' not found", op->type ==
				    MOP_PARENT ? "parent" : "partial",
				    op->str);
		} else if (pt == &mst_broken || mustache_link(s, pt) == -1)
			rc = -1;
	}
	if (rc == -1)
		atomic_store(&lt->linked, 2);
	return rc;
}

/* Returns the template's name, or NULL. */
const char *
mustache_name(const struct mustache_tmpl *t)
{
	return t->name;
}

/* Returns the path the template's diagnostics name. */
const char *
mustache_path(const struct mustache_tmpl *t)
{
	return t->path;
}
