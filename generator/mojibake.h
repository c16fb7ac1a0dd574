/*
 * mojibake.h: text that went through UTF-8 -> single-byte charset ->
 * UTF-8, so that "’" reads "â€™", "é" reads "Ã©" and "−" reads "âˆ’".
 * The charsets that do this in practice: Windows-1252, Latin-1 and
 * Mac Roman. (Bytes that are not UTF-8 at all are the load stage's.)
 */
#ifndef KITGEN_MOJIBAKE_H
#define KITGEN_MOJIBAKE_H

#include <stddef.h>

struct mojibake {
	size_t		 start, end;	/* the garbled bytes */
	const char	*charset;	/* what the UTF-8 was read as */
	char		 fixed[5];	/* what it said, as UTF-8 */
};

int	 mojibake_find(const char *, size_t, size_t, struct mojibake *);
void	 mojibake_report(const char *file, const char *text, size_t len,
	     unsigned line, unsigned col);

#endif
