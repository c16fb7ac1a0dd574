/*
 * duration.c: durations in running text.
 *
 * A small hand-written scanner rather than regular expressions: the
 * forms overlap ("30-minutes" is a hyphen, "30-45 minutes" a range) and
 * the context around a match decides whether it is a duration at all.
 */
#include <math.h>
#include <string.h>

#include "buffer.h"
#include "duration.h"

/* Quantities above this are not durations of an interview. */
#define MAX_MINUTES	(60u * 24 * 30)

enum unit { U_NONE, U_MIN, U_HOUR };

/* One quantity and unit read from the text. */
struct qty {
	double		 v;
	enum unit	 unit;
	size_t		 end;
};

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

/* Returns c in ASCII lower case (strncasecmp's folding in the C locale). */
static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Whether the k bytes at a and at b are the same, ASCII case aside. */
static int
same_fold(const char *a, const char *b, size_t k)
{
	while (k-- > 0)
		if (lower((unsigned char)*a++) != lower((unsigned char)*b++))
			return 0;
	return 1;
}

/*
 * Returns whether s[i..] starts with word w of k bytes (ASCII, any
 * case). The tables keep their words' lengths: no strlen per try.
 */
static inline int
word_len_at(const char *s, size_t n, size_t i, const char *w, size_t k)
{
	/* The first byte first: it rules out nearly every word. */
	if (i + k > n || (k > 0 && (s[i] | 0x20) != (w[0] | 0x20)) ||
	    !same_fold(s + i, w, k))
		return 0;
	return i + k == n || !is_alpha((unsigned char)s[i + k]);
}

/* A literal word and its length, as word_len_at and the tables take it. */
#define W(s)	s, sizeof(s) - 1

/* A word of a table, and its length. */
struct word {
	const char	*w;
	size_t		 k;
};

/* Whether the k bytes at s are word w (ASCII, any case). */
static int
is_word(const char *s, size_t k, const struct word *w)
{
	return k == w->k && same_fold(s, w->w, k);
}

/* Returns the index after blanks (no-break spaces too) from i. */
static size_t
skip_space(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
		i++;
	/* U+00A0 and U+202F, the no-break spaces. */
	if (i + 1 < n && (unsigned char)s[i] == 0xC2 &&
	    (unsigned char)s[i + 1] == 0xA0)
		return skip_space(s, n, i + 2);
	if (i + 2 < n && memcmp(s + i, "\xE2\x80\xAF", 3) == 0)
		return skip_space(s, n, i + 3);
	return i;
}

/* Returns the length of a dash (hyphen, en, em, minus...) at s[i], or 0. */
static size_t
dash_at(const char *s, size_t n, size_t i)
{
	const unsigned char *p = (const unsigned char *)s + i;

	if (i < n && s[i] == '-')
		return 1;
	if (i + 3 <= n && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 &&
	    p[2] <= 0x95)
		return 3;
	if (i + 3 <= n && p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92)
		return 3;
	return 0;
}

/*
 * Reads a range separator ("-", "–", " to ") at i.
 * Returns the index after it and the spaces that follow, or 0.
 */
static size_t
range_sep(const char *s, size_t n, size_t i)
{
	size_t	 j = skip_space(s, n, i), d;

	if ((d = dash_at(s, n, j)) != 0)
		return skip_space(s, n, j + d);
	if (j > i && word_len_at(s, n, j, W("to")))
		return skip_space(s, n, j + 2);
	return 0;
}

static const struct {
	const char	*w;
	size_t		 k;
	double		 v;
} words[] = {
	{ W("one"), 1 }, { W("two"), 2 }, { W("three"), 3 }, { W("four"), 4 },
	{ W("five"), 5 }, { W("six"), 6 }, { W("seven"), 7 },
	{ W("eight"), 8 }, { W("nine"), 9 }, { W("ten"), 10 },
	{ W("eleven"), 11 }, { W("twelve"), 12 }, { W("fifteen"), 15 },
	{ W("twenty"), 20 }, { W("thirty"), 30 }, { W("forty-five"), 45 },
	{ W("forty"), 40 }, { W("fifty"), 50 }, { W("sixty"), 60 },
	{ W("ninety"), 90 }, { W("an"), 1 }, { W("a"), 1 }
};

/*
 * Reads a number at i: "45", "1.5", "1,5", "1½", "1 1/2", "ninety",
 * "an" (for "an hour"). Returns the index after it, or 0.
 */
