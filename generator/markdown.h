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
 * How the blocks come (details the outline relies on):
 *   - Every list item is one MDB_ITEM, listed when it opens, before
 *     anything inside it. Its text is the item's first paragraph (or, in
 *     a tight list, its text up to the first nested block) when that is
 *     what the item starts with; otherwise "" (an item that starts with
 *     a nested list, a heading, a quote or code). Any further paragraph
 *     or tight text in the item is an MDB_PARAGRAPH whose parent is the
 *     item. A task item's text leaves out its "[ ]" / "[x]".
 *   - parent is the innermost enclosing item: for an item, the item of
 *     the list around its own list (-1 at the top level); for anything
 *     inside an item, that item. list_depth counts the lists around the
 *     block, its own included for an item (so 1 for a top-level item and
 *     for a paragraph in one). ordered and task are set on items only.
 *   - An MDB_QUOTE block (text "") comes before the blocks of its quote;
 *     its quote_depth is the depth outside it, theirs one more.
 *   - A table is its rows, head row first: text is the cells' plain
 *     texts joined by '\t' (rich likewise); cells and rich_cells also
 *     end with a NULL after the n_cells strings.
 *   - Code and HTML blocks: text and rich are the content verbatim.
 *     MDB_HR and MDB_QUOTE have text "".
 *   - Text: emphasis, links, code spans and inline raw HTML tags leave
 *     only their text (link text, code, nothing for tags); an image
 *     leaves its alt text; entities are decoded; NUL is U+FFFD; a line
 *     break inside a paragraph or heading is '\n'. Bytes 0x01 and 0x02
 *     in the source are dropped from text and rich.
 *   - line: the file line where the block starts (first_line + line in
 *     text - 1): for a paragraph, heading, item or row the line of its
 *     first text; for a fenced code block the opening fence; for a
 *     setext heading its text, not the underline; for a quote or item
 *     that of its first text. A block with no text of its own (rule,
 *     empty item) gets the first fitting line after the previous text.
 */

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
	unsigned	 level;		/* heading level, else 0 */
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
	const char	*const *rich_cells;	/* the same, rich */
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
 * diagnostics. Returns 0, or -1 after reporting an error (lists and block
 * quotes nested more than 64 deep); then out is as it was and doc empty.
 * Safe to call from several threads at once (with different arenas).
 *
 * The HTML is md4c-html's (tests/suites/commonmark.sh checks it), so a
 * task item is <li class="task-list-item"><input type="checkbox"
 * class="task-list-item-checkbox" disabled> (" checked" when done).
 * Differences: a heading is <hN id="ID">...<a class="anchor" href="#ID"
 * aria-label="Link to this section">#</a></hN>; numeric entities that
 * are no Unicode scalar become U+FFFD (never invalid UTF-8); an image in
 * an image's description keeps the whole description in the alt.
 * Under MD_UNTRUSTED, raw HTML is escaped as text, and a link or image
 * whose URL is not absolute http:, https: or mailto: (scheme in any
 * case, after entities are decoded, leading spaces and controls skipped,
 * tabs and newlines ignored, as browsers do) renders as its text only:
 * relative links and "#anchors" included.
 */
int	 markdown_render(struct arena *a, const char *file, const char *text,
	     size_t len, unsigned first_line, unsigned flags, struct buf *out,
	     struct md_doc *doc);

/*
 * Appends the slug of heading text (n bytes) to the buffer: letters and
 * digits of any script kept and lowercased, every run of anything else
 * one "-", "-" trimmed at both ends, "section" when nothing is left (the
 * rule in full is in markdown_slug.c). markdown_render makes the ids of
 * a page unique by appending "-2", "-3"... to repeats.
 */
void	 markdown_slug(struct buf *, const char *, size_t);

/* Returns the md4c parser flags (md4c.h) markdown_render uses. */
unsigned markdown_parser_flags(unsigned);

#endif
