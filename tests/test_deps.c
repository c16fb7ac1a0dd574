/* test_deps.c: the inputs of a site and the key of each page. */
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
#include "context.h"
#include "deps.h"
#include "diagcap.h"
#include "files.h"
#include "load.h"
#include "model.h"
#include "output.h"
#include "render.h"
#include "theme.h"

static char	 root[64];
static char	 site[128];

static const char guide1[] =
    "---\nid: g1\ntitle: First\n---\n# First\n\n"
    "## Session 1: Coding (30 min)\n\n**Question**: Reverse a list.\n\n"
    "## Session 2: Design (30 min)\n\nDesign a queue.\n";
static const char guide2[] =
    "---\nid: g2\ntitle: Second\n---\n# Second\n\n"
    "## Session 1: Coding (30 min)\n\n**Question**: Sort a list.\n\n"
    "## Session 2: Behaviour (30 min)\n\nTell a story.\n";
static const char ada[] =
    "id: ada\nname: Ada\nguide: g1\ndate: 2026-12-01\npanel:\n"
    "  - session: coding\n    interviewer: Eve\n    start: \"10:00\"\n"
    "  - session: design\n    interviewer: Ann\n    start: \"11:00\"\n";
static const char bob[] =
    "id: bob\nname: Bob\nguide: g2\ndate: 2026-12-02\npanel:\n"
    "  - session: coding\n    interviewer: Max\n    start: \"10:00\"\n";

/* The pages whose keys are compared, named by ids, not model indices. */
struct pdesc {
	int		 kind;
	const char	*who;	/* guide id, candidate id, interviewer slug */
	size_t		 b;
};

static const struct pdesc pd[] = {
	{ PAGE_INDEX, NULL, 0 },		/* 0 */
	{ PAGE_GUIDE, "g1", 0 },		/* 1 */
	{ PAGE_GUIDE, "g2", 0 },		/* 2 */
	{ PAGE_PACKET, "ada", 0 },		/* 3 */
	{ PAGE_CHEATSHEET, "ada", 0 },		/* 4 */
	{ PAGE_SCORECARD, "ada", 1 },		/* 5 */
	{ PAGE_PRINT, "ada", 0 },		/* 6 */
	{ PAGE_DEBRIEF, "ada", 0 },		/* 7 */
	{ PAGE_ICS, "ada", 0 },			/* 8 */
	{ PAGE_PACKET, "bob", 0 },		/* 9 */
	{ PAGE_CHEATSHEET, "bob", 0 },		/* 10 */
	{ PAGE_SCORECARD, "bob", 0 },		/* 11 */
	{ PAGE_PRINT, "bob", 0 },		/* 12 */
	{ PAGE_ICS, "bob", 0 },			/* 13 */
	{ PAGE_INTERVIEWER, "eve", 0 },		/* 14 */
	{ PAGE_INTERVIEWER, "ann", 0 },		/* 15 */
	{ PAGE_INTERVIEWER, "max", 0 },		/* 16 */
};
#define NPD	(sizeof(pd) / sizeof(pd[0]))

/* Which pages an edit should touch, by the index of pd. */
#define IS_G1(i)	((i) == 1)
#define IS_G2(i)	((i) == 2)
#define IS_ADA(i)	((i) >= 3 && (i) <= 8)
#define IS_BOB(i)	((i) >= 9 && (i) <= 13)

/* A site loaded with its deps. */
struct loaded {
	struct site	 s;
	struct model	 m;
	struct theme	 t;
	struct deps	*d;
};

static void
put(const char *rel, const char *text)
{
	put_in(site, rel, text);
}

static int
setup(void **state)
{
	diagcap_start(state);
	snprintf(root, sizeof(root), "/tmp/kitgen-deps-XXXXXX");
	if (mkdtemp(root) == NULL)
		return -1;
	snprintf(site, sizeof(site), "%s/site", root);
	if (mkdir(site, 0755) != 0)
		return -1;
	put("site.yaml", "title: Deps\n");
	put("content/guides/g1.md", guide1);
	put("content/guides/g2.md", guide2);
	put("content/candidates/ada.yaml", ada);
	put("content/candidates/bob.yaml", bob);
	return 0;
}

