/*
 * outline.c: the outline stage's entry points: flattening the block list
 * into units, the headings' sections and durations, then the sessions,
 * the scoring, the front matter's explicit keys, ids and totals.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buffer.h"
#include "duration.h"
#include "frontmatter.h"
#include "hash.h"
#include "markdown.h"
#include "outline_int.h"
#include "value.h"
#include "xalloc.h"

/*
 * Returns base with room for element len: arrays start with room for 4
 * and double whenever len reaches a power of two, so no capacity needs
 * keeping. The old array stays in the arena (bump allocation).
 */
void *
ol_grow(struct arena *a, void *base, size_t len, size_t elem)
{
	void	*p;
	size_t	 cap;

	if (base != NULL && (len < 4 || (len & (len - 1)) != 0))
		return base;
	cap = len < 4 ? 4 : len * 2;
	p = arena_zalloc(a, cap * elem);
	if (len > 0)
		memcpy(p, base, len * elem);
	return p;
}

/* Keeps a warning for outline_warn. */
void
ol_note(struct ctx *c, unsigned line, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	struct ol_note	*n;
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	n = OL_PUSH(c->a, c->ol->notes, c->ol->n_notes);
	n->line = line;
	n->msg = arena_strdup(c->a, buf_cstr(&b));
	buf_free(&b);
}

/*
 * Returns a new unit of type t for block b, its text empty. The array
 * has room for them all (max_units), so it is not copied as it grows.
 */
static struct unit *
new_unit(struct ctx *c, enum unit_type t, const struct md_block *b)
{
	struct unit	*u;

	if (c->n == c->u_cap) {
		size_t	 cap = c->u_cap < 4 ? 4 : c->u_cap * 2;

		u = arena_zalloc(c->a, cap * sizeof(*u));
		if (c->n > 0)
			memcpy(u, c->u, c->n * sizeof(*u));
		c->u = u;
		c->u_cap = cap;
	}
	/* Zero already: the room is zeroed when made, each unit used once. */
	u = &c->u[c->n++];
	u->type = t;
	u->line = b->line;
	u->depth = b->list_depth;
	u->parent = -1;
	u->text = u->rich = "";
	return u;
}

/*
 * Whether a piece of a paragraph after a line break starts an entry of
 * its own ("**Focus**: ...", "✅ Proceed if", "Location: ...") rather
 * than continuing the sentence before it.
 */
static int
starts_entry(struct ctx *c, const char *rich)
{
	const char	*p = rich, *q;
	struct unit	 u;
	struct label	 l;

	while (*p == ' ')
		p++;
	if (*p == MD_STRONG_OPEN || ol_skip_marks(p) != p)
		return 1;
	memset(&u, 0, sizeof(u));
	u.type = UN_LINE;
	u.rich = u.text = p;
	if (strchr(p, MD_STRONG_OPEN) != NULL)
		return 0;
	q = strchr(p, ':');
	return q != NULL && q - p < 40 && ol_label(c->a, &u, &l);
}

/* Returns whether c is a blank or a line break (as ol_trim takes them). */
static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Returns rich text without the strong markers, trimmed, in the arena. */
static const char *
unrich(struct arena *a, const char *s, size_t n)
{
	char		*p = arena_alloc(a, n + 1), *q = p;
	const char	*e = s + n, *m, *m2;

	/* The runs between markers whole: most lines have few or none. */
	while (s < e) {
		m = memchr(s, MD_STRONG_OPEN, (size_t)(e - s));
		m2 = memchr(s, MD_STRONG_CLOSE, (size_t)((m != NULL ? m : e) -
		    s));
		if (m2 != NULL)
			m = m2;
		else if (m == NULL)
			m = e;
		memcpy(q, s, (size_t)(m - s));
		q += m - s;
		if (m == e)
			break;
		s = m + 1;
	}
	/* Trimmed where it is, as ol_trim would copy it. */
	while (q > p && is_space((unsigned char)q[-1]))
		q--;
	*q = '\0';
	while (p < q && is_space((unsigned char)*p))
		p++;
	return p;
}

