/*
 * mustache_parse.c: template text to tokens, with the whitespace rules
 * applied: the first half of compiling (mustache_compile.c writes the
 * ops).
 *
 * Three passes: tags and text are cut into tokens (the set delimiter
 * tags change how the rest is cut); tokens are matched with their
 * closing tags; the whitespace rules decide which bytes around each tag
 * stay. The rules need to see a closing tag before they can decide about
 * its opening tag, hence the passes.
 *
 * Whitespace, as the specification and its tests have it:
 *  - A tag other than an interpolation is standalone when only blanks
 *    share its line: the blanks and the line end go. For a partial, the
 *    blanks are its indentation, prepended to each of its lines.
 *  - A parent, or a block outside a parent, is a standalone pair when
 *    only blanks precede its opening tag and only blanks and a line end
 *    follow its closing tag, on any lines. A parent pair loses those and
 *    indents like a partial. A block pair keeps its line end; its
 *    content is indented by the blanks before it, or, when its opening
 *    tag ends its line, by its intrinsic indentation (below).
 *  - A block that ends its line, inside a parent or as a pair, has an
 *    intrinsic indentation: the blanks that start the next line. It is
 *    removed from the start of each line of the block's content, and
 *    added back wherever the block is expanded.
 */
#include <string.h>

#include "diag.h"
#include "mustache_int.h"
#include "xalloc.h"

#define NONE	MST_NONE

/* Returns whether ch is a blank: what indentation is made of. */
static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Returns whether ch is white space, which tag names are trimmed of. */
static int
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	    ch == '\f' || ch == '\v';
}

/* Moves the line:col bookkeeping forward to pos (columns count UTF-8
 * characters, as editors do). */
static void
advance(struct mst_parse *c, size_t pos)
{
	unsigned char	 ch;

	for (; c->cur < pos; c->cur++) {
		ch = (unsigned char)c->src[c->cur];
		if (ch == '\n') {
			c->line++;
			c->col = 1;
		} else if ((ch & 0xc0) != 0x80)
			c->col++;
	}
}

/* Returns the position of needle (n > 0 bytes) in [from, len), or NONE. */
static size_t
find(const struct mst_parse *c, size_t from, const char *needle, size_t n)
{
	const char	*p, *last;

	if (from > c->len || n > c->len - from)
		return NONE;
	last = c->src + c->len - n;
	for (p = c->src + from; p <= last; p++) {
		p = memchr(p, needle[0], (size_t)(last - p) + 1);
		if (p == NULL)
			break;
		if (memcmp(p, needle, n) == 0)
			return (size_t)(p - c->src);
	}
	return NONE;
}

/*
 * Returns the position of ch immediately followed by the closing
 * delimiter, at or after from, or NONE.
 */
static size_t
find_after(const struct mst_parse *c, size_t from, char ch, const char *ctag,
    size_t clen)
{
	size_t	 e = from + 1;

	for (;;) {
		if ((e = find(c, e, ctag, clen)) == NONE)
			return NONE;
		if (c->src[e - 1] == ch)
			return e - 1;
		e++;
	}
}

/* Returns a new token, appended. */
static struct tok *
tok_add(struct mst_parse *c, enum tok_type type, size_t start, size_t end)
{
	struct tok	*t;

	if (c->ntoks == c->captoks) {
		c->captoks = c->captoks ? c->captoks * 2 : 64;
		c->toks = xreallocarray(c->toks, c->captoks, sizeof(*t));
	}
	t = &c->toks[c->ntoks++];
	memset(t, 0, sizeof(*t));
	t->type = type;
	t->start = start;
	t->end = end;
	t->keep0 = start;
	t->keep1 = end;
	t->match = t->up = NONE;
	return t;
}

/* Returns the character that opens a tag of type, for messages. */
static const char *
tok_sigil(enum tok_type type)
{
	switch (type) {
	case T_SECTION: return "#";
	case T_INVERTED: return "^";
	case T_CLOSE: return "/";
	case T_PARTIAL: return ">";
	case T_PARENT: return "<";
	case T_BLOCK: return "$";
	default: return "";
	}
}

