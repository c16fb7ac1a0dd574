/*
 * markdown_int.h: what the parts of the Markdown stage share (markdown.c
 * the callbacks and the block list, markdown_html.c HTML writing,
 * markdown_lines.c source lines, markdown_slug.c ids, markdown_entities.c
 * entity names). Not for other modules.
 */
#ifndef KITGEN_MARKDOWN_INT_H
#define KITGEN_MARKDOWN_INT_H

#include <stddef.h>
#include <string.h>

#include <md4c.h>

#include "buffer.h"

struct arena;

/*
 * The self-link markdown_render puts at the end of every heading, around
 * the id: MD_ANCHOR_OPEN id MD_ANCHOR_CLOSE. The heading itself opens as
 * <hN id="id">. (tests/tools/commonmark_diff.c takes exactly these out.)
 */
#define MD_ANCHOR_OPEN	"<a class=\"anchor\" href=\"#"
#define MD_ANCHOR_CLOSE	"\" aria-label=\"Link to this section\">#</a>"

/* The input, and where the last text md4c sent from it ended. */
struct md_lines {
	const char	*text;
	size_t		 len;
	size_t		 memo_off;	/* md_line_at's last answer */
	unsigned	 memo_line;
	size_t		 last_end;	/* end of the last text seen */
};

struct md_idslot {
	const char	*id;		/* NULL: free */
	size_t		 len;
	unsigned	 next;		/* the next number to try after id */
};

/* The ids of one page. */
struct md_ids {
	struct md_idslot *slots;
	size_t		 cap, len;
};

/*
 * md_special[c]: 1, md4c-html escapes byte c in HTML text; 2, it is a
 * strong marker byte (MD_STRONG_OPEN, MD_STRONG_CLOSE), left out of the
 * collected text.
 */
extern const char md_special[256];

int	 md_entity_lookup(const char *, size_t, unsigned [2]);
size_t	 md_unmark(char *, const char *, size_t);

void	 md_put_utf8(struct buf *, unsigned);
void	 md_put_ent(struct buf *, char);
void	 md_put_esc(struct buf *, const char *, size_t);
void	 md_put_entity(struct buf *, const char *, size_t);
void	 md_put_attr(struct buf *, struct buf *, const MD_ATTRIBUTE *, int);
int	 md_url_allowed(struct buf *, const MD_ATTRIBUTE *);

unsigned md_line_at(struct md_lines *, size_t);
size_t	 md_line_end(const struct md_lines *, size_t);
size_t	 md_next_line(const struct md_lines *);
unsigned md_guess_line(struct md_lines *, int);
void	 md_skip_fence(struct md_lines *, char);
void	 md_skip_underline(struct md_lines *, size_t);
void	 md_skip_line(struct md_lines *);

const char *md_heading_id(struct md_ids *, struct arena *, struct buf *,
	     const char *);
void	 md_ids_free(struct md_ids *);

#endif
