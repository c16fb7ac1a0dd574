/* test_candidate.c: reading and checking candidate files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "candidate.h"
#include "diagcap.h"
#include "yaml_load.h"

static int
parse(struct arena *a, const char *text, struct candidate *cd)
{
	struct value	*v = yaml_load(a, "c.yaml", text, strlen(text), 0);

	assert_non_null(v);
	return candidate_parse(a, "c.yaml", v, "UTC", cd);
}

static void
test_full(void **state)
{
	struct arena	*a = arena_new();
	struct candidate cd;

	(void)state;
	assert_int_equal(parse(a,
	    "id: ada-okafor\nname: Ada Okafor\nrole: Engineer\n"
	    "guide: backend\ndate: 2026-12-03\ntimezone: Europe/London\n"
	    "location: London\nlinks:\n  CV: https://example.com/cv.pdf\n"
	    "  Mail: mailto:ada@example.com\nsummary: Likes **tests**.\n"
	    "panel:\n  - session: coding\n    interviewer: Priya\n"
	    "    email: priya@example.com\n    start: \"09:30\"\n"
	    "    room: Kew\n    focus: Queues\n    probes: [Why?, How?]\n"
	    "  - session: 2\nscores:\n  coding:\n    Correctness: 4\n"
	    "    Testing: 3.5\n    recommendation: Hire\n", &cd), 0);
	assert_string_equal(diagcap(), "");
	assert_string_equal(cd.id, "ada-okafor");
	assert_string_equal(cd.timezone, "Europe/London");
	assert_int_equal(cd.date.day, 3);
	assert_int_equal(cd.n_links, 2);
	assert_string_equal(cd.links[1].label, "Mail");
	assert_int_equal(cd.n_slots, 2);
	assert_int_equal(cd.slots[0].start, 570);
	assert_int_equal(cd.slots[0].n_probes, 2);
	assert_string_equal(cd.slots[1].session_ref, "2");
	assert_int_equal(cd.slots[1].start, -1);
	assert_int_equal(cd.n_scores, 1);
	assert_int_equal(cd.scores[0].n_scores, 2);
	assert_true(cd.scores[0].scores[1].rating == 3.5);
	assert_string_equal(cd.scores[0].recommendation, "Hire");
	arena_free(a);
}

static void
test_every_problem_reported(void **state)
{
	struct arena	*a = arena_new();
	struct candidate cd;

	(void)state;
	assert_int_equal(parse(a,
	    "id: ../Etc\nrole: 7\nguide: x\ndate: 2026-02-30\n"
	    "timezone: Mars/Base\nlinks:\n  Evil: javascript:alert(5)\n"
	    "  Ok: https://example.com\npanel:\n  - interviewer: P\n"
	    "    start: \"25:00\"\n    email: not-an-address\n"
	    "    colour: red\nscores:\n  coding:\n    A: high\n"
	    "shoe_size: 9\n", &cd), -1);
	assert_string_equal(diagcap(),
	    "c.yaml:17:1: warning: unknown key 'shoe_size' in a candidate file\n"
	    "c.yaml:1:5: error: id '../Etc' must be 1 to 64 of a-z, 0-9, '_' "
	    "and '-', starting with a letter or digit\n"
	    "c.yaml:1:1: error: missing required key 'name'\n"
	    "c.yaml:2:7: error: 'role' must be text, not an integer (quote it)\n"
	    "c.yaml:4:7: error: date '2026-02-30' is not a date as YYYY-MM-DD\n"
	    "c.yaml:5:11: error: unknown time zone 'Mars/Base' (an IANA name "
	    "such as Europe/London)\n"
	    "c.yaml:7:9: error: link 'Evil' must be an http, https or mailto "
	    "URL\n"
	    "c.yaml:13:5: warning: unknown key 'colour' in a panel slot\n"
	    "c.yaml:10:5: error: missing required key 'session'\n"
	    "c.yaml:12:12: error: 'not-an-address' is not an e-mail address\n"
	    "c.yaml:11:12: error: start '25:00' is not a time of day as HH:MM\n"
	    "c.yaml:16:8: error: the rating of 'A' must be a number\n");
	arena_free(a);
}

static void
test_ids_and_urls(void **state)
{
	(void)state;
	assert_true(candidate_id_ok("a"));
	assert_true(candidate_id_ok("0-x_y"));
	assert_false(candidate_id_ok(""));
	assert_false(candidate_id_ok("-a"));
	assert_false(candidate_id_ok("A"));
	assert_false(candidate_id_ok("a/b"));
	assert_false(candidate_id_ok("a.b"));
	assert_true(candidate_id_ok("a123456789012345678901234567890123456789"
	    "012345678901234567890123"));
	assert_false(candidate_id_ok("a123456789012345678901234567890123456789"
	    "0123456789012345678901234"));
	assert_true(url_scheme_ok("https://example.com/x?y=1"));
	assert_true(url_scheme_ok("HTTP://example.com"));
	assert_true(url_scheme_ok("mailto:a@example.com"));
	assert_false(url_scheme_ok("javascript:alert(1)"));
	assert_false(url_scheme_ok(" javascript:alert(1)"));
	assert_false(url_scheme_ok("data:text/html,<script>"));
	assert_false(url_scheme_ok("https:///x"));
	assert_false(url_scheme_ok("https://exa mple.com"));
	assert_false(url_scheme_ok("https://e.com/\"onmouseover=x"));
	assert_false(url_scheme_ok("/relative"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_full, diagcap_start),
		cmocka_unit_test_setup(test_every_problem_reported,
		    diagcap_start),
		cmocka_unit_test(test_ids_and_urls),
	};

	return cmocka_run_group_tests(tests, NULL, diagcap_stop);
}
