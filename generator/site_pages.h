/*
 * site_pages.h: the pages of a site and what the build cache says of
 * them, for site.c.
 *
 * Every page of a candidate is made from the same inputs, so a
 * candidate's pages are one unit for the build cache: when its key did
 * not change, its files stand as they are, with one lookup for all of
 * them and none of them listed, rendered, claimed or read. Links into
 * those files are checked once the rendered pages are known: a link to
 * a kept page needs only its name, or its ids when it names an anchor.
 */
#ifndef KITGEN_SITE_PAGES_H
#define KITGEN_SITE_PAGES_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct cache;
struct cache_unit;
struct deps;
struct links;
struct model;
struct output;
struct page;

struct units;

struct units	*units_new(const struct model *, const struct deps *,
		     const struct cache *, struct output *);
void		 units_free(struct units *);
size_t		 units_kept_pages(const struct units *);
int		 units_has_file(void *, const char *);
size_t		 site_count_pages(const struct model *);
struct page	*site_list_pages(const struct model *, struct arena *,
		     struct units *, size_t *);
size_t		 site_mark_fresh(struct page *, size_t, const struct cache *);
void		 units_made(struct units *, const struct page *, struct arena *);
void		 site_check_kept_links(struct links *, const char *outdir,
		     const struct page *, size_t, const struct cache *,
		     const struct units *, size_t gone);
struct cache_unit *units_for_cache(const struct units *, size_t *);

#endif
