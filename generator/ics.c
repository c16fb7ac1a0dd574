/*
 * ics.c: RFC 5545 calendars: CRLF line endings, lines folded at 75
 * octets, escaped text, a VTIMEZONE for the TZID used, and DTSTAMP taken
 * from the input (the interview date), never from the clock, so the
 * same input gives the same bytes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buffer.h"
#include "ics.h"

#define FOLD	75

/*
 * Appends one content line, folded so that no physical line passes 75
 * octets and no UTF-8 sequence is split, then CRLF.
 */
static void
line(struct buf *b, const char *s, size_t n)
{
	size_t	 width = 0, i, k;

	for (i = 0; i < n; i += k) {
		k = 1;
		while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		if (width + k > FOLD) {
			buf_put(b, "\r\n ", 3);
			width = 1;
		}
		buf_put(b, s + i, k);
		width += k;
	}
	buf_put(b, "\r\n", 2);
}

/* Appends TEXT with RFC 5545 escapes; drops other control characters. */
static void
text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\': buf_puts(b, "\\\\"); break;
		case ';': buf_puts(b, "\\;"); break;
		case ',': buf_puts(b, "\\,"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': break;
		default:
			if ((unsigned char)*s >= 0x20 && *s != 0x7f)
				buf_putc(b, *s);
		}
	}
}

/* Appends a property whose value is TEXT. */
static void
prop_text(struct buf *b, struct buf *tmp, const char *name, const char *val)
{
	buf_reset(tmp);
	buf_puts(tmp, name);
	buf_putc(tmp, ':');
	text(tmp, val);
	line(b, tmp->data, tmp->len);
}

static void
prop(struct buf *b, struct buf *tmp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
prop(struct buf *b, struct buf *tmp, const char *fmt, ...)
{
	va_list	 ap;

	buf_reset(tmp);
	va_start(ap, fmt);
	buf_vprintf(tmp, fmt, ap);
	va_end(ap);
	line(b, tmp->data, tmp->len);
}

static void
offset_text(char *out, size_t n, int off)
{
	int	 a = off < 0 ? -off : off;

	snprintf(out, n, "%c%02d%02d", off < 0 ? '-' : '+', a / 60, a % 60);
}

/* Returns whether the name is safe to put in a parameter value as is. */
static int
param_safe(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '"' || *s == ';' || *s == ':' || *s == ',' ||
		    (unsigned char)*s < 0x20)
			return 0;
	return 1;
}

/*
 * Appends a VCALENDAR named name with one VEVENT per event, local times
 * in time zone tzid. Returns 0, or -1 when the zone cannot be used.
 */
int
ics_write(struct buf *b, const char *name, const char *tzid,
    const struct ics_event *ev, size_t n)
{
	struct buf	 tmp = BUF_INIT;
	char		 off[16], abbr[16];
	int		 minutes, end, days;
	size_t		 i;

	if (n > 0 && tz_offset(tzid, &ev[0].date, ev[0].start, &minutes,
	    abbr, sizeof(abbr)) != 0)
		return -1;
	prop(b, &tmp, "BEGIN:VCALENDAR");
	prop(b, &tmp, "VERSION:2.0");
	prop(b, &tmp, "PRODID:-//kitgen//kitgen " KITGEN_VERSION "//EN");
	prop(b, &tmp, "CALSCALE:GREGORIAN");
	prop(b, &tmp, "METHOD:PUBLISH");
	prop_text(b, &tmp, "X-WR-CALNAME", name);
	if (n > 0) {
		/*
		 * One observance with the offset in force on the day: every
		 * event is on that day, so that is all a client needs.
		 */
		offset_text(off, sizeof(off), minutes);
		prop(b, &tmp, "BEGIN:VTIMEZONE");
		prop_text(b, &tmp, "TZID", tzid);
		prop(b, &tmp, "BEGIN:STANDARD");
		prop(b, &tmp, "DTSTART:19700101T000000");
		prop(b, &tmp, "TZOFFSETFROM:%s", off);
		prop(b, &tmp, "TZOFFSETTO:%s", off);
		if (abbr[0] != '\0')
			prop_text(b, &tmp, "TZNAME", abbr);
		prop(b, &tmp, "END:STANDARD");
		prop(b, &tmp, "END:VTIMEZONE");
	}
	for (i = 0; i < n; i++) {
		const struct ics_event *e = &ev[i];

		prop(b, &tmp, "BEGIN:VEVENT");
		prop_text(b, &tmp, "UID", e->uid);
		prop(b, &tmp, "DTSTAMP:%04d%02d%02dT000000Z", e->date.year,
		    e->date.month, e->date.day);
		prop(b, &tmp, "DTSTART;TZID=%s:%04d%02d%02dT%02d%02d00", tzid,
		    e->date.year, e->date.month, e->date.day, e->start / 60,
		    e->start % 60);
		end = e->start + e->minutes;
		days = end / (24 * 60);
		if (days == 0)
			prop(b, &tmp, "DTEND;TZID=%s:%04d%02d%02dT%02d%02d00",
			    tzid, e->date.year, e->date.month, e->date.day,
			    end / 60, end % 60);
		else
			prop(b, &tmp, "DURATION:PT%dH%dM", e->minutes / 60,
			    e->minutes % 60);
		prop_text(b, &tmp, "SUMMARY", e->summary);
		if (e->location != NULL && *e->location != '\0')
			prop_text(b, &tmp, "LOCATION", e->location);
		if (e->description != NULL && *e->description != '\0')
			prop_text(b, &tmp, "DESCRIPTION", e->description);
		if (e->url != NULL && *e->url != '\0')
			prop(b, &tmp, "URL:%s", e->url);
		if (e->email != NULL && *e->email != '\0') {
			if (e->attendee != NULL && param_safe(e->attendee))
				prop(b, &tmp, "ATTENDEE;CN=\"%s\";ROLE=CHAIR:"
				    "mailto:%s", e->attendee, e->email);
			else
				prop(b, &tmp, "ATTENDEE;ROLE=CHAIR:mailto:%s",
				    e->email);
		}
		prop(b, &tmp, "END:VEVENT");
	}
	prop(b, &tmp, "END:VCALENDAR");
	buf_free(&tmp);
	return 0;
}
