/*
 * mojibake.c: finding UTF-8 that was decoded in a single-byte charset and
 * encoded again.
 *
 * Each character of the garbled text is one byte of the original UTF-8:
 * mapping the characters back to the charset's bytes gives a valid UTF-8
 * sequence. Real text almost never does that by chance, and what is left
 * of chance (a quote mark before a letter) is ruled out by asking that
 * the recovered character be one a document plausibly contained.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buffer.h"
#include "diag.h"
#include "mojibake.h"
#include "utf8.h"

/* Reports at most this many lines of one text, then a count. */
#define MAX_REPORTS	10

/* Windows-1252 0x80-0x9F; 0 where the byte is undefined. */
static const unsigned short cp1252[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* Mac Roman 0x80-0xFF. */
static const unsigned short macroman[128] = {
	0x00C4, 0x00C5, 0x00C7, 0x00C9, 0x00D1, 0x00D6, 0x00DC, 0x00E1,
	0x00E0, 0x00E2, 0x00E4, 0x00E3, 0x00E5, 0x00E7, 0x00E9, 0x00E8,
	0x00EA, 0x00EB, 0x00ED, 0x00EC, 0x00EE, 0x00EF, 0x00F1, 0x00F3,
	0x00F2, 0x00F4, 0x00F6, 0x00F5, 0x00FA, 0x00F9, 0x00FB, 0x00FC,
	0x2020, 0x00B0, 0x00A2, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x00DF,
	0x00AE, 0x00A9, 0x2122, 0x00B4, 0x00A8, 0x2260, 0x00C6, 0x00D8,
	0x221E, 0x00B1, 0x2264, 0x2265, 0x00A5, 0x00B5, 0x2202, 0x2211,
	0x220F, 0x03C0, 0x222B, 0x00AA, 0x00BA, 0x03A9, 0x00E6, 0x00F8,
	0x00BF, 0x00A1, 0x00AC, 0x221A, 0x0192, 0x2248, 0x2206, 0x00AB,
	0x00BB, 0x2026, 0x00A0, 0x00C0, 0x00C3, 0x00D5, 0x0152, 0x0153,
	0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0x00F7, 0x25CA,
	0x00FF, 0x0178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
	0x2021, 0x00B7, 0x201A, 0x201E, 0x2030, 0x00C2, 0x00CA, 0x00C1,
	0x00CB, 0x00C8, 0x00CD, 0x00CE, 0x00CF, 0x00CC, 0x00D3, 0x00D4,
	0xF8FF, 0x00D2, 0x00DA, 0x00DB, 0x00D9, 0x0131, 0x02C6, 0x02DC,
	0x00AF, 0x02D8, 0x02D9, 0x02DA, 0x00B8, 0x02DD, 0x02DB, 0x02C7
};

enum charset { CS_1252, CS_MAC };

/*
 * Returns the byte that character cp is in the charset, or -1. For
 * Windows-1252 the C1 controls stand for themselves, as decoders that
 * fall back to Latin-1 for the undefined bytes leave them.
 */
static int
to_byte(enum charset cs, unsigned cp)
{
	int	 i;

	if (cs == CS_1252) {
		if (cp >= 0x80 && cp <= 0xFF)
			return (int)cp;
		for (i = 0; i < 32; i++)
			if (cp1252[i] == cp)
				return 0x80 + i;
		return -1;
	}
	for (i = 0; i < 128; i++)
		if (macroman[i] == cp)
			return 0x80 + i;
	return -1;
}

/*
 * Whether a document plausibly held cp. Mac Roman gets the narrower set:
 * its letters after a curly quote would otherwise pass for Cyrillic.
 */
static int
plausible(enum charset cs, unsigned cp)
{
	if ((cp >= 0xA0 && cp <= 0xFF) || (cp >= 0x2010 && cp <= 0x206F) ||
	    (cp >= 0x20A0 && cp <= 0x20CF) || (cp >= 0x2100 && cp <= 0x23FF) ||
	    (cp >= 0x2500 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF) ||
	    (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFE0F)
		return 1;
	if (cs == CS_MAC)
		return 0;
	return (cp >= 0x100 && cp <= 0x24F) || (cp >= 0x370 && cp <= 0x3FF) ||
	    (cp >= 0x400 && cp <= 0x45F) || (cp >= 0x3000 && cp <= 0x30FF) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

/* Tries one charset at s[i]; fills m and returns 1 on a match. */
static int
try_at(enum charset cs, const char *s, size_t n, size_t i, struct mojibake *m)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char	 bytes[4];
	size_t		 need = 2, k, at = i, len;
	unsigned	 cp, orig;
	int		 b, c1 = 0;

	for (k = 0; k < 4; k++) {
		if (at >= n || (len = utf8_decode(p + at, n - at, &cp)) == 0)
			return 0;
		if ((b = to_byte(cs, cp)) == -1)
			return 0;
		if (cp >= 0x80 && cp <= 0x9F)
			c1 = 1;
		bytes[k] = (unsigned char)b;
		at += len;
		if (k == 0) {
			if (b < 0xC2 || b > 0xF4)
				return 0;
			need = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
		} else if ((b & 0xC0) != 0x80)
			return 0;
		if (k + 1 == need)
			break;
	}
	if (utf8_decode(bytes, need, &orig) != need || !plausible(cs, orig))
		return 0;
	m->start = i;
	m->end = at;
	m->charset = cs == CS_MAC ? "Mac Roman" : c1 ? "Latin-1" :
	    "Windows-1252";
	memcpy(m->fixed, bytes, need);
	m->fixed[need] = '\0';
	return 1;
}

/*
 * Finds the first garbled character at or after byte from.
 * Returns 1 and fills m, or 0.
 */
int
mojibake_find(const char *s, size_t n, size_t from, struct mojibake *m)
{
	size_t	 i;

	for (i = from; i < n; i++) {
		/* Every garbled sequence starts with a non-ASCII character. */
		while (n - i >= 8) {
			uint64_t w;

			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ull) != 0)
				break;
			i += 8;
		}
		if (i == n)
			break;
		if ((unsigned char)s[i] < 0xC2 ||
		    ((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		if (try_at(CS_1252, s, n, i, m) || try_at(CS_MAC, s, n, i, m))
			return 1;
	}
	return 0;
}

/* Returns the number of characters in s[0..n). */
static unsigned
chars(const char *s, size_t n)
{
	unsigned	 c = 0;
	size_t		 i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/*
 * Warns about each line of text that looks like mojibake, at its
 * file:line:col; text starts at line, col. After MAX_REPORTS lines,
 * one more warning counts the rest.
 */
void
mojibake_report(const char *file, const char *text, size_t len,
    unsigned line, unsigned col)
{
	struct mojibake	 m;
	size_t		 from = 0, bol = 0, i;
	unsigned	 reported = 0, more = 0, last = 0, more_line = 0;

	while (mojibake_find(text, len, from, &m)) {
		for (i = bol; i < m.start; i++)
			if (text[i] == '\n') {
				line++;
				col = 1;
				bol = i + 1;
			}
		from = m.end;
		if (line == last && reported > 0)
			continue;
		last = line;
		if (reported == MAX_REPORTS) {
			if (more++ == 0)
				more_line = line;
			continue;
		}
		reported++;
		diag_warning(file, line, col + chars(text + bol, m.start - bol),
		    "text looks like mojibake: \"%.*s\" is probably \"%s\" "
		    "(UTF-8 read as %s)", (int)(m.end - m.start),
		    text + m.start, m.fixed, m.charset);
	}
	if (more > 0)
		diag_warning(file, more_line, 0, "%u more line%s look like "
		    "mojibake", more, more == 1 ? "" : "s");
}
