/* test_utf8.c: UTF-8 validation and repair. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "utf8.h"

static char *
fix(const char *s, size_t n, struct utf8_report *r)
{
	size_t	 len;

	return utf8_sanitize(s, n, &len, r);
}

static void
test_valid_untouched(void **state)
{
	struct utf8_report r;
	const char	*ok = "plain \xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80 "
			    "\xEF\xBB\xBF";

	(void)state;
	/* A BOM at the start is valid; one later is not. */
	assert_null(fix("\xEF\xBB\xBFok", 5, &r));
	assert_int_equal(utf8_valid_prefix(ok, strlen(ok)), strlen(ok) - 3);
	assert_int_equal(utf8_valid_prefix("abc", 3), 3);
}

static void
test_repairs(void **state)
{
	static const struct {
		const char	*in;
		size_t		 n;
		const char	*out;
		size_t		 invalid, nuls, boms;
		unsigned	 line, col;
	} cases[] = {
		/* stray continuation byte */
		{ "a\x80z", 3, "a\xEF\xBF\xBDz", 1, 0, 0, 1, 2 },
		/* overlong "/" */
		{ "x\n\xC0\xAFy", 5, "x\n\xEF\xBF\xBDy", 1, 0, 0, 2, 1 },
		/* encoded surrogate U+D800 */
		{ "\xED\xA0\x80", 3, "\xEF\xBF\xBD", 1, 0, 0, 1, 1 },
		/* past U+10FFFF */
		{ "\xF4\x90\x80\x80!", 5, "\xEF\xBF\xBD!", 1, 0, 0, 1, 1 },
		/* truncated at the end */
		{ "ab\xE2\x80", 4, "ab\xEF\xBF\xBD", 1, 0, 0, 1, 3 },
		/* NUL byte */
		{ "a\0b", 3, "a\xEF\xBF\xBD" "b", 0, 1, 0, 1, 2 },
		/* BOM in the middle */
		{ "\xC3\xA9\xEF\xBB\xBFx", 6, "\xC3\xA9x", 0, 0, 1, 1, 2 },
		/* Latin-1 text */
		{ "caf\xE9 ok", 7, "caf\xEF\xBF\xBD ok", 1, 0, 0, 1, 4 },
	};
	struct utf8_report r;
	size_t		 i, len;
	char		*out;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out = utf8_sanitize(cases[i].in, cases[i].n, &len, &r);
		assert_non_null(out);
		assert_int_equal(len, strlen(cases[i].out));
		assert_memory_equal(out, cases[i].out, len);
		assert_int_equal(r.invalid, cases[i].invalid);
		assert_int_equal(r.nuls, cases[i].nuls);
		assert_int_equal(r.boms, cases[i].boms);
		assert_int_equal(r.line, cases[i].line);
		assert_int_equal(r.col, cases[i].col);
		assert_int_equal(utf8_valid_prefix(out, len), len);
		free(out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_untouched),
		cmocka_unit_test(test_repairs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
