/*
 * mustache_compile.c: template text to a flat array of ops.
 *
 * Four passes over the text: tags and text are cut into tokens (the set
 * delimiter tags change how the rest is cut); tokens are matched with
 * their closing tags; the whitespace rules decide which bytes around each
 * tag stay (standalone lines, the indentation of partials, parents and
 * blocks); and the ops are written out. The whitespace rules need to see
 * a closing tag before they can decide about its opening tag, hence the
 * separate passes.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "mustache_int.h"
#include "xalloc.h"

#define NONE	((size_t)-1)

enum tok_type {
	T_TEXT, T_VAR, T_RAW, T_SECTION, T_INVERTED, T_CLOSE, T_PARTIAL,
	T_PARENT, T_BLOCK, T_COMMENT, T_DELIM
};

struct tok {
	enum tok_type	 type;
	size_t		 start, end;	/* the text, or the whole tag */
	size_t		 raw, rlen;	/* tag: its content, trimmed */
	size_t		 name, nlen;	/* tag: the name, without a '*' */
	int		 dynamic;	/* partial, parent: "*name" */
	unsigned	 line, col;
	size_t		 match;		/* opener <-> its closing tag */
	size_t		 up;		/* the enclosing opener, or NONE */
	size_t		 keep0, keep1;	/* text: what stays */
	int		 standalone;	/* its line goes, or it is a pair */
	int		 pair;		/* parent, block: a standalone pair */
	size_t		 ind0, ind1;	/* indentation (source range) */
	int		 ind_is_dd;	/* block: indented by its dd */
	size_t		 dd0, dd1;	/* block: intrinsic indentation */
	int		 dd_pushed;	/* block: dd is on the stack */
	size_t		 op;		/* opener: the index of its op */
};

struct compiler {
	const char	*src;
	size_t		 len;
	const char	*path;
	struct tok	*toks;
	size_t		 ntoks, captoks;
	/* Position bookkeeping for line:col, moving forward only. */
	size_t		 cur;
	unsigned	 line, col;
	/* Output. */
	struct mst_op	*ops;
	size_t		 nops, capops;
	struct mst_seg	*segs;
	size_t		 nsegs, capsegs;
	char		*pool;
	size_t		 plen, pcap;
	/* Intrinsic indentations in force, outermost first. */
	const char	*dd[MUSTACHE_MAX_NESTING];
	size_t		 ddlen[MUSTACHE_MAX_NESTING];
	size_t		 ndd;
	int		 fresh;		/* at the start of a source line */
};

static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

static int
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	    ch == '\f' || ch == '\v';
}

/* Moves the line:col bookkeeping forward to pos (columns count UTF-8
 * characters, as editors do). */
