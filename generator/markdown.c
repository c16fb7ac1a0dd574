/*
 * markdown.c: Markdown to HTML on md4c's parser callbacks, in one pass
 * that also builds the table of contents and the block list (markdown.h).
 *
 * The HTML is md4c-html's, byte for byte (tests/suites/commonmark.sh
 * checks it), except for what we add: heading ids and self-links, links
 * that untrusted text may not have, and U+FFFD where md4c-html would
 * write an invalid UTF-8 sequence for a numeric entity. One more: for an
 * image inside an image's description, md4c-html 0.4.8 ends the outer
 * alt attribute where the inner image ends (and writes the rest of the
 * description as HTML); we keep the whole description in the alt, as the
 * CommonMark reference renderers do.
 *
 * md4c gives no source positions, but text callbacks point into the
 * input: a block's line is that of the first text in it that does. Blocks
 * with no such text (rules, empty items) are placed on the first fitting
 * line after the last text seen, which is all the outline needs of them.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>

#include "arena.h"
#include "buffer.h"
#include "diag.h"
#include "markdown.h"
#include "markdown_int.h"
#include "xalloc.h"

#define NEST_MAX	64		/* open lists and block quotes */
#define STACK_MAX	(2 * NEST_MAX + 16)
#define LINK_MAX	32		/* links tracked inside each other */

#define PUTS(r, s)	buf_put((r)->html, (s), sizeof(s) - 1)

enum leaf {
	LEAF_NONE,
	LEAF_PARA,	/* a paragraph, or an item's tight text */
	LEAF_HEAD,
	LEAF_CELL,
	LEAF_CODE,
	LEAF_HTML
};

struct frame {
	MD_BLOCKTYPE	 type;
	long		 blk;		/* QUOTE, LI: its block */
	long		 saved_item;	/* LI: the enclosing item */
	int		 saved_ordered;	/* UL, OL: the enclosing list's */
	int		 content;	/* LI: a child block or text seen */
};

struct render {
	struct arena	*arena;
	const char	*file;
	struct md_lines	 ln;		/* the input */
	unsigned	 first_line;
	unsigned	 flags;
	struct buf	*out;		/* the page */
	struct buf	*html;		/* out, or head inside a heading */
	struct buf	 head;		/* a heading, until its id is known */
	struct buf	 rich;		/* the current leaf's text */
	struct buf	 tmp;

	struct frame	 stack[STACK_MAX];
	int		 depth;
	unsigned	 lists, quotes;
	int		 ordered;	/* the innermost list is ordered */
	long		 cur_item;	/* the innermost item's block, or -1 */
	int		 deep;		/* nested too deep: error pending */

	enum leaf	 leaf;
	int		 leaf_implicit;	/* tight item text: no MD_BLOCK_P */
	int		 leaf_fenced;
	long		 leaf_item;	/* whose own text this is, or -1 */
	unsigned	 leaf_line;	/* 0 until known */
	size_t		 leaf_off;	/* where its first real text is */
	int		 strong;	/* the leaf has strong markers */

	int		 in_row, in_thead, row_strong;
	unsigned	 row_line;
	const char	**cells, **rcells;
	size_t		 n_cells, cap_cells;

	struct md_block	*blocks;
	size_t		 n_blocks, cap_blocks;
	struct md_heading *toc;
	size_t		 n_toc, cap_toc;
	const char	*first_h1;
	long		 pend[STACK_MAX];	/* blocks without a line yet */
	int		 n_pend;

	int		 img;		/* image nesting */
	int		 img_drop;	/* the outer image is text only */
	int		 n_links;
	unsigned char	 link_drop[LINK_MAX];

	struct md_ids	 ids;
};

/* Returns the md4c parser flags markdown_render uses for flags. */
unsigned
markdown_parser_flags(unsigned flags)
{
	unsigned	 f = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH |
			     MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEAUTOLINKS;

	if (flags & MD_UNTRUSTED)
		f |= MD_FLAG_NOHTML;
	return f;
}