static size_t
number_at(const char *s, size_t n, size_t i, double *v, int *is_word)
{
	size_t	 j = i, k;
	double	 x = 0, f = 0.1;
	int	 c;

	*is_word = 0;
	if (i < n && is_digit((unsigned char)s[i])) {
		while (j < n && is_digit((unsigned char)s[j])) {
			x = x * 10 + (s[j] - '0');
			if (x > 1e6)
				return 0;
			j++;
		}
		if (j + 1 < n && (s[j] == '.' || s[j] == ',') &&
		    is_digit((unsigned char)s[j + 1])) {
			for (j++; j < n && is_digit((unsigned char)s[j]); j++) {
				x += (s[j] - '0') * f;
				f /= 10;
			}
		}
		if (j + 2 <= n && memcmp(s + j, "\xC2\xBD", 2) == 0) {
			x += 0.5;
			j += 2;
		} else if (j + 4 <= n && s[j] == ' ' &&
		    memcmp(s + j + 1, "1/2", 3) == 0 &&
		    (j + 4 == n || !is_digit((unsigned char)s[j + 4]))) {
			x += 0.5;
			j += 4;
		}
		*v = x;
		return j;
	}
	if (i + 2 <= n && memcmp(s + i, "\xC2\xBD", 2) == 0) {
		*v = 0.5;
		return i + 2;
	}
	if (i >= n)
		return 0;
	/* The words are lower case: their first byte rules out most. */
	c = (unsigned char)s[i] | 0x20;
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (words[k].w[0] == c &&
		    word_len_at(s, n, i, words[k].w, words[k].k)) {
			*v = words[k].v;
			*is_word = 1;
			j = i + words[k].k;
			/* "one and a half hours" */
			k = skip_space(s, n, j);
			if (word_len_at(s, n, k, W("and"))) {
				k = skip_space(s, n, k + 3);
				if (word_len_at(s, n, k, W("a")))
					k = skip_space(s, n, k + 1);
				if (word_len_at(s, n, k, W("half"))) {
					*v += 0.5;
					j = k + 4;
				}
			}
			return j;
		}
	return 0;
}

/*
 * Reads a unit at i. Single letters ("45m", "1h") only count attached
 * to the number, where nothing else can be meant.
 * Returns the index after it, or 0.
 */
static size_t
unit_at(const char *s, size_t n, size_t i, int attached, enum unit *u)
{
	static const struct {
		const char	*w;
		size_t		 k;
		enum unit	 u;
	} units[] = {
		{ W("minutes"), U_MIN }, { W("minute"), U_MIN },
		{ W("mins"), U_MIN }, { W("min"), U_MIN }, { W("mns"), U_MIN },
		{ W("hours"), U_HOUR }, { W("hour"), U_HOUR },
		{ W("hrs"), U_HOUR }, { W("hr"), U_HOUR },
	};
	size_t	 k, j;
	int	 c = i < n ? (unsigned char)s[i] | 0x20 : 0;

	for (k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
		j = units[k].k;
		if (units[k].w[0] == c && word_len_at(s, n, i, units[k].w, j)) {
			*u = units[k].u;
			if (i + j < n && s[i + j] == '.' &&
			    units[k].u == U_MIN && j == 3)
				j++;	/* "min." */
			return i + j;
		}
	}
	if (attached && i < n && (s[i] == 'm' || s[i] == 'h' || s[i] == 'H') &&
	    (i + 1 == n || !is_alpha((unsigned char)s[i + 1]))) {
		*u = s[i] == 'm' ? U_MIN : U_HOUR;
		return i + 1;
	}
	return 0;
}

/*
 * Reads "NUMBER [-] UNIT" at i (the unit may be missing).
 * Returns 0 when there is no number.
 */
static int
qty_at(const char *s, size_t n, size_t i, struct qty *q)
{
	size_t	 j, k;
	int	 is_word;

	memset(q, 0, sizeof(*q));
	if ((j = number_at(s, n, i, &q->v, &is_word)) == 0)
		return 0;
	q->end = j;
	k = j;
	if (k < n && s[k] == ' ')
		k = skip_space(s, n, k);
	else if (k + 1 < n && s[k] == '-' && is_alpha((unsigned char)s[k + 1]))
		k++;	/* "30-minutes", "1-hour" */
	if ((k = unit_at(s, n, k, k == j && !is_word, &q->unit)) != 0)
		q->end = k;
	else if (is_word)
		return 0;	/* "one", "a": only with a unit */
	return 1;
}