static int
teardown(void **state)
{
	remove_tree(root);
	return diagcap_stop(state);
}

static void
load_at(struct loaded *l, const char *dir, const char *options)
{
	assert_int_equal(site_load(&l->s, dir, 1), 0);
	assert_int_equal(model_build(&l->m, &l->s, 0, NULL), 0);
	assert_int_equal(theme_open(&l->t, dir, l->s.cfg.theme,
	    l->s.cfg.max_file_size, NULL), 0);
	assert_string_equal(diagcap(), "");
	assert_int_equal(l->m.n_guides, 2);
	assert_int_equal(l->m.n_cands, 2);
	assert_int_equal(l->m.n_ivs, 3);
	l->d = deps_new(&l->m, &l->t, options);
	assert_non_null(l->d);
}

static void
load(struct loaded *l, const char *options)
{
	load_at(l, site, options);
}

static void
unload(struct loaded *l)
{
	deps_free(l->d);
	theme_close(&l->t);
	model_free(&l->m);
	site_free(&l->s);
}

/* Returns the model index of what desc names. */
static size_t
index_of(const struct model *m, const struct pdesc *p)
{
	size_t	 i;

	switch (p->kind) {
	case PAGE_INDEX:
		return 0;
	case PAGE_GUIDE:
		for (i = 0; i < m->n_guides; i++)
			if (strcmp(m->guides[i].id, p->who) == 0)
				return i;
		break;
	case PAGE_INTERVIEWER:
		for (i = 0; i < m->n_ivs; i++)
			if (strcmp(m->ivs[i].slug, p->who) == 0)
				return i;
		break;
	default:
		for (i = 0; i < m->n_cands; i++)
			if (strcmp(m->cands[i].c.id, p->who) == 0)
				return i;
		break;
	}
	fail_msg("no '%s' in the model", p->who);
	return 0;
}

static void
make_page(const struct model *m, size_t i, struct page *p)
{
	memset(p, 0, sizeof(*p));
	p->path = "x.html";
	p->kind = pd[i].kind;
	p->a = index_of(m, &pd[i]);
	p->b = pd[i].b;
}

/* Computes the key of every page of pd in the loaded site. */
static void
keys_of(const struct loaded *l, uint64_t *k)
{
	struct page	 p;
	size_t		 i;

	for (i = 0; i < NPD; i++) {
		make_page(&l->m, i, &p);
		k[i] = deps_key(l->d, &p);
	}
}

static void
keys_at(const char *dir, const char *options, uint64_t *k)
{
	struct loaded	 l;

	load_at(&l, dir, options);
	keys_of(&l, k);
	unload(&l);
}

static void
keys(const char *options, uint64_t *k)
{
	keys_at(site, options, k);
}

/* Returns the input index whose path is path, or SIZE_MAX. */
static size_t
input(const struct deps *d, const char *path)
{
	size_t	 i;

	for (i = 0; i < deps_count(d); i++)
		if (strcmp(deps_path(d, i), path) == 0)
			return i;
	return SIZE_MAX;
}

static void
test_inputs(void **state)
{
	struct loaded	 l;
	size_t		 i, j, n;

	(void)state;
	load(&l, "opts");
	n = deps_count(l.d);
	assert_true(n > 0);
	assert_true(strncmp(deps_path(l.d, 0), "(kitgen", 7) == 0);
	for (i = 0; i < n; i++) {
		const char *p = deps_path(l.d, i);

		if (strncmp(p, root, strlen(root)) == 0 || p[0] == '/')
			fail_msg("input %zu is '%s', not relative to the site",
			    i, p);
	}
	assert_true(input(l.d, "site.yaml") != SIZE_MAX);
	assert_true(input(l.d, "content/guides/g1.md") != SIZE_MAX);
	assert_true(input(l.d, "content/guides/g2.md") != SIZE_MAX);
	assert_true(input(l.d, "content/candidates/ada.yaml") != SIZE_MAX);
	assert_true(input(l.d, "content/candidates/bob.yaml") != SIZE_MAX);
	assert_true(input(l.d, "(built into kitgen)") != SIZE_MAX);
	/* Each input has its own hash (of its path and bytes). */
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (deps_hash(l.d, i) == deps_hash(l.d, j))
				fail_msg("inputs '%s' and '%s' hash alike",
				    deps_path(l.d, i), deps_path(l.d, j));
	unload(&l);
}