/* Gives every block waiting for a line, and the current leaf, line. */
static void
resolve(struct render *r, unsigned line)
{
	int	 i;

	for (i = 0; i < r->n_pend; i++)
		r->blocks[r->pend[i]].line = line;
	r->n_pend = 0;
	if (r->leaf != LEAF_NONE && r->leaf_line == 0)
		r->leaf_line = line;
	if (r->in_row && r->row_line == 0)
		r->row_line = line;
}

/* Notes text at p (n bytes): lines for what waits, the last text seen. */
static void
note_text(struct render *r, const char *p, size_t n)
{
	size_t		 off = (size_t)(p - r->ln.text), i;
	unsigned	 line, first = r->first_line;

	if (r->n_pend > 0 || (r->leaf != LEAF_NONE && r->leaf_line == 0) ||
	    (r->in_row && r->row_line == 0)) {
		line = first + md_line_at(&r->ln, off);
		if (r->leaf != LEAF_NONE && r->leaf_line == 0) {
			/* Code blocks begin with synthesized newlines. */
			for (i = 0; i < r->rich.len; i++)
				if (r->rich.data[i] == '\n' && line > first)
					line--;
			if (r->leaf_fenced && line > r->first_line)
				line--;
			r->leaf_off = off;
		}
		resolve(r, line);
	}
	if (off + n > r->ln.last_end)
		r->ln.last_end = off + n;
}

/* Returns a new block of type t at line (0: unknown yet), its index. */
static long
add_block(struct render *r, enum md_block_type t, unsigned line)
{
	struct md_block	*b;

	if (r->n_blocks == r->cap_blocks) {
		r->cap_blocks = r->cap_blocks ? r->cap_blocks * 2 : 64;
		r->blocks = xreallocarray(r->blocks, r->cap_blocks,
		    sizeof(*r->blocks));
	}
	b = &r->blocks[r->n_blocks];
	memset(b, 0, sizeof(*b));
	b->type = t;
	b->line = line;
	b->list_depth = r->lists;
	b->quote_depth = r->quotes;
	b->parent = r->cur_item;
	b->text = b->rich = "";
	/* Only open quotes and items wait, so pend cannot fill up. */
	if (line == 0 && r->n_pend < STACK_MAX)
		r->pend[r->n_pend++] = (long)r->n_blocks;
	return (long)r->n_blocks++;
}

/* Appends leaf text s (n bytes), without bytes that mean strong. */
static void
collect(struct render *r, const char *s, size_t n)
{
	size_t	 i, start = 0;

	if (r->leaf == LEAF_NONE)
		return;
	for (i = 0; i < n; i++) {
		if (md_special[(unsigned char)s[i]] != 2)
			continue;
		buf_put(&r->rich, s + start, i - start);
		start = i + 1;
	}
	buf_put(&r->rich, s + start, n - start);
}

/*
 * Appends text s (n bytes) to the HTML, escaped, and to the leaf's text:
 * put_esc and collect in one pass, as this is most of what we write.
 */
static void
put_text(struct render *r, const char *s, size_t n)
{
	size_t	 i, start = 0;
	int	 leaf = r->leaf != LEAF_NONE;

	for (i = 0; i < n; i++) {
		if (md_special[(unsigned char)s[i]] == 0)
			continue;
		buf_put(r->html, s + start, i - start);
		if (leaf)
			buf_put(&r->rich, s + start, i - start);
		if (md_special[(unsigned char)s[i]] == 1) {
			md_put_ent(r->html, s[i]);
			if (leaf)
				buf_putc(&r->rich, s[i]);
		} else
			buf_putc(r->html, s[i]);
		start = i + 1;
	}
	buf_put(r->html, s + start, n - start);
	if (leaf)
		buf_put(&r->rich, s + start, n - start);
}

/* Starts collecting the text of a leaf block. */
static void
start_leaf(struct render *r, enum leaf kind, long item)
{
	r->leaf = kind;
	r->leaf_implicit = 0;
	r->leaf_fenced = 0;
	r->leaf_item = item;
	r->leaf_line = 0;
	r->leaf_off = (size_t)-1;
	r->strong = 0;
	buf_reset(&r->rich);
}

