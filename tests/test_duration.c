/* test_duration.c: durations as people write them, and what is not one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "buffer.h"
#include "duration.h"

/* The duration duration_in finds in s, as "min-max", or "none". */
static const char *
found(const char *s)
{
	static char		 out[64];
	struct duration_match	 m;

	if (!duration_in(s, strlen(s), &m))
		return "none";
	snprintf(out, sizeof(out), "%u-%u", m.m.min, m.m.max);
	return out;
}

/* The text duration_in matched in s. */
static const char *
matched(const char *s)
{
	static char		 out[128];
	struct duration_match	 m;

	if (!duration_in(s, strlen(s), &m))
		return "";
	snprintf(out, sizeof(out), "%.*s", (int)(m.end - m.start),
	    s + m.start);
	return out;
}

static void
test_forms(void **state)
{
	(void)state;
	assert_string_equal(found("60 minutes"), "60-60");
	assert_string_equal(found("Session 1: BEI - 60 minutes"), "60-60");
	assert_string_equal(found("Intro (45 min)"), "45-45");
	assert_string_equal(found("45 mins"), "45-45");
	assert_string_equal(found("45min"), "45-45");
	assert_string_equal(found("45m"), "45-45");
	assert_string_equal(found("Wrap-up (5 Minutes)"), "5-5");
	assert_string_equal(found("1 minute"), "1-1");
	assert_string_equal(found("30-minutes"), "30-30");
	assert_string_equal(found("A 30-minute chat"), "30-30");
	assert_string_equal(found("45-Minute System Design"), "45-45");
	assert_string_equal(found("~5 min"), "5-5");
	assert_string_equal(found("(~ 5 min)"), "5-5");
	assert_string_equal(found("about 10 minutes"), "10-10");
	assert_string_equal(found("approx. 20 min"), "20-20");
	assert_string_equal(found("\xE2\x89\x88 15 min"), "15-15");
	assert_string_equal(matched("Intro (~5 min)"), "~5 min");
	assert_string_equal(matched("Intro (about 5 min)"), "about 5 min");
}

static void
test_hours(void **state)
{
	(void)state;
	assert_string_equal(found("1 hour"), "60-60");
	assert_string_equal(found("Design (1 hour)"), "60-60");
	assert_string_equal(found("2 hours"), "120-120");
	assert_string_equal(found("1.5 hours"), "90-90");
	assert_string_equal(found("1,5 hours"), "90-90");
	assert_string_equal(found("1\xC2\xBD hours"), "90-90");
	assert_string_equal(found("1 1/2 hours"), "90-90");
	assert_string_equal(found("4.25 hours"), "255-255");
	assert_string_equal(found("2 hrs"), "120-120");
	assert_string_equal(found("1 hr"), "60-60");
	assert_string_equal(found("1h"), "60-60");
	assert_string_equal(found("1.5h"), "90-90");
	assert_string_equal(found("1 hour 30 minutes"), "90-90");
	assert_string_equal(found("1 hour and 15 minutes"), "75-75");
	assert_string_equal(found("1h30"), "90-90");
	assert_string_equal(found("1h 30m"), "90-90");
	assert_string_equal(found("2-hour"), "120-120");
	assert_string_equal(found("an hour"), "60-60");
	assert_string_equal(found("one hour"), "60-60");
	assert_string_equal(found("half an hour"), "30-30");
	assert_string_equal(found("a half-hour chat"), "30-30");
	assert_string_equal(found("one and a half hours"), "90-90");
	assert_string_equal(found("ninety minutes"), "90-90");
	assert_string_equal(matched("Deep dive - 1 hour 30 minutes"),
	    "1 hour 30 minutes");
}

