/*
 * yaml_load.c: libyaml events to a value tree.
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "arena.h"
#include "buffer.h"
#include "diag.h"
#include "files.h"
#include "value.h"
#include "xalloc.h"
#include "yaml_load.h"

struct anchor {
	char		*name;		/* malloc'd */
	struct value	*node;		/* NULL while its collection is open */
	size_t		 weight;	/* nodes it expands to */
	size_t		 prev;		/* the earlier anchor of that name + 1 */
};

struct frame {
	struct value	*node;		/* the open sequence or mapping */
	struct value	*key;		/* mapping: key awaiting its value */
	int		 key_is_merge;	/* that key is a plain "<<" */
	size_t		 weight;	/* expanded nodes so far, itself included */
	char		*anchor;	/* to register at the end, or NULL */
	struct value	**merges;	/* "<<" sources, applied at the end */
	size_t		 n_merges;
};

struct loader {
	struct arena	*a;
	const char	*file;
	unsigned	 line0;		/* added to every 0-based line + 1 */
	struct frame	 stack[YAML_MAX_DEPTH];
	size_t		 depth;
	struct anchor	*anchors;
	size_t		 n_anchors, cap_anchors;
	size_t		*names;		/* hash of names: latest anchor + 1 */
	size_t		 cap_names;	/* a power of two, or 0 */
	struct value	*root;
	size_t		 root_weight;
	int		 failed;
};

static void
err(struct loader *l, yaml_mark_t m, const char *fmt, const char *arg)
{
	diag_error(l->file, (unsigned)m.line + 1 + l->line0,
	    (unsigned)m.column + 1, fmt, arg);
	l->failed = 1;
}

