/*
 * value.h: the value tree for all data kitgen reads (YAML files, front
 * matter) and builds (template contexts).
 *
 * Maps keep insertion order. Scalars are resolved as YAML 1.2's core
 * schema says: null, bool, int, float, else string; a quoted scalar is
 * always a string. Every node remembers where it came from.
 * Nodes live in an arena (arena.h) and die with it; nothing is freed
 * one by one. Strings are pointer + size and also NUL-terminated.
 */
#ifndef KITGEN_VALUE_H
#define KITGEN_VALUE_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct buf;

enum value_type {
	VALUE_NULL,	/* ~, null, or nothing */
	VALUE_BOOL,	/* true or false */
	VALUE_INT,	/* a decimal, 0o octal or 0x hex integer */
	VALUE_FLOAT,	/* a decimal float, .inf or .nan */
	VALUE_STRING,	/* anything else, and every quoted scalar */
	VALUE_SEQ,	/* an ordered list of values */
	VALUE_MAP	/* string keys to values, in insertion order */
};

struct value;

struct value_pair {
	struct value	*key;	/* a VALUE_STRING, with the key's position */
	struct value	*val;
};

struct value {
	enum value_type	 type;
	unsigned	 line;	/* 1-based; 0 for built values */
	unsigned	 col;	/* 1-based; 0 for built values */
	const char	*file;	/* borrowed; NULL for built values */
	union {
		int		 boolean;
		long long	 integer;
		double		 number;
		struct {
			const char	*ptr;
			size_t		 len;
		} str;
		struct {
			struct value	**items;
			size_t		  len, cap;
		} seq;
		struct {
			struct value_pair *pairs;
			size_t		   len, cap;
			uint32_t	  *index;	/* hash of positions + 1 */
			size_t		   index_cap;
		} map;
	} u;
};

struct value	*value_new(struct arena *, enum value_type);
struct value	*value_new_bool(struct arena *, int);
struct value	*value_new_int(struct arena *, long long);
struct value	*value_new_float(struct arena *, double);
struct value	*value_new_string(struct arena *, const char *, size_t);
struct value	*value_new_cstr(struct arena *, const char *);
struct value	*value_new_borrowed(struct arena *, const char *);
struct value	*value_new_seq(struct arena *);
struct value	*value_new_map(struct arena *);
struct value	*value_scalar(struct arena *, const char *, size_t);
void		 value_set_pos(struct value *, const char *, unsigned,
		     unsigned);

void		 value_seq_push(struct arena *, struct value *,
		     struct value *);
void		 value_map_put(struct arena *, struct value *,
		     struct value *, struct value *);
void		 value_map_set(struct arena *, struct value *, const char *,
		     struct value *);
struct value	*value_map_get(const struct value *, const char *, size_t);
struct value	*value_map_getc(const struct value *, const char *);
struct value_pair *value_map_find(const struct value *, const char *,
		     size_t);

int		 value_is_scalar(const struct value *);
int		 value_truthy(const struct value *);
const char	*value_type_name(enum value_type);
void		 value_put_scalar(struct buf *, const struct value *);
size_t		 value_format_number(char *, double);
void		 value_put_number(struct buf *, double);
const char	*value_cstr(const struct value *);

#endif
