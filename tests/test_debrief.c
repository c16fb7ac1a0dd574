/* test_debrief.c: averages, minimums and the deciding rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "debrief.h"

static struct arena *ar;

/* Returns the reason of r, in a sentence. */
static const char *
reason(const struct db_result *r)
{
	if (ar == NULL)
		ar = arena_new();
	return debrief_reason(r, ar);
}

static const struct db_rule rules[] = {
	{ "Strong Hire", 4.5, 4 },
	{ "Hire", 3.5, 3 },
	{ "No Hire", -1, -1 },
};

static void
test_weighted_and_rules(void **state)
{
	struct db_score a[] = {
		{ "Correctness", 4, 0.4, -1 },
		{ "Quality", 4, 0.3, -1 },
		{ "Testing", 5, 0.3, -1 },
	};
	struct db_score b[] = { { "Design", 3, -1, -1 }, { "Comms", 4, -1, -1 } };
	struct db_session ss[] = {
		{ "Coding", a, 3, 0.6, 3 },
		{ "Design", b, 2, 0.4, 3 },
		{ "Unscored", NULL, 0, 0.2, -1 },
	};
	struct db_result r;

	(void)state;
	debrief_compute(ss, 3, rules, 3, 3.5, &r);
	assert_true(r.averages[0] > 4.29 && r.averages[0] < 4.31);
	assert_true(r.averages[1] == 3.5);
	assert_true(r.averages[2] < 0);
	assert_true(r.weights_used);
	/* (4.3 * 0.6 + 3.5 * 0.4) / 1.0 */
	assert_true(r.weighted > 3.979 && r.weighted < 3.981);
	assert_true(r.lowest == 3);
	assert_int_equal(r.n_missed, 0);
	assert_int_equal(r.decided, 1);
	assert_string_equal(r.label, "Hire");
	assert_int_equal(r.passes_mark, 1);
	assert_non_null(strstr(reason(&r), "3.98 is at least 3.5 and no score "
	    "is below 3"));
	debrief_free(&r);
}

static void
test_pass_mark_and_minimums(void **state)
{
	struct db_score a[] = { { "X", 5, -1, 4 }, { "Y", 3, -1, 4 } };
	struct db_score b[] = { { "Z", 2, -1, -1 } };
	struct db_session ss[] = { { "One", a, 2, -1, -1 } };
	struct db_session low[] = { { "Low", b, 1, -1, -1 } };
	struct db_result r;

	(void)state;
	debrief_compute(ss, 1, rules, 3, -1, &r);
	assert_int_equal(r.n_missed, 1);
	assert_string_equal(r.missed[0].criterion, "Y");
	assert_string_equal(r.label, "No Hire");
	assert_int_equal(r.decided, 2);
	assert_non_null(strstr(reason(&r), "1 minimum score was missed"));
	assert_int_equal(r.passes_mark, -1);
	debrief_free(&r);

	debrief_compute(low, 1, rules, 3, 3.5, &r);
	assert_int_equal(r.passes_mark, 0);
	assert_string_equal(r.label, "No Hire");
	assert_non_null(strstr(reason(&r), "below the pass mark of 3.5"));
	debrief_free(&r);

	/* Without a fallback rule the last rule stands. */
	debrief_compute(low, 1, rules, 2, -1, &r);
	assert_string_equal(r.label, "Hire");
	assert_int_equal(r.decided, 1);
	debrief_free(&r);

	debrief_compute(ss, 0, rules, 3, -1, &r);
	assert_string_equal(r.label, "Not scored");
	debrief_free(&r);
}

static void
test_equal_weights_and_strong(void **state)
{
	struct db_score a[] = { { "X", 5, -1, -1 } };
	struct db_score b[] = { { "Y", 4, -1, -1 } };
	struct db_session ss[] = { { "A", a, 1, 0.9, -1 }, { "B", b, 1, -1, -1 } };
	struct db_result r;

	(void)state;
	/* One session has no weight: all weigh the same. */
	debrief_compute(ss, 2, rules, 3, -1, &r);
	assert_false(r.weights_used);
	assert_true(r.weighted == 4.5);
	assert_string_equal(r.label, "Strong Hire");
	debrief_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weighted_and_rules),
		cmocka_unit_test(test_pass_mark_and_minimums),
		cmocka_unit_test(test_equal_weights_and_strong),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