/* Returns what an opening tag of type is called, for messages. */
static const char *
tok_what(enum tok_type type)
{
	switch (type) {
	case T_SECTION: return "section";
	case T_INVERTED: return "inverted section";
	case T_PARENT: return "parent";
	case T_BLOCK: return "block";
	default: return "tag";
	}
}

/*
 * Parses "=<% %>=" content: two delimiters, blanks between. Returns 0
 * with the new delimiters (pointing into the source), or -1.
 */
static int
parse_delims(const struct mst_parse *c, size_t p, size_t e,
    const char **otag, size_t *olen, const char **ctag, size_t *clen)
{
	size_t	 a, b;

	while (p < e && is_space(c->src[p]))
		p++;
	while (e > p && is_space(c->src[e - 1]))
		e--;
	for (a = p; a < e && !is_space(c->src[a]); a++)
		if (c->src[a] == '=')
			return -1;
	for (b = a; b < e && is_space(c->src[b]); b++)
		;
	if (a == p || b == a || b == e)
		return -1;
	for (a = b; a < e; a++)
		if (is_space(c->src[a]) || c->src[a] == '=')
			return -1;
	*otag = c->src + p;
	for (a = p; !is_space(c->src[a]); a++)
		;
	*olen = a - p;
	*ctag = c->src + b;
	*clen = e - b;
	return 0;
}

/*
 * Cuts the source into text and tag tokens. Returns 0, or -1 after
 * reporting an error.
 */
static int
tokenize(struct mst_parse *c)
{
	const char	*otag = "{{", *ctag = "}}";
	size_t		 olen = 2, clen = 2;
	size_t		 p = 0, q, s, ce, end, n0, n1;
	enum tok_type	 type;
	struct tok	*t;
	char		 sig, want, sigs[2] = "", wants[2] = "";

	while (p < c->len) {
		q = find(c, p, otag, olen);
		if (q == NONE)
			q = c->len;
		if (q > p)
			tok_add(c, T_TEXT, p, q);
		if (q == c->len)
			break;
		advance(c, q);
		s = q + olen;
		sig = s < c->len ? c->src[s] : '\0';
		want = '\0';
		switch (sig) {
		case '{': type = T_RAW; want = '}'; s++; break;
		case '&': type = T_RAW; s++; break;
		case '#': type = T_SECTION; s++; break;
		case '^': type = T_INVERTED; s++; break;
		case '/': type = T_CLOSE; s++; break;
		case '>': type = T_PARTIAL; s++; break;
		case '<': type = T_PARENT; s++; break;
		case '$': type = T_BLOCK; s++; break;
		case '!': type = T_COMMENT; s++; break;
		case '=': type = T_DELIM; want = '='; s++; break;
		default: type = T_VAR; break;
		}
		if (want != '\0') {
			ce = find_after(c, s, want, ctag, clen);
			end = ce == NONE ? NONE : ce + 1 + clen;
		} else {
			ce = find(c, s, ctag, clen);
			end = ce == NONE ? NONE : ce + clen;
		}
		if (ce == NONE) {
			sigs[0] = type == T_VAR ? '\0' : sig;
			wants[0] = want;
			diag_error(c->path, c->line, c->col, "tag '%.*s%s' is "
			    "not closed: no '%s%.*s' before the end of the "
			    "template", (int)olen, otag, sigs, wants,
			    (int)clen, ctag);
			return -1;
		}
		t = tok_add(c, type, q, end);
		t->line = c->line;
		t->col = c->col;
		if (type == T_DELIM) {
			if (parse_delims(c, s, ce, &otag, &olen, &ctag,
			    &clen) == -1) {
				diag_error(c->path, t->line, t->col, "bad "
				    "delimiter change '%.*s': it takes two "
				    "delimiters, a space between them, and no "
				    "'=' in them", (int)(end - q), c->src + q);
				return -1;
			}
			p = end;
			continue;
		}
		p = end;
		if (type == T_COMMENT)
			continue;
		n0 = s;
		n1 = ce;
		while (n0 < n1 && is_space(c->src[n0]))
			n0++;
		while (n1 > n0 && is_space(c->src[n1 - 1]))
			n1--;
		t->raw = n0;
		t->rlen = n1 - n0;
		if ((type == T_PARTIAL || type == T_PARENT) && n0 < n1 &&
		    c->src[n0] == '*') {
			t->dynamic = 1;
			for (n0++; n0 < n1 && is_space(c->src[n0]); n0++)
				;
		}
		t->name = n0;
		t->nlen = n1 - n0;
		if (n0 == n1) {
			diag_error(c->path, t->line, t->col, "empty tag "
			    "'%.*s': it needs a name", (int)(end - q),
			    c->src + q);
			return -1;
		}
		for (; n0 < n1; n0++)
			if (c->src[n0] == '\n' || c->src[n0] == '\r') {
				/* Most likely the tag was never closed. */
				diag_error(c->path, t->line, t->col, "'%.*s' is "
				    "not a name: the tag runs on past the end of "
				    "its line (is its closing delimiter missing?)",
				    (int)(n0 - t->raw), c->src + t->raw);
				return -1;
			} else if (is_space(c->src[n0])) {
				diag_error(c->path, t->line, t->col, "'%.*s' "
				    "is not a name: it has a space in it",
				    (int)t->rlen, c->src + t->raw);
				return -1;
			}
	}
	return 0;
}

