/*
 * mustache_render.c: compiled ops to text, against a stack of contexts.
 *
 * One render keeps its state in a struct render on the C stack: the
 * context stack, the indentation in force, the arguments of the parents
 * being expanded and the chain of partials (for the depth error). Those
 * arrays start on the stack too and only move to the heap when a
 * template nests unusually deep, so a render allocates nothing but the
 * output.
 *
 * Indentation (standalone partials, parents and blocks) is applied to
 * the lines of the template, never to the values interpolated into it,
 * and not to empty lines. It is written lazily: need says that the
 * output is at the start of a template line whose indentation is still
 * owed, and the first byte written on that line pays it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "diag.h"
#include "mustache_int.h"
#include "value.h"
#include "xalloc.h"

#define CTX_LOCAL	64
#define IND_LOCAL	256

/* The arguments of a parent being expanded: the parent op in t. */
struct frame {
	const struct mustache_tmpl *t;
	uint32_t	 op;
};

/* One step of the chain of partials, parents and blocks entered. */
struct step {
	const char	*name;
	char		 kind;		/* '>', '<' or '$' */
};

/*
 * A number as shown, remembered by value during one render (a value's
 * address may be another value's in the next page: epoch tells them
 * apart). Per thread, so a render does not clear it.
 */
#define NUM_MEMO	256
struct num_memo {
	const struct value *v;
	unsigned long	 epoch;
	unsigned char	 len;
	char		 text[40];
};
static _Thread_local struct num_memo nums[NUM_MEMO];
static _Thread_local unsigned long nums_epoch;

struct render {
	struct mustache_set *set;
	struct buf	*out;
	const struct mustache_tmpl *root;
	const struct value **ctx;
	size_t		 nctx, capctx;
	char		*ind;		/* the indentation is ind[ibase, iend) */
	size_t		 ibase, iend, capind;
	int		 need;
	struct frame	 frames[MUSTACHE_MAX_DEPTH + 1];
	size_t		 nframes;
	struct step	 chain[MUSTACHE_MAX_DEPTH + 1];
	size_t		 depth;
	size_t		 start;		/* out->len when the render began */
	unsigned long	 steps;		/* ops run so far */
	const struct value *ctx_local[CTX_LOCAL];
	char		 ind_local[IND_LOCAL];
	unsigned long	 epoch;		/* of the numbers remembered */
};

static int	run(struct render *, const struct mustache_tmpl *, uint32_t,
		    uint32_t);

/* Returns 1 the first time it is called for op, from any thread. */
static int
first_time(struct mst_op *op)
{
	return atomic_exchange_explicit(&op->warned, 1,
	    memory_order_relaxed) == 0;
}

/* Pushes v on the context stack, which grows past its first array. */
static void
push(struct render *r, const struct value *v)
{
	const struct value **p;

	if (r->nctx == r->capctx) {
		if (r->ctx == r->ctx_local) {
			p = xreallocarray(NULL, r->capctx * 2, sizeof(*p));
			memcpy(p, r->ctx, r->nctx * sizeof(*p));
		} else
			p = xreallocarray(r->ctx, r->capctx * 2, sizeof(*p));
		r->ctx = p;
		r->capctx *= 2;
	}
	r->ctx[r->nctx++] = v;
}

/* The bytes buf_put_html escapes. */
static const unsigned char html_special[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1
};

/* Appends s HTML-escaped: buf_put_html, by table, the hottest loop of a
 * render. */
