/*
 * output.h: the last stage: write the site into a staging folder beside
 * the output folder, then swap it in (a first build) or update the
 * output folder in place with only the files that changed, so a failed
 * or interrupted build leaves the previous site untouched and no staging
 * folder behind.
 *
 * A file whose bytes did not change is not written again, so it keeps
 * its mtime. Paths are validated: nothing is written outside the output
 * and staging folders, and no symbolic link in the previous site is
 * followed. output_write and output_keep are safe to call from several
 * threads.
 */
#ifndef KITGEN_OUTPUT_H
#define KITGEN_OUTPUT_H

#include <stddef.h>

struct output;
struct strlist;

struct output	*output_open(const char *dir, const struct strlist *previous);
int		 output_write(struct output *, const char *rel,
		     const char *data, size_t len);
int		 output_keep(struct output *, const char *rel);
void		 output_kept(struct output *, size_t);
void		 output_previous(struct output *, const char *rel);
int		 output_updating(const struct output *);
size_t		 output_gone(const struct output *);
int		 output_commit(struct output *, size_t *removed);
void		 output_abort(struct output *);
size_t		 output_count(const struct output *, size_t *kept);
int		 output_path_ok(const char *);
int		 remove_tree(const char *);

#endif
