/*
 * theme.h: where templates and assets come from. Lookup order, first
 * found wins: the site's templates/, then themes/NAME/templates/ in the
 * site, then the theme and templates built into the binary. Assets are
 * the theme's assets/ folder, in the site or built in, over the built-in
 * default theme's.
 */
#ifndef KITGEN_THEME_H
#define KITGEN_THEME_H

#include <stddef.h>
#include <stdint.h>

struct output;
struct links;
struct strlist;
struct value;

struct theme {
	char		*site;		/* the site root */
	char		*name;		/* the theme's name */
	int		 in_site;	/* themes/NAME exists in the site */
	int		 built_in;	/* themes/NAME is built in */
	size_t		 max_size;	/* the largest file read, in bytes */
};

int	 theme_open(struct theme *, const char *site, const char *name,
	     size_t max_size, const struct value *where);
void	 theme_close(struct theme *);
int	 theme_name_ok(const char *);
int	 theme_template(const struct theme *, const char *name, char **text,
	     size_t *len, char **path);
int	 theme_write_assets(const struct theme *, struct output *,
	     struct links *, struct strlist *);
void	 theme_inputs(const struct theme *, struct strlist *,
	     uint64_t **);

#endif