/* A paragraph or item: one unit per logical line. */
static void
text_units(struct ctx *c, const struct md_block *b, long parent)
{
	const char	*s = b->rich, *nl;
	size_t		 len = 0, room = strlen(s) + 1;
	unsigned	 line = b->line, first = b->line, k = 0;
	int		 item = b->type == MDB_ITEM;
	/* Without strong text the block's rich text is its plain text. */
	int		 marked = b->rich != b->text;
	long		 self = -1;
	/* A logical line is never longer than the text: on the stack. */
	char		 tmp[512], *cur = room <= sizeof(tmp) ? tmp :
			    xmalloc(room);

	for (;;) {
		size_t	 n;

		nl = strchr(s, '\n');
		n = nl != NULL ? (size_t)(nl - s) : strlen(s);
		if (k > 0 && len > 0 && !starts_entry(c, arena_strndup(c->a,
		    s, n))) {
			cur[len++] = ' ';
			memcpy(cur + len, s, n);
			len += n;
		} else {
			if (k > 0) {
				struct unit *u = new_unit(c, UN_LINE, b);

				u->line = first;
				u->rich = ol_trim(c->a, cur, len);
				u->text = marked ? unrich(c->a, cur, len) :
				    u->rich;
				u->item = item && self < 0;
				u->ordered = u->item && b->ordered;
				u->parent = self >= 0 ? self : parent;
				if (self < 0)
					self = (long)c->n - 1;
				len = 0;
			}
			first = line;
			memcpy(cur + len, s, n);
			len += n;
		}
		k++;
		if (nl == NULL)
			break;
		s = nl + 1;
		line++;
	}
	{
		struct unit *u = new_unit(c, UN_LINE, b);

		u->line = first;
		u->rich = ol_trim(c->a, cur, len);
		u->text = marked ? unrich(c->a, cur, len) : u->rich;
		u->item = item && self < 0;
		u->ordered = u->item && b->ordered;
		u->parent = self >= 0 ? self : parent;
	}
	if (cur != tmp)
		free(cur);
}

/*
 * Returns how many units the blocks can make at most: one a block, and
 * for a paragraph or an item one a line.
 */
static size_t
max_units(const struct md_doc *doc)
{
	const char	*p;
	size_t		 i, n = 0;

	for (i = 0; i < doc->n_blocks; i++) {
		n++;
		if (doc->blocks[i].type != MDB_PARAGRAPH &&
		    doc->blocks[i].type != MDB_ITEM)
			continue;
		for (p = doc->blocks[i].rich; (p = strchr(p, '\n')) != NULL;
		    p++)
			n++;
	}
	return n;
}

/* Flattens the block list into units; sections of headings. */
static void
build_units(struct ctx *c, const struct md_doc *doc)
{
	long	*first = xcalloc(doc->n_blocks + 1, sizeof(long));
	size_t	 i;
	long	 k;

	c->u_cap = max_units(doc);
	c->u = arena_zalloc(c->a, (c->u_cap + 1) * sizeof(*c->u));

	for (i = 0; i < doc->n_blocks; i++) {
		const struct md_block *b = &doc->blocks[i];
		long	 parent = b->parent >= 0 && (size_t)b->parent < i ?
			    first[b->parent] : -1;
		struct unit *u;

		first[i] = (long)c->n;
		switch (b->type) {
		case MDB_HEADING: {
			char	*t = arena_strdup(c->a, b->text), *p;

			for (p = t; *p != '\0'; p++)
				if (*p == '\n')
					*p = ' ';
			u = new_unit(c, UN_HEADING, b);
			u->level = b->level;
			u->text = u->rich = ol_trim(c->a, t, strlen(t));
			u->depth = 0;
			break;
		}
		case MDB_PARAGRAPH:
		case MDB_ITEM:
			text_units(c, b, parent);
			break;
		case MDB_TABLE_ROW:
			u = new_unit(c, UN_ROW, b);
			u->text = b->text;
			u->cells = b->cells;
			u->n_cells = b->n_cells;
			u->header = b->header;
			u->parent = parent;
			break;
		case MDB_CODE:
			u = new_unit(c, UN_CODE, b);
			u->text = b->text;
			u->parent = parent;
			break;
		default:
			u = new_unit(c, UN_OTHER, b);
			u->parent = parent;
			break;
		}
	}
	free(first);

	/* The heading each unit is under, by a stack of open headings. */
	{
		long	 stack[7] = { -1, -1, -1, -1, -1, -1, -1 };
		unsigned lv;

		for (i = 0; i < c->n; i++) {
			struct unit *u = &c->u[i];

			if (u->type != UN_HEADING) {
				for (lv = 6, u->up = -1; lv >= 1 &&
				    u->up < 0; lv--)
					u->up = stack[lv];
				continue;
			}
			for (lv = u->level - 1, u->up = -1; lv >= 1 &&
			    u->up < 0; lv--)
				u->up = stack[lv];
			stack[u->level] = (long)i;
			c->n_h1 += u->level == 1;
			for (lv = u->level + 1; lv <= 6; lv++)
				stack[lv] = -1;
		}
	}
	for (i = 0; i < c->n; i++) {
		struct unit *u = &c->u[i];

		if (u->type != UN_HEADING)
			continue;
		u->end = u->body_end = (long)c->n;
		for (k = (long)i + 1; (size_t)k < c->n; k++)
			if (c->u[k].type == UN_HEADING) {
				if (u->body_end == (long)c->n)
					u->body_end = k;
				if (c->u[k].level <= u->level) {
					u->end = k;
					break;
				}
			}
	}
}

