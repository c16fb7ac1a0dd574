/* test_yaml_load.c: the YAML loader: types, anchors, limits, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "arena.h"
#include "diagcap.h"
#include "value.h"
#include "yaml_load.h"

static struct value *
load(struct arena *a, const char *text)
{
	return yaml_load(a, "t.yaml", text, strlen(text), 0);
}

static void
test_types_and_positions(void **state)
{
	struct arena	*a = arena_new();
	struct value	*v, *x;

	(void)state;
	v = load(a, "name: Ada\nage: 36\nq: \"36\"\ns: '1.5'\nf: 1.5\n"
	    "b: true\nn: ~\nlist:\n  - 1\n  - two\nflow: {k: [a, b]}\n");
	assert_non_null(v);
	assert_int_equal(v->type, VALUE_MAP);
	assert_int_equal(v->u.map.len, 9);
	assert_string_equal(v->u.map.pairs[0].key->u.str.ptr, "name");
	x = value_map_getc(v, "age");
	assert_int_equal(x->type, VALUE_INT);
	assert_int_equal(x->line, 2);
	assert_int_equal(x->col, 6);
	assert_string_equal(x->file, "t.yaml");
	assert_int_equal(value_map_getc(v, "q")->type, VALUE_STRING);
	assert_int_equal(value_map_getc(v, "s")->type, VALUE_STRING);
	assert_int_equal(value_map_getc(v, "f")->type, VALUE_FLOAT);
	assert_int_equal(value_map_getc(v, "b")->type, VALUE_BOOL);
	assert_int_equal(value_map_getc(v, "n")->type, VALUE_NULL);
	x = value_map_getc(v, "list");
	assert_int_equal(x->u.seq.len, 2);
	assert_int_equal(x->u.seq.items[1]->line, 10);
	assert_int_equal(x->u.seq.items[1]->col, 5);
	x = value_map_getc(value_map_getc(v, "flow"), "k");
	assert_string_equal(x->u.seq.items[1]->u.str.ptr, "b");
	/* Key positions too. */
	assert_int_equal(v->u.map.pairs[2].key->line, 3);
	assert_int_equal(v->u.map.pairs[2].key->col, 1);
	assert_string_equal(diagcap(), "");
	arena_free(a);
}

static void
test_tags_and_empty(void **state)
{
	struct arena	*a = arena_new();
	struct value	*v;

	(void)state;
	v = load(a, "a: !!str 12\nb: !!float 3\nc: !!int x\n");
	assert_null(v);
	assert_true(diagcap_has("t.yaml:3:4: error: 'x' does not match its "
	    "tag !!int"));
	diagcap_start(NULL);
	v = load(a, "a: !!str 12\nb: !!float 3\n");
	assert_int_equal(value_map_getc(v, "a")->type, VALUE_STRING);
	assert_int_equal(value_map_getc(v, "b")->type, VALUE_FLOAT);
	v = load(a, "");
	assert_int_equal(v->type, VALUE_NULL);
	v = load(a, "# only a comment\n");
	assert_int_equal(v->type, VALUE_NULL);
	v = load(a, "1: one\n1.0: x\n");
	assert_string_equal(v->u.map.pairs[0].key->u.str.ptr, "1");
	assert_string_equal(v->u.map.pairs[1].key->u.str.ptr, "1.0");
	arena_free(a);
}

static void
test_anchors_and_merge(void **state)
{
	struct arena	*a = arena_new();
	struct value	*v, *x;

	(void)state;
	v = load(a, "base: &b {room: A, floor: 2}\n"
	    "one: *b\n"
	    "two:\n  <<: *b\n  room: B\n"
	    "three:\n  room: C\n  <<: [*b]\n");
	assert_non_null(v);
	assert_ptr_equal(value_map_getc(v, "one"), value_map_getc(v, "base"));
	x = value_map_getc(v, "two");
	assert_string_equal(value_cstr(value_map_getc(x, "room")), "B");
	assert_int_equal(value_map_getc(x, "floor")->u.integer, 2);
	x = value_map_getc(v, "three");
	assert_string_equal(value_cstr(value_map_getc(x, "room")), "C");
	assert_int_equal(x->u.map.len, 2);
	assert_string_equal(diagcap(), "");
	arena_free(a);
}

/*
 * A name may be anchored again: an alias means the latest in the text,
 * and a collection still gets its anchor when its items reuse the name.
 * Many anchors cost a hash lookup each, not a search.
 */
static void
test_anchor_names(void **state)
{
	struct arena	*a = arena_new();
	struct value	*v;
	struct buf	 b = BUF_INIT;
	time_t		 t0;
	int		 i;

	(void)state;
	v = load(a, "a: &x 1\nb: &x 2\nc: *x\n"
	    "d: &y [&y 3, *y]\ne: *y\n");
	assert_non_null(v);
	assert_int_equal(value_map_getc(v, "c")->u.integer, 2);
	assert_int_equal(value_map_getc(v, "d")->u.seq.items[1]->u.integer, 3);
	/* The latest anchor in the text is the inner one. */
	assert_int_equal(value_map_getc(v, "e")->u.integer, 3);
	assert_string_equal(diagcap(), "");

	buf_puts(&b, "a:\n");
	for (i = 0; i < 200000; i++)
		buf_printf(&b, "  - &a%d x\n", i);
	buf_puts(&b, "b:\n");
	for (i = 0; i < 200000; i++)
		buf_puts(&b, "  - *a0\n");
	t0 = time(NULL);
	v = load(a, buf_cstr(&b));
	assert_non_null(v);
	assert_int_equal(value_map_getc(v, "b")->u.seq.len, 200000);
	assert_true(time(NULL) - t0 < 10);
	buf_free(&b);
	arena_free(a);
}

