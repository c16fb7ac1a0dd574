/*
 * load.h: the first stage: find and read every input file of a site.
 *
 * A site is a folder with an optional site.yaml, every content/ Markdown
 * file (guides and plain pages, each with optional front matter) and
 * content/candidates/ YAML files. Loading reads every file once, parses
 * its YAML, and reports every problem found, not only the first.
 * Markdown and candidate files are only listed by site_load: the model
 * reads each one (site_read_doc, site_read_cand) when it comes to it, on
 * its threads, so that a guide's text is in memory only while its page
 * is made, and a candidate's YAML only while it is read.
 */
#ifndef KITGEN_LOAD_H
#define KITGEN_LOAD_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "frontmatter.h"

struct arena;
struct value;

struct doc {
	char			*path;	/* as printed in diagnostics */
	char			*rel;	/* relative to content/, without ".md" */
	char			*text;	/* the whole file, NUL-terminated;
					   NULL until site_read_doc, and
					   once its page is written */
	size_t			 len;
	uint64_t		 hash;	/* of its bytes, set by the model */
	struct frontmatter	 fm;
	int			 ok;	/* read, front matter parsed */
};

struct candidate_file {
	char		*path;
	struct value	*data;	/* the parsed YAML (site_read_cand), while
				   the model reads it */
	uint64_t	 hash;	/* of its bytes, for the build cache */
};

struct site {
	char			*root;		/* the -C folder */
	struct config		 cfg;
	struct arena		*arena;		/* value trees of every file */
	struct doc		*docs;		/* sorted by path */
	size_t			 n_docs;
	struct candidate_file	*cands;		/* sorted by path */
	size_t			 n_cands;
};

int	 site_load(struct site *, const char *root, int with_candidates);
int	 site_read_doc(const struct site *, struct doc *, struct arena *);
int	 site_read_cand(const struct site *, struct candidate_file *,
	     struct arena *);
void	 site_free(struct site *);
char	*site_path(const struct site *, const char *);

#endif