/* Reads "H:MM[am|pm]" at i. Returns the index after it, or 0. */
static size_t
clock_at(const char *s, size_t n, size_t i, int *mins, int *ampm)
{
	size_t	 j = i;
	int	 h = 0, m;

	while (j < n && is_digit((unsigned char)s[j]) && j - i < 2)
		h = h * 10 + (s[j++] - '0');
	if (j == i || j + 3 > n || s[j] != ':' ||
	    !is_digit((unsigned char)s[j + 1]) ||
	    !is_digit((unsigned char)s[j + 2]))
		return 0;
	m = (s[j + 1] - '0') * 10 + (s[j + 2] - '0');
	j += 3;
	if (h > 23 || m > 59 || (j < n && is_digit((unsigned char)s[j])))
		return 0;
	*ampm = 0;
	{
		size_t	 k = skip_space(s, n, j);

		if (word_len_at(s, n, k, W("am")) ||
		    word_len_at(s, n, k, W("a.m."))) {
			*ampm = 1;
			j = k + (s[k + 1] == '.' ? 4 : 2);
		} else if (word_len_at(s, n, k, W("pm")) ||
		    word_len_at(s, n, k, W("p.m."))) {
			*ampm = 2;
			j = k + (s[k + 1] == '.' ? 4 : 2);
		}
	}
	if (*ampm == 2 && h < 12)
		h += 12;
	else if (*ampm == 1 && h == 12)
		h = 0;
	*mins = h * 60 + m;
	return j;
}

/* "10:00–10:45", "9:30am to 11am" is not: both need minutes. */
static int
clock_range_at(const char *s, size_t n, size_t i, struct duration_match *dm)
{
	size_t	 j, k;
	int	 a, b, pa, pb;

	if ((j = clock_at(s, n, i, &a, &pa)) == 0)
		return 0;
	if ((k = range_sep(s, n, j)) == 0)
		return 0;
	if ((j = clock_at(s, n, k, &b, &pb)) == 0)
		return 0;
	if (pa == 0 && pb == 2 && a + 12 * 60 < b)
		a += 12 * 60;	/* "1:00–2:30pm" */
	if (b <= a)
		b += 12 * 60;	/* "11:30–12:15", "12:30–1:15" */
	if (b - a <= 0 || b - a > 12 * 60)
		return 0;
	dm->m.known = 1;
	dm->m.min = dm->m.max = (unsigned)(b - a);
	dm->start = i;
	dm->end = j;
	return 1;
}

/* Returns v in the unit as whole minutes (past MAX_MINUTES: too long). */
static unsigned
to_minutes(double v, enum unit u)
{
	double	 m = u == U_HOUR ? v * 60 : v;

	if (m < 0 || m > MAX_MINUTES)
		return MAX_MINUTES + 1;
	return (unsigned)lround(m);
}

/* Words that make a time say when, not how long: "30 minutes before". */
static int
when_after(const char *s, size_t n, size_t i)
{
	static const struct word after[] = { { W("before") },
	    { W("beforehand") }, { W("prior") }, { W("earlier") },
	    { W("ahead") }, { W("early") }, { W("after") },
	    { W("afterwards") }, { W("later") }, { W("ago") },
	    { W("in advance") }, { W("per") }, { W("each") }, { W("notice") },
	    { W("from now") }, { W("out") }, { W("into") }, { W("past") },
	    { W("left") }, { W("remaining") } };
	size_t	 m;

	i = skip_space(s, n, i);
	for (m = 0; m < sizeof(after) / sizeof(after[0]); m++)
		if (word_len_at(s, n, i, after[m].w, after[m].k))
			return 1;
	return 0;
}

/* The same, for the word before: "within 24 hours", "every 10 min". */
static int
when_before(const char *s, size_t i)
{
	static const struct word before[] = { { W("every") },
	    { W("within") }, { W("after") }, { W("before") }, { W("per") },
	    { W("each") }, { W("by") }, { W("until") }, { W("till") },
	    { W("than") }, { W("at") } };
	size_t	 j = i, k, m;

	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '('))
		j--;
	k = j;
	while (k > 0 && is_alpha((unsigned char)s[k - 1]))
		k--;
	if (k == j)
		return 0;
	for (m = 0; m < sizeof(before) / sizeof(before[0]); m++)
		if (is_word(s + k, j - k, &before[m]))
			return 1;
	return 0;
}

/*
 * Whether the number at i is a label rather than a quantity, as the 2
 * in "Round 2 - 45 minutes": then it cannot open a range.
 */
