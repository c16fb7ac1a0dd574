/*
 * markdown_html.c: writing HTML the way md4c-html does: text and
 * attribute escaping, entity decoding, URLs, and the test of the URLs
 * candidate text may link to.
 */
#include <stdint.h>
#include <string.h>

#include "buffer.h"
#include "markdown.h"
#include "markdown_int.h"

/*
 * Bytes text needs to look at: 1, md4c-html escapes it in HTML; 2, a
 * strong marker byte, left out of the collected text.
 */
const char md_special[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1,
	[(unsigned char)MD_STRONG_OPEN] = 2,
	[(unsigned char)MD_STRONG_CLOSE] = 2
};

/*
 * Bit c set: md4c-html writes byte c in a URL as it is (ASCII letters,
 * digits and -_.+!*(),%#@?=;:/$); others become %XX, & becomes &amp;.
 */
static const uint32_t url_ok[8] = {
	0x00000000, 0xafffff3a, 0x87ffffff, 0x07fffffe, 0, 0, 0, 0
};

/*
 * Copies the n bytes at src to dst without the strong markers, eight
 * bytes at a time while none of them is below 3 (a marker, or a NUL,
 * copied as it is). Returns the bytes written.
 */
size_t
md_unmark(char *dst, const char *src, size_t n)
{
	size_t		 i, k = 0;
	uint64_t	 w;

	for (i = 0; i < n; i++) {
		while (n - i >= 8) {
			memcpy(&w, src + i, 8);
			if (((w - 0x0303030303030303ull) & ~w &
			    0x8080808080808080ull) != 0)
				break;
			memcpy(dst + k, &w, 8);
			k += 8;
			i += 8;
		}
		if (i == n)
			break;
		if (src[i] != MD_STRONG_OPEN && src[i] != MD_STRONG_CLOSE)
			dst[k++] = src[i];
	}
	return k;
}

/* Appends the HTML for byte c, which md4c-html escapes. */
void
md_put_ent(struct buf *b, char c)
{
	switch (c) {
	case '&':
		buf_put(b, "&amp;", 5);
		break;
	case '<':
		buf_put(b, "&lt;", 4);
		break;
	case '>':
		buf_put(b, "&gt;", 4);
		break;
	default:
		buf_put(b, "&quot;", 6);
		break;
	}
}

/*
 * Appends s (n bytes), HTML-escaped as md4c-html does: not ', which is
 * safe as every attribute we write is in double quotes.
 */
void
md_put_esc(struct buf *b, const char *s, size_t n)
{
	size_t	 i, start = 0;

	for (i = 0; i < n; i++) {
		if (md_special[(unsigned char)s[i]] != 1)
			continue;
		buf_put(b, s + start, i - start);
		md_put_ent(b, s[i]);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}

/* Appends s (n bytes) escaped for a URL attribute, as md4c-html does. */
static void
put_url(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t		 i, start = 0;
	unsigned char	 c;
	char		 x[3];

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (url_ok[c >> 5] & (1u << (c & 31)))
			continue;
		buf_put(b, s + start, i - start);
		if (c == '&')
			buf_put(b, "&amp;", 5);
		else {
			x[0] = '%';
			x[1] = hex[c >> 4];
			x[2] = hex[c & 15];
			buf_put(b, x, 3);
		}
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}

/* Returns the value of hex digit c. */
static unsigned
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned)(c - 'a' + 10);
	return (unsigned)(c - 'A' + 10);
}

/*
 * Appends entity s (n bytes, "&...;") decoded to UTF-8; an unknown one
 * as it is. Numeric ones that are no scalar value become U+FFFD.
 */
void
md_put_entity(struct buf *b, const char *s, size_t n)
{
	unsigned	 c = 0, cp[2];
	size_t		 i;

	if (n > 3 && s[1] == '#') {
		if (s[2] == 'x' || s[2] == 'X') {
			for (i = 3; i < n - 1 && c <= 0x10FFFF; i++)
				c = c * 16 + hexval(s[i]);
		} else {
			for (i = 2; i < n - 1 && c <= 0x10FFFF; i++)
				c = c * 10 + (unsigned)(s[i] - '0');
		}
		md_put_utf8(b, c);
		return;
	}
	if (n > 2 && md_entity_lookup(s + 1, n - 2, cp)) {
		md_put_utf8(b, cp[0]);
		if (cp[1] != 0)
			md_put_utf8(b, cp[1]);
		return;
	}
	buf_put(b, s, n);
}

/*
 * Appends attribute a to out: entities decoded (in tmp), then URL- or
 * HTML-escaped. A NUL is U+FFFD, written as it is (as md4c-html does).
 */
void
md_put_attr(struct buf *out, struct buf *tmp, const MD_ATTRIBUTE *a,
    int url)
{
	const char	*s;
	MD_SIZE		 n;
	int		 i;

	for (i = 0; a->substr_offsets[i] < a->size; i++) {
		s = a->text + a->substr_offsets[i];
		n = a->substr_offsets[i + 1] - a->substr_offsets[i];
		switch (a->substr_types[i]) {
		case MD_TEXT_NULLCHAR:
			md_put_utf8(out, 0);
			break;
		case MD_TEXT_ENTITY:
			buf_reset(tmp);
			md_put_entity(tmp, s, n);
			s = tmp->data;
			n = (MD_SIZE)tmp->len;
			/* FALLTHROUGH */
		default:
			if (url)
				put_url(out, s, n);
			else
				md_put_esc(out, s, n);
			break;
		}
	}
}

/*
 * Returns whether untrusted text may link to URL a (decoded in tmp):
 * only absolute http and https URLs ("//" after the colon) and mailto
 * URLs, judged as a browser reads the href we write
 * (entities decoded, leading spaces and controls skipped, tabs and
 * newlines ignored, the scheme in any case).
 */
int
md_url_allowed(struct buf *tmp, const MD_ATTRIBUTE *a)
{
	const char	*s, *e;
	char		 scheme[8];
	size_t		 n = 0;
	int		 i;

	buf_reset(tmp);
	for (i = 0; a->substr_offsets[i] < a->size; i++) {
		s = a->text + a->substr_offsets[i];
		n = a->substr_offsets[i + 1] - a->substr_offsets[i];
		if (a->substr_types[i] == MD_TEXT_ENTITY)
			md_put_entity(tmp, s, n);
		else if (a->substr_types[i] == MD_TEXT_NORMAL)
			buf_put(tmp, s, n);
	}
	s = tmp->data;
	e = s + tmp->len;
	if (s == NULL)
		return 0;
	while (s < e && (unsigned char)*s <= ' ')
		s++;
	for (n = 0; s < e && *s != ':'; s++) {
		if (*s == '\t' || *s == '\n' || *s == '\r')
			continue;
		if (n == sizeof(scheme) - 1 ||
		    !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
			return 0;
		scheme[n++] = (char)(*s | 0x20);
	}
	if (s == e)
		return 0;
	scheme[n] = '\0';
	if (strcmp(scheme, "mailto") == 0)
		return 1;
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)
		return 0;
	/*
	 * "http:x" (no "//") is a link relative to the page for a browser
	 * on an http site; absolute means two slashes (or backslashes,
	 * which browsers read as slashes) after the colon.
	 */
	for (n = 0, s++; s < e && n < 2; s++) {
		if (*s == '\t' || *s == '\n' || *s == '\r')
			continue;
		if (*s != '/' && *s != '\\')
			return 0;
		n++;
	}
	return n == 2;
}