/*
 * Ends the current leaf. Returns its line; its plain and rich text (arena
 * strings, the same when it has no strong span) in *plain and *rich.
 */
static unsigned
end_leaf(struct render *r, const char **plain, const char **rich)
{
	char	*p, *q;

	if (r->leaf_line == 0 && r->leaf != LEAF_CELL)
		resolve(r, r->first_line + md_guess_line(&r->ln, 0));
	*rich = p = arena_strndup(r->arena, r->rich.data, r->rich.len);
	if (r->strong) {
		*plain = q = arena_alloc(r->arena, r->rich.len + 1);
		q[md_unmark(q, p, r->rich.len)] = '\0';
	} else
		*plain = p;
	r->leaf = LEAF_NONE;
	return r->leaf_line;
}

/* Ends a paragraph: the item's own text, or a block of its own. */
static void
end_para(struct render *r)
{
	const char	*plain, *rich;
	unsigned	 line;
	long		 i;

	line = end_leaf(r, &plain, &rich);
	if (r->leaf_item >= 0) {
		r->blocks[r->leaf_item].text = plain;
		r->blocks[r->leaf_item].rich = rich;
		return;
	}
	i = add_block(r, MDB_PARAGRAPH, line);
	r->blocks[i].text = plain;
	r->blocks[i].rich = rich;
}

/* Ends a code or HTML block: a block whose text is its content. */
static void
end_verbatim(struct render *r, enum md_block_type t)
{
	const char	*plain, *rich;
	unsigned	 line;
	long		 i;

	line = end_leaf(r, &plain, &rich);
	i = add_block(r, t, line);
	r->blocks[i].text = r->blocks[i].rich = plain;
}

/* Ends a heading: its block, its TOC entry, its HTML with id and link. */
static void
end_heading(struct render *r, unsigned level)
{
	struct md_heading *h;
	const char	*plain, *rich, *id;
	unsigned	 line;
	long		 i;
	char		 n = (char)('0' + level);

	line = end_leaf(r, &plain, &rich);
	id = md_heading_id(&r->ids, r->arena, &r->tmp, plain);
	i = add_block(r, MDB_HEADING, line);
	r->blocks[i].level = level;
	r->blocks[i].text = plain;
	r->blocks[i].rich = rich;
	r->blocks[i].id = id;
	if (r->n_toc == r->cap_toc) {
		r->cap_toc = r->cap_toc ? r->cap_toc * 2 : 16;
		r->toc = xreallocarray(r->toc, r->cap_toc, sizeof(*r->toc));
	}
	h = &r->toc[r->n_toc++];
	h->level = level;
	h->line = line;
	h->text = plain;
	h->id = id;
	if (level == 1 && r->first_h1 == NULL)
		r->first_h1 = plain;

	r->html = r->out;
	PUTS(r, "<h");
	buf_putc(r->out, n);
	PUTS(r, " id=\"");
	md_put_esc(r->out, id, strlen(id));
	PUTS(r, "\">");
	buf_put(r->out, r->head.data, r->head.len);
	PUTS(r, MD_ANCHOR_OPEN);
	md_put_esc(r->out, id, strlen(id));
	PUTS(r, MD_ANCHOR_CLOSE "</h");
	buf_putc(r->out, n);
	PUTS(r, ">\n");

	/* A setext heading's underline is no text: step over it. */
	if (r->leaf_off != (size_t)-1)
		md_skip_underline(&r->ln, r->leaf_off);
}

