/*
 * outline_text.c: reading the small things in a guide's lines: labels
 * ("**Focus**: ..."), numbering ("Round 4:", "2)"), titles without their
 * numbering and duration, quotes. (Weights and scores: outline_weight.c.)
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "duration.h"
#include "markdown.h"
#include "outline_int.h"
#include "utf8.h"
#include "xalloc.h"

/* Returns whether c is an ASCII letter. */
static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Returns whether c is an ASCII digit. */
static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Returns whether c is a blank or a line break. */
static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Returns the code point at s (U+FFFD for a bad byte) and its length. */
size_t
ol_cp_at(const char *s, unsigned *cp)
{
	size_t	 k;

	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	k = utf8_decode((const unsigned char *)s, strnlen(s, 4), cp);
	if (k == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	return k;
}

/* Whether cp is a quotation mark. */
static int
is_quote(unsigned cp)
{
	return cp == '"' || cp == '\'' || (cp >= 0x2018 && cp <= 0x201F) ||
	    cp == 0xAB || cp == 0xBB;
}

/*
 * Returns s after leading blanks, bullets, arrows, check marks and emoji
 * ("✅ **Proceed if**", "→ Next"), not after quotation marks.
 */
const char *
ol_skip_marks(const char *s)
{
	unsigned	 cp;
	size_t		 k;

	for (;;) {
		k = ol_cp_at(s, &cp);
		if (cp == 0)
			return s;
		if (cp == ' ' || cp == '\t' || cp == '-' || cp == '+' ||
		    cp == '>' || cp == '|' || cp == '#' || cp == 0xB7 ||
		    cp == 0xA0 || cp == 0x200D || cp == 0xFE0F ||
		    (cp >= 0x2000 && cp <= 0x2BFF && !is_quote(cp)) ||
		    cp >= 0x1F000)
			s += k;
		else if (cp == '*' && s[1] != '*')
			s += k;
		else
			return s;
	}
}

/* Returns a trimmed arena copy of s[0..n). */
char *
ol_trim(struct arena *a, const char *s, size_t n)
{
	while (n > 0 && is_space((unsigned char)*s))
		s++, n--;
	while (n > 0 && is_space((unsigned char)s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

/*
 * Returns s[0..n) without the strong markers, trimmed, in the arena.
 * (Trimming before taking the markers out as well changes nothing: the
 * blanks at the ends stay at the ends.)
 */
static char *
plain(struct arena *a, const char *s, size_t n)
{
	char	 tmp[256], *p, *r;
	size_t	 i, k = 0;

	/* Most names and values have no marker: trimmed, they are copied. */
	n = strnlen(s, n);
	if (memchr(s, MD_STRONG_OPEN, n) == NULL &&
	    memchr(s, MD_STRONG_CLOSE, n) == NULL)
		return ol_trim(a, s, n);
	p = n < sizeof(tmp) ? tmp : xmalloc(n + 1);
	for (i = 0; i < n; i++)
		if (s[i] != MD_STRONG_OPEN && s[i] != MD_STRONG_CLOSE)
			p[k++] = s[i];
	for (i = 0; i < k && is_space((unsigned char)p[i]); i++)
		;
	while (k > i && is_space((unsigned char)p[k - 1]))
		k--;
	r = arena_strndup(a, p + i, k - i);
	if (p != tmp)
		free(p);
	return r;
}

/* Whether the n bytes at s may be a label: a few words, no sentence. */
static int
label_like(const char *s, size_t n)
{
	size_t	 i, k, words = 1;
	unsigned cp;

	if (n == 0 || n > 60)
		return 0;
	for (i = 0; i < n; i += k) {
		k = ol_cp_at(s + i, &cp);
		if (cp == ' ')
			words++;
		if (cp == '.' || cp == '?' || cp == '!' || cp == ';' ||
		    cp == ',' || is_quote(cp) || cp == MD_STRONG_OPEN)
			return 0;
	}
	return words <= 6;
}

/* Skips a separator after a label: ":", " - ", " – ", " — ". */
static const char *
skip_sep(const char *s, int *had)
{
	const char	*p = s;

	*had = 0;
	while (*p == ' ')
		p++;
	if (*p == ':') {
		*had = 1;
		return p + 1;
	}
	if (*p == '-' && p[1] == ' ') {
		*had = 1;
		return p + 1;
	}
	if (strncmp(p, "\xE2\x80\x93", 3) == 0 ||
	    strncmp(p, "\xE2\x80\x94", 3) == 0) {
		*had = 1;
		return p + 3;
	}
	return s;
}

/*
 * Reads the label of a line: a leading bold span ("**Focus**: x",
 * "**Focus:** x", "**Strong Hire** - x") or a few plain words before a
 * colon ("Follow-ups: ..."). Returns 1 and fills l, or 0.
 */
int
ol_label(struct arena *a, const struct unit *u, struct label *l)
{
	const char	*r, *close, *colon, *t, *rest;
	int		 had;

	memset(l, 0, sizeof(*l));
	if (u->rich == NULL)
		return 0;
	r = ol_skip_marks(u->rich);
	if (*r == MD_STRONG_OPEN &&
	    (close = strchr(r + 1, MD_STRONG_CLOSE)) != NULL) {
		const char	*b = r + 1, *e = close;

		/* "**Note: read this**": the label is what comes before. */
		colon = memchr(b, ':', (size_t)(e - b));
		if (colon != NULL && colon + 1 < e && label_like(b,
		    (size_t)(colon - b))) {
			l->name = ol_trim(a, b, (size_t)(colon - b));
			l->value = plain(a, colon + 1, strlen(colon + 1));
			l->bold = 1;
			return 1;
		}
		while (e > b && (e[-1] == ':' ||
		    is_space((unsigned char)e[-1])))
			e--;
		if (e == b)
			return 0;
		l->name = plain(a, b, (size_t)(e - b));
		rest = skip_sep(close + 1, &had);
		l->value = plain(a, rest, strlen(rest));
		l->bold = 1;
		l->only_bold = l->value[0] == '\0';
		return 1;
	}
	t = ol_skip_marks(u->text);
	for (colon = t; (colon = strchr(colon, ':')) != NULL; colon++) {
		if (colon[1] != '\0' && colon[1] != ' ' && colon[1] != '\n')
			continue;
		if (!label_like(t, (size_t)(colon - t)))
			return 0;
		l->name = ol_trim(a, t, (size_t)(colon - t));
		l->value = ol_trim(a, colon + 1, strlen(colon + 1));
		return l->name[0] != '\0';
	}
	return 0;
}

/*
 * Returns ol_label of u, one of c's units (not while they are being
 * made), reading each unit's label once: several heuristics ask for it.
 * The texts in l are shared between the calls; none changes them.
 */
int
ol_unit_label(struct ctx *c, const struct unit *u, struct label *l)
{
	size_t	 i = (size_t)(u - c->u);

	if (c->labels == NULL) {
		c->labels = arena_alloc(c->a, (c->n + 1) * sizeof(*c->labels));
		c->has_label = arena_zalloc(c->a, c->n + 1);
		c->label_norm = arena_zalloc(c->a, (c->n + 1) *
		    sizeof(*c->label_norm));
	}
	if (c->has_label[i] == 0)
		c->has_label[i] = ol_label(c->a, u, &c->labels[i]) ? 1 : -1;
	*l = c->labels[i];
	return c->has_label[i] > 0;
}

/*
 * Returns the name of the label of u (one of c's units, which has one)
 * normalised, made once and shared: callers only read it.
 */
const char *
ol_label_norm(struct ctx *c, const struct unit *u)
{
	struct label	 l;
	size_t		 i = (size_t)(u - c->u);

	ol_unit_label(c, u, &l);
	if (c->label_norm[i] == NULL)
		c->label_norm[i] = ol_norm(c->a, l.name);
	return c->label_norm[i];
}

/*
 * Returns the title of heading h normalised, made once and shared:
 * callers only read it. Not before read_headings gave the titles.
 */
const char *
ol_title_norm(struct ctx *c, long h)
{
	if (c->title_norm == NULL)
		c->title_norm = arena_zalloc(c->a, (c->n + 1) *
		    sizeof(*c->title_norm));
	if (c->title_norm[h] == NULL)
		c->title_norm[h] = ol_norm_kept(c, c->u[h].title);
	return c->title_norm[h];
}

static const struct {
	const char	*w;
	enum kw		 kw;
} keywords[] = {
	{ "session", KW_SESSION }, { "round", KW_ROUND },
	{ "interview", KW_INTERVIEW }, { "stage", KW_STAGE },
	{ "part", KW_PART }, { "phase", KW_PHASE }, { "module", KW_MODULE },
	{ "block", KW_BLOCK }, { "step", KW_STEP }, { "section", KW_SECTION },
	{ "day", KW_DAY }, { "week", KW_DAY }
};

/* Whether a keyword numbers sessions (not steps or sections). */
int
ol_session_kw(enum kw kw)
{
	return kw >= KW_SESSION && kw <= KW_BLOCK;
}

/* Reads the number after a keyword: "4", "1a", "IV", "A", "two". */
static size_t
number_token(const char *s)
{
	static const char *const words[] = { "one", "two", "three", "four",
	    "five", "six", "seven", "eight", "nine", "ten", NULL };
	static const char *const roman[] = { "viii", "vii", "iii", "xii",
	    "ii", "iv", "vi", "ix", "xi", "i", "v", "x", NULL };
	const char *const *w;
	size_t	 i = 0, k;

	if (*s == '#')
		i++;
	if (is_digit((unsigned char)s[i])) {
		while (is_digit((unsigned char)s[i]))
			i++;
		if (is_alpha((unsigned char)s[i]) &&
		    !is_alpha((unsigned char)s[i + 1]))
			i++;	/* "1a" */
		return is_alpha((unsigned char)s[i]) ? 0 : i;
	}
	/* The words are lower case: their first byte rules out most. */
	for (w = words; *w != NULL; w++) {
		if ((s[0] | 0x20) != (*w)[0])
			continue;
		k = strlen(*w);
		if (strncasecmp(s, *w, k) == 0 &&
		    !is_alpha((unsigned char)s[k]))
			return k;
	}
	for (w = roman; *w != NULL; w++) {
		if ((s[0] | 0x20) != (*w)[0])
			continue;
		k = strlen(*w);
		if (strncasecmp(s, *w, k) == 0 &&
		    !is_alpha((unsigned char)s[k]) &&
		    (s[k] == ':' || s[k] == '.' || s[k] == ')' || s[k] == ' ' ||
		    s[k] == '\0'))
			return k;
	}
	if (s[0] >= 'A' && s[0] <= 'Z' && !is_alpha((unsigned char)s[1]) &&
	    !is_digit((unsigned char)s[1]))
		return 1;
	return 0;
}

/* Skips the separator after numbering: ":", ".", ")", "-", "–", "|". */
static size_t
numbering_sep(const char *s)
{
	size_t	 i = 0;

	while (s[i] == ' ')
		i++;
	if (s[i] == ':' || s[i] == '.' || s[i] == ')' || s[i] == '-' ||
	    s[i] == '|' || s[i] == '/' || s[i] == ',')
		i++;
	else if (strncmp(s + i, "\xE2\x80\x93", 3) == 0 ||
	    strncmp(s + i, "\xE2\x80\x94", 3) == 0 ||
	    strncmp(s + i, "\xE2\x80\xA2", 3) == 0)
		i += 3;
	else if (strncmp(s + i, "\xC2\xB7", 2) == 0)
		i += 2;
	while (s[i] == ' ')
		i++;
	return i;
}

/*
 * Reads numbering at the start of s: "Session 1:", "Round 4 -",
 * "Part A:", "2)", "0)", "3.", "2.1", "A)". Returns the bytes it takes
 * (0 for none); *kw and *number (an arena string) say what it was.
 */
size_t
ol_numbering(const char *s, enum kw *kw, const char **number, struct arena *a)
{
	size_t	 i, k, j;

	*kw = KW_NONE;
	*number = NULL;
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		/* Lower case keywords: the first byte rules out most. */
		if ((s[0] | 0x20) != keywords[i].w[0])
			continue;
		k = strlen(keywords[i].w);
		if (strncasecmp(s, keywords[i].w, k) != 0 || s[k] != ' ')
			continue;
		j = k;
		while (s[j] == ' ')
			j++;
		if ((k = number_token(s + j)) == 0)
			return 0;
		*kw = keywords[i].kw;
		*number = ol_norm(a, arena_strndup(a, s + j, k));
		return j + k + numbering_sep(s + j + k);
	}
	/* "(1)", "#1" */
	j = 0;
	if (s[0] == '(' || s[0] == '#')
		j = 1;
	if (is_digit((unsigned char)s[j])) {
		for (k = j; is_digit((unsigned char)s[k]) && k - j < 3; k++)
			;
		while (s[k] == '.' && is_digit((unsigned char)s[k + 1]))
			for (k++; is_digit((unsigned char)s[k]); k++)
				;
		if (is_digit((unsigned char)s[k]))
			return 0;
		i = k;
		if (s[k] == ')' || s[k] == '.' || s[k] == ':')
			i = k + 1;
		else if (s[k] == ' ' && (s[k + 1] == '-' ||
		    strncmp(s + k + 1, "\xE2\x80", 2) == 0))
			i = k + numbering_sep(s + k);
		else if (!(s[k] == ' ' && memchr(s + j, '.', k - j) != NULL) &&
		    j == 0)
			return 0;
		if (s[i] != ' ' && s[i] != '\0' && i == k + 1 && s[k] != ')')
			return 0;
		while (s[i] == ' ')
			i++;
		*kw = KW_BARE;
		*number = arena_strndup(a, s + j, k - j);
		return i;
	}
	if (s[0] >= 'A' && s[0] <= 'Z' && (s[1] == ')' || s[1] == '.') &&
	    s[2] == ' ') {
		*kw = KW_BARE;
		*number = ol_norm(a, arena_strndup(a, s, 1));
		return 3;
	}
	return 0;
}

/* Words in a trailing "(Submitted Before)" that say when, not how long. */
static int
when_note(struct arena *a, const char *s, size_t n)
{
	static const char *const when[] = { "before", "after", "prior",
	    "beforehand", "in advance", "ahead", "submitted", "async",
	    "asynchronous", "offline", "at home", "take home", NULL };

	return ol_has_any(ol_norm(a, arena_strndup(a, s, n)), when);
}

/* Returns whether s starts with a separator (- : | , / · • – —). */
static int
is_sep_char(const char *s)
{
	return *s == '-' || *s == ':' || *s == '|' || *s == ',' || *s == '/' ||
	    strncmp(s, "\xE2\x80\x93", 3) == 0 ||
	    strncmp(s, "\xE2\x80\x94", 3) == 0 ||
	    strncmp(s, "\xC2\xB7", 2) == 0 ||
	    strncmp(s, "\xE2\x80\xA2", 3) == 0;
}

/* Returns the length of a separator character at s. */
static size_t
sep_len(const char *s)
{
	unsigned	 cp;

	return ol_cp_at(s, &cp);
}

/* Trims trailing separators, blanks and emphasis marks from d[0..*len). */
static void
trim_end(const char *d, size_t *len)
{
	static const char *const multi[] = { "\xE2\x80\x93", "\xE2\x80\x94",
	    "\xE2\x80\xA2", "\xC2\xB7", NULL };
	const char *const *m;
	size_t		 k;

	for (;;) {
		while (*len > 0 && d[*len - 1] != '\0' &&
		    (is_space((unsigned char)d[*len - 1]) ||
		    strchr("*_-:|,/", d[*len - 1]) != NULL))
			(*len)--;
		for (m = multi; *m != NULL; m++) {
			k = strlen(*m);
			if (*len >= k && memcmp(d + *len - k, *m, k) == 0)
				break;
		}
		if (*m == NULL)
			break;
		*len -= k;
	}
}

/*
 * Returns a title as a reader says it: without leading marks, numbering
 * ("Round 4:", "2)"), the duration and its brackets or separator, and a
 * trailing note that says when ("(Submitted Before)"). Fills *kw,
 * *number and *dur (each may be NULL) with what it took out.
 */
char *
ol_clean_title(struct arena *a, const char *text, enum kw *kwp,
    const char **nump, struct minutes *durp)
{
	struct duration_match	 dm;
	const char		*t = ol_skip_marks(text), *num;
	size_t			 n = strlen(t), s, e, k, len;
	enum kw			 kw;
	char			*out, *before, tmp[256], *d;

	/* The title is put together in d: n bytes and a space at most. */
	d = n + 2 <= sizeof(tmp) ? tmp : xmalloc(n + 2);
	if (durp != NULL)
		memset(durp, 0, sizeof(*durp));
	if (duration_in(t, n, &dm)) {
		if (durp != NULL)
			*durp = dm.m;
		s = dm.start;
		e = dm.end;
		/* Its brackets, when they hold nothing else. */
		k = s;
		while (k > 0 && t[k - 1] == ' ')
			k--;
		if (k > 0 && (t[k - 1] == '(' || t[k - 1] == '[')) {
			size_t	 m = e;

			while (m < n && t[m] == ' ')
				m++;
			if (m < n && (t[m] == ')' || t[m] == ']')) {
				s = k - 1;
				e = m + 1;
			}
		}
		/* The separator before it ("- 60 minutes"), or after it. */
		k = s;
		while (k > 0 && t[k - 1] == ' ')
			k--;
		if (k > 0) {
			size_t	 c = k - 1;

			while (c > 0 && ((unsigned char)t[c] & 0xC0) == 0x80)
				c--;
			if (is_sep_char(t + c))
				s = c;
		}
		if (s == 0) {
			while (e < n && t[e] == ' ')
				e++;
			if (e < n && is_sep_char(t + e))
				e += sep_len(t + e);
		}
		memcpy(d, t, s);
		len = s;
		if (s > 0 && e < n && t[e] != ' ' && t[e] != ')' && t[e] != ',')
			d[len++] = ' ';
		memcpy(d + len, t + e, n - e);
		len += n - e;
	} else {
		memcpy(d, t, n);
		len = n;
	}
	trim_end(d, &len);

	/* A trailing "(Submitted Before)". */
	if (len > 0 && d[len - 1] == ')') {
		char	*open = NULL, *p;

		for (p = d; p < d + len; p++)
			if (*p == '(')
				open = p;
		if (open != NULL && open > d && when_note(a, open + 1,
		    (size_t)(d + len - 1 - open - 1))) {
			len = (size_t)(open - d);
			trim_end(d, &len);
		}
	}
	before = arena_strndup(a, d, len);
	if (d != tmp)
		free(d);
	k = ol_numbering(before, &kw, &num, a);
	out = ol_trim(a, before + k, strlen(before + k));
	if (*out == '\0' || strcmp(out, "*") == 0)
		out = ol_trim(a, before, strlen(before));
	/* A heading that is only a duration keeps it as its title. */
	if (*out == '\0')
		out = ol_trim(a, t, strlen(t));
	{
		/* Strip emphasis left around the title ("**Coding**"). */
		size_t	 l = strlen(out);

		while (l > 1 && (out[0] == '*' || out[0] == '_') &&
		    out[l - 1] == out[0]) {
			out++;
			l -= 2;
			out[l] = '\0';
		}
	}
	if (kwp != NULL)
		*kwp = kw;
	if (nump != NULL)
		*nump = num;
	return out;
}

/* Whether s (after its marks) opens with a quotation mark. */
int
ol_quoted(const char *s)
{
	unsigned	 cp;

	s = ol_skip_marks(s);
	ol_cp_at(s, &cp);
	return is_quote(cp) && cp != '\'' && cp != 0x2019 && cp != 0xBB;
}

/* Returns s trimmed, without quotation marks around it. */
char *
ol_unquote(struct arena *a, const char *s)
{
	const char	*e;
	unsigned	 cp;
	size_t		 k;

	s = ol_skip_marks(s);
	k = ol_cp_at(s, &cp);
	if (is_quote(cp))
		s += k;
	e = s + strlen(s);
	while (e > s && is_space((unsigned char)e[-1]))
		e--;
	/* The closing quote, also before an ellipsis-free end. */
	if (e > s) {
		const char	*p = e - 1;

		while (p > s && ((unsigned char)*p & 0xC0) == 0x80)
			p--;
		ol_cp_at(p, &cp);
		if (is_quote(cp) && (memchr(s, '"', (size_t)(p - s)) == NULL ||
		    cp != '"'))
			e = p;
	}
	return ol_trim(a, s, (size_t)(e - s));
}

/* Whether normalised title n names a break rather than an interview. */
int
ol_is_break(const char *n)
{
	static const char *const brk[] = { "break", "lunch", "lunch break",
	    "coffee break", "short break", "bio break", "comfort break",
	    "buffer", "transition", "rest", "breather", NULL };

	return ol_is_any(n, brk);
}

/* Cuts a plain "Label: description" or "Label - description". */
void
ol_cut_label(struct arena *a, const char *s, const char **label,
    const char **desc)
{
	static const char *const seps[] = { ":", " - ",
	    " \xE2\x80\x93 ", " \xE2\x80\x94 ", " = ", NULL };
	const char	*best = NULL, *p;
	size_t		 k, blen = 0;

	for (k = 0; seps[k] != NULL; k++)
		if ((p = strstr(s, seps[k])) != NULL &&
		    (best == NULL || p < best)) {
			best = p;
			blen = strlen(seps[k]);
		}
	if (best == NULL) {
		*label = ol_trim(a, s, strlen(s));
		*desc = NULL;
		return;
	}
	*label = ol_trim(a, s, (size_t)(best - s));
	*desc = ol_trim(a, best + blen, strlen(best + blen));
	if (**desc == '\0')
		*desc = NULL;
}
