/*
 * tz.c: time zones, dates and clock times.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "files.h"
#include "tz.h"
#include "xalloc.h"

static pthread_mutex_t	 tz_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * Returns whether name is a time zone the system knows: "UTC", or a name
 * made of letters, digits, '_', '-', '+' and '/' (no "..") that names a
 * TZif file in the zone database.
 */
static int	 tz_lookup(const char *);

/* The zones looked up already: every candidate names one. */
#define TZ_MEMO	16
static struct {
	char	 name[72];
	int	 ok;
} tz_memo[TZ_MEMO];
static size_t		 tz_memo_n;
static char		 tz_memo_dir[4096];
static pthread_mutex_t	 tz_memo_lock = PTHREAD_MUTEX_INITIALIZER;

int
tz_valid(const char *name)
{
	size_t	 i;
	int	 ok;

	const char *dir = getenv("TZDIR");

	if (strlen(name) >= sizeof(tz_memo[0].name))
		return tz_lookup(name);
	if (dir == NULL)
		dir = "";
	pthread_mutex_lock(&tz_memo_lock);
	/* A test may point TZDIR elsewhere: the memo is for one folder. */
	if (strncmp(tz_memo_dir, dir, sizeof(tz_memo_dir)) != 0) {
		snprintf(tz_memo_dir, sizeof(tz_memo_dir), "%s", dir);
		tz_memo_n = 0;
	}
	for (i = 0; i < tz_memo_n; i++)
		if (strcmp(tz_memo[i].name, name) == 0) {
			ok = tz_memo[i].ok;
			pthread_mutex_unlock(&tz_memo_lock);
			return ok;
		}
	pthread_mutex_unlock(&tz_memo_lock);
	ok = tz_lookup(name);
	pthread_mutex_lock(&tz_memo_lock);
	if (tz_memo_n < TZ_MEMO) {
		strcpy(tz_memo[tz_memo_n].name, name);
		tz_memo[tz_memo_n++].ok = ok;
	}
	pthread_mutex_unlock(&tz_memo_lock);
	return ok;
}

static int
tz_lookup(const char *name)
{
	const char	*dir = getenv("TZDIR"), *p;
	char		*path, magic[4];
	FILE		*f;
	int		 ok;

	if (strcmp(name, "UTC") == 0)
		return 1;
	if (*name == '\0' || *name == '/' || strstr(name, "..") != NULL ||
	    strlen(name) > 64)
		return 0;
	for (p = name; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("_-+/", *p) != NULL))
			return 0;
	path = path_join(dir != NULL && *dir != '\0' ? dir :
	    "/usr/share/zoneinfo", name);
	ok = 0;
	if ((f = fopen(path, "rb")) != NULL) {
		ok = fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
		fclose(f);
	}
	free(path);
	return ok;
}

/*
 * Finds the UTC offset in zone at local time minutes (after midnight) on
 * date d: *offset in minutes east of UTC, and the zone's abbreviation in
 * abbr. Returns 0, or -1 when the zone cannot be used.
 */
int
tz_offset(const char *zone, const struct date *d, int minutes, int *offset,
    char *abbr, unsigned abbrlen)
{
	struct tm	 tm, back;
	time_t		 t;
	char		*old, *saved = NULL;
	int		 rc = -1;

	pthread_mutex_lock(&tz_lock);
	old = getenv("TZ");
	if (old != NULL)
		saved = xstrdup(old);
	if (setenv("TZ", strcmp(zone, "UTC") == 0 ? "UTC0" : zone, 1) != 0)
		goto out;
	tzset();
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = d->year - 1900;
	tm.tm_mon = d->month - 1;
	tm.tm_mday = d->day;
	tm.tm_hour = minutes / 60;
	tm.tm_min = minutes % 60;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		goto out;
	if (localtime_r(&t, &back) == NULL)
		goto out;
	*offset = (int)(back.tm_gmtoff / 60);
	if (abbr != NULL && abbrlen > 0)
		snprintf(abbr, abbrlen, "%s", back.tm_zone != NULL ?
		    back.tm_zone : "");
	rc = 0;
out:
	if (saved != NULL) {
		setenv("TZ", saved, 1);
		free(saved);
	} else
		unsetenv("TZ");
	tzset();
	pthread_mutex_unlock(&tz_lock);
	return rc;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/*
 * Parses a YYYY-MM-DD date that exists in the calendar.
 * Returns 0, or -1 when s is not one.
 */
int
date_parse(const char *s, struct date *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	d->year = atoi(s);
	d->month = atoi(s + 5);
	d->day = atoi(s + 8);
	if (d->year < 1900 || d->month < 1 || d->month > 12 || d->day < 1)
		return -1;
	if (d->day > mdays[d->month - 1] + (d->month == 2 && leap(d->year)))
		return -1;
	return 0;
}

/*
 * Parses a 24-hour "HH:MM" (or "H:MM") into minutes after midnight.
 * Returns 0, or -1 when s is not one.
 */
int
time_parse(const char *s, int *minutes)
{
	int	 h, m;
	size_t	 n = strlen(s);

	if (n == 4 && s[1] == ':' && s[0] >= '0' && s[0] <= '9')
		h = s[0] - '0', s += 2;
	else if (n == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' &&
	    s[1] >= '0' && s[1] <= '9')
		h = (s[0] - '0') * 10 + s[1] - '0', s += 3;
	else
		return -1;
	if (s[0] < '0' || s[0] > '5' || s[1] < '0' || s[1] > '9' || h > 23)
		return -1;
	m = (s[0] - '0') * 10 + s[1] - '0';
	*minutes = h * 60 + m;
	return 0;
}

/* Returns the day of the week of d, 0 for Monday to 6 for Sunday. */
int
date_weekday(const struct date *d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int	 y = d->year - (d->month < 3);

	/* Sakamoto's method gives 0 for Sunday. */
	return ((y + y / 4 - y / 100 + y / 400 + t[d->month - 1] + d->day) %
	    7 + 6) % 7;
}