/* Ends a table row: its block, with its cells. */
static void
end_row(struct render *r)
{
	const char	**c, **rc;
	long		 i;
	size_t		 k;

	if (r->row_line == 0)
		r->row_line = r->first_line + md_guess_line(&r->ln, 0);
	i = add_block(r, MDB_TABLE_ROW, r->row_line);
	c = arena_alloc(r->arena, (r->n_cells + 1) * sizeof(*c));
	rc = arena_alloc(r->arena, (r->n_cells + 1) * sizeof(*rc));
	buf_reset(&r->tmp);
	for (k = 0; k < r->n_cells; k++) {
		c[k] = r->cells[k];
		rc[k] = r->rcells[k];
		if (k > 0)
			buf_putc(&r->tmp, '\t');
		buf_puts(&r->tmp, c[k]);
	}
	c[k] = rc[k] = NULL;
	r->blocks[i].text = arena_strndup(r->arena, r->tmp.data, r->tmp.len);
	r->blocks[i].rich = r->blocks[i].text;
	if (r->row_strong) {
		buf_reset(&r->tmp);
		for (k = 0; k < r->n_cells; k++) {
			if (k > 0)
				buf_putc(&r->tmp, '\t');
			buf_puts(&r->tmp, rc[k]);
		}
		r->blocks[i].rich = arena_strndup(r->arena, r->tmp.data,
		    r->tmp.len);
	}
	r->blocks[i].cells = c;
	r->blocks[i].rich_cells = rc;
	r->blocks[i].n_cells = r->n_cells;
	r->blocks[i].header = r->in_thead;
	r->in_row = 0;
}

/* Ends a table cell: its text joins the row. */
static void
end_cell(struct render *r)
{
	const char	*plain, *rich;

	if (r->leaf_line != 0 && r->row_line == 0)
		r->row_line = r->leaf_line;
	if (r->strong)
		r->row_strong = 1;
	end_leaf(r, &plain, &rich);
	if (r->n_cells == r->cap_cells) {
		r->cap_cells = r->cap_cells ? r->cap_cells * 2 : 8;
		r->cells = xreallocarray(r->cells, r->cap_cells,
		    sizeof(*r->cells));
		r->rcells = xreallocarray(r->rcells, r->cap_cells,
		    sizeof(*r->rcells));
	}
	r->cells[r->n_cells] = plain;
	r->rcells[r->n_cells++] = rich;
}

/*
 * Reports blocks nested too deep, at byte off (or at line, when off is
 * past the end). Returns the value that stops md4c.
 */
static int
too_deep(struct render *r, size_t off, unsigned line)
{
	unsigned	 col = 1;
	size_t		 i;

	/* md4c may call back once more after we asked it to stop. */
	if (r->deep == 2)
		return 1;
	r->deep = 2;
	if (off < r->ln.len) {
		line = md_line_at(&r->ln, off);
		for (i = off; i > 0 && r->ln.text[i - 1] != '\n'; i--)
			if (((unsigned char)r->ln.text[i - 1] & 0xC0) != 0x80)
				col++;
	}
	diag_error(r->file, r->first_line + line, col, "Markdown nested "
	    "more than %d levels deep (lists and block quotes)", NEST_MAX);
	return 1;
}

/* Opens an item: its block, and its checkbox when it is a task. */
static void
open_item(struct render *r, const MD_BLOCK_LI_DETAIL *d, struct frame *f)
{
	struct md_block	*b;
	unsigned	 line = 0;
	long		 i;

	if (d->is_task) {
		/* The one position md4c gives: the mark in "[x]". */
		line = r->first_line + md_line_at(&r->ln, d->task_mark_offset);
		resolve(r, line);
		if (d->task_mark_offset + 2 > r->ln.last_end)
			r->ln.last_end = d->task_mark_offset + 2;
	}
	i = add_block(r, MDB_ITEM, line);
	b = &r->blocks[i];
	b->ordered = r->ordered;
	if (d->is_task) {
		b->task = d->task_mark == ' ' ? 1 : 2;
		/* A form control needs an accessible name (WCAG 4.1.2). */
		PUTS(r, "<li class=\"task-list-item\"><input type=\"checkbox\" "
		    "class=\"task-list-item-checkbox\" disabled");
		if (b->task == 2)
			PUTS(r, " checked aria-label=\"Done\">");
		else
			PUTS(r, " aria-label=\"Not done\">");
	} else
		PUTS(r, "<li>");
	f->blk = i;
	f->saved_item = r->cur_item;
	r->cur_item = i;
}

