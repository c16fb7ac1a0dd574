/*
 * outline_copy.c: an outline and a table of contents copied into another
 * arena, so the build can outline each guide in a scratch arena (block
 * list, grown arrays, intermediate strings) and keep only what the pages
 * read: memory then follows the outlines, not the Markdown read.
 */
#include <string.h>

#include "arena.h"
#include "markdown.h"
#include "outline.h"

/* Returns a copy of s in a, or NULL for NULL. */
static const char *
dup(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

/* Returns a copy of the n strings at v in a, or NULL when n is 0. */
static const char **
dup_strings(struct arena *a, const char *const *v, size_t n)
{
	const char	**r;
	size_t		  i;

	if (n == 0)
		return NULL;
	r = arena_alloc(a, n * sizeof(*r));
	for (i = 0; i < n; i++)
		r[i] = dup(a, v[i]);
	return r;
}

/* Returns a copy of the n bytes at p in a, or NULL when n is 0. */
static void *
dup_bytes(struct arena *a, const void *p, size_t n)
{
	void	*r;

	if (n == 0 || p == NULL)
		return NULL;
	r = arena_alloc(a, n);
	memcpy(r, p, n);
	return r;
}

/* Returns a copy of the n criteria at v in a, their strings too. */
static struct ol_criterion *
dup_criteria(struct arena *a, const struct ol_criterion *v, size_t n)
{
	struct ol_criterion *r = dup_bytes(a, v, n * sizeof(*v));
	size_t		 i;

	for (i = 0; i < n; i++) {
		r[i].name = dup(a, v[i].name);
		r[i].description = dup(a, v[i].description);
	}
	return r;
}

/* Copies session s into d, everything it points at into a. */
static void
copy_session(struct arena *a, struct ol_session *d, const struct ol_session *s)
{
	size_t	 i;

	*d = *s;
	d->id = dup(a, s->id);
	d->title = dup(a, s->title);
	d->heading = dup(a, s->heading);
	d->interviewer = dup(a, s->interviewer);
	d->focus = dup(a, s->focus);
	d->location = dup(a, s->location);
	d->segments = dup_bytes(a, s->segments,
	    s->n_segments * sizeof(*s->segments));
	for (i = 0; i < s->n_segments; i++)
		d->segments[i].title = dup(a, s->segments[i].title);
	d->questions = dup_bytes(a, s->questions,
	    s->n_questions * sizeof(*s->questions));
	for (i = 0; i < s->n_questions; i++) {
		d->questions[i].text = dup(a, s->questions[i].text);
		d->questions[i].probes = dup_strings(a,
		    s->questions[i].probes, s->questions[i].n_probes);
	}
	d->rubric = dup_criteria(a, s->rubric, s->n_rubric);
	d->green = dup_strings(a, s->green, s->n_green);
	d->red = dup_strings(a, s->red, s->n_red);
}

/*
 * Copies outline src into dst, every string and array in arena a, but
 * not its notes (outline_warn has reported them; dst has none). The
 * front matter and the body stay shared: they belong to the site.
 */
void
outline_copy(struct arena *a, struct outline *dst, const struct outline *src)
{
	size_t	 i;

	*dst = *src;
	dst->source = dup(a, src->source);
	dst->title = dup(a, src->title);
	dst->sessions = dup_bytes(a, src->sessions,
	    src->n_sessions * sizeof(*src->sessions));
	for (i = 0; i < src->n_sessions; i++)
		copy_session(a, &dst->sessions[i], &src->sessions[i]);
	dst->scale = dup_bytes(a, src->scale,
	    src->n_scale * sizeof(*src->scale));
	for (i = 0; i < src->n_scale; i++) {
		dst->scale[i].label = dup(a, src->scale[i].label);
		dst->scale[i].description = dup(a, src->scale[i].description);
	}
	dst->criteria = dup_criteria(a, src->criteria, src->n_criteria);
	dst->decision = dup_bytes(a, src->decision,
	    src->n_decision * sizeof(*src->decision));
	for (i = 0; i < src->n_decision; i++) {
		dst->decision[i].label = dup(a, src->decision[i].label);
		dst->decision[i].description = dup(a,
		    src->decision[i].description);
	}
	dst->notes = NULL;
	dst->n_notes = 0;
}

/*
 * Copies the table of contents of src into dst, in arena a; dst gets no
 * blocks (only the outline reads them). first_h1 is copied too.
 */
void
markdown_toc_copy(struct arena *a, struct md_doc *dst, const struct md_doc *src)
{
	size_t	 i;

	memset(dst, 0, sizeof(*dst));
	dst->n_toc = src->n_toc;
	dst->toc = dup_bytes(a, src->toc, src->n_toc * sizeof(*src->toc));
	for (i = 0; i < src->n_toc; i++) {
		dst->toc[i].text = dup(a, src->toc[i].text);
		dst->toc[i].id = dup(a, src->toc[i].id);
	}
	dst->first_h1 = dup(a, src->first_h1);
}
