/*
 * yaml_load.h: YAML text to a value tree, on libyaml's event API.
 *
 * One document per text. Anchors and aliases share nodes (no copies);
 * the size the aliases expand to is capped, so an alias bomb is an error
 * and not an out-of-memory. Duplicate keys are errors; "<<" merge keys
 * are applied (explicit keys win). Every problem is reported through
 * diag.h as file:line:col, 1-based.
 */
#ifndef KITGEN_YAML_LOAD_H
#define KITGEN_YAML_LOAD_H

#include <stddef.h>

struct arena;
struct value;

#define YAML_MAX_DEPTH	64		/* nested collections */
#define YAML_MAX_NODES	1000000		/* nodes after alias expansion */

struct value	*yaml_load(struct arena *, const char *file,
		     const char *text, size_t len, unsigned line_offset);
struct value	*yaml_load_file(struct arena *, const char *path,
		     size_t max_size);

#endif
