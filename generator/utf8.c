/*
 * utf8.c: UTF-8 validation and repair. Invalid sequences (overlong forms,
 * encoded surrogates, code points past U+10FFFF, stray continuation
 * bytes, truncated sequences) and NUL bytes become U+FFFD; a BOM after
 * the start of the text is dropped. Everything downstream can then
 * trust its input to be valid UTF-8.
 */
#include <stdint.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

/*
 * What an ASCII byte is to the words of a text: a letter in lower case or
 * a digit; '&' and '\'' as themselves, for callers to treat apart (ol_norm
 * reads "&" as " and", "'" as nothing); 0 for the rest, which separate
 * words.
 */
const char utf8_ascii_word[128] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e',
	['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j',
	['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n', ['o'] = 'o',
	['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
	['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y',
	['z'] = 'z', ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd',
	['E'] = 'e', ['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i',
	['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
	['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's',
	['T'] = 't', ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x',
	['Y'] = 'y', ['Z'] = 'z', ['&'] = '&', ['\''] = '\''
};

/*
 * Decodes one scalar at s (n bytes available) into *cp.
 * Returns its length, or 0 when the bytes there are not valid UTF-8.
 */
size_t
utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned	 c = s[0], min;
	size_t		 len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Returns how many leading bytes of s are valid, NUL-free UTF-8. */
size_t
utf8_valid_prefix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 i = 0, k;
	unsigned	 cp;

	while (i < n) {
		/* Eight ASCII bytes at a time, none of them NUL. */
		while (n - i >= 8) {
			uint64_t w;

			memcpy(&w, p + i, 8);
			if (((w | (w - 0x0101010101010101ull)) &
			    0x8080808080808080ull) != 0)
				break;
			i += 8;
		}
		if (i == n)
			break;
		if (p[i] > 0 && p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] == 0)
			return i;
		if ((k = utf8_decode(p + i, n - i, &cp)) == 0)
			return i;
		if (cp == 0xFEFF && i > 0)
			return i;
		i += k;
	}
	return n;
}

/*
 * Returns NULL when s (n bytes) is already clean; else a new
 * NUL-terminated repaired copy, its length in *outlen, and what was
 * repaired in *r. A BOM at the very start is kept (front matter skips it).
 */
char *
utf8_sanitize(const char *s, size_t n, size_t *outlen, struct utf8_report *r)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 i, k, o = 0, start;
	unsigned	 cp, line = 1, col = 1;
	char		*out;

	memset(r, 0, sizeof(*r));
	start = utf8_valid_prefix(s, n);
	if (start == n)
		return NULL;
	/* Every bad byte becomes at most 3 bytes. */
	if (n > ((size_t)-1 - 1) / 3)
		die_oom();
	out = xmalloc(n * 3 + 1);
	memcpy(out, s, start);
	o = start;
	for (i = 0; i < start; i++) {
		if (p[i] == '\n') {
			line++;
			col = 1;
		} else if ((p[i] & 0xC0) != 0x80)
			col++;
	}
	for (i = start; i < n; ) {
		k = p[i] == 0 ? 0 : utf8_decode(p + i, n - i, &cp);
		if (k == 0 || (cp == 0xFEFF && i > 0)) {
			if (r->invalid + r->nuls + r->boms == 0) {
				r->line = line;
				r->col = col;
			}
			if (k != 0) {
				r->boms++;
				i += k;
				continue;
			}
			if (p[i] == 0)
				r->nuls++;
			else
				r->invalid++;
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			/* One U+FFFD for a broken sequence and its tail. */
			if (p[i++] != 0)
				while (i < n && (p[i] & 0xC0) == 0x80)
					i++;
			col++;
			continue;
		}
		memcpy(out + o, p + i, k);
		o += k;
		if (p[i] == '\n') {
			line++;
			col = 1;
		} else
			col++;
		i += k;
	}
	out[o] = '\0';
	*outlen = o;
	return out;
}
