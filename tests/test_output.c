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
	o = output_open(out, NULL);
	assert_non_null(o);
	assert_int_equal(output_write(o, "index.html", "one", 3), 0);
	assert_int_equal(output_write(o, "a/b/c.html", "abc", 3), 0);
	assert_int_equal(output_write(o, "../escape", "x", 1), -1);
	assert_true(diagcap_has("refusing to write '../escape'"));
	assert_int_equal(output_commit(o, NULL), 0);
	s = slurp("public/a/b/c.html");
	assert_string_equal(s, "abc");
	free(s);
	p = path_join(root, ".public.kitgen-staging");
	assert_false(is_dir(p));
	free(p);

	p = path_join(out, "a/b/c.html");
	assert_int_equal(stat(p, &st1), 0);
	sleep(1);
	o = output_open(out, NULL);
	assert_int_equal(output_write(o, "index.html", "two", 3), 0);
	assert_int_equal(output_write(o, "a/b/c.html", "abc", 3), 0);
	assert_int_equal(output_count(o, &kept), 1);
	assert_int_equal(kept, 1);
	assert_int_equal(output_commit(o, NULL), 0);
	assert_int_equal(stat(p, &st2), 0);
	assert_int_equal(st1.st_mtime, st2.st_mtime);
	s = slurp("public/index.html");
	assert_string_equal(s, "two");
	free(s);
	free(p);

	/* An aborted build leaves the previous site as it was. */
	o = output_open(out, NULL);
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
	o = output_open(out, NULL);
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

	o = output_open(out, NULL);
	assert_non_null(o);
	assert_int_equal(output_write(o, "page.html", "same", 4), 0);
	assert_int_equal(output_count(o, &kept), 1);
	assert_int_equal(kept, 0);
	assert_int_equal(output_write(o, "page.html", "again", 5), -1);
	assert_true(diagcap_has("error: two pages of the site would be "
	    "written to 'page.html'"));
	assert_int_equal(output_commit(o, NULL), 0);
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

/*
 * An update: files no longer made are removed with the folders they
 * leave empty; with a list of the previous files (the build cache) only
 * those are considered; kept files are neither read nor written.
 */
static void
test_update_removes_stale(void **state)
{
	char		*out = path_join(root, "public"), *p, *s;
	struct output	*o;
	struct strlist	 prev = { NULL, 0, 0 };
	size_t		 kept, removed;

	(void)state;
	o = output_open(out, NULL);
	assert_int_equal(output_write(o, "index.html", "i", 1), 0);
	assert_int_equal(output_write(o, "c/ada/index.html", "a", 1), 0);
	assert_int_equal(output_write(o, "c/bob/index.html", "b", 1), 0);
	assert_int_equal(output_commit(o, NULL), 0);
	put_file("public/user-note.txt", "mine");

	/* Walked: everything not made again goes, the user's file too. */
	o = output_open(out, NULL);
	assert_true(output_updating(o));
	assert_int_equal(output_write(o, "index.html", "i2", 2), 0);
	assert_int_equal(output_keep(o, "c/ada/index.html"), 0);
	assert_int_equal(output_keep(o, "c/ada/index.html"), -1);
	assert_true(diagcap_has("two pages of the site would be written to "
	    "'c/ada/index.html'"));
	assert_int_equal(output_count(o, &kept), 1);
	assert_int_equal(kept, 1);
	assert_int_equal(output_commit(o, &removed), 0);
	assert_int_equal(removed, 2);
	p = path_join(out, "c/bob");
	assert_false(is_dir(p));
	free(p);
	p = path_join(out, "user-note.txt");
	assert_false(is_file(p));
	free(p);
	s = slurp("public/c/ada/index.html");
	assert_string_equal(s, "a");
	free(s);
	s = slurp("public/index.html");
	assert_string_equal(s, "i2");
	free(s);

	/* From a list: only listed files go. */
	put_file("public/user-note.txt", "mine");
	strlist_push(&prev, "index.html");
	strlist_push(&prev, "c/ada/index.html");
	o = output_open(out, &prev);
	assert_int_equal(output_write(o, "index.html", "i2", 2), 0);
	assert_int_equal(output_commit(o, &removed), 0);
	assert_int_equal(removed, 1);
	p = path_join(out, "user-note.txt");
	assert_true(is_file(p));
	free(p);
	p = path_join(out, "c");
	assert_false(is_dir(p));
	free(p);
	strlist_free(&prev);
	free(out);
}

/* A folder of the previous site that is a link is replaced, not entered. */
static void
test_update_link_folder(void **state)
{
	char		*out = path_join(root, "public"), *p, *q, *s;
	struct output	*o;
	struct stat	 st;

	(void)state;
	put_file("elsewhere/page.html", "outside");
	assert_int_equal(mkdir(out, 0755), 0);
	p = path_join(out, "c");
	q = path_join(root, "elsewhere");
	assert_int_equal(symlink(q, p), 0);
	o = output_open(out, NULL);
	assert_int_equal(output_write(o, "c/page.html", "inside", 6), 0);
	assert_int_equal(output_commit(o, NULL), 0);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	s = slurp("elsewhere/page.html");
	assert_string_equal(s, "outside");
	free(s);
	s = slurp("public/c/page.html");
	assert_string_equal(s, "inside");
	free(s);
	free(p);
	free(q);
	free(out);
}

/*
 * A commit killed half-way (its journal and staged files left behind)
 * is finished by the next build before anything else.
 */
static void
test_roll_forward(void **state)
{
	char		*out = path_join(root, "public"), *p, *s;
	struct output	*o;

	(void)state;
	put_file("public/index.html", "old");
	put_file("public/gone.html", "stale");
	assert_int_equal(mkdir(p = path_join(root, ".public.kitgen-staging"),
	    0755), 0);
	free(p);
	put_file(".public.kitgen-staging/journal", "gone.html\n");
	assert_int_equal(mkdir(p = path_join(root,
	    ".public.kitgen-staging/files"), 0755), 0);
	free(p);
	assert_int_equal(mkdir(p = path_join(root,
	    ".public.kitgen-staging/files/new"), 0755), 0);
	free(p);
	put_file(".public.kitgen-staging/files/index.html", "new");
	put_file(".public.kitgen-staging/files/new/page.html", "page");

	o = output_open(out, NULL);
	assert_non_null(o);
	s = slurp("public/index.html");
	assert_string_equal(s, "new");
	free(s);
	s = slurp("public/new/page.html");
	assert_string_equal(s, "page");
	free(s);
	p = path_join(out, "gone.html");
	assert_false(is_file(p));
	free(p);
	output_abort(o);
	p = path_join(root, ".public.kitgen-staging");
	assert_false(is_dir(p));
	free(p);
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
		cmocka_unit_test_setup_teardown(test_update_removes_stale,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_link_folder,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_roll_forward, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
