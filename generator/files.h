/*
 * files.h: reading input files and walking folders.
 */
#ifndef KITGEN_FILES_H
#define KITGEN_FILES_H

#include <stddef.h>

#define FILE_MAX_SIZE	(16u * 1024 * 1024)	/* default input size limit */

/* A list of strings, owned (strlist_free frees the strings too). */
struct strlist {
	char	**items;
	size_t	  len, cap;
};

int	 files_confine(const char *);
int	 file_inside(const char *);
int	 file_read(const char *, size_t, char **, size_t *);
int	 file_read_quiet(const char *, size_t, char **, size_t *);
int	 file_read_text(const char *, size_t, char **, size_t *);
void	*file_map(const char *, size_t *);
int	 file_write_all(int, const char *, size_t);
int	 dir_make_real(const char *);
char	*path_join(const char *, const char *);
int	 is_dir(const char *);
int	 is_file(const char *);
int	 dir_walk(const char *, const char *const *, struct strlist *,
	     size_t);
int	 dir_walk_skip(const char *, const char *const *,
	     struct strlist *, size_t, const char *);

void	 strlist_push(struct strlist *, const char *);
void	 strlist_take(struct strlist *, char *);
void	 strlist_sort(struct strlist *);
void	 strlist_free(struct strlist *);

#endif
