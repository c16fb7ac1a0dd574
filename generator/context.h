/*
 * context.h: the fourth stage: the value tree each page's template gets.
 * This is the theme author's API; the README documents every variable.
 * Built in the page's arena, so it dies with the page.
 */
#ifndef KITGEN_CONTEXT_H
#define KITGEN_CONTEXT_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct guide;
struct model;
struct value;

enum page_kind {
	PAGE_INDEX,		/* index.html */
	PAGE_GUIDE,		/* a: guide */
	PAGE_PACKET,		/* a: candidate */
	PAGE_CHEATSHEET,	/* a: candidate, b: slot */
	PAGE_SCORECARD,		/* a: candidate, b: slot */
	PAGE_PRINT,		/* a: candidate */
	PAGE_DEBRIEF,		/* a: candidate */
	PAGE_INTERVIEWER,	/* a: interviewer */
	PAGE_ICS		/* a: candidate; not a template */
};

const char	*page_template(enum page_kind);
struct value	*context_page(struct arena *, const struct model *,
		     enum page_kind, size_t, size_t, const char *path);
struct value	*context_guide(struct arena *, const struct model *,
		     const struct guide *, const char *html);
uint64_t	 context_index_digest(const struct model *);
void		 context_interviewer_digests(const struct model *, uint64_t *);

#endif
