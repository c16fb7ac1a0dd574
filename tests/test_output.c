/* test_output.c: staged output, the swap, and unchanged files' mtimes. */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "diagcap.h"
#include "files.h"
#include "output.h"

static char	 root[64];

static int
setup(void **state)
{
	diagcap_start(state);
	snprintf(root, sizeof(root), "/tmp/kitgen-out-XXXXXX");
	return mkdtemp(root) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	remove_tree(root);
	return diagcap_stop(state);
}

static char *
slurp(const char *rel)
{
	char	*p = path_join(root, rel), *data;
	size_t	 n;

	if (file_read(p, 1 << 20, &data, &n) != 0)
		data = NULL;
	free(p);
	return data;
}

static void
put_file(const char *rel, const char *text)
{
	char	*p = path_join(root, rel), *slash;
	FILE	*f;

	if ((slash = strrchr(p, '/')) != NULL) {
		*slash = '\0';
		mkdir(p, 0755);
		*slash = '/';
	}
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void
test_paths(void **state)
{
	(void)state;
	assert_true(output_path_ok("index.html"));
	assert_true(output_path_ok("candidates/ada/tech/cheatsheet.html"));
	assert_true(output_path_ok("a/.well-known"));
	assert_false(output_path_ok(""));
	assert_false(output_path_ok("/etc/passwd"));
	assert_false(output_path_ok("../x"));
	assert_false(output_path_ok("a/../../x"));
	assert_false(output_path_ok("a//b"));
	assert_false(output_path_ok("a/./b"));
	assert_false(output_path_ok("a/"));
	assert_false(output_path_ok("a\\..\\b"));
	assert_false(output_path_ok("a\nb"));
}

static void
test_build_swap_and_keep(void **state)
{
	char		*out = path_join(root, "public"), *p, *s;
	struct output	*o;
	struct stat	 st1, st2;
	size_t		 kept;

	(void)state;
	o = output_open(out);
	assert_non_null(o);
	assert_int_equal(output_write(o, "index.html", "one", 3), 0);
	assert_int_equal(output_write(o, "a/b/c.html", "abc", 3), 0);
	assert_int_equal(output_write(o, "../escape", "x", 1), -1);
	assert_true(diagcap_has("refusing to write '../escape'"));
	assert_int_equal(output_commit(o), 0);
	s = slurp("public/a/b/c.html");
	assert_string_equal(s, "abc");
	free(s);
	p = path_join(root, ".public.kitgen-staging");
	assert_false(is_dir(p));
	free(p);

	p = path_join(out, "a/b/c.html");
	assert_int_equal(stat(p, &st1), 0);
	sleep(1);
	o = output_open(out);
	assert_int_equal(output_write(o, "index.html", "two", 3), 0);
	assert_int_equal(output_write(o, "a/b/c.html", "abc", 3), 0);
	assert_int_equal(output_count(o, &kept), 1);
	assert_int_equal(kept, 1);
	assert_int_equal(output_commit(o), 0);
	assert_int_equal(stat(p, &st2), 0);
	assert_int_equal(st1.st_mtime, st2.st_mtime);
	s = slurp("public/index.html");
	assert_string_equal(s, "two");
	free(s);
	free(p);

	/* An aborted build leaves the previous site as it was. */
	o = output_open(out);
	assert_int_equal(output_write(o, "index.html", "three", 5), 0);
	output_abort(o);
	s = slurp("public/index.html");
	assert_string_equal(s, "two");
	free(s);
	p = path_join(root, ".public.kitgen-staging");
	assert_false(is_dir(p));
	free(p);
	free(out);
}

static void
test_unwritable(void **state)
{
	char		*out = path_join(root, "no/such/parent/public");
	struct output	*o;

	(void)state;
	o = output_open(out);
	assert_null(o);
	assert_true(diagcap_has("cannot create the staging folder"));
	assert_int_equal(diag_exit_status(), EXIT_IO);
	free(out);
}

/*
 * What a repository may have put where the output goes: links in the
 * previous site are not followed into the new one, links in place of
 * the staging folders are removed, not followed, and a page named twice
 * is an error, not an overwrite.
 */
static void
test_hostile_previous_site(void **state)
{
	char		*out = path_join(root, "public"), *p, *q, *s;
	struct output	*o;
	struct stat	 st;
	size_t		 kept;

	(void)state;
	put_file("secret", "same");
	put_file("elsewhere/keep", "keep");
	assert_int_equal(mkdir(out, 0755), 0);
	p = path_join(out, "page.html");
	q = path_join(root, "secret");
	assert_int_equal(symlink(q, p), 0);
	free(p);
	free(q);
	p = path_join(root, ".public.kitgen-staging");
	q = path_join(root, "elsewhere");
	assert_int_equal(symlink(q, p), 0);
	free(p);

	o = output_open(out);
	assert_non_null(o);
	assert_int_equal(output_write(o, "page.html", "same", 4), 0);
	assert_int_equal(output_count(o, &kept), 1);
	assert_int_equal(kept, 0);
	assert_int_equal(output_write(o, "page.html", "again", 5), -1);
	assert_true(diagcap_has("error: two pages of the site would be "
	    "written to 'page.html'"));
	assert_int_equal(output_commit(o), 0);
	p = path_join(out, "page.html");
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	free(p);
	s = slurp("elsewhere/keep");
	assert_string_equal(s, "keep");
	free(s);
	s = slurp("secret");
	assert_string_equal(s, "same");
	free(s);
	free(q);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test_setup_teardown(test_build_swap_and_keep,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_unwritable, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_hostile_previous_site,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