static int
label_before(const char *s, size_t i)
{
	static const struct word labels[] = { { W("session") },
	    { W("round") }, { W("part") }, { W("interview") }, { W("stage") },
	    { W("phase") }, { W("step") }, { W("module") }, { W("block") },
	    { W("day") }, { W("question") }, { W("section") }, { W("task") },
	    { W("exercise") }, { W("problem") }, { W("level") }, { W("no") },
	    { W("number") }, { W("item") }, { W("week") }, { W("q") },
	    { W("loop") } };
	size_t	 j = i, k, m;

	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '#'))
		j--;
	k = j;
	while (k > 0 && is_alpha((unsigned char)s[k - 1]))
		k--;
	for (m = 0; m < sizeof(labels) / sizeof(labels[0]); m++)
		if (j > k && is_word(s + k, j - k, &labels[m]))
			return 1;
	return 0;
}

/* Whether a word (not a colon or bracket) comes right before byte i. */
static int
word_before(const char *s, size_t i)
{
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return i > 0 && (is_alpha((unsigned char)s[i - 1]) ||
	    is_digit((unsigned char)s[i - 1]));
}

/* Reads "~", "about", "approx." and friends at i; returns the index after. */
static size_t
approx_at(const char *s, size_t n, size_t i)
{
	static const struct word pre[] = {
		{ W("approximately") }, { W("approx.") }, { W("approx") },
		{ W("about") }, { W("around") }, { W("roughly") },
		{ W("circa") }, { W("ca.") }, { W("up to") }, { W("max.") },
		{ W("max") }
	};
	size_t	 k, m;
	int	 c;

	if (i < n && s[i] == '~')
		return skip_space(s, n, i + 1);
	if (i + 3 <= n && (memcmp(s + i, "\xE2\x89\x88", 3) == 0 ||
	    memcmp(s + i, "\xE2\x88\xBC", 3) == 0))
		return skip_space(s, n, i + 3);
	c = i < n ? (unsigned char)s[i] | 0x20 : 0;
	for (m = 0; m < sizeof(pre) / sizeof(pre[0]); m++) {
		k = pre[m].k;
		if (pre[m].w[0] == c && word_len_at(s, n, i, pre[m].w, k) &&
		    (i + k < n && (s[i + k] == ' ' || s[i + k] == '.')))
			return skip_space(s, n, i + k);
	}
	return i;
}

/*
 * Tries to read a duration starting exactly at i.
 * Returns 1 and fills dm, or 0.
 */
static int
match_at(const char *s, size_t n, size_t i, struct duration_match *dm)
{
	struct qty	 a, b, c;
	size_t		 j, k;
	unsigned	 lo, hi;

	memset(dm, 0, sizeof(*dm));
	if (clock_range_at(s, n, i, dm))
		return 1;
	j = approx_at(s, n, i);

	/* "half an hour", "half-hour" */
	if (word_len_at(s, n, j, W("half"))) {
		k = j + 4;
		if (k < n && (s[k] == '-' || s[k] == ' '))
			k++;
		if (word_len_at(s, n, k, W("an")))
			k = skip_space(s, n, k + 2);
		if (word_len_at(s, n, k, W("hour")) ||
		    word_len_at(s, n, k, W("hr"))) {
			k += s[k + 1] == 'o' ? 4 : 2;
			lo = hi = 30;
			goto found;
		}
		return 0;
	}
	if (!qty_at(s, n, j, &a))
		return 0;
	k = a.end;
	if (a.unit == U_NONE) {
		/* "35–45 mins", "1-1.5 hours", "2 to 3 minutes" */
		if ((k = range_sep(s, n, a.end)) == 0 || !qty_at(s, n, k, &b) ||
		    b.unit == U_NONE || label_before(s, j))
			return 0;
		/* "2 - 45 minutes" is a number and a duration, not a range. */
		if (b.v > a.v * 8)
			return 0;
		/* Nor "Topic 12 - 45 minutes": a spaced dash after a word. */
		if (s[a.end] == ' ' && word_before(s, i))
			return 0;
		a.unit = b.unit;
		lo = to_minutes(a.v, a.unit);
		hi = to_minutes(b.v, b.unit);
		k = b.end;
		goto found;
	}
	lo = hi = to_minutes(a.v, a.unit);
	if (a.unit == U_HOUR) {
		/* "1 hour 30 minutes", "1 hr and 15 min", "1h30", "1h 30m" */
		size_t	 m = skip_space(s, n, k);

		if (word_len_at(s, n, m, W("and")))
			m = skip_space(s, n, m + 3);
		if (m < n && is_digit((unsigned char)s[m]) &&
		    qty_at(s, n, m, &c) && (c.unit == U_MIN ||
		    (c.unit == U_NONE && m == k && c.v < 60))) {
			lo = hi = lo + to_minutes(c.v, U_MIN);
			k = c.end;
		}
	}
	/* "45 min – 1 hour" */
	if ((j = range_sep(s, n, k)) != 0 && qty_at(s, n, j, &b) &&
	    b.unit != U_NONE) {
		hi = to_minutes(b.v, b.unit);
		k = b.end;
	}
found:
	if (lo > MAX_MINUTES || hi > MAX_MINUTES || (lo == 0 && hi == 0))
		return 0;
	if (k < n && (is_alpha((unsigned char)s[k]) ||
	    is_digit((unsigned char)s[k])))
		return 0;
	if (when_after(s, n, k) || when_before(s, i))
		return 0;
	dm->m.known = 1;
	dm->m.min = lo < hi ? lo : hi;
	dm->m.max = lo < hi ? hi : lo;
	dm->start = i;
	dm->end = k;
	return 1;
}

