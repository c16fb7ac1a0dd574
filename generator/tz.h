/*
 * tz.h: IANA time zones, dates and clock times, for schedules and
 * calendar files. Zones are read from the system's tzdata (TZDIR, else
 * /usr/share/zoneinfo).
 */
#ifndef KITGEN_TZ_H
#define KITGEN_TZ_H

struct date {
	int	 year, month, day;
};

int	 tz_valid(const char *);
int	 tz_offset(const char *, const struct date *, int, int *, char *,
	     unsigned);
int	 date_parse(const char *, struct date *);
int	 time_parse(const char *, int *);
int	 date_weekday(const struct date *);

#endif
