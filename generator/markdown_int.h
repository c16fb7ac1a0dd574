/*
 * markdown_int.h: what the parts of the Markdown stage (markdown.c,
 * markdown_slug.c, markdown_entities.c) share. Not for other modules.
 */
#ifndef KITGEN_MARKDOWN_INT_H
#define KITGEN_MARKDOWN_INT_H

#include <stddef.h>

struct buf;

/*
 * The self-link markdown_render puts at the end of every heading, around
 * the id: MD_ANCHOR_OPEN id MD_ANCHOR_CLOSE. The heading itself opens as
 * <hN id="id">. (tests/tools/commonmark_diff.c takes exactly these out.)
 */
#define MD_ANCHOR_OPEN	"<a class=\"anchor\" href=\"#"
#define MD_ANCHOR_CLOSE	"\" aria-label=\"Link to this section\">#</a>"

int	 md_entity_lookup(const char *, size_t, unsigned [2]);
void	 md_put_utf8(struct buf *, unsigned);

#endif
