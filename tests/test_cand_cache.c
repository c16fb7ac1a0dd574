/* test_cand_cache.c: the candidates cache: what it keeps, when it is used. */
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

#include "arena.h"
#include "cand_cache.h"
#include "candidate.h"
#include "files.h"
#include "model.h"

static char	 site[64];
static char	 cpath[128];	/* the cache file */

static int
setup(void **state)
{
	(void)state;
	snprintf(site, sizeof(site), "/tmp/kitgen-cc-XXXXXX");
	if (mkdtemp(site) == NULL)
		return -1;
	snprintf(cpath, sizeof(cpath), "%s/.kitgen/candidates.cache", site);
	return 0;
}

static int
teardown(void **state)
{
	char	 cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", site);
	return system(cmd) == 0 ? 0 : -1;
}

/* Looks up path in cc by its rank, as the model does. */
static int
get(const struct cand_cache *cc, const char *path,
    const struct file_stamp *st, struct arena *a, struct candidate *c,
    uint64_t *hash, const char **html)
{
	return cand_cache_get(cc, cand_cache_rank(cc, path), st, a, c, hash,
	    html);
}

static const char *probes[] = { "Why?", "How?" };
static struct cand_score scores[] = {
	{ "Design", { 7, 5 }, 3.5 },
	{ "Code", { 8, 5 }, 4 },
};

/* A model and what its candidates point to. */
struct fixture {
	struct model	 m;
	struct cand	 k[3];
	struct cand_slot slots[2];
	struct cand_scores sc;
	struct cand_link links[1];
};

/*
 * Makes fx a model of three candidates of settled files (old stamps):
 * the second noisy, the third's file changed as it was read.
 */
static void
make_model(struct fixture *fx)
{
	struct model	*m = &fx->m;
	struct cand	*k = fx->k;
	struct cand_slot *slots = fx->slots;
	struct cand_scores *sc = &fx->sc;
	struct cand_link *links = fx->links;

	memset(fx, 0, sizeof(*fx));
	links[0].label = "CV";
	links[0].url = "https://example.com/cv.pdf";
	slots[0].node.line = 4;
	slots[0].session_ref = "coding";
	slots[0].interviewer = "Ana Li";
	slots[0].email = "ana@example.com";
	slots[0].focus = "Look at *tests*";
	slots[0].focus_html = "<p>Look at <em>tests</em></p>\n";
	slots[0].probes = probes;
	slots[0].n_probes = 2;
	slots[0].start = 600;
	slots[0].start_node.line = 5;
	slots[1].session_ref = "design";
	slots[1].start = -1;
	sc->session_ref = "coding";
	sc->scores = scores;
	sc->n_scores = 2;
	sc->recommendation = "hire";
	k[0].c.path = "content/candidates/ada.yaml";
	k[0].c.id = "ada";
	k[0].c.name = "Ada \xc3\x98kafor";
	k[0].c.guide_ref = "backend";
	k[0].c.timezone = "Europe/London";
	k[0].c.summary = "Likes **Rust**.";
	k[0].c.has_date = 1;
	k[0].c.date.year = 2026;
	k[0].c.date.month = 12;
	k[0].c.date.day = 4;
	k[0].c.links = links;
	k[0].c.n_links = 1;
	k[0].c.slots = slots;
	k[0].c.n_slots = 2;
	k[0].c.scores = sc;
	k[0].c.n_scores = 1;
	k[0].summary_html = "<p>Likes <strong>Rust</strong>.</p>\n";
	k[0].file_hash = 0x1234567890abcdefULL;
	k[0].quiet = 1;
	k[0].stamp.dev = 1;
	k[0].stamp.ino = 42;
	k[0].stamp.size = 300;
	k[0].stamp.mtime_s = 1000;
	k[0].stamp.ctime_s = 1000;
	k[0].stamp.taken = 5000;
	k[1] = k[0];
	k[1].c.path = "content/candidates/ben.yaml";
	k[1].c.id = "ben";
	k[1].quiet = 0;
	k[2] = k[0];
	k[2].c.path = "content/candidates/cy.yaml";
	k[2].c.id = "cy";
	/* Changed a second before it was read: not settled. */
	k[2].stamp.ctime_s = 4999;
	m->cands = k;
	m->n_cands = 3;
}

static void
test_round_trip(void **state)
{
	struct fixture	 fx;
	struct cand_cache *cc;
	struct candidate c;
	struct arena	*a = arena_new();
	const char	*html;
	uint64_t	 hash;

	(void)state;
	make_model(&fx);
	assert_int_equal(cand_cache_save(site, 7, NULL, &fx.m), 0);
	/* Another key (kitgen, site.yaml): not used. */
	assert_null(cand_cache_load(site, 8));
	cc = cand_cache_load(site, 7);
	assert_non_null(cc);
	assert_int_equal(get(cc, fx.k[0].c.path, &fx.k[0].stamp, a, &c,
	    &hash, &html), 1);
	assert_true(hash == fx.k[0].file_hash);
	assert_string_equal(html, fx.k[0].summary_html);
	assert_string_equal(c.path, fx.k[0].c.path);
	assert_string_equal(c.id, "ada");
	assert_string_equal(c.name, fx.k[0].c.name);
	assert_null(c.role);
	assert_null(c.location);
	assert_string_equal(c.summary, fx.k[0].c.summary);
	assert_int_equal(c.date.day, 4);
	assert_int_equal(c.n_links, 1);
	assert_string_equal(c.links[0].url, fx.links[0].url);
	assert_int_equal(c.n_slots, 2);
	assert_string_equal(c.slots[0].focus_html,
	    fx.slots[0].focus_html);
	assert_int_equal(c.slots[0].n_probes, 2);
	assert_string_equal(c.slots[0].probes[1], "How?");
	assert_int_equal(c.slots[0].start, 600);
	assert_int_equal(c.slots[0].start_node.line, 5);
	assert_int_equal(c.slots[1].start, -1);
	assert_null(c.slots[1].interviewer);
	assert_int_equal(c.n_scores, 1);
	assert_int_equal(c.scores[0].n_scores, 2);
	assert_true(c.scores[0].scores[0].rating == 3.5);
	assert_int_equal(c.scores[0].scores[1].node.line, 8);
	assert_string_equal(c.scores[0].recommendation, "hire");
	/* Not kept: a diagnostic, a file not settled, a file not known. */
	assert_int_equal(get(cc, fx.k[1].c.path, &fx.k[1].stamp, a, &c,
	    &hash, &html), 0);
	assert_int_equal(get(cc, fx.k[2].c.path, &fx.k[2].stamp, a, &c,
	    &hash, &html), 0);
	assert_int_equal(get(cc, "content/candidates/zed.yaml",
	    &fx.k[0].stamp, a, &c, &hash, &html), 0);
	cand_cache_free(cc);
	arena_free(a);
}

