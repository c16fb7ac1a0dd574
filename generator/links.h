/*
 * links.h: after rendering, every internal href (and src) of the site and
 * every #anchor is checked against the pages and ids that exist. A
 * broken link is an error naming the page, where in it, and the link.
 * Pages are added from several threads; the report is deterministic.
 */
#ifndef KITGEN_LINKS_H
#define KITGEN_LINKS_H

#include <stddef.h>
#include <stdint.h>

struct strlist;

struct links;

struct links	*links_new(void);
void		 links_free(struct links *);
uint64_t	 links_add_page(struct links *, const char *path,
		     const char *source, const char *html, size_t len);
uint64_t	 links_add_ids(struct links *, const char *path,
		     const char *html, size_t len);
size_t		 links_missing_pages(struct links *, struct strlist *,
		     struct strlist *);
void		 links_add_file(struct links *, const char *path);
void		 links_set_kept(struct links *, int (*)(void *, const char *),
		     void *);
size_t		 links_check(struct links *, const char *outdir);

#endif
