/*
 * markdown_slug.c: heading ids ("slugs"), unique in a page, and UTF-8
 * output.
 *
 * The slug rule, without ICU:
 *   - the text is read as UTF-8 (bytes that are not are separators);
 *   - a code point is kept when it is a letter or digit: ASCII [A-Za-z0-9],
 *     and every code point from U+00C0 up except the punctuation and
 *     symbol ranges in the table below (U+00D7 and U+00F7, the general
 *     punctuation to miscellaneous-symbols blocks U+2000-U+2BFF, the
 *     supplemental punctuation, CJK symbols and punctuation U+3000-U+303F,
 *     variation selectors, CJK compatibility and small forms, fullwidth
 *     ASCII punctuation, the specials, private use, emoji and pictographs,
 *     tags, and the punctuation marks of the main scripts); combining
 *     marks are kept with the letters they modify;
 *   - kept code points are lowercased by simple case mapping for ASCII,
 *     Latin-1 Supplement, Latin Extended-A, Latin Extended Additional
 *     (Vietnamese), Greek, Cyrillic, Armenian and fullwidth Latin; other
 *     scripts are kept as they are;
 *   - every run of other characters becomes one "-", and "-" is trimmed
 *     at both ends; an empty result is "section".
 * md_heading_id makes the ids unique in a page ("x", "x-2", "x-3").
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "hash.h"
#include "markdown.h"
#include "markdown_int.h"
#include "utf8.h"
#include "xalloc.h"

struct range {
	unsigned	 lo, hi;
};

/* Code points from U+00C0 up that are not letters or digits. Sorted. */
static const struct range nonword[] = {
	{ 0x00D7, 0x00D7 }, { 0x00F7, 0x00F7 },
	{ 0x037E, 0x037E }, { 0x0387, 0x0387 },
	{ 0x055A, 0x055F }, { 0x0589, 0x058A },
	{ 0x05BE, 0x05BE }, { 0x05C0, 0x05C0 }, { 0x05C3, 0x05C3 },
	{ 0x05C6, 0x05C6 }, { 0x05F3, 0x05F4 },
	{ 0x0600, 0x060F }, { 0x061B, 0x061B }, { 0x061D, 0x061F },
	{ 0x066A, 0x066D }, { 0x06D4, 0x06D4 },
	{ 0x0964, 0x0965 }, { 0x0970, 0x0970 },
	{ 0x0E3F, 0x0E3F }, { 0x0E4F, 0x0E4F }, { 0x0E5A, 0x0E5B },
	{ 0x10FB, 0x10FB }, { 0x1360, 0x1368 }, { 0x166D, 0x166E },
	{ 0x1680, 0x1680 }, { 0x16EB, 0x16ED }, { 0x17D4, 0x17D6 },
	{ 0x17D8, 0x17DB }, { 0x1800, 0x180A },
	{ 0x2000, 0x2BFF },	/* punctuation, arrows, math, shapes... */
	{ 0x2E00, 0x2E7F },	/* supplemental punctuation */
	{ 0x3000, 0x303F },	/* CJK symbols and punctuation */
	{ 0xD800, 0xF8FF },	/* surrogates, private use */
	{ 0xFE00, 0xFE1F },	/* variation selectors, vertical forms */
	{ 0xFE30, 0xFE6F },	/* CJK compatibility, small forms */
	{ 0xFEFF, 0xFEFF },	/* zero-width no-break space */
	{ 0xFF00, 0xFF0F }, { 0xFF1A, 0xFF20 }, { 0xFF3B, 0xFF40 },
	{ 0xFF5B, 0xFF65 },	/* fullwidth ASCII punctuation */
	{ 0xFFE0, 0xFFFF },	/* fullwidth signs, specials, U+FFFD */
	{ 0x1F000, 0x1FBFF },	/* emoji, pictographs, game symbols */
	{ 0xE0000, 0x10FFFF }	/* tags, variation selectors, private */
};

/* Returns whether c is kept in a slug (a letter or a digit). */
static int
is_word(unsigned c)
{
	size_t	 lo = 0, hi = sizeof(nonword) / sizeof(nonword[0]), mid;

	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');
	if (c < 0xC0)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c < nonword[mid].lo)
			hi = mid;
		else if (c > nonword[mid].hi)
			lo = mid + 1;
		else
			return 0;
	}
	return 1;
}

/* Returns the simple lowercase mapping of c (c when it has none). */
static unsigned
lower(unsigned c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 0x20 : c;
	if (c < 0x100)
		return c >= 0xC0 && c <= 0xDE && c != 0xD7 ? c + 0x20 : c;
	if (c < 0x180) {		/* Latin Extended-A */
		if (c == 0x130)
			return 'i';
		if (c == 0x178)
			return 0xFF;
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
			return c & 1 ? c + 1 : c;
		if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F)
			return c;
		return c & 1 ? c : c + 1;
	}
	if (c >= 0x370 && c < 0x400) {	/* Greek */
		if (c == 0x386)
			return 0x3AC;
		if (c >= 0x388 && c <= 0x38A)
			return c + 0x25;
		if (c == 0x38C)
			return 0x3CC;
		if (c == 0x38E || c == 0x38F)
			return c + 0x3F;
		if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
			return c + 0x20;
		return c;
	}
	if (c >= 0x400 && c < 0x530) {	/* Cyrillic and its supplement */
		if (c < 0x410)
			return c + 0x50;
		if (c < 0x430)
			return c + 0x20;
		if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) ||
		    (c >= 0x4D0 && c <= 0x52F))
			return c & 1 ? c : c + 1;
		if (c == 0x4C0)
			return 0x4CF;
		if (c >= 0x4C1 && c <= 0x4CE)
			return c & 1 ? c + 1 : c;
		return c;
	}
	if (c >= 0x531 && c <= 0x556)	/* Armenian */
		return c + 0x30;
	if (c >= 0x1E00 && c <= 0x1EFF) {	/* Latin Extended Additional */
		if (c == 0x1E9E)
			return 0xDF;
		if (c <= 0x1E95 || c >= 0x1EA0)
			return c & 1 ? c : c + 1;
		return c;
	}
	if (c >= 0xFF21 && c <= 0xFF3A)	/* fullwidth Latin */
		return c + 0x20;
	return c;
}