/* Every part of the stamp counts: a file with another is read again. */
static void
test_stamp(void **state)
{
	struct fixture	 fx;
	struct cand_cache *cc;
	struct candidate c;
	struct file_stamp st;
	struct arena	*a = arena_new();
	const char	*html;
	uint64_t	 hash;
	int		 i;

	(void)state;
	make_model(&fx);
	assert_int_equal(cand_cache_save(site, 7, NULL, &fx.m), 0);
	cc = cand_cache_load(site, 7);
	assert_non_null(cc);
	for (i = 0; i < 7; i++) {
		st = fx.k[0].stamp;
		switch (i) {
		case 0: st.dev++; break;
		case 1: st.ino++; break;
		case 2: st.size--; break;
		case 3: st.mtime_s++; break;
		case 4: st.mtime_ns++; break;
		case 5: st.ctime_s++; break;
		default: st.ctime_ns++; break;
		}
		assert_int_equal(get(cc, fx.k[0].c.path, &st, a, &c,
		    &hash, &html), 0);
	}
	/* When it was taken does not matter. */
	st = fx.k[0].stamp;
	st.taken = 9999;
	assert_int_equal(get(cc, fx.k[0].c.path, &st, a, &c, &hash,
	    &html), 1);
	cand_cache_free(cc);
	arena_free(a);
}

/* A cache cut short or flipped anywhere is refused or read safely. */
static void
test_damaged(void **state)
{
	struct fixture	 fx;
	struct cand_cache *cc;
	struct candidate c;
	struct arena	*a = arena_new();
	const char	*html;
	char		*text, *bad;
	size_t		 len, i;
	uint64_t	 hash;
	FILE		*f;

	(void)state;
	make_model(&fx);
	assert_int_equal(cand_cache_save(site, 7, NULL, &fx.m), 0);
	assert_int_equal(file_read_quiet(cpath, 1u << 20, &text, &len), 0);
	bad = malloc(len);
	assert_non_null(bad);
	for (i = 0; i < len; i++) {
		/* Cut short at i; then byte i flipped. */
		f = fopen(cpath, "w");
		assert_non_null(f);
		assert_int_equal(fwrite(text, 1, i, f), i);
		fclose(f);
		if ((cc = cand_cache_load(site, 7)) != NULL) {
			(void)get(cc, fx.k[0].c.path, &fx.k[0].stamp, a,
			    &c, &hash, &html);
			cand_cache_free(cc);
		}
		memcpy(bad, text, len);
		bad[i] ^= 0xff;
		f = fopen(cpath, "w");
		assert_non_null(f);
		assert_int_equal(fwrite(bad, 1, len, f), len);
		fclose(f);
		if ((cc = cand_cache_load(site, 7)) != NULL) {
			if (get(cc, fx.k[0].c.path, &fx.k[0].stamp, a,
			    &c, &hash, &html))
				assert_non_null(c.id);
			cand_cache_free(cc);
		}
		arena_reset(a);
	}
	free(bad);
	free(text);
	arena_free(a);
}

/* Nothing new to keep: the file is not written again. */
static void
test_unchanged_not_written(void **state)
{
	struct fixture	 fx;
	struct cand_cache *cc;
	struct stat	 before, after;

	(void)state;
	make_model(&fx);
	/* Nothing to keep: no file. */
	fx.k[0].quiet = 0;
	assert_int_equal(cand_cache_save(site, 7, NULL, &fx.m), 0);
	assert_int_equal(stat(cpath, &before), -1);
	fx.k[0].quiet = 1;
	fx.k[2].stamp.ctime_s = 1000;
	assert_int_equal(cand_cache_save(site, 7, NULL, &fx.m), 0);
	cc = cand_cache_load(site, 7);
	assert_non_null(cc);
	assert_int_equal(stat(cpath, &before), 0);
	fx.k[0].cached = 1;
	fx.k[2].cached = 1;
	assert_int_equal(cand_cache_save(site, 7, cc, &fx.m), 0);
	assert_int_equal(stat(cpath, &after), 0);
	assert_true(before.st_ino == after.st_ino);
	/* One fewer: written. */
	fx.k[0].quiet = 0;
	assert_int_equal(cand_cache_save(site, 7, cc, &fx.m), 0);
	assert_int_equal(stat(cpath, &after), 0);
	assert_true(before.st_ino != after.st_ino);
	/* None left: removed. */
	fx.k[2].quiet = 0;
	assert_int_equal(cand_cache_save(site, 7, cc, &fx.m), 0);
	assert_int_equal(stat(cpath, &after), -1);
	cand_cache_free(cc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stamp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unchanged_not_written,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