/* Whether c is a byte of a word or number: no duration starts after it. */
static int
in_word(int c)
{
	return is_alpha(c) || is_digit(c) || c == '_';
}

/* Whether a duration may start at i: not inside a word or a number. */
static int
may_start(const char *s, size_t i)
{
	unsigned char	 p;

	if (i == 0)
		return 1;
	p = (unsigned char)s[i - 1];
	if (in_word(p))
		return 0;
	if ((p == '.' || p == ',' || p == ':' || p == '/') && i >= 2 &&
	    is_digit((unsigned char)s[i - 2]))
		return 0;
	return 1;
}

/*
 * The bytes a duration can start with: a digit, "~", the lead bytes of
 * "½", "≈" and "∼", and the first letters of the number words ("an",
 * "one"...), "half" and the approximations ("about", "circa", "max",
 * "roughly", "up to"). At any other byte match_at finds nothing, so the
 * scan skips it without trying the word tables.
 */
static const unsigned char opens[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['~'] = 1,
	[0xC2] = 1, [0xE2] = 1,
	['a'] = 1, ['c'] = 1, ['e'] = 1, ['f'] = 1, ['h'] = 1, ['m'] = 1,
	['n'] = 1, ['o'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['A'] = 1, ['C'] = 1, ['E'] = 1, ['F'] = 1, ['H'] = 1, ['M'] = 1,
	['N'] = 1, ['O'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1
};

/*
 * Whether the word at i may open a duration, by its first two letters:
 * those of a number word ("one", "an", "a" alone), "half" or an
 * approximation ("about", "circa", "up to"). match_at would try the
 * others against every table and find nothing.
 */
static int
word_may_open(const char *s, size_t n, size_t i)
{
	int	 b = i + 1 < n ? lower((unsigned char)s[i + 1]) : 0;

	switch (lower((unsigned char)s[i])) {
	case 'a':	/* a, an, approx..., about, around */
		return !is_alpha(b) || b == 'n' || b == 'p' || b == 'b' ||
		    b == 'r';
	case 'c':	/* circa, ca. */
		return b == 'i' || b == 'a';
	case 'e':	/* eight, eleven */
		return b == 'i' || b == 'l';
	case 'f':	/* four, forty..., five, fifteen, fifty */
		return b == 'o' || b == 'i';
	case 'h':	/* half */
	case 'm':	/* max */
		return b == 'a';
	case 'n':	/* nine, ninety */
		return b == 'i';
	case 'o':	/* one */
		return b == 'n';
	case 'r':	/* roughly */
		return b == 'o';
	case 's':	/* six, sixty, seven */
		return b == 'i' || b == 'e';
	case 't':	/* two, twelve, twenty, three, thirty, ten */
		return b == 'w' || b == 'h' || b == 'e';
	case 'u':	/* up to */
		return b == 'p';
	default:
		return 0;
	}
}

/*
 * Finds the first duration at or after byte from.
 * Returns 1 and fills dm, or 0 when there is none.
 */
int
duration_next(const char *s, size_t n, size_t from, struct duration_match *dm)
{
	size_t	 i;

	for (i = from; i < n; i++) {
		unsigned char	 c = (unsigned char)s[i];

		if (opens[c] && may_start(s, i) &&
		    !(is_alpha(c) && !word_may_open(s, n, i)) &&
		    match_at(s, n, i, dm))
			return 1;
		/* Nor can one start in the rest of a word or number. */
		if (in_word(c))
			while (i + 1 < n && in_word((unsigned char)s[i + 1]))
				i++;
	}
	return 0;
}

/* Whether only closing marks and spaces follow byte i. */
static int
only_closers(const char *s, size_t n, size_t i)
{
	for (; i < n; i++)
		if (strchr(" \t\n)]}*_.,;:!", s[i]) == NULL)
			return 0;
	return 1;
}

/*
 * Finds the duration a title carries: one at its end if there is one
 * ("Session 1: Coding - 60 minutes", "Wrap-up (5 min)"), else the
 * first. Returns 1 and fills dm, or 0.
 */
int
duration_in(const char *s, size_t n, struct duration_match *dm)
{
	struct duration_match	 m, first;
	size_t			 from = 0;
	int			 found = 0;

	while (duration_next(s, n, from, &m)) {
		if (!found)
			first = m;
		found = 1;
		if (only_closers(s, n, m.end)) {
			*dm = m;
			return 1;
		}
		from = m.end;
	}
	if (found)
		*dm = first;
	return found;
}

/*
 * Finds a duration that ends the text, as in "Introductions (~5 min)".
 * Returns 1 and fills dm, or 0.
 */
int
duration_at_end(const char *s, size_t n, struct duration_match *dm)
{
	struct duration_match	 m;
	size_t			 from = 0;

	while (duration_next(s, n, from, &m)) {
		if (only_closers(s, n, m.end)) {
			*dm = m;
			return 1;
		}
		from = m.end;
	}
	return 0;
}

/*
 * Finds a duration that opens the text, as in "5 min: Introductions" or
 * "(10 min) Coding". Returns 1 and fills dm, or 0.
 */
int
duration_at_start(const char *s, size_t n, struct duration_match *dm)
{
	size_t	 i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '(' || s[i] == '[' ||
	    s[i] == '*' || s[i] == '_'))
		i++;
	return may_start(s, i) && match_at(s, n, i, dm);
}