/* Appends code point c as UTF-8; U+FFFD for what is not a scalar. */
void
md_put_utf8(struct buf *b, unsigned c)
{
	char	 u[4];

	if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	if (c < 0x80) {
		buf_putc(b, (char)c);
		return;
	}
	if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		buf_put(b, u, 2);
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		buf_put(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		buf_put(b, u, 4);
	}
}

/*
 * Appends to b the slug of heading text s (n bytes), by the rule above.
 * Not unique by itself: markdown_render numbers repeats in a page.
 */
void
markdown_slug(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 i = 0, k, start = b->len;
	unsigned	 c;
	int		 sep = 0;

	while (i < n) {
		/* ASCII, most of it, by the table: a word byte or a break. */
		if (p[i] < 0x80) {
			c = (unsigned char)utf8_ascii_word[p[i++]];
			if (c <= '\'') {
				sep = 1;
				continue;
			}
			if (sep && b->len > start)
				buf_putc(b, '-');
			sep = 0;
			buf_putc(b, (char)c);
			continue;
		}
		if ((k = utf8_decode(p + i, n - i, &c)) == 0) {
			c = 0xFFFD;
			k = 1;
		}
		i += k;
		if (!is_word(c)) {
			sep = 1;
			continue;
		}
		if (sep && b->len > start)
			buf_putc(b, '-');
		sep = 0;
		c = lower(c);
		if (c < 0x80)
			buf_putc(b, (char)c);
		else
			md_put_utf8(b, c);
	}
	if (b->len == start)
		buf_puts(b, "section");
}

/* Returns the hash of s (n bytes): eight bytes a step, ids are long. */
static uint64_t
hash(const char *s, size_t n)
{
	return hash_bytes(s, n, 0);
}

/* Returns the slot of id s (n bytes): where it is, or where it goes. */
static struct md_idslot *
id_find(struct md_ids *ids, const char *s, size_t n)
{
	struct md_idslot *old = ids->slots;
	size_t		 i, j, cap = ids->cap;

	/* Room for one more id: md_heading_id keeps a slot across finds. */
	if ((ids->len + 1) * 2 >= ids->cap) {
		ids->cap = cap ? cap * 2 : 64;
		ids->slots = xcalloc(ids->cap, sizeof(*ids->slots));
		for (j = 0; j < cap; j++) {
			if (old[j].id == NULL)
				continue;
			i = hash(old[j].id, old[j].len) & (ids->cap - 1);
			while (ids->slots[i].id != NULL)
				i = (i + 1) & (ids->cap - 1);
			ids->slots[i] = old[j];
		}
		free(old);
	}
	for (i = hash(s, n) & (ids->cap - 1); ids->slots[i].id != NULL;
	    i = (i + 1) & (ids->cap - 1))
		if (ids->slots[i].len == n &&
		    memcmp(ids->slots[i].id, s, n) == 0)
			break;
	return &ids->slots[i];
}

/* Returns a new arena string for id s (n bytes), noted in slot. */
static const char *
id_take(struct md_ids *ids, struct md_idslot *slot, struct arena *a,
    const char *s, size_t n)
{
	slot->id = arena_strndup(a, s, n);
	slot->len = n;
	slot->next = 2;
	ids->len++;
	return slot->id;
}

/* Appends "-n", as "-%u" would: every repeated heading needs one. */
static void
put_suffix(struct buf *b, unsigned n)
{
	char	 t[16], *p = t + sizeof(t);

	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	*--p = '-';
	buf_put(b, p, (size_t)(t + sizeof(t) - p));
}

/*
 * Returns the id (an arena string) of a heading with text plain: its
 * slug, or the slug with "-2", "-3"... when that is taken in this page
 * (by any id, so "X 2" after two headings "x" gets "x-2-2"). tmp is
 * scratch space.
 */
const char *
md_heading_id(struct md_ids *ids, struct arena *a, struct buf *tmp,
    const char *plain)
{
	struct md_idslot *slot, *base;
	const char	*id;
	size_t		 blen;
	unsigned	 n;

	buf_reset(tmp);
	markdown_slug(tmp, plain, strlen(plain));
	blen = tmp->len;
	base = slot = id_find(ids, tmp->data, blen);
	if (slot->id == NULL)
		return id_take(ids, slot, a, tmp->data, blen);
	for (n = slot->next;; n++) {
		buf_truncate(tmp, blen);
		put_suffix(tmp, n);
		slot = id_find(ids, tmp->data, tmp->len);
		if (slot->id == NULL)
			break;
	}
	id = id_take(ids, slot, a, tmp->data, tmp->len);
	/* Repeats of this slug go on from here, not from 2 again. */
	base->next = n + 1;
	return id;
}

/* Frees the id set (the ids themselves live in the arena). */
void
md_ids_free(struct md_ids *ids)
{
	free(ids->slots);
	ids->slots = NULL;
	ids->cap = ids->len = 0;
}
