/*
 * utf8.h: making input text valid UTF-8 before anything else reads it.
 */
#ifndef KITGEN_UTF8_H
#define KITGEN_UTF8_H

#include <stddef.h>

struct utf8_report {
	size_t		 invalid;	/* invalid sequences replaced */
	size_t		 nuls;		/* NUL bytes replaced */
	size_t		 boms;		/* BOMs after the start, removed */
	unsigned	 line, col;	/* first problem, 1-based */
};

size_t	 utf8_valid_prefix(const char *, size_t);
char	*utf8_sanitize(const char *, size_t, size_t *, struct utf8_report *);
size_t	 utf8_decode(const unsigned char *, size_t, unsigned *);

extern const char utf8_ascii_word[128];

#endif