static void
advance(struct compiler *c, size_t pos)
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
find(const struct compiler *c, size_t from, const char *needle, size_t n)
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
find_after(const struct compiler *c, size_t from, char ch, const char *ctag,
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

static struct tok *
tok_add(struct compiler *c, enum tok_type type, size_t start, size_t end)
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
parse_delims(const struct compiler *c, size_t p, size_t e,
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
tokenize(struct compiler *c)
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
			if (is_space(c->src[n0])) {
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
closes(const struct compiler *c, const struct tok *o, const struct tok *t)
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
match(struct compiler *c)
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
 * pos; *ls is that start.
 */
static int
left_clear(const struct compiler *c, size_t pos, size_t *ls)
{
	size_t	 p = pos;

	while (p > 0 && c->src[p - 1] != '\n')
		p--;
	*ls = p;
	for (; p < pos; p++)
		if (!is_blank(c->src[p]))
			return 0;
	return 1;
}

/*
 * Returns whether only blanks, then a line end or the end of the text,
 * follow pos; *re is just past them.
 */
static int
right_clear(const struct compiler *c, size_t pos, size_t *re)
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
strip_left(struct compiler *c, size_t i, size_t ls)
{
	struct tok	*t;

	if (i == 0 || (t = &c->toks[i - 1])->type != T_TEXT)
		return;
	if (t->keep1 > ls)
		t->keep1 = ls > t->keep0 ? ls : t->keep0;
}

/* The text after tag i loses everything before re. */
static void
strip_right(struct compiler *c, size_t i, size_t re)
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
set_dd(struct compiler *c, struct tok *b, size_t re)
{
	size_t	 p = re;

	while (p < c->len && is_blank(c->src[p]))
		p++;
	b->dd0 = re;
	b->dd1 = p;
}

/* Applies the whitespace rules (see the top of the file). */
static void
whitespace(struct compiler *c)
{
	struct tok	*t, *e;
	size_t		 i, ls, re, els, ere;
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
 * Returns pos moved past the intrinsic indentations in force that start
 * there (pos is the start of a line), staying below lim.
 */
static size_t
skip_dd(const struct compiler *c, size_t pos, size_t lim)
{
	size_t	 k;

	for (k = 0; k < c->ndd; k++) {
		if (c->ddlen[k] > lim - pos ||
		    memcmp(c->src + pos, c->dd[k], c->ddlen[k]) != 0)
			break;
		pos += c->ddlen[k];
	}
	return pos;
}

static int
at_line_start(const struct compiler *c, size_t pos)
{
	return pos == 0 || c->src[pos - 1] == '\n';
}

/* Copies n bytes to the pool; returns where they went. The pool was
 * sized for everything at the start, so it never moves. */
static const char *
pool_put(struct compiler *c, const char *s, size_t n, int nul)
{
	char	*p = c->pool + c->plen;

	if (c->plen + n + (nul != 0) > c->pcap)
		abort();	/* the bound in compile() is wrong */
	memcpy(p, s, n);
	c->plen += n;
	if (nul)
		c->pool[c->plen++] = '\0';
	return p;
}

static struct mst_op *
op_add(struct compiler *c, enum mop type, const struct tok *t)
{
	struct mst_op	*op;

	if (c->nops == c->capops) {
		c->capops = c->capops ? c->capops * 2 : 32;
		c->ops = xreallocarray(c->ops, c->capops, sizeof(*op));
	}
	op = &c->ops[c->nops++];
	memset(op, 0, sizeof(*op));
	op->type = (uint8_t)type;
	op->end = (uint32_t)c->nops;
	if (t != NULL) {
		op->line = t->line;
		op->col = t->col;
	}
	atomic_init(&op->cache, NULL);
	atomic_init(&op->warned, 0);
	return op;
}

/*
 * Gives op the name of t, split at the dots. Returns 0, or -1 after
 * reporting a name with an empty part.
 */
static int
op_name(struct compiler *c, struct mst_op *op, const struct tok *t)
{
	const char	*s, *p, *dot;
	size_t		 n;

	s = pool_put(c, c->src + t->name, t->nlen, 1);
	op->str = s;
	op->len = (uint32_t)t->nlen;
	op->seg = (uint32_t)c->nsegs;
	if (t->nlen == 1 && s[0] == '.')
		return 0;
	for (p = s;; p = dot + 1) {
		dot = memchr(p, '.', t->nlen - (size_t)(p - s));
		n = dot != NULL ? (size_t)(dot - p) : t->nlen - (size_t)(p - s);
		if (n == 0 || op->nseg == UINT16_MAX) {
			diag_error(c->path, t->line, t->col, "'%s' is not a "
			    "name: a dotted name has no empty parts", s);
			return -1;
		}
		if (c->nsegs == c->capsegs) {
			c->capsegs = c->capsegs ? c->capsegs * 2 : 32;
			c->segs = xreallocarray(c->segs, c->capsegs,
			    sizeof(*c->segs));
		}
		c->segs[c->nsegs].p = p;
		c->segs[c->nsegs].len = (uint32_t)n;
		c->nsegs++;
		op->nseg++;
		if (dot == NULL)
			return 0;
	}
}

/* Gives op the indentation [i0, i1), less the intrinsic ones in force. */
static void
op_indent(struct compiler *c, struct mst_op *op, size_t i0, size_t i1)
{
	if (at_line_start(c, i0))
		i0 = skip_dd(c, i0, i1);
	op->indent = pool_put(c, c->src + i0, i1 - i0, 0);
	op->ilen = (uint32_t)(i1 - i0);
}

/* Writes the ops of text token t. */
static void
emit_text(struct compiler *c, const struct tok *t)
{
	size_t		 p = t->keep0, e = t->keep1, q, start = c->plen;
	const char	*nl;
	int		 ls = at_line_start(c, p);
	struct mst_op	*op;

	if (t->up != NONE && c->toks[t->up].type == T_PARENT)
		return;	/* text in a parent, outside blocks, is ignored */
	while (p < e) {
		if (c->ndd > 0 && at_line_start(c, p))
			p = skip_dd(c, p, e);
		nl = memchr(c->src + p, '\n', e - p);
		q = nl != NULL ? (size_t)(nl - c->src) + 1 : e;
		pool_put(c, c->src + p, q - p, 0);
		p = q;
	}
	if (c->plen == start) {
		if (ls)
			c->fresh = 1;
		return;
	}
	op = op_add(c, MOP_TEXT, NULL);
	op->str = c->pool + start;
	op->len = (uint32_t)(c->plen - start);
	if (ls || c->fresh)
		op->flags |= MOPF_BOL;
	c->fresh = c->pool[c->plen - 1] == '\n';
}

/* Writes the ops; returns 0, or -1 after reporting an error. */
static int
emit(struct compiler *c)
{
	struct tok	*t, *o;
	struct mst_op	*op;
	size_t		 i, d0;

	c->fresh = 1;
	for (i = 0; i < c->ntoks; i++) {
		t = &c->toks[i];
		op = NULL;
		switch (t->type) {
		case T_TEXT:
			emit_text(c, t);
			continue;
		case T_COMMENT:
		case T_DELIM:
			continue;
		case T_CLOSE:
			o = &c->toks[t->match];
			c->ops[o->op].end = (uint32_t)c->nops;
			if (o->dd_pushed)
				c->ndd--;
			continue;
		case T_VAR:
		case T_RAW:
			op = op_add(c, t->type == T_VAR ? MOP_VAR : MOP_RAW, t);
			break;
		case T_SECTION:
		case T_INVERTED:
			op = op_add(c, t->type == T_SECTION ? MOP_SECTION :
			    MOP_INVERTED, t);
			break;
		case T_PARTIAL:
		case T_PARENT:
			op = op_add(c, t->type == T_PARTIAL ? MOP_PARTIAL :
			    MOP_PARENT, t);
			if (t->dynamic)
				op->flags |= MOPF_DYNAMIC;
			if ((t->type == T_PARTIAL && t->standalone) ||
			    (t->type == T_PARENT && t->pair)) {
				op->flags |= MOPF_STANDALONE;
				op_indent(c, op, t->ind0, t->ind1);
			}
			break;
		case T_BLOCK:
			op = op_add(c, MOP_BLOCK, t);
			if (t->up != NONE && c->toks[t->up].type == T_PARENT)
				op->flags |= MOPF_ARG;
			else if (t->pair) {
				op->flags |= MOPF_INDENT;
				if (!t->ind_is_dd)
					op_indent(c, op, t->ind0, t->ind1);
			}
			/* The intrinsic indentation, less the outer ones, is
			 * removed from the content (and is the indentation
			 * of a pair that ends its line). */
			d0 = skip_dd(c, t->dd0, t->dd1);
			if (t->ind_is_dd)
				op_indent(c, op, d0, t->dd1);
			if (t->dd1 > d0) {
				c->dd[c->ndd] = c->src + d0;
				c->ddlen[c->ndd] = t->dd1 - d0;
				c->ndd++;
				t->dd_pushed = 1;
			}
			break;
		}
		if (op_name(c, op, t) == -1)
			return -1;
		if (!t->standalone && c->fresh)
			op->flags |= MOPF_BOL;
		if (!t->standalone)
			c->fresh = 0;
		if (op->type == MOP_SECTION || op->type == MOP_INVERTED ||
		    op->type == MOP_PARENT || op->type == MOP_BLOCK) {
			t->op = c->nops - 1;
			/* Content starts mid-line unless the opening tag
			 * ended its line (then the text says so): a block's
			 * content may be rendered far from here. */
			c->fresh = 0;
		}
	}
	return 0;
}

/*
 * Compiles text into a new template. Returns it, or NULL after reporting
 * the errors.
 */
struct mustache_tmpl *
mst_compile(const char *name, const char *path, const char *text, size_t len)
{
	struct compiler	 c;
	struct mustache_tmpl *t = NULL;
	size_t		 i;

	memset(&c, 0, sizeof(c));
	c.src = text;
	c.len = len;
	c.path = path;
	c.line = c.col = 1;
	if (len > UINT32_MAX / 4) {
		diag_error(path, 0, 0, "template is too large (%zu bytes)",
		    len);
		goto out;
	}
	if (tokenize(&c) == -1 || match(&c) == -1)
		goto out;
	whitespace(&c);
	/* Text, names and indentation are each at most the source. */
	c.pcap = 3 * len + c.ntoks + 16;
	c.pool = xmalloc(c.pcap);
	if (emit(&c) == -1)
		goto out;

	t = xcalloc(1, sizeof(*t));
	t->name = name != NULL ? xstrdup(name) : NULL;
	t->path = xstrdup(path != NULL ? path : "template");
	t->ops = c.ops;
	t->nops = (uint32_t)c.nops;
	t->segs = c.segs;
	t->pool = c.pool;
	atomic_init(&t->linked, 0);
	for (i = 0; i < c.nops; i++)
		if (c.ops[i].indent == NULL)
			c.ops[i].indent = "";
	c.ops = NULL;
	c.segs = NULL;
	c.pool = NULL;
out:
	free(c.toks);
	free(c.ops);
	free(c.segs);
	free(c.pool);
	return t;
}

void
mst_tmpl_free(struct mustache_tmpl *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->path);
	free(t->ops);
	free(t->segs);
	free(t->pool);
	free(t);
}
