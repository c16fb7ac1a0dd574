/*
 * mustache_compile.c: tokens to a flat array of ops: the second half of
 * compiling, after mustache_parse.c.
 *
 * Text is copied into the template's pool as it will be written, less
 * the standalone lines and the intrinsic indentation of blocks; names
 * are copied and split at the dots; each op learns whether it starts a
 * line of the source (MOPF_BOL), which is where an indented partial's
 * indentation goes.
 */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "mustache_int.h"
#include "xalloc.h"

#define NONE	MST_NONE

struct compiler {
	struct mst_parse p;
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
		    memcmp(c->p.src + pos, c->dd[k], c->ddlen[k]) != 0)
			break;
		pos += c->ddlen[k];
	}
	return pos;
}

/* Returns whether pos starts a line of the source. */
static int
at_line_start(const struct compiler *c, size_t pos)
{
	return pos == 0 || c->p.src[pos - 1] == '\n';
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

/* Returns a new op, appended, at the position of t (if any). */
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

	s = pool_put(c, c->p.src + t->name, t->nlen, 1);
	op->str = s;
	op->len = (uint32_t)t->nlen;
	op->seg = (uint32_t)c->nsegs;
	if (t->nlen == 1 && s[0] == '.')
		return 0;
	for (p = s;; p = dot + 1) {
		dot = memchr(p, '.', t->nlen - (size_t)(p - s));
		n = dot != NULL ? (size_t)(dot - p) : t->nlen - (size_t)(p - s);
		if (n == 0 || op->nseg == UINT16_MAX) {
			diag_error(c->p.path, t->line, t->col, "'%s' is not a "
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
	op->indent = pool_put(c, c->p.src + i0, i1 - i0, 0);
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

	if (t->up != NONE && c->p.toks[t->up].type == T_PARENT)
		return;	/* text in a parent, outside blocks, is ignored */
	while (p < e) {
		if (c->ndd > 0 && at_line_start(c, p))
			p = skip_dd(c, p, e);
		nl = memchr(c->p.src + p, '\n', e - p);
		q = nl != NULL ? (size_t)(nl - c->p.src) + 1 : e;
		pool_put(c, c->p.src + p, q - p, 0);
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
	for (i = 0; i < c->p.ntoks; i++) {
		t = &c->p.toks[i];
		op = NULL;
		switch (t->type) {
		case T_TEXT:
			emit_text(c, t);
			continue;
		case T_COMMENT:
		case T_DELIM:
			continue;
		case T_CLOSE:
			o = &c->p.toks[t->match];
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
			if (t->up != NONE && c->p.toks[t->up].type == T_PARENT)
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
				c->dd[c->ndd] = c->p.src + d0;
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
	c.p.src = text;
	c.p.len = len;
	c.p.path = path;
	if (len > UINT32_MAX / 4) {
		diag_error(path, 0, 0, "template is too large (%zu bytes)",
		    len);
		goto out;
	}
	if (mst_parse(&c.p) == -1)
		goto out;
	/*
	 * Text and names are each other's complement in the source; every
	 * line's leading blanks serve as indentation at most twice (a
	 * tag's own, the intrinsic one of the block above).
	 */
	c.pcap = 3 * len + c.p.ntoks + 16;
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
	free(c.p.toks);
	free(c.ops);
	free(c.segs);
	free(c.pool);
	return t;
}

/* Frees a template (NULL is a no-op). */
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