/* The same site loaded twice: the same inputs, hashes and keys. */
static void
test_deterministic(void **state)
{
	struct loaded	 l;
	struct strlist	 paths = { NULL, 0, 0 };
	uint64_t	*h, k1[NPD], k2[NPD];
	size_t		 i, n;

	(void)state;
	load(&l, "opts");
	n = deps_count(l.d);
	h = calloc(n, sizeof(*h));
	assert_non_null(h);
	for (i = 0; i < n; i++) {
		strlist_push(&paths, deps_path(l.d, i));
		h[i] = deps_hash(l.d, i);
	}
	keys_of(&l, k1);
	unload(&l);

	load(&l, "opts");
	assert_int_equal(deps_count(l.d), n);
	for (i = 0; i < n; i++) {
		assert_string_equal(deps_path(l.d, i), paths.items[i]);
		assert_true(deps_hash(l.d, i) == h[i]);
	}
	keys_of(&l, k2);
	unload(&l);
	for (i = 0; i < NPD; i++)
		if (k1[i] != k2[i])
			fail_msg("the key of page %zu changed between loads", i);
	/* Pages of different kinds from the same inputs differ. */
	assert_true(k1[3] != k1[6]);
	assert_true(k1[4] != k1[5]);
	/* So do the same kind of page of two candidates or guides. */
	assert_true(k1[3] != k1[9]);
	assert_true(k1[1] != k1[2]);
	strlist_free(&paths);
	free(h);
}

/*
 * Only the site's folder, not how -C names it, goes into the keys
 * (deps.c: "so that the keys do not depend on how -C named it"): with
 * a trailing slash, through a symbolic link, relative to the working
 * folder, the inputs and the keys are the same.
 */
static void
test_root_named_otherwise(void **state)
{
	char		 alias[3][160], cwd[4096];
	uint64_t	 k1[NPD], k2[NPD];
	size_t		 i, j, n, bad = 0;
	struct loaded	 l;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	keys("opts", k1);
	snprintf(alias[0], sizeof(alias[0]), "%s/", site);
	snprintf(alias[1], sizeof(alias[1]), "%s/link", root);
	assert_int_equal(symlink(site, alias[1]), 0);
	snprintf(alias[2], sizeof(alias[2]), "site");
	assert_int_equal(chdir(root), 0);
	for (j = 0; j < 3; j++) {
		/* The folder's name, without the trailing slash. */
		n = strlen(alias[j]) - (alias[j][strlen(alias[j]) - 1] == '/');
		load_at(&l, alias[j], "opts");
		for (i = 0; i < deps_count(l.d); i++)
			if (strncmp(deps_path(l.d, i), alias[j], n) == 0 &&
			    deps_path(l.d, i)[n] == '/') {
				print_error("-C '%s': input '%s' is not "
				    "relative to the site\n", alias[j],
				    deps_path(l.d, i));
				bad++;
			}
		keys_of(&l, k2);
		unload(&l);
		for (i = 0; i < NPD; i++)
			if (k1[i] != k2[i]) {
				print_error("-C '%s': the key of page %zu "
				    "(kind %d, %s) differs\n", alias[j], i,
				    pd[i].kind, pd[i].who ? pd[i].who : "");
				bad++;
			}
	}
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(bad, 0);
}

/*
 * A candidate file's bytes changed: a comment only, which only that
 * candidate's pages show (its calendar, its file); then the name, which
 * the index and its interviewers' pages show too. The other candidate's
 * pages, the guides' and the other interviewer's do not change.
 */