/* What ol_clean_title made of a heading's text, kept for the next one. */
struct cleaned {
	const char	*text;		/* NULL: a free slot */
	const char	*title, *number;
	enum kw		 kw;
	struct minutes	 dur;
};

/*
 * Gives heading u its title, numbering and duration as ol_clean_title
 * reads them from its text, once per text in t (mask + 1 slots): a
 * guide repeats its headings ("Wrap-up (10 min)" in every session).
 */
static void
clean_heading(struct ctx *c, struct cleaned *t, size_t mask, struct unit *u)
{
	size_t	 i = (size_t)hash_str(u->text, 0) & mask;

	for (; t[i].text != NULL; i = (i + 1) & mask)
		if (strcmp(t[i].text, u->text) == 0)
			break;
	if (t[i].text == NULL) {
		t[i].text = u->text;
		t[i].title = ol_clean_title(c->a, u->text, &t[i].kw,
		    &t[i].number, &t[i].dur);
	}
	u->title = t[i].title;
	u->kw = t[i].kw;
	u->number = t[i].number;
	u->dur = t[i].dur;
}

/*
 * A heading's title, numbering and duration: in its text, or in a
 * "Duration: 45 minutes" line (or a line that is only a duration) right
 * under it.
 */
static void
read_headings(struct ctx *c)
{
	static const char *const dur_labels[] = { "duration", "length",
	    "timing", "timebox", "time box", "how long", "time", NULL };
	static const char *const not_dur[] = { "total", "start", "end",
	    "prep", "preparation", "reading", "response", "break", "setup",
	    "travel", "buffer", "date", "zone", "slot", NULL };
	struct duration_match	 dm;
	struct label		 l;
	struct cleaned		*done;
	size_t			 i, mask = 15;
	long			 k;

	for (i = 0, k = 0; i < c->n; i++)
		k += c->u[i].type == UN_HEADING;
	while ((mask + 1) / 2 < (size_t)k)
		mask = mask * 2 + 1;
	done = arena_zalloc(c->a, (mask + 1) * sizeof(*done));
	for (i = 0; i < c->n; i++) {
		struct unit	*u = &c->u[i];
		int		 seen = 0;

		if (u->type != UN_HEADING)
			continue;
		clean_heading(c, done, mask, u);
		for (k = (long)i + 1; !u->dur.known && k < u->body_end &&
		    seen < 6; k++) {
			struct unit	*v = &c->u[k];
			const char	*t;

			if (v->type != UN_LINE || v->depth > 1)
				continue;
			seen++;
			if (ol_unit_label(c, v, &l)) {
				const char *n = ol_label_norm(c, v);

				if (ol_has_any(n, dur_labels) &&
				    !ol_has_any(n, not_dur) &&
				    duration_in(l.value, strlen(l.value),
				    &dm)) {
					u->dur = dm.m;
					u->dur_line = v->line;
				}
				continue;
			}
			t = v->text;
			while (*t == '*' || *t == '_' || *t == '(' || *t == ' ')
				t++;
			if (duration_parse(t, strlen(t), &u->dur) &&
			    strspn(t, "0123456789") != strlen(t))
				u->dur_line = v->line;
			else
				memset(&u->dur, 0, sizeof(u->dur));
		}
	}
}

