/* test_value.c: the value tree and YAML core-schema scalars. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "buffer.h"
#include "value.h"

static struct value *
sc(struct arena *a, const char *s)
{
	return value_scalar(a, s, strlen(s));
}

static void
test_scalar_types(void **state)
{
	struct arena	*a = arena_new();
	static const char *nulls[] = { "", "~", "null", "Null", "NULL" };
	static const char *strs[] = { "yes", "no", "on", "nul", "1.2.3",
	    "0x", "0o9", "12abc", "2025-08-10", "9.1/10", ".", "-", "1e",
	    "+-1", "0b101" };
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		assert_int_equal(sc(a, nulls[i])->type, VALUE_NULL);
	assert_int_equal(sc(a, "true")->u.boolean, 1);
	assert_int_equal(sc(a, "TRUE")->type, VALUE_BOOL);
	assert_int_equal(sc(a, "False")->u.boolean, 0);
	assert_int_equal(sc(a, "42")->u.integer, 42);
	assert_int_equal(sc(a, "-17")->u.integer, -17);
	assert_int_equal(sc(a, "+3")->u.integer, 3);
	assert_int_equal(sc(a, "0o17")->u.integer, 15);
	assert_int_equal(sc(a, "0x1F")->u.integer, 31);
	assert_int_equal(sc(a, "1.5")->type, VALUE_FLOAT);
	assert_true(sc(a, "1.5")->u.number == 1.5);
	assert_true(sc(a, ".5")->u.number == 0.5);
	assert_true(sc(a, "1e3")->u.number == 1000.0);
	assert_true(sc(a, "-2.5E-1")->u.number == -0.25);
	assert_true(isinf(sc(a, "-.inf")->u.number));
	assert_true(isnan(sc(a, ".nan")->u.number));
	assert_int_equal(sc(a, "99999999999999999999")->type, VALUE_FLOAT);
	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		assert_int_equal(sc(a, strs[i])->type, VALUE_STRING);
		assert_string_equal(sc(a, strs[i])->u.str.ptr, strs[i]);
	}
	arena_free(a);
}

static void
test_map_order_and_lookup(void **state)
{
	struct arena	*a = arena_new();
	struct value	*m = value_new_map(a);
	char		 k[16];
	int		 i;

	(void)state;
	/* Past the size where the hash index starts. */
	for (i = 0; i < 100; i++) {
		snprintf(k, sizeof(k), "key%d", 99 - i);
		value_map_set(a, m, k, value_new_int(a, i));
	}
	assert_int_equal(m->u.map.len, 100);
	assert_string_equal(m->u.map.pairs[0].key->u.str.ptr, "key99");
	assert_string_equal(m->u.map.pairs[99].key->u.str.ptr, "key0");
	for (i = 0; i < 100; i++) {
		snprintf(k, sizeof(k), "key%d", i);
		assert_int_equal(value_map_getc(m, k)->u.integer, 99 - i);
	}
	assert_null(value_map_getc(m, "nope"));
	value_map_set(a, m, "key5", value_new_cstr(a, "x"));
	assert_int_equal(m->u.map.len, 100);
	assert_string_equal(value_cstr(value_map_getc(m, "key5")), "x");
	assert_null(value_map_getc(value_new_seq(a), "key5"));
	arena_free(a);
}

static void
test_seq_and_truthy(void **state)
{
	struct arena	*a = arena_new();
	struct value	*s = value_new_seq(a);
	int		 i;

	(void)state;
	assert_false(value_truthy(s));
	for (i = 0; i < 1000; i++)
		value_seq_push(a, s, value_new_int(a, i));
	assert_int_equal(s->u.seq.len, 1000);
	assert_int_equal(s->u.seq.items[999]->u.integer, 999);
	assert_true(value_truthy(s));
	assert_false(value_truthy(NULL));
	assert_false(value_truthy(value_new(a, VALUE_NULL)));
	assert_false(value_truthy(value_new_bool(a, 0)));
	assert_true(value_truthy(value_new_int(a, 0)));
	assert_true(value_truthy(value_new_map(a)));
	arena_free(a);
}