static void
test_ranges(void **state)
{
	(void)state;
	assert_string_equal(found("(35\xE2\x80\x93" "45 mins)"), "35-45");
	assert_string_equal(found("2-3 minutes"), "2-3");
	assert_string_equal(found("2 - 3 minutes"), "2-3");
	assert_string_equal(found("20\xE2\x80\x94" "25 min"), "20-25");
	assert_string_equal(found("10 to 15 minutes"), "10-15");
	assert_string_equal(found("4.5 - 5 hours"), "270-300");
	assert_string_equal(found("1-1.5 hours"), "60-90");
	assert_string_equal(found("3-6 hours"), "180-360");
	assert_string_equal(found("45 min \xE2\x80\x93 1 hour"), "45-60");
	assert_string_equal(found("30 min to 1 hr"), "30-60");
	assert_string_equal(found("10:00\xE2\x80\x93" "10:45"), "45-45");
	assert_string_equal(found("9:30am - 11:00am"), "90-90");
	assert_string_equal(found("12:30 - 1:15"), "45-45");
	assert_string_equal(matched("Rapport (2\xE2\x80\x93" "3 mins)"),
	    "2\xE2\x80\x93" "3 mins");
	/* A numbered label is not the start of a range. */
	assert_string_equal(found("Round 2 - 45 minutes"), "45-45");
	assert_string_equal(found("Session 3 \xE2\x80\x93 10 minutes"),
	    "10-10");
	assert_string_equal(found("Part 1 - 60 minutes"), "60-60");
	assert_string_equal(found("Topic 12 - 45 minutes"), "45-45");
	assert_string_equal(found("Time: 4.5 - 5 hours"), "270-300");
	assert_string_equal(found("about 2 - 3 minutes"), "2-3");
}

static void
test_not_durations(void **state)
{
	(void)state;
	assert_string_equal(found("Preparation (30 minutes before)"), "none");
	assert_string_equal(found("Arrive 15 min early"), "none");
	assert_string_equal(found("Send notes within 24 hours"), "none");
	assert_string_equal(found("Check in every 10 minutes"), "none");
	assert_string_equal(found("Reply 2 hours after the call"), "none");
	assert_string_equal(found("Take-Home Review (Submitted Before)"),
	    "none");
	assert_string_equal(found("2 hours per day"), "none");
	assert_string_equal(found("10 minutes left"), "none");
	assert_string_equal(found("Score 3-5"), "none");
	assert_string_equal(found("1-5 scale"), "none");
	assert_string_equal(found("3 minimum"), "none");
	assert_string_equal(found("5 mountains"), "none");
	assert_string_equal(found("Hour 1: Coding"), "none");
	assert_string_equal(found("p95 latency"), "none");
	assert_string_equal(found("v1.5 hours"), "none");
	assert_string_equal(found("5 m"), "none");
	assert_string_equal(found("a few minutes"), "none");
	assert_string_equal(found("0 min"), "none");
	assert_string_equal(found("Time: 10:00"), "none");
	assert_string_equal(found("2024-03-05"), "none");
	assert_string_equal(found("30-60-90 day plan"), "none");
}

static void
test_positions(void **state)
{
	struct duration_match	 m;
	const char		*s;

	(void)state;
	/* The one at the end wins over one inside the title. */
	s = "A 30-minute debrief (5 min)";
	assert_true(duration_in(s, strlen(s), &m));
	assert_int_equal(m.m.min, 5);
	s = "Introductions (~5 min).";
	assert_true(duration_at_end(s, strlen(s), &m));
	assert_int_equal(m.m.max, 5);
	s = "Introductions (~5 min) with the panel";
	assert_false(duration_at_end(s, strlen(s), &m));
	s = "5 min: Introductions";
	assert_true(duration_at_start(s, strlen(s), &m));
	assert_int_equal(m.start, 0);
	assert_int_equal(m.end, 5);
	s = "(10 min) Coding";
	assert_true(duration_at_start(s, strlen(s), &m));
	assert_int_equal(m.m.min, 10);
}

static void
test_parse_and_format(void **state)
{
	struct minutes	 m;
	struct buf	 b = BUF_INIT;

	(void)state;
	assert_true(duration_parse("45", 2, &m));
	assert_int_equal(m.min, 45);
	assert_true(duration_parse("35-45", 5, &m));
	assert_int_equal(m.min, 35);
	assert_int_equal(m.max, 45);
	assert_true(duration_parse(" 60 min ", 8, &m));
	assert_int_equal(m.max, 60);
	assert_true(duration_parse("(1.5 hours)", 11, &m));
	assert_int_equal(m.max, 90);
	assert_false(duration_parse("soon", 4, &m));
	assert_false(duration_parse("45 min of coding", 16, &m));
	assert_false(duration_parse("", 0, &m));

	m.known = 1;
	m.min = m.max = 45;
	duration_format(&b, &m);
	assert_string_equal(buf_cstr(&b), "45 min");
	buf_reset(&b);
	m.min = 35;
	duration_format(&b, &m);
	assert_string_equal(buf_cstr(&b), "35\xE2\x80\x93" "45 min");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_not_durations),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_parse_and_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
