/*
 * ics.h: calendar files (RFC 5545) for a candidate's interview day.
 */
#ifndef KITGEN_ICS_H
#define KITGEN_ICS_H

#include <stddef.h>

#include "tz.h"

struct buf;

struct ics_event {
	const char	*uid;		/* stable across builds */
	struct date	 date;
	int		 start;		/* minutes after local midnight */
	int		 minutes;	/* length */
	const char	*summary;
	const char	*location;	/* or NULL */
	const char	*description;	/* or NULL; may hold newlines */
	const char	*url;		/* or NULL */
	const char	*attendee;	/* name, or NULL */
	const char	*email;		/* attendee's address, or NULL */
};

int	 ics_write(struct buf *, const char *name, const char *tzid,
	     const struct ics_event *, size_t);

#endif
