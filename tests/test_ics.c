/* test_ics.c: calendar files and the time-zone and date helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "buffer.h"
#include "ics.h"
#include "tz.h"

static void
test_dates_and_times(void **state)
{
	struct date	 d;
	int		 m;

	(void)state;
	assert_int_equal(date_parse("2026-12-03", &d), 0);
	assert_int_equal(d.year, 2026);
	assert_int_equal(d.month, 12);
	assert_int_equal(d.day, 3);
	assert_int_equal(date_weekday(&d), 3);		/* a Thursday */
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(date_parse("2025-02-29", &d), -1);
	assert_int_equal(date_parse("2025-13-01", &d), -1);
	assert_int_equal(date_parse("2025-1-01", &d), -1);
	assert_int_equal(date_parse("03/12/2026", &d), -1);
	assert_int_equal(time_parse("09:30", &m), 0);
	assert_int_equal(m, 570);
	assert_int_equal(time_parse("9:05", &m), 0);
	assert_int_equal(m, 545);
	assert_int_equal(time_parse("23:59", &m), 0);
	assert_int_equal(time_parse("24:00", &m), -1);
	assert_int_equal(time_parse("12:60", &m), -1);
	assert_int_equal(time_parse("noon", &m), -1);
	assert_int_equal(time_parse("9.30", &m), -1);
}

static void
test_zones(void **state)
{
	struct date	 summer = { 2026, 7, 1 }, winter = { 2026, 12, 3 };
	int		 off;
	char		 abbr[16];

	(void)state;
	assert_true(tz_valid("UTC"));
	assert_true(tz_valid("Europe/London"));
	assert_true(tz_valid("America/New_York"));
	assert_false(tz_valid("Mars/Olympus_Mons"));
	assert_false(tz_valid("../../etc/passwd"));
	assert_false(tz_valid("/etc/localtime"));
	assert_false(tz_valid(""));
	assert_int_equal(tz_offset("Europe/London", &summer, 600, &off, abbr,
	    sizeof(abbr)), 0);
	assert_int_equal(off, 60);
	assert_string_equal(abbr, "BST");
	assert_int_equal(tz_offset("Europe/London", &winter, 600, &off, abbr,
	    sizeof(abbr)), 0);
	assert_int_equal(off, 0);
	assert_int_equal(tz_offset("Asia/Kolkata", &winter, 600, &off, NULL,
	    0), 0);
	assert_int_equal(off, 330);
	assert_int_equal(tz_offset("America/New_York", &winter, 600, &off,
	    NULL, 0), 0);
	assert_int_equal(off, -300);
}

static void
test_calendar(void **state)
{
	struct ics_event ev[2] = {
		{ "ada-okafor.coding@kitgen", { 2026, 12, 3 }, 570, 60,
		    "Interview: Ada Okafor, Coding; part 1", "Kew",
		    "Focus: tests\nBring a laptop", NULL, "Priya Raman",
		    "priya@example.com" },
		{ "ada-okafor.design@kitgen", { 2026, 12, 3 }, 23 * 60 + 30,
		    60, "Late \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
		    "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", NULL, NULL,
		    "https://kits.example.com/candidates/ada-okafor/design/"
		    "cheatsheet.html", "Bad \"name\"", "t@example.com" },
	};
	struct buf	 b = BUF_INIT;
	const char	*s, *p, *q;

	(void)state;
	assert_int_equal(ics_write(&b, "Interviews: Ada Okafor",
	    "Europe/London", ev, 2), 0);
	s = buf_cstr(&b);
	assert_non_null(strstr(s, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
	assert_non_null(strstr(s, "TZID:Europe/London\r\n"));
	assert_non_null(strstr(s, "TZOFFSETTO:+0000\r\n"));
	assert_non_null(strstr(s, "DTSTAMP:20261203T000000Z\r\n"));
	assert_non_null(strstr(s,
	    "DTSTART;TZID=Europe/London:20261203T093000\r\n"));
	assert_non_null(strstr(s,
	    "DTEND;TZID=Europe/London:20261203T103000\r\n"));
	assert_non_null(strstr(s, "DURATION:PT1H0M\r\n"));
	assert_non_null(strstr(s, "SUMMARY:Interview: Ada Okafor\\, Coding\\; "
	    "part 1\r\n"));
	assert_non_null(strstr(s, "DESCRIPTION:Focus: tests\\nBring a "
	    "laptop\r\n"));
	assert_non_null(strstr(s, "ATTENDEE;CN=\"Priya Raman\";ROLE=CHAIR:"
	    "mailto:priya@example.com\r\n"));
	assert_non_null(strstr(s, "ATTENDEE;ROLE=CHAIR:mailto:t@example.com"));
	assert_non_null(strstr(s, "URL:https://kits.example.com/candidates/"
	    "ada-okafor/design/cheatsheet.html\r\n"));
	/* The long summary is folded, with a space starting the next line. */
	assert_non_null(strstr(s, "SUMMARY:Late \xC3\xA9"));
	assert_non_null(strstr(s, "\xC3\xA9\r\n \xC3\xA9"));
	/* Every line ends in CRLF, none passes 75 octets, no bare LF. */
	for (p = s; *p != '\0'; p = q + 2) {
		q = strstr(p, "\r\n");
		assert_non_null(q);
		assert_true(q - p <= 75);
		assert_null(memchr(p, '\n', (size_t)(q - p)));
		/* A fold never splits a UTF-8 sequence. */
		if (*p == ' ')
			assert_true(((unsigned char)p[1] & 0xC0) != 0x80);
	}
	assert_int_equal(strcmp(s + b.len - 15, "END:VCALENDAR\r\n"), 0);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_and_times),
		cmocka_unit_test(test_zones),
		cmocka_unit_test(test_calendar),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