/* Gives every session an id: its title's slug, made unique. */
static void
assign_ids(struct ctx *c)
{
	struct outline	*ol = c->ol;
	struct buf	 b = BUF_INIT;
	size_t		 i, j, len;
	unsigned	 n;

	for (i = 0; i < ol->n_sessions; i++) {
		const char *from = ol->sessions[i].id != NULL ?
		    ol->sessions[i].id : ol->sessions[i].title;

		buf_reset(&b);
		markdown_slug(&b, from, strlen(from));
		len = b.len;
		for (n = 2;; n++) {
			for (j = 0; j < i; j++)
				if (strcmp(ol->sessions[j].id,
				    buf_cstr(&b)) == 0)
					break;
			if (j == i)
				break;
			buf_truncate(&b, len);
			buf_printf(&b, "-%u", n);
		}
		ol->sessions[i].id = arena_strdup(c->a, buf_cstr(&b));
	}
	buf_free(&b);
}

/* The type: from the front matter's type: key, else by what was found. */
static enum ol_type
guess_type(struct ctx *c, const struct value *meta)
{
	const char	*t = value_cstr(value_map_getc(meta, "type")), *n;

	if (t != NULL) {
		n = ol_norm(c->a, t);
		if (ol_has(n, "script"))
			return OL_SCRIPT;
		if (ol_has(n, "page") || ol_has(n, "handbook") ||
		    ol_has(n, "doc") || ol_has(n, "article"))
			return OL_PAGE;
		if (ol_has(n, "guide") || ol_has(n, "interview") ||
		    ol_has(n, "loop") || ol_has(n, "kit"))
			return OL_GUIDE;
	}
	return c->ol->n_sessions > 0 ? OL_GUIDE : OL_PAGE;
}

/*
 * Infers the outline of the guide at path from its front matter and the
 * Markdown stage's block list, into ol (allocated in a). Returns 0, or
 * -1 after reporting errors in the front matter's explicit keys (the
 * outline is still filled from what could be read).
 */
int
outline_guide(struct arena *a, const char *path, const struct frontmatter *fm,
    const struct md_doc *doc, struct outline *ol)
{
	struct ctx	 c;
	const char	*t;
	size_t		 i;
	int		 rc;

	memset(ol, 0, sizeof(*ol));
	memset(&c, 0, sizeof(c));
	ol->source = path;
	ol->front_matter = fm->meta;
	ol->pass_mark = OL_NONE;
	ol->body = fm->body;
	ol->body_len = fm->body_len;
	ol->body_line = fm->body_line;
	c.a = a;
	c.file = path;
	c.ol = ol;

	build_units(&c, doc);
	c.in_session = arena_alloc(a, (c.n + 1) * sizeof(long));
	for (i = 0; i < c.n; i++)
		c.in_session[i] = -1;
	read_headings(&c);
	ol_find_sessions(&c);
	ol_find_scoring(&c);
	rc = ol_apply_frontmatter(&c, fm->meta);
	assign_ids(&c);

	for (i = 0; i < ol->n_sessions; i++)
		minutes_add(&ol->total_minutes, &ol->sessions[i].minutes);
	if ((t = value_cstr(value_map_getc(fm->meta, "title"))) != NULL)
		ol->title = t;
	else if (doc->first_h1 != NULL)
		ol->title = doc->first_h1;
	else
		for (i = 0; i < c.n && ol->title == NULL; i++)
			if (c.u[i].type == UN_HEADING)
				ol->title = c.u[i].text;
	ol->type = guess_type(&c, fm->meta);
	return rc;
}

/*
 * Returns the session that ref names, by id or by title (any case,
 * punctuation aside), or NULL: candidate files may use either.
 */
const struct ol_session *
outline_session(const struct outline *ol, const char *ref)
{
	struct buf	 a = BUF_INIT, b = BUF_INIT;
	const struct ol_session *found = NULL;
	size_t		 i;

	for (i = 0; i < ol->n_sessions; i++)
		if (strcmp(ol->sessions[i].id, ref) == 0)
			return &ol->sessions[i];
	markdown_slug(&a, ref, strlen(ref));
	for (i = 0; i < ol->n_sessions && found == NULL; i++) {
		buf_reset(&b);
		markdown_slug(&b, ol->sessions[i].title,
		    strlen(ol->sessions[i].title));
		if (strcmp(buf_cstr(&a), buf_cstr(&b)) == 0 ||
		    strcmp(buf_cstr(&a), ol->sessions[i].id) == 0)
			found = &ol->sessions[i];
	}
	buf_free(&a);
	buf_free(&b);
	return found;
}

/* Returns "guide", "script" or "page". */
const char *
outline_type_name(enum ol_type t)
{
	switch (t) {
	case OL_SCRIPT:
		return "script";
	case OL_PAGE:
		return "page";
	default:
		return "guide";
	}
}
