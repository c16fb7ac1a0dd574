/*
 * output.h: the last stage: write the site into a staging folder beside
 * the output folder, then swap it in, so a failed or interrupted build
 * leaves the previous site untouched and no staging folder behind.
 *
 * A file whose bytes did not change is linked from the previous site,
 * so it keeps its mtime. Paths are validated: nothing is written outside
 * the staging folder. output_write is safe to call from several threads.
 */
#ifndef KITGEN_OUTPUT_H
#define KITGEN_OUTPUT_H

#include <stddef.h>

struct output;

struct output	*output_open(const char *dir);
int		 output_write(struct output *, const char *rel,
		     const char *data, size_t len);
int		 output_commit(struct output *);
void		 output_abort(struct output *);
size_t		 output_count(const struct output *, size_t *);
int		 output_path_ok(const char *);
int		 remove_tree(const char *);

#endif