static void
test_candidate_changed(void **state)
{
	static const char *const edits[] = {
	    "# edited by hand\n", "name: Ada\n" };
	uint64_t	 k1[NPD], k2[NPD];
	struct buf	 b = BUF_INIT;
	size_t		 e, i;
	int		 changed, should;

	(void)state;
	keys("opts", k1);
	for (e = 0; e < 2; e++) {
		buf_reset(&b);
		if (e == 0)
			buf_printf(&b, "%s%s", ada, edits[e]);
		else {
			const char *rest = strstr(ada, "guide:");

			buf_printf(&b, "id: ada\nname: Ada Lovelace\n%s", rest);
		}
		put("content/candidates/ada.yaml", buf_cstr(&b));
		keys("opts", k2);
		for (i = 0; i < NPD; i++) {
			changed = k1[i] != k2[i];
			should = IS_ADA(i) ||
			    (e == 1 && (i == 0 || i == 14 || i == 15));
			if (changed != should)
				fail_msg("edit %zu of ada.yaml: page %zu (kind "
				    "%d, %s) %s", e, i, pd[i].kind, pd[i].who,
				    changed ? "changed" : "did not change");
		}
		memcpy(k1, k2, sizeof(k1));
	}
	buf_free(&b);
}

/*
 * A guide's body changed: its page and the pages of the candidates who
 * take it change; the other guide's page and the other candidate's
 * pages do not, nor the index and the interviewers' pages, which do not
 * show it. A session's length they show: then they change too.
 */
static void
test_guide_changed(void **state)
{
	uint64_t	 k1[NPD], k2[NPD];
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 changed, should;

	(void)state;
	keys("opts", k1);
	buf_printf(&b, "%s\nA new paragraph.\n", guide1);
	put("content/guides/g1.md", buf_cstr(&b));
	buf_free(&b);
	keys("opts", k2);
	for (i = 0; i < NPD; i++) {
		changed = k1[i] != k2[i];
		should = IS_G1(i) || IS_ADA(i);
		if (changed != should)
			fail_msg("g1.md edited: page %zu (kind %d, %s) %s", i,
			    pd[i].kind, pd[i].who, changed ? "changed" :
			    "did not change");
	}
	/* And the other guide. */
	memcpy(k1, k2, sizeof(k1));
	put("content/guides/g2.md", "---\nid: g2\ntitle: Second\n---\n"
	    "# Second\n\n## Session 1: Coding (30 min)\n\nSort.\n\n"
	    "## Session 2: Behaviour (30 min)\n\nTell a story.\n");
	keys("opts", k2);
	for (i = 0; i < NPD; i++) {
		changed = k1[i] != k2[i];
		should = IS_G2(i) || IS_BOB(i);
		if (changed != should)
			fail_msg("g2.md edited: page %zu (kind %d, %s) %s", i,
			    pd[i].kind, pd[i].who, changed ? "changed" :
			    "did not change");
	}
	/* Bob's session made longer: its end time, the guide's length. */
	memcpy(k1, k2, sizeof(k1));
	put("content/guides/g2.md", "---\nid: g2\ntitle: Second\n---\n"
	    "# Second\n\n## Session 1: Coding (45 min)\n\nSort.\n\n"
	    "## Session 2: Behaviour (30 min)\n\nTell a story.\n");
	keys("opts", k2);
	for (i = 0; i < NPD; i++) {
		changed = k1[i] != k2[i];
		should = i == 0 || IS_G2(i) || IS_BOB(i) || i == 16;
		if (changed != should)
			fail_msg("g2.md's session longer: page %zu (kind %d, "
			    "%s) %s", i, pd[i].kind, pd[i].who, changed ?
			    "changed" : "did not change");
	}
}

/* site.yaml, or the build options: every page changes. */
static void
test_global_changes(void **state)
{
	uint64_t	 k1[NPD], k2[NPD], k3[NPD];
	size_t		 i;

	(void)state;
	keys("opts", k1);
	keys("opts2", k2);
	for (i = 0; i < NPD; i++)
		if (k1[i] == k2[i])
			fail_msg("other options: page %zu kept its key", i);
	keys("", k3);
	for (i = 0; i < NPD; i++)
		if (k1[i] == k3[i] || k2[i] == k3[i])
			fail_msg("no options: page %zu kept its key", i);

	put("site.yaml", "title: Deps, renamed\n");
	keys("opts", k2);
	for (i = 0; i < NPD; i++)
		if (k1[i] == k2[i])
			fail_msg("site.yaml edited: page %zu kept its key", i);
	/* Back as it was: the keys are as they were. */
	put("site.yaml", "title: Deps\n");
	keys("opts", k2);
	for (i = 0; i < NPD; i++)
		assert_true(k1[i] == k2[i]);
}

