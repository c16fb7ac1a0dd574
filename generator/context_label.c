/*
 * context_label.c: the labels of the page contexts (context.c): numbers,
 * clock times and durations, written digit by digit where printf would
 * parse a format for each of the hundreds a guide page shows.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "context_int.h"
#include "duration.h"

/*
 * Writes n in decimal, at least width digits, ending just before end.
 * Returns where the digits start.
 */
static char *
digits(char *end, unsigned long n, int width)
{
	char	*p = end;

	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0 || end - p < width);
	return p;
}

/*
 * Returns m as duration_format writes it ("45 min", "30–45 min"), or
 * NULL when it is not known.
 */
const char *
label_minutes(struct arena *a, const struct minutes *m)
{
	char	 t[48], *p = t + sizeof(t) - 5;

	if (!m->known)
		return NULL;
	memcpy(p, " min", 5);
	p = digits(p, m->max, 1);
	if (m->min != m->max) {
		p -= 3;
		memcpy(p, "\xE2\x80\x93", 3);
		p = digits(p, m->min, 1);
	}
	return arena_strdup(a, p);
}

/*
 * Returns d as printf's "%g" writes it, then suffix: whole numbers below
 * a million (most ratings, weights and marks) by hand.
 */
const char *
label_g(struct arena *a, double d, const char *suffix)
{
	char	 t[24], *p = t + sizeof(t) - 1;
	long	 n;

	if (!(d > -1e6 && d < 1e6) || d != (double)(long)d ||
	    (d == 0 && signbit(d)))
		return arena_printf(a, "%g%s", d, suffix);
	n = (long)d;
	*p = '\0';
	p = digits(p, (unsigned long)(n < 0 ? -n : n), 1);
	if (n < 0)
		*--p = '-';
	return arena_cat(a, p, suffix, (char *)NULL);
}

/* Returns the time of day minutes after midnight as "HH:MM". */
const char *
label_clock(struct arena *a, int minutes)
{
	char	 t[8], *p = t + sizeof(t) - 1;

	if (minutes < 0)
		return arena_printf(a, "%02d:%02d", minutes / 60 % 24,
		    minutes % 60);
	*p = '\0';
	p = digits(p, (unsigned long)(minutes % 60), 2);
	*--p = ':';
	p = digits(p, (unsigned long)(minutes / 60 % 24), 2);
	return arena_strdup(a, p);
}

/* Returns minutes from the start of a session as "+H:MM". */
const char *
label_offset(struct arena *a, int minutes)
{
	char	 t[24], *p = t + sizeof(t) - 1;

	if (minutes < 0)
		return arena_printf(a, "+%d:%02d", minutes / 60, minutes % 60);
	*p = '\0';
	p = digits(p, (unsigned long)(minutes % 60), 2);
	*--p = ':';
	p = digits(p, (unsigned long)(minutes / 60), 1);
	*--p = '+';
	return arena_strdup(a, p);
}