/* Writes a table cell's start tag (name th or td). */
static void
open_cell(struct render *r, const char *name, const MD_BLOCK_TD_DETAIL *d)
{
	buf_putc(r->html, '<');
	buf_puts(r->html, name);
	switch (d->align) {
	case MD_ALIGN_LEFT:
		PUTS(r, " align=\"left\">");
		break;
	case MD_ALIGN_CENTER:
		PUTS(r, " align=\"center\">");
		break;
	case MD_ALIGN_RIGHT:
		PUTS(r, " align=\"right\">");
		break;
	default:
		PUTS(r, ">");
		break;
	}
	start_leaf(r, LEAF_CELL, -1);
}

/* md4c: a block opens. Returns 0 to go on, nonzero to stop. */
static int
enter_block(MD_BLOCKTYPE type, void *detail, void *u)
{
	struct render	*r = u;
	struct frame	*f, *up;
	const MD_BLOCK_CODE_DETAIL *cd;
	const MD_BLOCK_OL_DETAIL *od;
	long		 item = -1;

	if (r->deep)
		return 0;
	if (r->leaf != LEAF_NONE && r->leaf_implicit)
		end_para(r);
	up = r->depth > 0 ? &r->stack[r->depth - 1] : NULL;
	if (up != NULL && up->type == MD_BLOCK_LI) {
		if (!up->content)
			item = up->blk;
		up->content = 1;
	}
	if (type == MD_BLOCK_UL || type == MD_BLOCK_OL ||
	    type == MD_BLOCK_QUOTE) {
		if (r->lists + r->quotes >= NEST_MAX) {
			r->deep = 1;
			return 0;
		}
	}
	if (r->depth == STACK_MAX) {
		r->deep = 1;
		return 0;
	}
	f = &r->stack[r->depth++];
	memset(f, 0, sizeof(*f));
	f->type = type;
	f->blk = -1;

	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_QUOTE:
		f->blk = add_block(r, MDB_QUOTE, 0);
		r->quotes++;
		PUTS(r, "<blockquote>\n");
		break;
	case MD_BLOCK_UL:
		f->saved_ordered = r->ordered;
		r->ordered = 0;
		r->lists++;
		PUTS(r, "<ul>\n");
		break;
	case MD_BLOCK_OL:
		od = detail;
		f->saved_ordered = r->ordered;
		r->ordered = 1;
		r->lists++;
		if (od->start == 1)
			PUTS(r, "<ol>\n");
		else
			buf_printf(r->html, "<ol start=\"%u\">\n", od->start);
		break;
	case MD_BLOCK_LI:
		open_item(r, detail, f);
		break;
	case MD_BLOCK_HR:
		add_block(r, MDB_HR, r->first_line + md_guess_line(&r->ln, 1));
		resolve(r, r->blocks[r->n_blocks - 1].line);
		PUTS(r, "<hr>\n");
		break;
	case MD_BLOCK_H:
		start_leaf(r, LEAF_HEAD, -1);
		buf_reset(&r->head);
		r->html = &r->head;
		break;
	case MD_BLOCK_CODE:
		cd = detail;
		start_leaf(r, LEAF_CODE, -1);
		r->leaf_fenced = cd->fence_char != 0;
		PUTS(r, "<pre><code");
		if (cd->lang.text != NULL) {
			PUTS(r, " class=\"language-");
			md_put_attr(r->html, &r->tmp, &cd->lang, 0);
			PUTS(r, "\"");
		}
		PUTS(r, ">");
		break;
	case MD_BLOCK_HTML:
		start_leaf(r, LEAF_HTML, -1);
		break;
	case MD_BLOCK_P:
		start_leaf(r, LEAF_PARA, item);
		PUTS(r, "<p>");
		break;
	case MD_BLOCK_TABLE:
		PUTS(r, "<table>\n");
		break;
	case MD_BLOCK_THEAD:
		r->in_thead = 1;
		PUTS(r, "<thead>\n");
		break;
	case MD_BLOCK_TBODY:
		PUTS(r, "<tbody>\n");
		break;
	case MD_BLOCK_TR:
		r->in_row = 1;
		r->row_line = 0;
		r->row_strong = 0;
		r->n_cells = 0;
		PUTS(r, "<tr>\n");
		break;
	case MD_BLOCK_TH:
		open_cell(r, "th", detail);
		break;
	case MD_BLOCK_TD:
		open_cell(r, "td", detail);
		break;
	}
	return 0;
}

