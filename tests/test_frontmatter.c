/* test_frontmatter.c: splitting front matter from the body. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "diagcap.h"
#include "frontmatter.h"
#include "value.h"

static int
parse(struct arena *a, const char *text, struct frontmatter *fm)
{
	return frontmatter_parse(a, "g.md", text, strlen(text), fm);
}

static void
test_plain_and_none(void **state)
{
	struct arena		*a = arena_new();
	struct frontmatter	 fm;

	(void)state;
	assert_int_equal(parse(a, "---\ntitle: Loop\nid: loop\n---\n# Hi\n",
	    &fm), 0);
	assert_true(fm.present);
	assert_string_equal(value_cstr(value_map_getc(fm.meta, "title")),
	    "Loop");
	assert_int_equal(value_map_getc(fm.meta, "id")->line, 3);
	assert_int_equal(fm.body_line, 5);
	assert_string_equal(fm.body, "# Hi\n");

	assert_int_equal(parse(a, "# No front matter\n", &fm), 0);
	assert_false(fm.present);
	assert_int_equal(fm.meta->type, VALUE_MAP);
	assert_int_equal(fm.meta->u.map.len, 0);
	assert_int_equal(fm.body_line, 1);
	assert_string_equal(fm.body, "# No front matter\n");

	/* A thematic break later in the file is not front matter. */
	assert_int_equal(parse(a, "text\n---\nmore\n", &fm), 0);
	assert_false(fm.present);
	/* "----" is not an opening line. */
	assert_int_equal(parse(a, "----\nx: 1\n----\n", &fm), 0);
	assert_false(fm.present);
	assert_string_equal(diagcap(), "");
	arena_free(a);
}

static void
test_bom_crlf_dots_empty(void **state)
{
	struct arena		*a = arena_new();
	struct frontmatter	 fm;

	(void)state;
	assert_int_equal(parse(a, "\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\n"
	    "Body\r\n", &fm), 0);
	assert_true(fm.present);
	assert_string_equal(value_cstr(value_map_getc(fm.meta, "title")), "A");
	assert_string_equal(fm.body, "Body\r\n");
	assert_int_equal(fm.body_line, 4);

	assert_int_equal(parse(a, "--- \ntitle: B\n...\nBody\n", &fm), 0);
	assert_string_equal(value_cstr(value_map_getc(fm.meta, "title")), "B");
	assert_string_equal(fm.body, "Body\n");

	assert_int_equal(parse(a, "---\n---\nBody\n", &fm), 0);
	assert_true(fm.present);
	assert_int_equal(fm.meta->u.map.len, 0);
	assert_int_equal(fm.body_line, 3);

	/* The closing line may be the last, without a newline. */
	assert_int_equal(parse(a, "---\nx: 1\n---", &fm), 0);
	assert_int_equal(fm.body_len, 0);
	assert_string_equal(diagcap(), "");
	arena_free(a);
}

static void
test_errors(void **state)
{
	struct arena		*a = arena_new();
	struct frontmatter	 fm;

	(void)state;
	assert_int_equal(parse(a, "---\ntitle: A\n# Body\n", &fm), -1);
	assert_string_equal(diagcap(), "g.md:1:1: error: front matter is not "
	    "closed: no '---' or '...' line after the opening '---'\n");

	diagcap_start(NULL);
	assert_int_equal(parse(a, "---\n- a\n- b\n---\n", &fm), -1);
	assert_string_equal(diagcap(), "g.md:2:1: error: front matter must be "
	    "a map of keys to values, not a list\n");

	diagcap_start(NULL);
	assert_int_equal(parse(a, "---\njust text\n---\n", &fm), -1);
	assert_true(diagcap_has("not a string"));

	/* YAML errors point at the file's lines. */
	diagcap_start(NULL);
	assert_int_equal(parse(a, "---\ntitle: A\ntags: [a\nx: 1\n---\n",
	    &fm), -1);
	assert_true(diagcap_has("g.md:4:2: error: YAML: did not find expected"));
	diagcap_start(NULL);
	assert_int_equal(parse(a, "---\na: 1\na: 2\n---\n", &fm), -1);
	assert_string_equal(diagcap(), "g.md:3:1: error: duplicate key 'a' "
	    "(first at line 2)\n");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_plain_and_none, diagcap_start),
		cmocka_unit_test_setup(test_bom_crlf_dots_empty, diagcap_start),
		cmocka_unit_test_setup(test_errors, diagcap_start),
	};

	return cmocka_run_group_tests(tests, NULL, diagcap_stop);
}
