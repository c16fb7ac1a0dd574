/*
 * outline_weight.c: the numbers written into a guide's names and values:
 * the first number of a text, a weight as a fraction ("20%"), a weight
 * or minimum in a rubric item's name ("Design (20%)", "Coding [min 3]"),
 * and names that are score levels ("Strong (4-5)").
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "outline_int.h"

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

/*
 * Reads the plain decimal at s ("45", "3.5", ".5": at most 15 digits, no
 * exponent, not hex) as strtod would: Clinger's fast path, a whole
 * number divided by an exact power of ten, rounds the same. Returns 0,
 * for strtod to read it, when s holds anything else.
 */
static int
plain_number(const char *s, double *v, char **end)
{
	static const double tens[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	    1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	const char	*p = s;
	uint64_t	 m = 0;
	int		 digits = 0, frac = -1;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		return 0;
	for (;; p++) {
		if (is_digit((unsigned char)*p)) {
			m = m * 10 + (uint64_t)(*p - '0');
			digits++;
			if (frac >= 0)
				frac++;
		} else if (*p == '.' && frac < 0)
			frac = 0;
		else
			break;
	}
	if (digits > 15 || *p == 'e' || *p == 'E')
		return 0;
	*v = (double)m / tens[frac > 0 ? frac : 0];
	*end = (char *)p;
	return 1;
}

/*
 * Returns the first number in s ("3.5/5.0": 3.5), or OL_NONE; *end
 * (when not NULL) is set after it.
 */
double
ol_number(const char *s, const char **end)
{
	char	*e;
	double	 v;

	for (; *s != '\0'; s++) {
		if (!is_digit((unsigned char)*s) && !(*s == '.' &&
		    is_digit((unsigned char)s[1])))
			continue;
		if (!plain_number(s, &v, &e))
			v = strtod(s, &e);
		if (end != NULL)
			*end = e;
		return v;
	}
	if (end != NULL)
		*end = s;
	return OL_NONE;
}

/*
 * Returns a weight as a fraction: "20%" is 0.2, and so is "20" when pct
 * (the column says %) or the number is over 1; "0.2" stays. OL_NONE
 * when s has no number.
 */
double
ol_percent(const char *s, int pct)
{
	const char	*e;
	double		 v = ol_number(s, &e);

	if (v < 0)
		return OL_NONE;
	while (*e == ' ')
		e++;
	if (*e == '%' || pct || v > 1)
		return v / 100;
	return v;
}

/*
 * Returns name without a weight or minimum written into it: "Service
 * Design (20%)", "Coding - 30%", "Design [min 3]". Fills *weight and
 * *min (OL_NONE when absent).
 */
char *
ol_strip_weight(struct arena *a, const char *name, double *weight, double *min)
{
	char		*s = arena_strdup(a, name), *p, *q, *open;
	const char	*e;

	*weight = *min = OL_NONE;
	for (;;) {
		size_t	 n = strlen(s);

		while (n > 0 && (is_space((unsigned char)s[n - 1]) ||
		    s[n - 1] == ':'))
			s[--n] = '\0';
		if (n == 0 || (s[n - 1] != ')' && s[n - 1] != ']' &&
		    s[n - 1] != '%'))
			break;
		if (s[n - 1] == '%') {
			/* "Coding - 30%", "Coding 30%" */
			for (p = s + n - 1; p > s &&
			    (is_digit((unsigned char)p[-1]) || p[-1] == '.');
			    p--)
				;
			if (p == s + n - 1)
				break;
			*weight = ol_percent(p, 1);
			*p = '\0';
		} else {
			open = strrchr(s, s[n - 1] == ')' ? '(' : '[');
			if (open == NULL)
				break;
			/* Normalised only when it has no "%". */
			if (strchr(open, '%') != NULL)
				*weight = ol_percent(open, 1);
			else if (strncmp(q = ol_norm(a, open), "min", 3) == 0 &&
			    ol_number(q, &e) >= 0)
				*min = ol_number(q, &e);
			else if (strncmp(q, "weight", 6) == 0 &&
			    ol_number(q, &e) >= 0)
				*weight = ol_percent(q, 0);
			else
				break;
			*open = '\0';
		}
		n = strlen(s);
		while (n > 0 && (is_space((unsigned char)s[n - 1]) ||
		    s[n - 1] == '-' || s[n - 1] == ',' || s[n - 1] == ':'))
			s[--n] = '\0';
		while (n >= 3 && (memcmp(s + n - 3, "\xE2\x80\x93", 3) == 0 ||
		    memcmp(s + n - 3, "\xE2\x80\x94", 3) == 0)) {
			n -= 3;
			s[n] = '\0';
			while (n > 0 && is_space((unsigned char)s[n - 1]))
				s[--n] = '\0';
		}
	}
	return ol_trim(a, s, strlen(s));
}

/* Whether a rubric name is really a score level: "Strong (4-5)". */
int
ol_is_level_name(const char *name)
{
	const char	*p = strrchr(name, '(');

	if (name[0] >= '0' && name[0] <= '9')
		return 1;
	if (p == NULL)
		return 0;
	for (p++; *p != ')' && *p != '\0'; p++)
		if (!(*p >= '0' && *p <= '9') && *p != '-' && *p != ' ' &&
		    *p != '.' && *p != '+' && (unsigned char)*p < 0x80)
			return 0;
	return 1;
}