/* md4c: a block closes. Returns 0 to go on, nonzero to stop. */
static int
leave_block(MD_BLOCKTYPE type, void *detail, void *u)
{
	struct render	*r = u;
	struct frame	*f;
	const MD_BLOCK_CODE_DETAIL *cd;

	if (r->deep)
		return type == MD_BLOCK_DOC ?
		    too_deep(r, r->ln.len, md_guess_line(&r->ln, 0)) : 0;
	if (r->leaf != LEAF_NONE && r->leaf_implicit)
		end_para(r);
	f = &r->stack[--r->depth];

	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_QUOTE:
		r->quotes--;
		if (r->blocks[f->blk].line == 0)
			resolve(r, r->first_line + md_guess_line(&r->ln, 0));
		PUTS(r, "</blockquote>\n");
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		r->lists--;
		r->ordered = f->saved_ordered;
		if (type == MD_BLOCK_UL)
			PUTS(r, "</ul>\n");
		else
			PUTS(r, "</ol>\n");
		break;
	case MD_BLOCK_LI:
		if (r->blocks[f->blk].line == 0)
			resolve(r, r->first_line + md_guess_line(&r->ln, 0));
		r->cur_item = f->saved_item;
		PUTS(r, "</li>\n");
		break;
	case MD_BLOCK_HR:
		break;
	case MD_BLOCK_H:
		end_heading(r, ((MD_BLOCK_H_DETAIL *)detail)->level);
		break;
	case MD_BLOCK_CODE:
		cd = detail;
		end_verbatim(r, MDB_CODE);
		if (cd->fence_char != 0)
			md_skip_fence(&r->ln, cd->fence_char);
		PUTS(r, "</code></pre>\n");
		break;
	case MD_BLOCK_HTML:
		end_verbatim(r, MDB_HTML);
		break;
	case MD_BLOCK_P:
		end_para(r);
		PUTS(r, "</p>\n");
		break;
	case MD_BLOCK_TABLE:
		PUTS(r, "</table>\n");
		break;
	case MD_BLOCK_THEAD:
		r->in_thead = 0;
		/* The delimiter row is no text: step over it. */
		md_skip_line(&r->ln);
		PUTS(r, "</thead>\n");
		break;
	case MD_BLOCK_TBODY:
		PUTS(r, "</tbody>\n");
		break;
	case MD_BLOCK_TR:
		end_row(r);
		PUTS(r, "</tr>\n");
		break;
	case MD_BLOCK_TH:
		end_cell(r);
		PUTS(r, "</th>\n");
		break;
	case MD_BLOCK_TD:
		end_cell(r);
		PUTS(r, "</td>\n");
		break;
	}
	return 0;
}

/*
 * Starts the leaf of a tight item's text, which comes with no paragraph
 * around it, when inline content arrives right inside an item.
 */
static void
tight_text(struct render *r)
{
	struct frame	*up;

	if (r->depth == 0)
		return;
	up = &r->stack[r->depth - 1];
	if (up->type != MD_BLOCK_LI)
		return;
	start_leaf(r, LEAF_PARA, up->content ? -1 : up->blk);
	r->leaf_implicit = 1;
	up->content = 1;
}

