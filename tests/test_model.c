/* test_model.c: candidates checked against guides, interviewers, debriefs. */
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

#include "buffer.h"
#include "diagcap.h"
#include "files.h"
#include "load.h"
#include "model.h"
#include "output.h"

static char	 root[64];

static const char guide[] =
    "---\nid: loop\ntitle: Loop\nrole: Engineer\n---\n# Loop\n\n"
    "## Session 1: Coding (60 min)\n\n**Interviewer**: Someone\n\n"
    "**Question**: Write a parser.\n\n### Evaluation Rubric\n\n"
    "- **Correctness (60%)**: works\n- **Clarity (40%)**: reads well\n\n"
    "## Session 2: Design (45 min)\n\n**Question**: Design a cache.\n\n"
    "### Evaluation Rubric\n\n- **Architecture**: sound\n\n"
    "## Rating Scale\n\n- **5 - Exceptional**: great\n- **4 - Strong**: "
    "good\n- **3 - Meets**: ok\n- **2 - Below**: weak\n- **1 - Poor**: "
    "bad\n\n## Scoring\n\n| Category | Weight | Min Score |\n|---|---|---|\n"
    "| Coding | 60% | 3 |\n| Design | 40% | 3 |\n\n"
    "## Decision Rules\n\n- **Hire**: Average score ≥3.5, no scores below 3\n"
    "- **No Hire**: anything else\n";

static void
put(const char *rel, const char *text)
{
	put_in(root, rel, text);
}