/* Returns the slot of name in the hash of anchor names. */
static size_t *
name_slot(struct loader *l, const char *name)
{
	size_t	 h = 2166136261u, i;

	for (i = 0; name[i] != '\0'; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	for (i = h & (l->cap_names - 1); l->names[i] != 0 &&
	    strcmp(l->anchors[l->names[i] - 1].name, name) != 0;
	    i = (i + 1) & (l->cap_names - 1))
		;
	return &l->names[i];
}

/*
 * Returns the latest anchor called name, or NULL. Hashed: a file of a
 * million anchors and aliases must not take a million squared steps.
 */
static struct anchor *
anchor_find(struct loader *l, const char *name)
{
	size_t	 k;

	if (l->cap_names == 0 || (k = *name_slot(l, name)) == 0)
		return NULL;
	return &l->anchors[k - 1];
}

/* Returns a new anchor called name, the latest of that name. */
static struct anchor *
anchor_add(struct loader *l, const char *name)
{
	struct anchor	*an;
	size_t		*slot, i;

	if (l->n_anchors == l->cap_anchors) {
		l->cap_anchors = l->cap_anchors ? l->cap_anchors * 2 : 16;
		l->anchors = xreallocarray(l->anchors, l->cap_anchors,
		    sizeof(*l->anchors));
	}
	if ((l->n_anchors + 1) * 2 > l->cap_names) {
		/* Rehashed in order, so the latest of a name stays. */
		free(l->names);
		l->cap_names = l->cap_names ? l->cap_names * 2 : 32;
		l->names = xcalloc(l->cap_names, sizeof(*l->names));
		for (i = 0; i < l->n_anchors; i++)
			*name_slot(l, l->anchors[i].name) = i + 1;
	}
	an = &l->anchors[l->n_anchors++];
	an->name = xstrdup(name);
	an->node = NULL;
	an->weight = 0;
	slot = name_slot(l, name);
	an->prev = *slot;
	*slot = l->n_anchors;
	return an;
}

static size_t
sat_add(size_t a, size_t b)
{
	return a > (size_t)-1 - b ? (size_t)-1 : a + b;
}

static void
merge_into(struct loader *l, struct value *map, struct value *src)
{
	size_t	 i;
	struct value_pair *p;

	for (i = 0; i < src->u.map.len; i++) {
		p = &src->u.map.pairs[i];
		if (value_map_find(map, p->key->u.str.ptr,
		    p->key->u.str.len) == NULL)
			value_map_put(l->a, map, p->key, p->val);
	}
}

/*
 * Adds a finished node (of expanded size weight) to the open collection,
 * or makes it the root. Returns 0, or -1 when loading must stop.
 */
static int
add_node(struct loader *l, struct value *v, size_t weight, yaml_mark_t m,
    int plain)
{
	struct frame	*f;
	struct value_pair *dup;
	char		 tmp[32];

	if (l->depth == 0) {
		l->root = v;
		l->root_weight = weight;
		return 0;
	}
	f = &l->stack[l->depth - 1];
	f->weight = sat_add(f->weight, weight);
	if (f->weight > YAML_MAX_NODES) {
		snprintf(tmp, sizeof(tmp), "%d", YAML_MAX_NODES);
		err(l, m, "aliases expand to more than %s nodes "
		    "(an alias bomb?)", tmp);
		return -1;
	}
	if (f->node->type == VALUE_SEQ) {
		value_seq_push(l->a, f->node, v);
		return 0;
	}
	if (f->key == NULL) {
		if (!value_is_scalar(v)) {
			diag_error(l->file, v->line, v->col, "a mapping key "
			    "must be a scalar, not %s", value_type_name(v->type));
			l->failed = 1;
			return -1;
		}
		if (v->type != VALUE_STRING) {
			/* Keys are text: "1" and 1 are the same key. */
			struct buf b = BUF_INIT;
			struct value *k;

			value_put_scalar(&b, v);
			k = value_new_string(l->a, buf_cstr(&b), b.len);
			buf_free(&b);
			value_set_pos(k, v->file, v->line, v->col);
			v = k;
		}
		f->key = v;
		f->key_is_merge = plain && v->u.str.len == 2 &&
		    memcmp(v->u.str.ptr, "<<", 2) == 0;
		return 0;
	}
	if (f->key_is_merge) {
		size_t	 i, n = v->type == VALUE_SEQ ? v->u.seq.len : 1;

		for (i = 0; i < n; i++) {
			struct value *src = v->type == VALUE_SEQ ?
			    v->u.seq.items[i] : v;

			if (src->type != VALUE_MAP) {
				err(l, m, "the value of a merge key (<<) must "
				    "be a mapping or a list of mappings%s", "");
				return -1;
			}
			f->merges = xreallocarray(f->merges, f->n_merges + 1,
			    sizeof(*f->merges));
			f->merges[f->n_merges++] = src;
		}
		f->key = NULL;
		return 0;
	}
	dup = value_map_find(f->node, f->key->u.str.ptr, f->key->u.str.len);
	if (dup != NULL) {
		diag_error(l->file, f->key->line, f->key->col,
		    "duplicate key '%s' (first at line %u)",
		    f->key->u.str.ptr, dup->key->line);
		l->failed = 1;
	} else
		value_map_put(l->a, f->node, f->key, v);
	f->key = NULL;
	return 0;
}

static int
tag_is(const yaml_char_t *tag, const char *name)
{
	return tag != NULL && strcmp((const char *)tag, name) == 0;
}

/*
 * Returns the text of a scalar event, with each NUL (which only a "\0"
 * or "\x00" escape can make, the input being clean) replaced by U+FFFD
 * and a warning: C strings would end there, and pages would lose the
 * rest. Sets *n to its length.
 */
static const char *
scalar_text(struct loader *l, const yaml_event_t *ev, size_t *n)
{
	const char	*s = (const char *)ev->data.scalar.value;
	struct buf	 b = BUF_INIT;
	const char	*r;
	size_t		 i;

	*n = ev->data.scalar.length;
	if (memchr(s, '\0', *n) == NULL)
		return s;
	for (i = 0; i < *n; i++) {
		if (s[i] == '\0')
			buf_puts(&b, "\xEF\xBF\xBD");
		else
			buf_putc(&b, s[i]);
	}
	if (buf_failed(&b))
		die_oom();
	diag_warning(l->file, (unsigned)ev->start_mark.line + 1 + l->line0,
	    (unsigned)ev->start_mark.column + 1, "a NUL character (\\0) in "
	    "a string was replaced by U+FFFD");
	r = arena_strndup(l->a, b.data, b.len);
	*n = b.len;
	buf_free(&b);
	return r;
}

/* Returns the value of a scalar event (text s, n bytes), resolved by its
 * tag and style. */
static struct value *
scalar(struct loader *l, const yaml_event_t *ev, const char *s, size_t n)
{
	const yaml_char_t *tag = ev->data.scalar.tag;
	struct value	*v;

	if (tag_is(tag, YAML_STR_TAG) || tag_is(tag, "!"))
		return value_new_string(l->a, s, n);
	if (tag != NULL && (tag_is(tag, YAML_INT_TAG) ||
	    tag_is(tag, YAML_FLOAT_TAG) || tag_is(tag, YAML_BOOL_TAG) ||
	    tag_is(tag, YAML_NULL_TAG))) {
		v = value_scalar(l->a, s, n);
		if (tag_is(tag, YAML_FLOAT_TAG) && v->type == VALUE_INT)
			return value_new_float(l->a, (double)v->u.integer);
		if ((tag_is(tag, YAML_INT_TAG) && v->type != VALUE_INT) ||
		    (tag_is(tag, YAML_FLOAT_TAG) && v->type != VALUE_FLOAT) ||
		    (tag_is(tag, YAML_BOOL_TAG) && v->type != VALUE_BOOL) ||
		    (tag_is(tag, YAML_NULL_TAG) && v->type != VALUE_NULL)) {
			diag_error(l->file, (unsigned)ev->start_mark.line + 1 +
			    l->line0, (unsigned)ev->start_mark.column + 1,
			    "'%s' does not match its tag !!%s",
			    value_new_string(l->a, s, n)->u.str.ptr,
			    strrchr((const char *)tag, ':') + 1);
			l->failed = 1;
		}
		return v;
	}
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return value_scalar(l->a, s, n);
	return value_new_string(l->a, s, n);
}

/* Reports libyaml's own error, with its context when it gives one. */
static void
parser_error(struct loader *l, const yaml_parser_t *p, const char *text)
{
	yaml_mark_t	 m = p->problem_mark;
	size_t		 i;
	char		 ctx[160] = "";

	if (p->error == YAML_READER_ERROR) {
		/* Reader errors give a byte offset, not a mark. */
		m.line = m.column = 0;
		for (i = 0; i < p->problem_offset && text[i] != '\0'; i++) {
			if (text[i] == '\n') {
				m.line++;
				m.column = 0;
			} else if (((unsigned char)text[i] & 0xC0) != 0x80)
				m.column++;
		}
		diag_error(l->file, (unsigned)m.line + 1 + l->line0,
		    (unsigned)m.column + 1, "%s (byte 0x%02x)",
		    p->problem ? p->problem : "invalid text",
		    p->problem_value > 0 ? (unsigned)p->problem_value & 0xff : 0);
		l->failed = 1;
		return;
	}
	/* libyaml's words for a tab where indentation is due. */
	if (m.index < strlen(text) && text[m.index] == '\t' &&
	    p->problem != NULL && strstr(p->problem, "cannot start any token")) {
		diag_error(l->file, (unsigned)m.line + 1 + l->line0,
		    (unsigned)m.column + 1, "YAML: a tab cannot indent YAML; "
		    "use spaces");
		l->failed = 1;
		return;
	}
	if (p->context != NULL)
		snprintf(ctx, sizeof(ctx), " (%s at line %u)", p->context,
		    (unsigned)p->context_mark.line + 1 + l->line0);
	diag_error(l->file, (unsigned)m.line + 1 + l->line0,
	    (unsigned)m.column + 1, "YAML: %s%s",
	    p->problem ? p->problem : "syntax error", ctx);
	l->failed = 1;
}

/*
 * Parses text as one YAML document.
 * Returns the root (a VALUE_NULL node for an empty text), or NULL after
 * reporting every error found.
 */
struct value *
yaml_load(struct arena *a, const char *file, const char *text, size_t len,
    unsigned line_offset)
{
	yaml_parser_t	 p;
	yaml_event_t	 ev;
	struct loader	 l;
	struct value	*v;
	struct anchor	*an;
	struct frame	*f;
	int		 done = 0, docs = 0;
	const char	*s;
	size_t		 i, n;

	memset(&l, 0, sizeof(l));
	l.a = a;
	l.file = arena_strdup(a, file);
	l.line0 = line_offset;
	if (!yaml_parser_initialize(&p))
		die_oom();
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);

	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			parser_error(&l, &p, text);
			break;
		}
		v = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				err(&l, ev.start_mark, "only one YAML document "
				    "is allowed here%s", "");
				done = 1;
			}
			break;
		case YAML_ALIAS_EVENT:
			an = anchor_find(&l, (const char *)ev.data.alias.anchor);
			if (an == NULL || an->node == NULL) {
				err(&l, ev.start_mark, an == NULL ?
				    "unknown alias '*%s'" :
				    "alias '*%s' refers to a node that "
				    "contains it", (const char *)ev.data.alias.anchor);
				done = 1;
				break;
			}
			if (add_node(&l, an->node, an->weight, ev.start_mark,
			    0) == -1)
				done = 1;
			break;
		case YAML_SCALAR_EVENT:
			f = l.depth ? &l.stack[l.depth - 1] : NULL;
			s = scalar_text(&l, &ev, &n);
			if (f != NULL && f->node->type == VALUE_MAP &&
			    f->key == NULL)
				/* A key is text as written: 1 and 1.0 differ. */
				v = value_new_string(a, s, n);
			else
				v = scalar(&l, &ev, s, n);
			value_set_pos(v, l.file, (unsigned)ev.start_mark.line +
			    1 + l.line0, (unsigned)ev.start_mark.column + 1);
			if (ev.data.scalar.anchor != NULL) {
				an = anchor_add(&l,
				    (const char *)ev.data.scalar.anchor);
				an->node = v;
				an->weight = 1;
			}
			if (add_node(&l, v, 1, ev.start_mark,
			    ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
			    ev.data.scalar.tag == NULL) == -1)
				done = 1;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (l.depth == YAML_MAX_DEPTH) {
				char tmp[16];

				snprintf(tmp, sizeof(tmp), "%d", YAML_MAX_DEPTH);
				err(&l, ev.start_mark, "YAML nested deeper than %s "
				    "levels", tmp);
				done = 1;
				break;
			}
			v = ev.type == YAML_SEQUENCE_START_EVENT ?
			    value_new_seq(a) : value_new_map(a);
			value_set_pos(v, l.file, (unsigned)ev.start_mark.line +
			    1 + l.line0, (unsigned)ev.start_mark.column + 1);
			f = &l.stack[l.depth++];
			memset(f, 0, sizeof(*f));
			f->node = v;
			f->weight = 1;
			{
				const yaml_char_t *anc = ev.type ==
				    YAML_SEQUENCE_START_EVENT ?
				    ev.data.sequence_start.anchor :
				    ev.data.mapping_start.anchor;

				if (anc != NULL) {
					/* Registered now so that a self-reference is
					 * recognised; usable once complete. */
					anchor_add(&l, (const char *)anc);
					f->anchor = xstrdup((const char *)anc);
				}
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			f = &l.stack[l.depth - 1];
			for (i = 0; i < f->n_merges; i++)
				merge_into(&l, f->node, f->merges[i]);
			free(f->merges);
			if (f->anchor != NULL) {
				/* The latest of that name still open is ours. */
				for (an = anchor_find(&l, f->anchor); an != NULL;
				    an = an->prev ? &l.anchors[an->prev - 1] :
				    NULL)
					if (an->node == NULL) {
						an->node = f->node;
						an->weight = f->weight;
						break;
					}
				free(f->anchor);
			}
			v = f->node;
			{
				size_t w = f->weight;

				l.depth--;
				if (add_node(&l, v, w, ev.start_mark, 0) == -1)
					done = 1;
			}
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	while (l.depth > 0) {
		f = &l.stack[--l.depth];
		free(f->merges);
		free(f->anchor);
	}
	for (i = 0; i < l.n_anchors; i++)
		free(l.anchors[i].name);
	free(l.anchors);
	free(l.names);
	yaml_parser_delete(&p);
	if (l.failed)
		return NULL;
	if (l.root == NULL) {
		l.root = value_new(a, VALUE_NULL);
		value_set_pos(l.root, l.file, 1 + l.line0, 1);
	}
	return l.root;
}

/*
 * Reads and parses the file at path (at most max_size bytes).
 * Returns the root, or NULL after reporting the problems.
 */
struct value *
yaml_load_file(struct arena *a, const char *path, size_t max_size)
{
	char		*text;
	size_t		 len;
	struct value	*v;

	if (file_read_text(path, max_size, &text, &len) != 0)
		return NULL;
	v = yaml_load(a, path, text, len, 0);
	free(text);
	return v;
}