/* md4c: a span opens. Returns 0. */
static int
enter_span(MD_SPANTYPE type, void *detail, void *u)
{
	struct render	*r = u;
	const MD_SPAN_A_DETAIL *a;
	const MD_SPAN_IMG_DETAIL *img;
	int		 drop;

	if (r->deep)
		return 0;
	if (r->leaf == LEAF_NONE)
		tight_text(r);
	if (type == MD_SPAN_STRONG && r->leaf != LEAF_NONE) {
		buf_putc(&r->rich, MD_STRONG_OPEN);
		r->strong = 1;
	}
	if (type == MD_SPAN_IMG) {
		/* Inside an image, only its text counts: it is the alt. */
		if (r->img++ > 0)
			return 0;
		img = detail;
		r->img_drop = (r->flags & MD_UNTRUSTED) &&
		    !md_url_allowed(&r->tmp, &img->src);
		if (!r->img_drop) {
			PUTS(r, "<img src=\"");
			md_put_attr(r->html, &r->tmp, &img->src, 1);
			PUTS(r, "\" alt=\"");
		}
		return 0;
	}
	if (r->img > 0)
		return 0;
	switch (type) {
	case MD_SPAN_EM:
		PUTS(r, "<em>");
		break;
	case MD_SPAN_STRONG:
		PUTS(r, "<strong>");
		break;
	case MD_SPAN_A:
		a = detail;
		drop = (r->flags & MD_UNTRUSTED) &&
		    !md_url_allowed(&r->tmp, &a->href);
		if (r->n_links < LINK_MAX)
			r->link_drop[r->n_links] = (unsigned char)drop;
		r->n_links++;
		if (drop || r->n_links > LINK_MAX)
			break;
		PUTS(r, "<a href=\"");
		md_put_attr(r->html, &r->tmp, &a->href, 1);
		if (a->title.text != NULL) {
			PUTS(r, "\" title=\"");
			md_put_attr(r->html, &r->tmp, &a->title, 0);
		}
		PUTS(r, "\">");
		break;
	case MD_SPAN_CODE:
		PUTS(r, "<code>");
		break;
	case MD_SPAN_DEL:
		PUTS(r, "<del>");
		break;
	case MD_SPAN_U:
		PUTS(r, "<u>");
		break;
	default:
		break;
	}
	return 0;
}

/* md4c: a span closes. Returns 0. */
static int
leave_span(MD_SPANTYPE type, void *detail, void *u)
{
	struct render	*r = u;
	const MD_SPAN_IMG_DETAIL *img;

	if (r->deep)
		return 0;
	if (type == MD_SPAN_STRONG && r->leaf != LEAF_NONE)
		buf_putc(&r->rich, MD_STRONG_CLOSE);
	if (type == MD_SPAN_IMG) {
		if (--r->img > 0)
			return 0;
		img = detail;
		if (!r->img_drop) {
			if (img->title.text != NULL) {
				PUTS(r, "\" title=\"");
				md_put_attr(r->html, &r->tmp, &img->title, 0);
			}
			PUTS(r, "\">");
		}
		r->img_drop = 0;
		return 0;
	}
	if (r->img > 0)
		return 0;
	switch (type) {
	case MD_SPAN_EM:
		PUTS(r, "</em>");
		break;
	case MD_SPAN_STRONG:
		PUTS(r, "</strong>");
		break;
	case MD_SPAN_A:
		r->n_links--;
		if (r->n_links < LINK_MAX && !r->link_drop[r->n_links])
			PUTS(r, "</a>");
		break;
	case MD_SPAN_CODE:
		PUTS(r, "</code>");
		break;
	case MD_SPAN_DEL:
		PUTS(r, "</del>");
		break;
	case MD_SPAN_U:
		PUTS(r, "</u>");
		break;
	default:
		break;
	}
	return 0;
}

