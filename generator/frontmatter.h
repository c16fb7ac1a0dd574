/*
 * frontmatter.h: split a Markdown file into its YAML front matter and body.
 *
 * Front matter is an opening "---" line, YAML, and a closing "---" or
 * "..." line. A UTF-8 BOM and CRLF line endings are accepted. A file
 * without front matter has an empty map. The body keeps the file's line
 * numbers through body_line.
 */
#ifndef KITGEN_FRONTMATTER_H
#define KITGEN_FRONTMATTER_H

#include <stddef.h>

struct arena;
struct value;

struct frontmatter {
	struct value	*meta;		/* always a map (empty without one) */
	int		 present;	/* the file had a front matter block */
	const char	*body;		/* points into the text given */
	size_t		 body_len;
	unsigned	 body_line;	/* file line of the body's first line */
};

int	 frontmatter_parse(struct arena *, const char *file, const char *text,
	     size_t len, struct frontmatter *);

#endif