static int
setup(void **state)
{
	diagcap_start(state);
	snprintf(root, sizeof(root), "/tmp/kitgen-model-XXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	put("content/guides/loop.md", guide);
	return 0;
}

static int
teardown(void **state)
{
	remove_tree(root);
	return diagcap_stop(state);
}

static void
test_good(void **state)
{
	struct site	 s;
	struct model	 m;
	const struct cand *c;

	(void)state;
	put("content/candidates/b.yaml", "id: bo\nname: Bo\nguide: loop\n"
	    "date: 2026-12-03\npanel:\n  - session: design\n"
	    "    interviewer: Ann Lee\n    start: \"11:00\"\n"
	    "  - session: Coding\n    interviewer: Zed Ray\n"
	    "    start: \"09:00\"\n");
	put("content/candidates/a.yaml", "id: al\nname: Al\nguide: loop\n"
	    "date: 2026-12-03\npanel:\n  - session: 1\n"
	    "    interviewer: Ann Lee\n    start: \"09:00\"\n"
	    "scores:\n  coding:\n    Correctness: 4\n    clarity: 3\n"
	    "  Design:\n    Architecture: 3\n");
	assert_int_equal(site_load(&s, root, 1), 0);
	assert_int_equal(model_build(&m, &s, 0, NULL), 0);
	assert_string_equal(diagcap(), "");
	assert_int_equal(m.n_guides, 1);
	assert_int_equal(m.n_cands, 2);
	assert_string_equal(m.cands[0].c.id, "al");
	c = &m.cands[0];
	assert_string_equal(c->slots[0].dir, "coding");
	assert_int_equal(c->slots[0].end, 10 * 60);
	assert_true(c->scored);
	/* Coding 3.6 weighted 60%, Design 3 weighted 40%. */
	assert_true(c->db.weighted > 3.359 && c->db.weighted < 3.361);
	assert_string_equal(c->db.label, "No Hire");
	/* Interviewers by name, their slots by date and time. */
	assert_int_equal(m.n_ivs, 2);
	assert_string_equal(m.ivs[0].slug, "ann-lee");
	assert_int_equal(m.ivs[0].n_slots, 2);
	assert_string_equal(m.cands[m.ivs[0].slots[0].cand].c.id, "al");
	assert_string_equal(m.cands[m.ivs[0].slots[1].cand].c.id, "bo");
	model_free(&m);
	site_free(&s);
}

static void
test_every_problem(void **state)
{
	struct site	 s;
	struct model	 m;

	(void)state;
	put("content/candidates/a.yaml", "id: al\nname: Al\nguide: nope\n");
	put("content/candidates/b.yaml", "id: al\nname: Al Two\nguide: loop\n");
	put("content/candidates/c.yaml", "id: cy\nname: Cy\nguide: loop\n"
	    "panel:\n  - session: lunch\n  - session: coding\n"
	    "    start: \"09:00\"\n  - session: design\n"
	    "    start: \"09:30\"\nscores:\n  coding:\n    Speed: 4\n"
	    "    Correctness: 9\n  Bogus:\n    X: 1\n");
	assert_int_equal(site_load(&s, root, 1), 0);
	assert_int_equal(model_build(&m, &s, 0, NULL), -1);
	assert_true(diagcap_has("content/candidates/a.yaml:3:8: error: "
	    "unknown guide 'nope' (guides: loop)"));
	assert_true(diagcap_has("content/candidates/b.yaml:1:5: error: the "
	    "candidate id 'al' is also the id in"));
	assert_true(diagcap_has("content/candidates/c.yaml:5:14: error: "
	    "unknown session 'lunch' in guide 'loop' (sessions: coding, "
	    "design)"));
	assert_true(diagcap_has("content/candidates/c.yaml:9:12: error: this "
	    "slot (09:30-10:15, Design) overlaps the slot at line 6 "
	    "(09:00-10:00, Coding)"));
	assert_true(diagcap_has("content/candidates/c.yaml:12:12: error: "
	    "unknown criterion 'Speed' for session 'Coding' (criteria: "
	    "Correctness, Clarity)"));
	assert_true(diagcap_has("content/candidates/c.yaml:13:18: error: the "
	    "rating 9 of 'Correctness' is outside the scale 1-5"));
	assert_true(diagcap_has("content/candidates/c.yaml:14:3: error: "
	    "scores for unknown session 'Bogus'"));
	assert_int_equal(diag_errors(), 7);
	model_free(&m);
	site_free(&s);
}

static void
test_public(void **state)
{
	struct site	 s;
	struct model	 m;

	(void)state;
	put("content/private.md", "---\nvisibility: internal\n---\n# P\n");
	put("content/candidates/a.yaml", "id: al\nname: [broken\n");
	assert_int_equal(site_load(&s, root, 0), 0);
	assert_int_equal(model_build(&m, &s, 1, NULL), 0);
	assert_int_equal(m.n_cands, 0);
	assert_int_equal(m.n_ivs, 0);
	/* The loop's visibility is the site's default: internal. */
	assert_int_equal(m.n_guides, 0);
	assert_string_equal(diagcap(), "");
	model_free(&m);
	site_free(&s);
}

/*
 * Folders made from session titles and interviewer names: no longer
 * than a file name may be, unique within the candidate, whatever the
 * titles, and the same from build to build.
 */
static void
test_folders(void **state)
{
	struct site	 s;
	struct model	 m;
	const struct cand *c;
	char		 title[700], name[500];
	size_t		 i, j;

	(void)state;
	memset(title, 'x', sizeof(title) - 1);
	title[sizeof(title) - 1] = '\0';
	memset(name, 'y', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	{
		struct buf b = BUF_INIT;

		buf_printf(&b, "---\nid: long\n---\n# Long\n\n"
		    "## Session 1: Coding (30 min)\n\nx\n\n"
		    "## Session 2: Coding 2 (30 min)\n\ny\n\n"
		    "## Session 3: %s (30 min)\n\nz\n", title);
		put("content/guides/long.md", buf_cstr(&b));
		buf_reset(&b);
		buf_printf(&b, "id: al\nname: Al\nguide: long\npanel:\n"
		    "  - session: coding\n  - session: coding\n"
		    "  - session: coding-2\n  - session: 3\n"
		    "    interviewer: %s\n", name);
		put("content/candidates/al.yaml", buf_cstr(&b));
		buf_free(&b);
	}
	assert_int_equal(site_load(&s, root, 1), 0);
	assert_int_equal(model_build(&m, &s, 0, NULL), 0);
	assert_int_equal(m.n_cands, 1);
	c = &m.cands[0];
	assert_int_equal(c->n_slots, 4);
	assert_string_equal(c->slots[0].dir, "coding");
	assert_string_equal(c->slots[1].dir, "coding-2");
	/* The session whose own id is "coding-2" is not overwritten. */
	assert_string_equal(c->slots[2].dir, "coding-2-2");
	assert_int_equal(strlen(c->slots[3].dir), 64);
	assert_true(strncmp(c->slots[3].dir, "xxxxxxxxxxxxxxxx", 16) == 0);
	for (i = 0; i < c->n_slots; i++)
		for (j = i + 1; j < c->n_slots; j++)
			assert_string_not_equal(c->slots[i].dir, c->slots[j].dir);
	assert_int_equal(m.n_ivs, 1);
	assert_int_equal(strlen(m.ivs[0].slug), 64);
	assert_string_equal(m.ivs[0].slug, "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
	    "yyyyyyyyyyyyyyyy-659231c65335ad5a");
	model_free(&m);
	site_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_problem, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_public, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folders, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