static void
out_html(struct buf *b, const char *s, size_t n)
{
	size_t	 i, start = 0;

	for (i = 0; i < n; i++) {
		if (!html_special[(unsigned char)s[i]])
			continue;
		buf_put(b, s + start, i - start);
		switch (s[i]) {
		case '&': buf_put(b, "&amp;", 5); break;
		case '<': buf_put(b, "&lt;", 4); break;
		case '>': buf_put(b, "&gt;", 4); break;
		case '"': buf_put(b, "&quot;", 6); break;
		default: buf_put(b, "&#39;", 5); break;
		}
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}

/* Appends s to the indentation in force. */
static void
ind_push(struct render *r, const char *s, size_t n)
{
	char	*p;
	size_t	 cap = r->capind;

	if (n == 0)
		return;
	while (r->iend + n > cap)
		cap *= 2;
	if (cap != r->capind) {
		if (r->ind == r->ind_local) {
			p = xmalloc(cap);
			memcpy(p, r->ind, r->iend);
		} else
			p = xrealloc(r->ind, cap);
		r->ind = p;
		r->capind = cap;
	}
	memcpy(r->ind + r->iend, s, n);
	r->iend += n;
}

/* Writes the indentation if it is owed. */
static void
indent_now(struct render *r)
{
	if (r->need) {
		buf_put(r->out, r->ind + r->ibase, r->iend - r->ibase);
		r->need = 0;
	}
}

/* Writes template text, indenting each line that has something on it. */
static void
put_text(struct render *r, const char *s, size_t n)
{
	const char	*nl;
	size_t		 k;

	if (r->iend == r->ibase) {
		buf_put(r->out, s, n);
		return;
	}
	while (n > 0) {
		if (r->need && s[0] != '\n' &&
		    !(s[0] == '\r' && n > 1 && s[1] == '\n'))
			indent_now(r);
		nl = memchr(s, '\n', n);
		k = nl != NULL ? (size_t)(nl - s) + 1 : n;
		buf_put(r->out, s, k);
		if (nl != NULL)
			r->need = 1;
		s += k;
		n -= k;
	}
}

/* Writes an interpolated value; null, lists and maps write nothing. */
static void
put_value(struct render *r, const struct value *v, int escape)
{
	char			 tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long	 u;
	struct num_memo		*m;

	switch (v->type) {
	case VALUE_STRING:
		if (v->u.str.len == 0)
			return;
		indent_now(r);
		if (escape)
			out_html(r->out, v->u.str.ptr, v->u.str.len);
		else
			buf_put(r->out, v->u.str.ptr, v->u.str.len);
		return;
	case VALUE_INT:
		/* By hand: printf would dominate a page of numbers. */
		u = v->u.integer < 0 ? 0ULL - (unsigned long long)v->u.integer :
		    (unsigned long long)v->u.integer;
		do {
			*--p = (char)('0' + u % 10);
			u /= 10;
		} while (u != 0);
		if (v->u.integer < 0)
			*--p = '-';
		indent_now(r);
		buf_put(r->out, p, (size_t)(tmp + sizeof(tmp) - p));
		return;
	case VALUE_FLOAT:
		/*
		 * Remembered per value: finding the shortest digits costs up
		 * to seven printf and strtod calls, and a section may show
		 * the same number many times. Nothing in it to escape.
		 */
		m = &nums[((uintptr_t)v >> 4) % NUM_MEMO];
		if (m->v != v || m->epoch != r->epoch) {
			m->v = v;
			m->epoch = r->epoch;
			m->len = (unsigned char)value_format_number(m->text,
			    v->u.number);
		}
		indent_now(r);
		buf_put(r->out, m->text, m->len);
		return;
	case VALUE_BOOL:
		indent_now(r);
		value_put_scalar(r->out, v);
		return;
	default:
		return;
	}
}

/*
 * Resolves op's name against the context stack: its first part from the
 * top down, the rest each in the value found before. Returns the value,
 * or NULL when the name resolves to nothing.
 */
static const struct value *
lookup(const struct render *r, const struct mustache_tmpl *t,
    const struct mst_op *op)
{
	const struct mst_seg	*seg;
	const struct value_pair	*p = NULL;
	const struct value	*v;
	size_t			 k;

	if (op->nseg == 0)
		return r->nctx > 0 ? r->ctx[r->nctx - 1] : NULL;
	seg = &t->segs[op->seg];
	for (k = r->nctx; k-- > 0; ) {
		if (r->ctx[k]->type != VALUE_MAP)
			continue;
		if ((p = value_map_find(r->ctx[k], seg->p, seg->len)) != NULL)
			break;
	}
	if (p == NULL)
		return NULL;
	v = p->val;
	for (k = 1; k < op->nseg && v != NULL; k++) {
		seg++;
		v = value_map_get(v, seg->p, seg->len);
	}
	return v;
}

/* Reports that the chain of partials went too deep. */
static void
depth_error(struct render *r, const struct mustache_tmpl *t,
    const struct mst_op *op, const char *name, char kind)
{
	struct buf	 b = BUF_INIT;
	size_t		 k, j;
	int		 again = 0;

	r->chain[r->depth].name = name;
	r->chain[r->depth].kind = kind;
	buf_puts(&b, r->root->name != NULL ? r->root->name : r->root->path);
	/* Up to the first name seen twice: that shows the loop. */
	for (k = 0; k <= r->depth && !again; k++) {
		buf_puts(&b, " -> ");
		if (r->chain[k].kind == '$')
			buf_putc(&b, '$');
		buf_puts(&b, r->chain[k].name);
		for (j = 0; j < k; j++)
			if (r->chain[j].kind == r->chain[k].kind &&
			    strcmp(r->chain[j].name, r->chain[k].name) == 0)
				again = 1;
		if (k == 11)
			break;
	}
	buf_puts(&b, " -> ...");
	diag_error(t->path, op->line, op->col, "partial depth over %d: %s",
	    MUSTACHE_MAX_DEPTH, buf_cstr(&b));
	buf_free(&b);
}

/*
 * Enters a partial, parent or block: one step deeper. Returns 0, or -1
 * after reporting that it is one too many.
 */
static int
enter(struct render *r, const struct mustache_tmpl *t,
    const struct mst_op *op, const char *name, char kind)
{
	if (r->depth >= MUSTACHE_MAX_DEPTH) {
		depth_error(r, t, op, name, kind);
		return -1;
	}
	r->chain[r->depth].name = name;
	r->chain[r->depth].kind = kind;
	r->depth++;
	return 0;
}

/*
 * Renders the partial or parent at t->ops[i]. Returns 0, or -1 after an
 * error.
 */
static int
partial(struct render *r, const struct mustache_tmpl *t, uint32_t i)
{
	struct mst_op	*op = &t->ops[i];
	const struct mustache_tmpl *pt;
	const struct value *v;
	const char	*name;
	char		 kind = op->type == MOP_PARENT ? '<' : '>';
	size_t		 ibase = r->ibase, iend = r->iend;
	int		 rc;

	if (op->flags & MOPF_DYNAMIC) {
		v = lookup(r, t, op);
		if (v == NULL || (v->type != VALUE_STRING &&
		    v->type != VALUE_NULL)) {
			if (first_time(op))
				diag_warning(t->path, op->line, op->col,
				    v == NULL ? "no value for '*%s'" :
				    "'*%s' is not a string", op->str);
			return 0;
		}
		if (v->type == VALUE_NULL)
			return 0;
		name = v->u.str.ptr;
		pt = mst_find(r->set, name);
	} else {
		name = op->str;
		pt = atomic_load_explicit(&op->cache, memory_order_acquire);
		if (pt == NULL) {
			pt = mst_find(r->set, name);
			atomic_store_explicit(&op->cache, pt,
			    memory_order_release);
		}
	}
	if (pt == &mst_missing) {
		if (first_time(op))
			diag_warning(t->path, op->line, op->col, "%s '%s' not "
			    "found", kind == '<' ? "parent" : "partial", name);
		return 0;
	}
	if (pt == &mst_broken)
		return -1;
	if (enter(r, t, op, name, kind) == -1)
		return -1;
	if (op->flags & MOPF_STANDALONE) {
		ind_push(r, op->indent, op->ilen);
		r->need = 1;
	} else {
		/* Inline: its lines are not the caller's. */
		indent_now(r);
		r->ibase = r->iend;
	}
	if (op->type == MOP_PARENT) {
		r->frames[r->nframes].t = t;
		r->frames[r->nframes].op = i;
		r->nframes++;
	}
	rc = run(r, pt, 0, pt->nops);
	if (op->type == MOP_PARENT)
		r->nframes--;
	r->ibase = ibase;
	r->iend = iend;
	r->need = 0;
	r->depth--;
	return rc;
}

/*
 * Finds the argument that overrides block op: the outermost parent's
 * wins. Returns 1 with *at and *ai set, or 0.
 */
static int
argument(const struct render *r, const struct mst_op *op,
    const struct mustache_tmpl **at, uint32_t *ai)
{
	const struct mustache_tmpl *pt;
	const struct mst_op *a;
	uint32_t	 j, end;
	size_t		 f;

	for (f = 0; f < r->nframes; f++) {
		pt = r->frames[f].t;
		end = pt->ops[r->frames[f].op].end;
		for (j = r->frames[f].op + 1; j < end; j = a->end) {
			a = &pt->ops[j];
			if (a->type == MOP_BLOCK && a->len == op->len &&
			    memcmp(a->str, op->str, op->len) == 0) {
				*at = pt;
				*ai = j;
				return 1;
			}
		}
	}
	return 0;
}

/*
 * Renders the block at t->ops[i]: the argument that overrides it, or its
 * own content. Returns 0, or -1 after an error.
 */
static int
block(struct render *r, const struct mustache_tmpl *t, uint32_t i)
{
	struct mst_op	*op = &t->ops[i];
	const struct mustache_tmpl *ct = t;
	uint32_t	 from = i + 1, to = op->end, ai;
	size_t		 ibase = r->ibase, iend = r->iend;
	int		 over, rc;

	if ((over = argument(r, op, &ct, &ai)) != 0) {
		/* An argument may hold the block it overrides. */
		if (enter(r, t, op, op->str, '$') == -1)
			return -1;
		from = ai + 1;
		to = ct->ops[ai].end;
	}
	if (op->flags & MOPF_INDENT) {
		ind_push(r, op->indent, op->ilen);
		r->need = 1;
	}
	rc = run(r, ct, from, to);
	if (op->flags & MOPF_INDENT) {
		r->ibase = ibase;
		r->iend = iend;
		r->need = 0;
	}
	if (over)
		r->depth--;
	return rc;
}

/*
 * Renders the section at t->ops[i] once per item of a list, once for
 * any other value that is true. Returns 0, or -1 after an error.
 */
static int
section(struct render *r, const struct mustache_tmpl *t, uint32_t i)
{
	struct mst_op	*op = &t->ops[i];
	const struct value *v = lookup(r, t, op);
	size_t		 k;
	int		 rc = 0;

	if (!value_truthy(v))
		return 0;
	if (v->type != VALUE_SEQ) {
		push(r, v);
		rc = run(r, t, i + 1, op->end);
		r->nctx--;
		return rc;
	}
	for (k = 0; k < v->u.seq.len && rc == 0; k++) {
		push(r, v->u.seq.items[k]);
		rc = run(r, t, i + 1, op->end);
		r->nctx--;
	}
	return rc;
}

/*
 * Reports that the render does too much, at the tag it had reached.
 * Returns -1.
 */
static int
too_much(const struct render *r, const struct mustache_tmpl *t,
    const struct mst_op *op)
{
	if (r->steps > MUSTACHE_MAX_STEPS)
		diag_error(t->path, op->line, op->col, "rendering stopped after "
		    "%lu steps: sections over lists or partials that repeat "
		    "multiply", MUSTACHE_MAX_STEPS);
	else
		diag_error(t->path, op->line, op->col, "rendering stopped at "
		    "%lu MiB of output: sections over lists or partials that "
		    "repeat multiply", MUSTACHE_MAX_OUTPUT >> 20);
	return -1;
}

/* Renders ops [i, end) of t. Returns 0, or -1 after an error. */
static int
run(struct render *r, const struct mustache_tmpl *t, uint32_t i, uint32_t end)
{
	struct mst_op		*op;
	const struct value	*v;

	while (i < end) {
		op = &t->ops[i];
		if (++r->steps > MUSTACHE_MAX_STEPS ||
		    r->out->len - r->start > MUSTACHE_MAX_OUTPUT)
			return too_much(r, t, op);
		if (op->flags & MOPF_BOL)
			r->need = 1;
		switch (op->type) {
		case MOP_TEXT:
			put_text(r, op->str, op->len);
			break;
		case MOP_VAR:
		case MOP_RAW:
			if ((v = lookup(r, t, op)) != NULL)
				put_value(r, v, op->type == MOP_VAR);
			else if (first_time(op))
				diag_warning(t->path, op->line, op->col,
				    "no value for '%s'", op->str);
			break;
		case MOP_SECTION:
			if (section(r, t, i) == -1)
				return -1;
			break;
		case MOP_INVERTED:
			if (!value_truthy(lookup(r, t, op)) &&
			    run(r, t, i + 1, op->end) == -1)
				return -1;
			break;
		case MOP_PARTIAL:
		case MOP_PARENT:
			if (partial(r, t, i) == -1)
				return -1;
			break;
		case MOP_BLOCK:
			if (block(r, t, i) == -1)
				return -1;
			break;
		}
		i = op->end;
	}
	return 0;
}

/* See mustache.h: returns 0, or -1 after reporting an error. */
int
mustache_render(struct mustache_set *set, const struct mustache_tmpl *t,
    const struct value *ctx, struct buf *out)
{
	struct render	 r;
	int		 rc;

	r.set = set;
	r.out = out;
	r.root = t;
	r.ctx = r.ctx_local;
	r.nctx = 0;
	r.capctx = CTX_LOCAL;
	r.ind = r.ind_local;
	r.ibase = r.iend = 0;
	r.capind = IND_LOCAL;
	r.need = 0;
	r.nframes = 0;
	r.depth = 0;
	r.start = out->len;
	r.steps = 0;
	r.epoch = ++nums_epoch;
	if (ctx != NULL)
		push(&r, ctx);
	rc = run(&r, t, 0, t->nops);
	if (rc == 0 && buf_failed(out)) {
		diag_error(t->path, 0, 0, "out of memory while rendering");
		rc = -1;
	}
	if (r.ctx != r.ctx_local)
		free(r.ctx);
	if (r.ind != r.ind_local)
		free(r.ind);
	return rc;
}