/* Returns whether the closing tag t closes the opener o. */
static int
closes(const struct mst_parse *c, const struct tok *o, const struct tok *t)
{
	size_t	 n0 = t->raw, n1 = t->raw + t->rlen;

	if (o->dynamic) {
		if (n0 == n1 || c->src[n0] != '*')
			return 0;
		for (n0++; n0 < n1 && is_space(c->src[n0]); n0++)
			;
		return n1 - n0 == o->nlen &&
		    memcmp(c->src + n0, c->src + o->name, o->nlen) == 0;
	}
	return t->rlen == o->rlen &&
	    memcmp(c->src + t->raw, c->src + o->raw, o->rlen) == 0;
}

/*
 * Matches each opener with its closing tag. Returns 0, or -1 after
 * reporting an error.
 */
static int
match(struct mst_parse *c)
{
	size_t		 stack[MUSTACHE_MAX_NESTING], depth = 0, i;
	struct tok	*t, *o;

	for (i = 0; i < c->ntoks; i++) {
		t = &c->toks[i];
		t->up = depth ? stack[depth - 1] : NONE;
		switch (t->type) {
		case T_SECTION:
		case T_INVERTED:
		case T_PARENT:
		case T_BLOCK:
			if (depth == MUSTACHE_MAX_NESTING) {
				diag_error(c->path, t->line, t->col, "sections "
				    "nested more than %d deep",
				    MUSTACHE_MAX_NESTING);
				return -1;
			}
			stack[depth++] = i;
			break;
		case T_CLOSE:
			if (depth == 0) {
				diag_error(c->path, t->line, t->col, "closing "
				    "tag '/%.*s' has no opening tag",
				    (int)t->rlen, c->src + t->raw);
				return -1;
			}
			o = &c->toks[stack[depth - 1]];
			if (!closes(c, o, t)) {
				diag_error(c->path, t->line, t->col, "closing "
				    "tag '/%.*s' does not match the open %s "
				    "'%s%.*s' (line %u, column %u)",
				    (int)t->rlen, c->src + t->raw,
				    tok_what(o->type), tok_sigil(o->type),
				    (int)o->rlen, c->src + o->raw, o->line,
				    o->col);
				return -1;
			}
			depth--;
			o->match = i;
			t->match = stack[depth];
			t->up = depth ? stack[depth - 1] : NONE;
			break;
		default:
			break;
		}
	}
	if (depth > 0) {
		o = &c->toks[stack[depth - 1]];
		diag_error(c->path, o->line, o->col, "%s '%s%.*s' is not "
		    "closed: no '/%.*s' before the end of the template",
		    tok_what(o->type), tok_sigil(o->type), (int)o->rlen,
		    c->src + o->raw, (int)o->rlen, c->src + o->raw);
		return -1;
	}
	return 0;
}

/*
 * Returns whether only blanks stand between the start of pos's line and
 * pos; *ls is then that start. Stops at the first non-blank, so a long
 * line of tags costs no more than a short one.
 */