static void
test_alias_errors(void **state)
{
	struct arena	*a = arena_new();
	struct buf	 b = BUF_INIT;
	int		 i;

	(void)state;
	assert_null(load(a, "a: *nope\n"));
	assert_true(diagcap_has("t.yaml:1:4: error: unknown alias '*nope'"));
	diagcap_start(NULL);
	assert_null(load(a, "a: &x [1, *x]\n"));
	assert_true(diagcap_has("refers to a node that contains it"));

	/* A billion laughs: 9 levels of 9 aliases each. */
	diagcap_start(NULL);
	buf_puts(&b, "l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
	for (i = 1; i <= 9; i++)
		buf_printf(&b, "l%d: &l%d [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, "
		    "*l%d, *l%d, *l%d]\n", i, i, i - 1, i - 1, i - 1, i - 1,
		    i - 1, i - 1, i - 1, i - 1, i - 1);
	assert_null(load(a, buf_cstr(&b)));
	assert_true(diagcap_has("aliases expand to more than 1000000 nodes"));
	assert_true(diagcap_has("t.yaml:7:"));
	buf_free(&b);
	arena_free(a);
}

static void
test_duplicates_all_reported(void **state)
{
	struct arena	*a = arena_new();

	(void)state;
	assert_null(load(a, "a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\n"));
	assert_string_equal(diagcap(),
	    "t.yaml:3:1: error: duplicate key 'a' (first at line 1)\n"
	    "t.yaml:6:3: error: duplicate key 'x' (first at line 5)\n");
	arena_free(a);
}

static void
test_syntax_errors(void **state)
{
	struct arena	*a = arena_new();
	struct buf	 b = BUF_INIT;
	int		 i;

	(void)state;
	assert_null(load(a, "a: [1, 2\nb: c\n"));
	assert_true(diagcap_has("t.yaml:2:2: error: YAML: did not find "
	    "expected ',' or ']' (while parsing a flow sequence at line 1)"));
	diagcap_start(NULL);
	assert_null(load(a, "a: 1\n---\nb: 2\n"));
	assert_true(diagcap_has("t.yaml:2:1: error: only one YAML document"));
	diagcap_start(NULL);
	assert_null(load(a, "a:\n\tb: 1\n"));
	assert_true(diagcap_has("t.yaml:2:1: error: YAML:"));
	diagcap_start(NULL);
	assert_null(yaml_load(a, "f.md", "x: [\n", 5, 1));
	assert_true(diagcap_has("f.md:3:1: error:"));
	diagcap_start(NULL);
	assert_null(load(a, "[a, b]: 1\n"));
	assert_true(diagcap_has("t.yaml:1:1: error: a mapping key must be a "
	    "scalar, not a list"));

	/* Nesting limit. */
	diagcap_start(NULL);
	for (i = 0; i < 100; i++)
		buf_putc(&b, '[');
	assert_null(load(a, buf_cstr(&b)));
	assert_true(diagcap_has("t.yaml:1:65: error: YAML nested deeper than 64 "
	    "levels"));
	buf_free(&b);
	arena_free(a);
}

static void
test_files(void **state)
{
	struct arena	*a = arena_new();
	char		 path[] = "/tmp/kitgen-yaml-XXXXXX";
	int		 fd;
	FILE		*f;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("name: \"Ad\xff\"\nteam: x\n", f);
	fclose(f);
	assert_non_null(yaml_load_file(a, path, 1024));
	assert_true(diagcap_has(":1:10: warning: invalid UTF-8: 1 sequence "
	    "replaced by U+FFFD"));
	diagcap_start(NULL);
	assert_null(yaml_load_file(a, path, 8));
	assert_true(diagcap_has(": error: file is 20 bytes, over the limit "
	    "of 8 bytes"));
	assert_int_equal(diag_exit_status(), 1);
	unlink(path);
	diagcap_start(NULL);
	assert_null(yaml_load_file(a, path, 1024));
	assert_true(diagcap_has("cannot open: No such file or directory"));
	assert_int_equal(diag_exit_status(), 3);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_types_and_positions, diagcap_start),
		cmocka_unit_test_setup(test_tags_and_empty, diagcap_start),
		cmocka_unit_test_setup(test_anchors_and_merge, diagcap_start),
		cmocka_unit_test_setup(test_anchor_names, diagcap_start),
		cmocka_unit_test_setup(test_alias_errors, diagcap_start),
		cmocka_unit_test_setup(test_duplicates_all_reported,
		    diagcap_start),
		cmocka_unit_test_setup(test_syntax_errors, diagcap_start),
		cmocka_unit_test_setup(test_files, diagcap_start),
	};

	return cmocka_run_group_tests(tests, NULL, diagcap_stop);
}
