/*
 * duration.h: how long something lasts, read the way people write it:
 * "60 minutes", "45 min", "(35–45 mins)", "2-3 minutes", "1.5 hours",
 * "1 hour 30 minutes", "~5 min", "30-minutes", "half an hour",
 * "10:00–10:45". Ranges take hyphens, en and em dashes and "to".
 *
 * A time that says when rather than how long ("30 minutes before",
 * "within 24 hours", "every 10 minutes") is not a duration.
 */
#ifndef KITGEN_DURATION_H
#define KITGEN_DURATION_H

#include <stddef.h>

struct buf;

/* A length of time in whole minutes; known == 0 means "not stated". */
struct minutes {
	int		 known;
	unsigned	 min, max;	/* min <= max; equal for "45 min" */
};

/* A duration found in a text, and the bytes it took there. */
struct duration_match {
	struct minutes	 m;
	size_t		 start, end;
};

int	 duration_next(const char *, size_t, size_t, struct duration_match *);
int	 duration_in(const char *, size_t, struct duration_match *);
int	 duration_at_end(const char *, size_t, struct duration_match *);
int	 duration_at_start(const char *, size_t, struct duration_match *);
int	 duration_parse(const char *, size_t, struct minutes *);
void	 duration_format(struct buf *, const struct minutes *);
void	 minutes_add(struct minutes *, const struct minutes *);

#endif