/*
 * Reads a text that is only a duration: "45 min", "(35–45 minutes)",
 * "1 hour", or a bare number of minutes ("45"), as front matter and
 * table cells give them. Returns 1 and fills m, or 0.
 */
int
duration_parse(const char *s, size_t n, struct minutes *m)
{
	struct duration_match	 dm;
	size_t			 i = 0, j;
	unsigned		 a = 0, b = 0;

	memset(m, 0, sizeof(*m));
	while (i < n && strchr(" \t(~[", s[i]) != NULL)
		i++;
	while (n > i && strchr(" \t)]", s[n - 1]) != NULL)
		n--;
	if (i == n)
		return 0;
	if (match_at(s, n, i, &dm) && only_closers(s, n, dm.end)) {
		*m = dm.m;
		return 1;
	}
	/* "45", "35-45": minutes without a unit. */
	for (j = i; j < n && is_digit((unsigned char)s[j]) &&
	    a < MAX_MINUTES; j++)
		a = a * 10 + (unsigned)(s[j] - '0');
	if (j == i)
		return 0;
	b = a;
	if (j < n) {
		size_t	 k = range_sep(s, n, j), l;

		if (k == 0)
			return 0;
		for (l = k, b = 0; l < n && is_digit((unsigned char)s[l]) &&
		    b < MAX_MINUTES; l++)
			b = b * 10 + (unsigned)(s[l] - '0');
		if (l == k || l != n)
			return 0;
	}
	if ((a == 0 && b == 0) || a > MAX_MINUTES || b > MAX_MINUTES)
		return 0;
	m->known = 1;
	m->min = a < b ? a : b;
	m->max = a < b ? b : a;
	return 1;
}

/* Appends a label such as "45 min", "35–45 min" or "1 h 30 min". */
void
duration_format(struct buf *b, const struct minutes *m)
{
	if (!m->known)
		return;
	if (m->min == m->max)
		buf_printf(b, "%u min", m->min);
	else
		buf_printf(b, "%u\xE2\x80\x93%u min", m->min, m->max);
}

/* Adds b to a, min to min and max to max; unknown b adds nothing. */
void
minutes_add(struct minutes *a, const struct minutes *b)
{
	if (!b->known)
		return;
	a->min += b->min;
	a->max += b->max;
	a->known = 1;
}