/* md4c: text. Returns 0 to go on, nonzero to stop. */
static int
text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *u)
{
	struct render	*r = u;
	int		 real = s >= r->ln.text && s < r->ln.text + r->ln.len;

	if (r->deep)
		return real ? too_deep(r, (size_t)(s - r->ln.text), 0) : 0;
	if (r->leaf == LEAF_NONE)
		tight_text(r);
	if (real)
		note_text(r, s, n);
	switch (type) {
	case MD_TEXT_NULLCHAR:
		md_put_utf8(r->html, 0);
		if (r->leaf != LEAF_NONE)
			md_put_utf8(&r->rich, 0);
		break;
	case MD_TEXT_BR:
		if (r->img > 0)
			PUTS(r, " ");
		else
			PUTS(r, "<br>\n");
		collect(r, "\n", 1);
		break;
	case MD_TEXT_SOFTBR:
		if (r->img > 0)
			PUTS(r, " ");
		else
			PUTS(r, "\n");
		collect(r, "\n", 1);
		break;
	case MD_TEXT_HTML:
		buf_put(r->html, s, n);
		/* Inline HTML is markup, not text; an HTML block is both. */
		if (r->leaf == LEAF_HTML)
			collect(r, s, n);
		break;
	case MD_TEXT_ENTITY:
		buf_reset(&r->tmp);
		md_put_entity(&r->tmp, s, n);
		put_text(r, r->tmp.data, r->tmp.len);
		break;
	default:
		put_text(r, s, n);
		break;
	}
	return 0;
}

/* Moves what the parse collected into the arena, as doc. */
static void
fill_doc(struct render *r, struct md_doc *doc)
{
	doc->n_blocks = r->n_blocks;
	doc->blocks = NULL;
	if (r->n_blocks > 0) {
		doc->blocks = arena_alloc(r->arena,
		    r->n_blocks * sizeof(*doc->blocks));
		memcpy(doc->blocks, r->blocks,
		    r->n_blocks * sizeof(*doc->blocks));
	}
	doc->n_toc = r->n_toc;
	doc->toc = NULL;
	if (r->n_toc > 0) {
		doc->toc = arena_alloc(r->arena, r->n_toc * sizeof(*doc->toc));
		memcpy(doc->toc, r->toc, r->n_toc * sizeof(*doc->toc));
	}
	doc->first_h1 = r->first_h1;
}

/*
 * Renders text (len bytes, starting at file line first_line) as HTML
 * appended to out, and fills doc (allocated in arena a). file is for
 * diagnostics. Returns 0, or -1 after reporting an error (nesting limit);
 * then out is as it was and doc is empty.
 */
int
markdown_render(struct arena *a, const char *file, const char *src,
    size_t len, unsigned first_line, unsigned flags, struct buf *out,
    struct md_doc *doc)
{
	struct render	*r;
	MD_PARSER	 p;
	size_t		 start = out->len;
	int		 rc, ret = -1;

	memset(doc, 0, sizeof(*doc));
	if (len > UINT_MAX) {
		diag_error(file, first_line, 0, "Markdown text too long");
		return -1;
	}
	r = xcalloc(1, sizeof(*r));
	r->arena = a;
	r->file = file;
	r->ln.text = src != NULL ? src : "";
	r->ln.len = src != NULL ? len : 0;
	r->first_line = first_line > 0 ? first_line : 1;
	r->flags = flags;
	r->out = r->html = out;
	r->cur_item = -1;
	r->leaf_item = -1;

	memset(&p, 0, sizeof(p));
	p.flags = markdown_parser_flags(flags);
	p.enter_block = enter_block;
	p.leave_block = leave_block;
	p.enter_span = enter_span;
	p.leave_span = leave_span;
	p.text = text;
	rc = md_parse(r->ln.text, (MD_SIZE)r->ln.len, &p, r);
	if (rc < 0)
		die_oom();	/* md4c fails only when out of memory */
	if (rc != 0)
		goto out;
	fill_doc(r, doc);
	ret = 0;
out:
	if (ret != 0)
		buf_truncate(out, start);
	buf_free(&r->head);
	buf_free(&r->rich);
	buf_free(&r->tmp);
	free(r->cells);
	free(r->rcells);
	free(r->blocks);
	free(r->toc);
	md_ids_free(&r->ids);
	free(r);
	return ret;
}
