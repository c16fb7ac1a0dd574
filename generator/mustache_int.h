/*
 * mustache_int.h: what mustache_compile.c and mustache_render.c share:
 * the compiled form of a template and the set that owns it.
 *
 * A template is a flat array of ops. A container op (section, inverted
 * section, parent, block) is followed by its content and holds in end
 * the index just past it, so skipping it is one jump. Text and names
 * live in one pool per template; a name is also split into segments at
 * compile time, so a render never splits or allocates.
 */
#ifndef KITGEN_MUSTACHE_INT_H
#define KITGEN_MUSTACHE_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "mustache.h"

enum mop {
	MOP_TEXT,	/* str, len: bytes to copy */
	MOP_VAR,	/* {{name}}: HTML-escaped */
	MOP_RAW,	/* {{{name}}}, {{&name}} */
	MOP_SECTION,	/* {{#name}} ... */
	MOP_INVERTED,	/* {{^name}} ... */
	MOP_PARTIAL,	/* {{>name}} */
	MOP_PARENT,	/* {{<name}} ...: its blocks are the arguments */
	MOP_BLOCK	/* {{$name}} ...: the default content */
};

#define MOPF_BOL	0x01	/* first on its source line: indent goes first */
#define MOPF_STANDALONE	0x02	/* partial, parent: indent is prepended */
#define MOPF_DYNAMIC	0x04	/* partial, parent: the name is *dotted.name */
#define MOPF_INDENT	0x08	/* block: standalone, content indented */
#define MOPF_ARG	0x10	/* block: an argument of its parent */

struct mst_seg {
	const char	*p;
	uint32_t	 len;
};

struct mst_op {
	uint8_t		 type;		/* enum mop */
	uint8_t		 flags;		/* MOPF_* */
	uint16_t	 nseg;		/* name segments; 0 for "." */
	uint32_t	 seg;		/* the first in tmpl->segs */
	uint32_t	 end;		/* containers: the op after the content */
	uint32_t	 len;		/* of str */
	const char	*str;		/* text, or the name (NUL-terminated) */
	const char	*indent;	/* partial, parent, block: indentation */
	uint32_t	 ilen;
	uint32_t	 line, col;	/* of the tag, 1-based */
	/* Written while rendering, from any thread. */
	_Atomic(const struct mustache_tmpl *) cache;	/* partial, parent */
	atomic_int	 warned;	/* reported once already */
};

struct mustache_tmpl {
	char		*name;		/* NULL for an unnamed template */
	char		*path;
	struct mst_op	*ops;
	uint32_t	 nops;
	struct mst_seg	*segs;
	char		*pool;		/* text, names, indentation */
	atomic_int	 linked;	/* mustache_link went through it */
	struct mustache_tmpl *next;	/* in the set's list of all */
};

/* A name's cache entry: a template, or one of these two. */
extern const struct mustache_tmpl mst_missing;	/* the loader has none */
extern const struct mustache_tmpl mst_broken;	/* failed; reported */

struct mst_entry {
	char		*name;
	const struct mustache_tmpl *t;
};

struct mustache_set {
	pthread_mutex_t	 lock;
	mustache_loader	 load;
	void		*arg;
	struct mst_entry *tab;		/* open addressing, by name */
	size_t		 ntab, captab;
	struct mustache_tmpl *all;	/* every template, for freeing */
};

/*
 * Compiling, in two halves: mustache_parse.c cuts the text into tokens
 * and decides the whitespace, mustache_compile.c writes the ops.
 */
#define MST_NONE	((size_t)-1)

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
	size_t		 up;		/* the enclosing opener, or MST_NONE */
	size_t		 keep0, keep1;	/* text: what stays */
	int		 standalone;	/* its line goes, or it is a pair */
	int		 pair;		/* parent, block: a standalone pair */
	size_t		 ind0, ind1;	/* indentation (source range) */
	int		 ind_is_dd;	/* block: indented by its dd */
	size_t		 dd0, dd1;	/* block: intrinsic indentation */
	int		 dd_pushed;	/* block: dd is on the stack */
	size_t		 op;		/* opener: the index of its op */
};

struct mst_parse {
	const char	*src;
	size_t		 len;
	const char	*path;
	struct tok	*toks;
	size_t		 ntoks, captoks;
	/* Position bookkeeping for line:col, moving forward only. */
	size_t		 cur;
	unsigned	 line, col;
};

int		 mst_parse(struct mst_parse *);

struct mustache_tmpl *mst_compile(const char *name, const char *path,
		     const char *text, size_t len);
void		 mst_tmpl_free(struct mustache_tmpl *);
const struct mustache_tmpl *mst_find(struct mustache_set *, const char *);

#endif
