/*
 * config.h: site.yaml, the optional settings of a site.
 */
#ifndef KITGEN_CONFIG_H
#define KITGEN_CONFIG_H

#include <stddef.h>

struct arena;
struct value;

struct config {
	const char	*title;		/* "Interview handbook" by default */
	const char	*base_url;	/* "" by default: links are relative */
	const char	*theme;		/* "default" */
	const char	*language;	/* "en" */
	const char	*timezone;	/* "UTC" */
	const char	*organisation;	/* "" */
	const char	*visibility;	/* default guide visibility: "internal" */
	const char	*output;	/* "public", relative to the site root */
	size_t		 max_file_size;	/* bytes; 16 MiB */
	size_t		 max_files;	/* input files in a site; 100000 */
	struct value	*raw;		/* the whole map, or NULL */
};

void	 config_defaults(struct config *);
int	 config_load(struct arena *, const char *path, struct config *);

#endif
