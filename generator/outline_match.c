/*
 * outline_match.c: comparing the words of a guide with the words the
 * outline looks for. Texts are normalised first (ol_norm), then matched
 * as whole words (ol_has) or whole texts (ol_is_any). These run for
 * every heading and labelled line, many times over, so they avoid
 * allocating and rescanning.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "outline_int.h"
#include "utf8.h"
#include "xalloc.h"

/*
 * Writes s normalised into out (room for 4 bytes a byte of s and a NUL:
 * "&" grows most, to " and"). Returns its length.
 */
static size_t
norm_into(char *out, const char *s)
{
	unsigned	 cp;
	size_t		 k, len = 0;
	int		 space = 0;

	for (; *s != '\0'; s += k) {
		/* ASCII, most of the text, by the table. */
		if ((unsigned char)*s < 0x80) {
			char	 m = utf8_ascii_word[(unsigned char)*s];

			k = 1;
			if (m > '\'') {
				if (space && len > 0)
					out[len++] = ' ';
				space = 0;
				out[len++] = m;
			} else if (m == '&') {
				if (len > 0) {
					memcpy(out + len, " and", 4);
					len += 4;
				}
				space = 1;
			} else if (m == 0)
				space = 1;
			continue;
		}
		/* Past ASCII (ol_cp_at gives U+0080 or more): other letters. */
		k = ol_cp_at(s, &cp);
		if (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 &&
		    !(cp >= 0x2000 && cp <= 0x2BFF) &&
		    !(cp >= 0x3000 && cp <= 0x303F) && cp < 0x1F000 &&
		    cp != 0xFE0F && cp != 0xFFFD) {
			if (space && len > 0)
				out[len++] = ' ';
			space = 0;
			memcpy(out + len, s, k);
			len += k;
		} else if (cp == 0x2019) {
			/* "candidate’s" reads as "candidates" */
		} else
			space = 1;
	}
	out[len] = '\0';
	return len;
}

/*
 * Returns s normalised for comparing: ASCII lower case, "&" as "and",
 * every run of punctuation, dashes, quotes and symbols one space.
 */
char *
ol_norm(struct arena *a, const char *s)
{
	char	 tmp[2048], *big, *r;
	size_t	 n = strlen(s);

	/* Most texts are short: no allocation but the result's. */
	if (n < (sizeof(tmp) - 1) / 4)
		return arena_strndup(a, tmp, norm_into(tmp, s));
	big = xmalloc(4 * n + 1);
	r = arena_strndup(a, big, norm_into(big, s));
	free(big);
	return r;
}

/*
 * Returns the first space at or after p, or NULL: strchr, inline, as the
 * words of a normalised text are short.
 */
static const char *
next_space(const char *p)
{
	for (; *p != ' '; p++)
		if (*p == '\0')
			return NULL;
	return p;
}

/* Whether the word at p is phrase w: w, then a space or the end. */
static int
phrase_at(const char *p, const char *w)
{
	while (*w != '\0' && *p == *w)
		p++, w++;
	return *w == '\0' && (*p == '\0' || *p == ' ');
}

/*
 * Whether normalised text n holds the phrase w as whole words: w at the
 * start of n or after a space, then a space or the end. (One pass over
 * the words of n rather than strstr, which finds w inside words too.)
 */
int
ol_has(const char *n, const char *w)
{
	const char	*p;

	for (p = n;; p++) {
		if (*p == *w && phrase_at(p, w))
			return 1;
		if ((p = next_space(p)) == NULL)
			return 0;
	}
}

/* Returns a hash of the address p. */
static size_t
hash_ptr(const void *p)
{
	uintptr_t	 x = (uintptr_t)p;

	x ^= x >> 17;
	x *= 0xED5AD4BBu;
	x ^= x >> 11;
	return (size_t)x;
}

/*
 * The first bytes of the phrases of a list, as a bit set, kept per
 * thread by the list's address (a list is a static array: its address
 * names it for good). Most words of a text start no phrase of a list,
 * and most texts are no phrase of it: one bit each tells.
 */
struct firsts {
	const char *const *w;
	uint64_t	 bits[4];
};

#define FIRSTS	256	/* lists, a few times over: few share a slot */

static _Thread_local struct firsts firsts[FIRSTS];

/* Returns the set of the first bytes of list w's phrases. */
static const uint64_t *
first_bytes(const char *const *w)
{
	struct firsts	*f = &firsts[hash_ptr(w) % FIRSTS];
	const char *const *v;
	unsigned char	 c;

	if (f->w != w) {
		memset(f->bits, 0, sizeof(f->bits));
		for (v = w; *v != NULL; v++) {
			c = (unsigned char)**v;
			f->bits[c >> 6] |= 1ull << (c & 63);
		}
		f->w = w;
	}
	return f->bits;
}

/* Whether byte c is in the set bits. */
static int
in_set(const uint64_t *bits, char c)
{
	return (bits[(unsigned char)c >> 6] >> ((unsigned char)c & 63)) & 1;
}

/*
 * Whether n holds any of the NULL-terminated phrases w (a static list,
 * see first_bytes).
 */
int
ol_has_any(const char *n, const char *const *w)
{
	const uint64_t	*bits = first_bytes(w);
	const char *const *v;
	const char	*p;

	/* One pass over the words of n, trying every phrase at each. */
	for (p = n;; p++) {
		if (in_set(bits, *p))
			for (v = w; *v != NULL; v++)
				if (*p == **v && phrase_at(p, *v))
					return 1;
		if ((p = next_space(p)) == NULL)
			return 0;
	}
}

/* Whether n is exactly one of the phrases w (a static list). */
int
ol_is_any(const char *n, const char *const *w)
{
	if (!in_set(first_bytes(w), *n))
		return 0;
	/* Two bytes inline: most phrases that start alike part there. */
	for (; *w != NULL; w++)
		if (*n == **w && (*n == '\0' || (n[1] == (*w)[1] &&
		    (n[1] == '\0' || strcmp(n + 2, *w + 2) == 0))))
			return 1;
	return 0;
}

/* Doubles c's table of kept texts (open addressing, by address). */
static void
grow_kept(struct ctx *c)
{
	size_t		 cap = c->kept_cap > 0 ? c->kept_cap * 2 : 64, i, j;
	struct kept	*t = arena_zalloc(c->a, cap * sizeof(*t));

	for (i = 0; i < c->kept_cap; i++) {
		if (c->kept[i].s == NULL)
			continue;
		for (j = hash_ptr(c->kept[i].s) & (cap - 1); t[j].s != NULL;
		    j = (j + 1) & (cap - 1))
			;
		t[j] = c->kept[i];
	}
	c->kept = t;
	c->kept_cap = cap;
}

/*
 * Returns ol_norm of s, made once per outline and shared: rubric names
 * are compared with every other as each is added. s must be an arena
 * string that no one changes, as it is known by its address.
 */
const char *
ol_norm_kept(struct ctx *c, const char *s)
{
	size_t	 i, mask;

	if (2 * (c->n_kept + 1) > c->kept_cap)
		grow_kept(c);
	mask = c->kept_cap - 1;
	for (i = hash_ptr(s) & mask; c->kept[i].s != NULL; i = (i + 1) & mask)
		if (c->kept[i].s == s)
			return c->kept[i].norm;
	c->kept[i].s = s;
	c->kept[i].norm = ol_norm(c->a, s);
	c->n_kept++;
	return c->kept[i].norm;
}
