/* test_diag.c: diagnostics: format, counts, --strict, exit status. */
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

static void
test_counts_and_status(void **state)
{
	(void)state;
	assert_int_equal(diag_exit_status(), EXIT_OK);
	diag_warning("a.md", 3, 7, "looks %s", "odd");
	assert_int_equal(diag_warnings(), 1);
	assert_int_equal(diag_errors(), 0);
	assert_int_equal(diag_exit_status(), EXIT_OK);
	diag_error("b.yaml", 10, 2, "bad %d", 42);
	assert_int_equal(diag_exit_status(), EXIT_CONTENT);
	diag_io("out/x.html", "cannot write: %s", "No space left on device");
	assert_int_equal(diag_errors(), 2);
	assert_int_equal(diag_exit_status(), EXIT_IO);
	assert_string_equal(diagcap(),
	    "a.md:3:7: warning: looks odd\n"
	    "b.yaml:10:2: error: bad 42\n"
	    "out/x.html:1:1: error: cannot write: No space left on device\n");
}

static void
test_strict(void **state)
{
	(void)state;
	diag_set_strict(1);
	diag_warning("a.md", 1, 1, "w");
	diag_set_strict(0);
	assert_int_equal(diag_warnings(), 0);
	assert_int_equal(diag_errors(), 1);
	assert_int_equal(diag_exit_status(), EXIT_CONTENT);
	assert_string_equal(diagcap(), "a.md:1:1: error: w\n");
}

static void
test_printed_format(void **state)
{
	char	 path[] = "/tmp/kitgen-diag-XXXXXX", line[256];
	FILE	*f;
	int	 fd, saved;

	(void)state;
	diag_set_sink(NULL, NULL);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	diag_error(NULL, 0, 0, "no file");
	diag_warning("c/d.yaml", 4, 5, "two");
	diag_print_summary("check");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	f = fdopen(fd, "r");
	rewind(f);
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "kitgen:1:1: error: no file\n");
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "c/d.yaml:4:5: warning: two\n");
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "kitgen: check: 1 error, 1 warning\n");
	fclose(f);
	unlink(path);
	diag_set_sink(diagcap_sink, NULL);
}

/* A diagnostic is one line of text, whatever the file or text holds. */
static void
test_one_line_of_text(void **state)
{
	(void)state;
	diag_error("caf\xe9.md", 1, 1, "'%s' is not a name", "a\nb\r\x01\tc");
	diag_warning("ok.md", 2, 3, "caf\xc3\xa9 \xff");
	assert_string_equal(diagcap(),
	    "caf\\xE9.md:1:1: error: 'a\\nb\\x0D\\x01\tc' is not a name\n"
	    "ok.md:2:3: warning: caf\xc3\xa9 \\xFF\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_counts_and_status, diagcap_start),
		cmocka_unit_test_setup(test_strict, diagcap_start),
		cmocka_unit_test_setup(test_printed_format, diagcap_start),
		cmocka_unit_test_setup(test_one_line_of_text, diagcap_start),
	};

	return cmocka_run_group_tests(tests, NULL, diagcap_stop);
}