static void
test_scalar_text(void **state)
{
	struct arena	*a = arena_new();
	struct buf	 b = BUF_INIT;

	(void)state;
	value_put_scalar(&b, value_new_float(a, 1.210));
	buf_putc(&b, ' ');
	value_put_scalar(&b, value_new_float(a, 2.0));
	buf_putc(&b, ' ');
	value_put_scalar(&b, value_new_float(a, 0.1));
	buf_putc(&b, ' ');
	value_put_scalar(&b, value_new_int(a, -5));
	buf_putc(&b, ' ');
	value_put_scalar(&b, value_new_bool(a, 1));
	buf_putc(&b, ' ');
	value_put_scalar(&b, value_new(a, VALUE_NULL));
	buf_putc(&b, '|');
	value_put_scalar(&b, value_new_float(a, 1e21));
	assert_string_equal(buf_cstr(&b), "1.21 2 0.1 -5 true |1e+21");
	buf_free(&b);
	arena_free(a);
}

static void
test_buffer_and_arena(void **state)
{
	struct buf	 b = BUF_INIT;
	struct arena	*a = arena_new();
	char		*big, *p;
	size_t		 n;
	int		 i;

	(void)state;
	assert_string_equal(buf_cstr(&b), "");
	for (i = 0; i < 10000; i++)
		buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 20000);
	buf_reset(&b);
	buf_put_html(&b, "<a href='x'>&\"</a>", 18);
	assert_string_equal(buf_cstr(&b),
	    "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
	p = buf_detach(&b, &n);
	assert_int_equal(n, strlen(p));
	free(p);
	assert_null(b.data);
	buf_free(NULL);

	big = arena_alloc(a, 1 << 20);
	memset(big, 'x', 1 << 20);
	for (i = 0; i < 100000; i++)
		assert_non_null(arena_alloc(a, 24));
	assert_string_equal(arena_printf(a, "%s-%d", "a", 7), "a-7");
	assert_true(arena_used(a) >= (1 << 20) + 2400000);
	arena_reset(a);
	assert_int_equal(arena_used(a), 0);
	assert_string_equal(arena_strndup(a, "hello", 4), "hell");
	arena_free(a);
	arena_free(NULL);
}

/*
 * Numbers are written with the fewest digits that read back the same:
 * the search for them is checked against trying every precision, on
 * numbers people write and on 100,000 random bit patterns.
 */
static void
test_number_digits(void **state)
{
	static const double some[] = { 1.21, 0.1, 1.0 / 3, 2.5e-300,
	    8.888888888888888e59, 123456.789, -0.000123, 1e21, 20.0, -0.5,
	    3.14159265358979, 1.7976931348623157e308, 5e-324, 1e15, 1e15 + 0.5 };
	char		 got[40], want[40];
	uint64_t	 x = 88172645463325252ull;
	double		 d;
	size_t		 i;
	int		 p;

	(void)state;
	for (i = 0; i < 100000 + sizeof(some) / sizeof(some[0]); i++) {
		if (i < sizeof(some) / sizeof(some[0]))
			d = some[i];
		else {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			memcpy(&d, &x, sizeof(d));
			if (!isfinite(d))
				continue;
		}
		value_format_number(got, d);
		if (d == floor(d) && fabs(d) < 1e15)
			snprintf(want, sizeof(want), "%.0f", d);
		else
			for (p = 1; p <= 17; p++) {
				snprintf(want, sizeof(want), "%.*g", p, d);
				if (strtod(want, NULL) == d)
					break;
			}
		assert_string_equal(got, want);
	}
	value_format_number(got, 1.210);
	assert_string_equal(got, "1.21");
	value_format_number(got, 0.0 / 0.0);
	assert_string_equal(got, ".nan");
	value_format_number(got, -1.0 / 0.0);
	assert_string_equal(got, "-.inf");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalar_types),
		cmocka_unit_test(test_map_order_and_lookup),
		cmocka_unit_test(test_seq_and_truthy),
		cmocka_unit_test(test_scalar_text),
		cmocka_unit_test(test_number_digits),
		cmocka_unit_test(test_buffer_and_arena),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
