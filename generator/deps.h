/*
 * deps.h: what each page is made from, for the build cache.
 *
 * The inputs of a site: kitgen itself and the build options, site.yaml,
 * every template and theme file, every guide and candidate, and two
 * summaries that pages share (where each guide's page is; each
 * interviewer's name, address and page). Each has a hash of its bytes
 * (and of its path). A page's key combines the hashes of the inputs it
 * is made from: a page whose key did not change since the last build
 * need not be rendered again.
 */
#ifndef KITGEN_DEPS_H
#define KITGEN_DEPS_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct guide;
struct model;
struct page;
struct site;
struct theme;

struct deps;

struct deps	*deps_new(const struct model *, const struct theme *,
		     const char *options);
struct deps	*deps_begin(const struct site *, const struct theme *,
		     const char *options);
uint64_t	 deps_guide_key(const struct deps *, const struct guide *);
void		 deps_finish(struct deps *, const struct model *);
void		 deps_free(struct deps *);
size_t		 deps_count(const struct deps *);
const char	*deps_path(const struct deps *, size_t);
uint64_t	 deps_hash(const struct deps *, size_t);
uint64_t	 deps_key(const struct deps *, const struct page *);
void		 deps_list(const struct deps *, const struct page *,
		     struct buf *);

#endif
