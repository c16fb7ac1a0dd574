/* test_load.c: site.yaml and loading a whole site, every problem reported. */
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

#include "putfile.h"

#include "arena.h"
#include "config.h"
#include "diagcap.h"
#include "files.h"
#include "load.h"
#include "output.h"
#include "value.h"

static char	 root[64];

static void
put(const char *rel, const char *text)
{
	put_in(root, rel, text);
}

static int
setup(void **state)
{
	diagcap_start(state);
	snprintf(root, sizeof(root), "/tmp/kitgen-load-XXXXXX");
	return mkdtemp(root) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	remove_tree(root);
	return diagcap_stop(state);
}

static void
test_config(void **state)
{
	struct arena	*a = arena_new();
	struct config	 c;
	char		*p;

	(void)state;
	put("site.yaml", "title: Acme hiring\ntimezone: Europe/Paris\n"
	    "colour: blue\nmax_file_size: 1024\n");
	p = path_join(root, "site.yaml");
	config_defaults(&c);
	assert_int_equal(config_load(a, p, &c), 0);
	assert_string_equal(c.title, "Acme hiring");
	assert_string_equal(c.timezone, "Europe/Paris");
	assert_string_equal(c.theme, "default");
	assert_int_equal(c.max_file_size, 1024);
	assert_true(diagcap_has("site.yaml:3:1: warning: unknown key 'colour' "
	    "in site.yaml"));

	diagcap_start(NULL);
	put("site.yaml", "title: [a]\nvisibility: secret\nmax_files: -1\n");
	config_defaults(&c);
	assert_int_equal(config_load(a, p, &c), -1);
	assert_true(diagcap_has("site.yaml:1:8: error: 'title' must be a "
	    "string, not a list"));
	assert_true(diagcap_has("site.yaml:3:12: error: 'max_files' must be "
	    "a positive integer"));
	assert_true(diagcap_has("site.yaml:2:13: error: visibility must be "
	    "'public' or 'internal', not 'secret'"));

	/* No site.yaml at all is fine. */
	diagcap_start(NULL);
	unlink(p);
	config_defaults(&c);
	assert_int_equal(config_load(a, p, &c), 0);
	assert_string_equal(diagcap(), "");
	free(p);
	arena_free(a);
}

static void
test_site_every_problem(void **state)
{
	struct site	 s;

	(void)state;
	put("content/guides/a.md", "---\ntitle: A\n---\n# A\n");
	put("content/guides/b.md", "---\ntitle: B\n# never closed\n");
	put("content/c.md", "# Plain page\n");
	put("content/guides/dup.md", "---\nid: x\nid: y\n---\n");
	put("content/candidates/ada.yaml", "id: ada\nname: Ada\n");
	put("content/candidates/bad.yml", "id: bad\nname: [oops\n");
	put("content/candidates/notes.txt", "ignored\n");
	put("content/.hidden.md", "---\nbroken\n");
	assert_int_equal(site_load(&s, root, 1), 0);
	assert_int_equal(s.n_docs, 4);
	assert_int_equal(s.n_cands, 2);
	assert_string_equal(s.docs[0].rel, "c");
	assert_string_equal(s.docs[1].rel, "guides/a");
	/* Markdown files are listed, and read when the model wants them. */
	assert_false(s.docs[1].ok);
	assert_null(s.docs[1].text);
	assert_int_equal(site_read_doc(&s, &s.docs[0], s.arena), 0);
	assert_int_equal(site_read_doc(&s, &s.docs[1], s.arena), 0);
	assert_int_equal(site_read_doc(&s, &s.docs[2], s.arena), -1);
	assert_int_equal(site_read_doc(&s, &s.docs[3], s.arena), -1);
	assert_true(s.docs[1].ok);
	assert_string_equal(value_cstr(value_map_getc(s.docs[1].fm.meta,
	    "title")), "A");
	assert_false(s.docs[2].ok);
	assert_int_equal(site_read_cand(&s, &s.cands[0], s.arena), 0);
	assert_int_equal(site_read_cand(&s, &s.cands[1], s.arena), -1);
	assert_true(diagcap_has("content/guides/b.md:1:1: error: front matter "
	    "is not closed"));
	assert_true(diagcap_has("content/guides/dup.md:3:1: error: duplicate "
	    "key 'id'"));
	assert_true(diagcap_has("content/candidates/bad.yml:3:1: error: YAML:"));
	assert_int_equal(diag_errors(), 3);
	assert_string_equal(value_cstr(value_map_getc(s.cands[0].data,
	    "name")), "Ada");
	site_free(&s);
}

static void
test_site_limits(void **state)
{
	struct site	 s;

	(void)state;
	put("site.yaml", "max_files: 2\nmax_file_size: 64\n");
	put("content/a.md", "# A\n");
	put("content/b.md", "# B\n");
	put("content/candidates/x.yaml", "id: x\n");
	assert_int_equal(site_load(&s, root, 1), -1);
	assert_true(diagcap_has("site.yaml:1:12: error: more than 2 input "
	    "files in content/ (max_files in site.yaml)"));
	site_free(&s);

	diagcap_start(NULL);
	put("site.yaml", "max_file_size: 64\n");
	put("content/b.md", "# B is a page whose text is longer than the "
	    "sixty-four bytes allowed\n");
	assert_int_equal(site_load(&s, root, 1), 0);
	assert_int_equal(s.n_docs, 2);
	assert_string_equal(s.docs[1].rel, "b");
	assert_int_equal(site_read_doc(&s, &s.docs[1], s.arena), -1);
	assert_true(diagcap_has("content/b.md:1:1: error: file is 69 bytes, "
	    "over the limit of 64 bytes"));
	site_free(&s);

	diagcap_start(NULL);
	assert_int_equal(site_load(&s, "/nonexistent-kitgen-site", 1), -1);
	assert_int_equal(diag_exit_status(), EXIT_IO);
	site_free(&s);
}

static void
test_symlinks(void **state)
{
	struct site	 s;
	char		*link;

	(void)state;
	put("content/a.md", "# A\n");
	put("content/candidates/ok.yaml", "id: ok\n");
	link = path_join(root, "content/b.md");
	assert_int_equal(symlink("a.md", link), 0);
	free(link);
	link = path_join(root, "content/candidates/x.yaml");
	assert_int_equal(symlink("/etc/hostname", link), 0);
	assert_int_equal(site_load(&s, root, 1), -1);
	assert_true(diagcap_has("content/candidates/x.yaml:1:1: error: a "
	    "symbolic link that leads outside the site is not read"));
	assert_int_equal(diag_errors(), 1);
	/* The link inside the site is read like any file. */
	assert_int_equal(s.n_docs, 2);
	assert_int_equal(s.n_cands, 1);
	site_free(&s);
	free(link);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_site_every_problem, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_site_limits, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_symlinks, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
