/*
 * mustache.h: kitgen's Mustache engine. It passes the whole official
 * specification (v1.4.2): the required parts and the optional inheritance
 * and dynamic-names parts. Lambdas need code in the data, which YAML has
 * not, so they are left out.
 *
 * A template set compiles each template once into a flat array of ops and
 * caches it by name; rendering walks the ops against a stack of value-tree
 * contexts (value.h) and appends to a growable buffer (buffer.h), without
 * allocating per tag. Partials and parents are found by name through the
 * set's loader, on first use.
 *
 * Diagnostics go through diag.h as template:line:col. A variable that
 * resolves to nothing is a warning (an error under --strict), once per
 * tag, however many times the template is rendered; so is a missing
 * partial, which renders as nothing, as the specification says.
 *
 * Threads: any number of threads may render with one set at once. The
 * first use of a name (mustache_get, a partial met while rendering) takes
 * the set's lock; after mustache_link, rendering takes it only for
 * dynamic names. Only mustache_set_free must run alone.
 */
#ifndef KITGEN_MUSTACHE_H
#define KITGEN_MUSTACHE_H

#include <stddef.h>

struct buf;
struct value;

#define MUSTACHE_MAX_NESTING	100	/* sections in sections, one template */
#define MUSTACHE_MAX_DEPTH	100	/* partials, parents, blocks in each other */
/*
 * One render's work: sections over lists inside sections, or partials
 * that include a partial twice, multiply; a template of a few lines
 * could otherwise run for years or fill the disk.
 */
#define MUSTACHE_MAX_STEPS	(1ul << 26)	/* ops run */
#define MUSTACHE_MAX_OUTPUT	(256ul << 20)	/* bytes written */

struct mustache_set;
struct mustache_tmpl;

/* What a loader hands over for one template; the set frees both. */
struct mustache_source {
	char	*text;	/* malloc'd */
	size_t	 len;
	char	*path;	/* malloc'd: what diagnostics name (NULL: the name) */
};

/*
 * Finds the template called name. Returns 1 with *src filled in; 0 when
 * there is no such template (the caller decides whether that is worth a
 * diagnostic); -1 after reporting an error (unreadable file, ...).
 */
typedef int (*mustache_loader)(void *arg, const char *name,
    struct mustache_source *src);

/* Returns a new, empty set; load may be NULL (no partials at all). */
struct mustache_set	*mustache_set_new(mustache_loader load, void *arg);

/* Frees the set and every template compiled in it; NULL is a no-op. */
void			 mustache_set_free(struct mustache_set *);

/*
 * Compiles text (len bytes) as the template name, reporting errors
 * against path. A non-NULL name is cached, so partials and parents of
 * that name resolve to it (an earlier template of that name stays valid
 * but is no longer found). Returns the template, owned by the set, or
 * NULL after reporting the errors.
 */
const struct mustache_tmpl *mustache_compile(struct mustache_set *,
			     const char *name, const char *path,
			     const char *text, size_t len);

/*
 * Returns the template called name, loading and compiling it on first
 * use; NULL when the loader has no such template (nothing reported) or
 * when it failed to load or compile (reported, once).
 */
const struct mustache_tmpl *mustache_get(struct mustache_set *,
			     const char *name);

/*
 * Resolves, recursively, every partial and parent that the template
 * names literally (not the dynamic *names), so that compile errors and
 * missing partials are reported before any rendering and rendering no
 * longer takes the lock. Returns 0, or -1 if one of them failed to load
 * or compile (reported).
 */
int			 mustache_link(struct mustache_set *,
			     const struct mustache_tmpl *);

/*
 * Renders the template against ctx (NULL: an empty context), appending
 * to out. Returns 0, or -1 after reporting an error (partial depth over
 * MUSTACHE_MAX_DEPTH, more work or output than MUSTACHE_MAX_STEPS or
 * MUSTACHE_MAX_OUTPUT, a partial that does not compile, out of memory);
 * out then holds a partial result, for the caller to discard.
 */
int			 mustache_render(struct mustache_set *,
			     const struct mustache_tmpl *,
			     const struct value *ctx, struct buf *out);

/* Returns the name the template was compiled as, or NULL. */
const char		*mustache_name(const struct mustache_tmpl *);

/* Returns the path diagnostics about the template name. */
const char		*mustache_path(const struct mustache_tmpl *);

#endif