/* Parses a deps_list into indices; *all set for ",*". Returns count. */
static size_t
parse_list(const char *s, size_t *out, size_t max, int *all)
{
	size_t	 n = 0;
	char	*end;

	*all = 0;
	assert_true(s[0] == 'g');
	for (s++; *s != '\0'; ) {
		assert_true(*s == ',');
		s++;
		if (*s == '*') {
			*all = 1;
			s++;
			continue;
		}
		assert_true(*s >= '0' && *s <= '9');
		assert_true(n < max);
		out[n++] = (size_t)strtoul(s, &end, 10);
		s = end;
	}
	return n;
}

static int
listed(const size_t *ix, size_t n, size_t want)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (ix[i] == want)
			return 1;
	return 0;
}

static void
test_list(void **state)
{
	struct loaded	 l;
	struct page	 p;
	struct buf	 b = BUF_INIT;
	size_t		 ix[64], n, i, in_ada, in_bob, in_g1, in_g2;
	int		 all;

	(void)state;
	load(&l, "opts");
	in_ada = input(l.d, "content/candidates/ada.yaml");
	in_bob = input(l.d, "content/candidates/bob.yaml");
	in_g1 = input(l.d, "content/guides/g1.md");
	in_g2 = input(l.d, "content/guides/g2.md");
	assert_true(in_ada != SIZE_MAX && in_bob != SIZE_MAX &&
	    in_g1 != SIZE_MAX && in_g2 != SIZE_MAX);

	/* Ada's packet: her file and her guide, not Bob's nor g2. */
	make_page(&l.m, 3, &p);
	deps_list(l.d, &p, &b);
	assert_true(strncmp(buf_cstr(&b), "g,", 2) == 0);
	n = parse_list(buf_cstr(&b), ix, 64, &all);
	assert_false(all);
	assert_true(n > 0);
	for (i = 0; i < n; i++)
		assert_true(ix[i] < deps_count(l.d));
	assert_true(listed(ix, n, in_ada));
	assert_true(listed(ix, n, in_g1));
	assert_false(listed(ix, n, in_bob));
	assert_false(listed(ix, n, in_g2));

	/* The index page: what it lists, not the files. */
	buf_reset(&b);
	make_page(&l.m, 0, &p);
	deps_list(l.d, &p, &b);
	n = parse_list(buf_cstr(&b), ix, 64, &all);
	assert_false(all);
	assert_true(listed(ix, n, input(l.d, "(what the index lists)")));
	assert_false(listed(ix, n, in_ada));
	assert_false(listed(ix, n, in_g1));

	/* A guide's page: that guide, no candidate. */
	buf_reset(&b);
	make_page(&l.m, 2, &p);
	deps_list(l.d, &p, &b);
	n = parse_list(buf_cstr(&b), ix, 64, &all);
	assert_false(all);
	assert_true(listed(ix, n, in_g2));
	assert_false(listed(ix, n, in_g1));
	assert_false(listed(ix, n, in_ada));
	assert_false(listed(ix, n, in_bob));

	/* Max's page: what it lists of Bob's, not his file nor guide. */
	buf_reset(&b);
	make_page(&l.m, 16, &p);
	deps_list(l.d, &p, &b);
	n = parse_list(buf_cstr(&b), ix, 64, &all);
	assert_false(all);
	assert_false(listed(ix, n, in_bob));
	assert_false(listed(ix, n, in_g2));
	assert_false(listed(ix, n, in_ada));
	assert_false(listed(ix, n, in_g1));

	/* Appended: what b held stays. */
	buf_reset(&b);
	buf_puts(&b, "x ");
	make_page(&l.m, 0, &p);
	deps_list(l.d, &p, &b);
	assert_true(strncmp(buf_cstr(&b), "x g,", 4) == 0);
	buf_free(&b);
	unload(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_inputs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deterministic, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_root_named_otherwise,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_candidate_changed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_guide_changed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_global_changes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