static int
left_clear(const struct mst_parse *c, size_t pos, size_t *ls)
{
	size_t	 p = pos;

	for (; p > 0 && c->src[p - 1] != '\n'; p--)
		if (!is_blank(c->src[p - 1]))
			return 0;
	*ls = p;
	return 1;
}

/*
 * Returns whether only blanks, then a line end or the end of the text,
 * follow pos; *re is just past them.
 */
static int
right_clear(const struct mst_parse *c, size_t pos, size_t *re)
{
	size_t	 p = pos;

	while (p < c->len && is_blank(c->src[p]))
		p++;
	if (p == c->len) {
		*re = p;
		return 1;
	}
	if (c->src[p] == '\n') {
		*re = p + 1;
		return 1;
	}
	if (c->src[p] == '\r' && p + 1 < c->len && c->src[p + 1] == '\n') {
		*re = p + 2;
		return 1;
	}
	return 0;
}

/* The text before tag i loses everything from ls on. */
static void
strip_left(struct mst_parse *c, size_t i, size_t ls)
{
	struct tok	*t;

	if (i == 0 || (t = &c->toks[i - 1])->type != T_TEXT)
		return;
	if (t->keep1 > ls)
		t->keep1 = ls > t->keep0 ? ls : t->keep0;
}

/* The text after tag i loses everything before re. */
static void
strip_right(struct mst_parse *c, size_t i, size_t re)
{
	struct tok	*t;

	if (i + 1 >= c->ntoks || (t = &c->toks[i + 1])->type != T_TEXT)
		return;
	if (t->keep0 < re)
		t->keep0 = re < t->keep1 ? re : t->keep1;
}

/* Sets the intrinsic indentation of block b: the blanks starting the
 * line at re. */
static void
set_dd(struct mst_parse *c, struct tok *b, size_t re)
{
	size_t	 p = re;

	while (p < c->len && is_blank(c->src[p]))
		p++;
	b->dd0 = re;
	b->dd1 = p;
}

/* Applies the whitespace rules (see the top of the file). */
static void
whitespace(struct mst_parse *c)
{
	struct tok	*t, *e;
	size_t		 i, ls = 0, re = 0, els = 0, ere = 0;
	int		 lc, rc;

	for (i = 0; i < c->ntoks; i++) {
		t = &c->toks[i];
		if (t->type == T_TEXT || t->type == T_VAR || t->type == T_RAW)
			continue;
		lc = left_clear(c, t->start, &ls);
		rc = right_clear(c, t->end, &re);
		if (lc && rc) {
			t->standalone = 1;
			strip_left(c, i, ls);
			strip_right(c, i, re);
			if (t->type == T_PARTIAL) {
				t->ind0 = ls;
				t->ind1 = t->start;
			}
		}
		if (t->type != T_PARENT && t->type != T_BLOCK)
			continue;
		e = &c->toks[t->match];
		if (t->type == T_BLOCK && t->up != NONE &&
		    c->toks[t->up].type == T_PARENT) {
			/* An argument: what is around it is ignored. */
			if (rc) {
				strip_right(c, i, re);
				set_dd(c, t, re);
			}
			if (left_clear(c, e->start, &els))
				strip_left(c, t->match, els);
			continue;
		}
		if (!lc || !right_clear(c, e->end, &ere))
			continue;
		t->pair = 1;
		if (t->type == T_PARENT) {
			t->standalone = 1;
			strip_left(c, i, ls);
			strip_right(c, t->match, ere);
			t->ind0 = ls;
			t->ind1 = t->start;
		} else if (rc) {
			/* Its own line went above; so may the closing's. */
			t->standalone = 1;
			t->ind_is_dd = 1;
			set_dd(c, t, re);
		} else {
			t->standalone = 1;
			strip_left(c, i, ls);
			t->ind0 = ls;
			t->ind1 = t->start;
		}
	}
}

/*
 * Cuts p->src into tokens, matches them and applies the whitespace
 * rules. Returns 0, or -1 after reporting an error (the tokens are then
 * the caller's to free all the same).
 */
int
mst_parse(struct mst_parse *p)
{
	p->cur = 0;
	p->line = p->col = 1;
	if (tokenize(p) == -1 || match(p) == -1)
		return -1;
	whitespace(p);
	return 0;
}
