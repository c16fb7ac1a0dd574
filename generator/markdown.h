/*
 * markdown.h: Markdown to HTML on md4c's parser callbacks, in one pass
 * that also collects the table of contents and the block list that the
 * outline stage (outline.h) reads a guide's structure from.
 *
 * CommonMark plus tables, strikethrough, task lists (disabled checkboxes)
 * and permissive autolinks. Headings get unique ids and a self-link.
 */
#ifndef KITGEN_MARKDOWN_H
#define KITGEN_MARKDOWN_H

#include <stddef.h>

struct arena;
struct buf;

enum md_flags {
	MD_UNTRUSTED = 1 << 0	/* candidate text: no raw HTML; only http,
				   https and mailto links (others: text) */
};

/* One entry of the table of contents: every heading, in order. */
struct md_heading {
	unsigned	 level;	/* 1 to 6 */
	unsigned	 line;	/* file line */
	const char	*text;	/* plain text */
	const char	*id;	/* unique in the page */
};

enum md_block_type {
	MDB_HEADING,	/* level: 1-6; text; id */
	MDB_PARAGRAPH,	/* a paragraph (also inside list items/quotes) */
	MDB_ITEM,	/* a list item's own first paragraph or tight text */
	MDB_TABLE_ROW,	/* cells; header != 0 for the head row */
	MDB_CODE,	/* a code block: text is its content */
	MDB_QUOTE,	/* opens a block quote (quote depth rises after it) */
	MDB_HR,		/* a thematic break */
	MDB_HTML	/* a raw HTML block: text is the HTML */
};

/*
 * A block of the document, in document order. Text is plain: inline
 * markup removed, entities decoded, soft and hard line breaks kept as
 * '\n'. rich is the same text with each strong (bold) span wrapped in
 * MD_STRONG_OPEN / MD_STRONG_CLOSE bytes, so "**Focus**: x" reads as
 * "\x01Focus\x02: x".
 */
#define MD_STRONG_OPEN	'\x01'
#define MD_STRONG_CLOSE	'\x02'

struct md_block {
	enum md_block_type type;
	unsigned	 line;		/* file line where the block starts */
	unsigned	 level;		/* heading level */
	unsigned	 list_depth;	/* 0 outside lists; 1 top-level item */
	unsigned	 quote_depth;	/* enclosing block quotes */
	int		 ordered;	/* item of an ordered list */
	int		 task;		/* 0 no checkbox, 1 unchecked, 2 checked */
	int		 header;	/* table row: the header row */
	long		 parent;	/* index of the enclosing MDB_ITEM, or -1 */
	const char	*text;
	const char	*rich;
	const char	*id;		/* heading id, else NULL */
	const char	*const *cells;	/* table row: n_cells plain texts */
	const char	*const *rich_cells;
	size_t		 n_cells;
};

struct md_doc {
	struct md_block	*blocks;
	size_t		 n_blocks;
	struct md_heading *toc;
	size_t		 n_toc;
	const char	*first_h1;	/* text of the first level-1 heading */
};

/*
 * Renders text (len bytes, starting at file line first_line) as HTML
 * appended to out, and fills doc (allocated in arena a). file is for
 * diagnostics. Returns 0, or -1 after reporting an error (nesting limit).
 */
int	 markdown_render(struct arena *a, const char *file, const char *text,
	     size_t len, unsigned first_line, unsigned flags, struct buf *out,
	     struct md_doc *doc);

/* Appends the id for heading text: the slug rule, unique via seen. */
void	 markdown_slug(struct buf *, const char *, size_t);

#endif
