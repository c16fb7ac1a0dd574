/*
 * fuzz_candidate.c: candidate validation. The input is an archive
 * (fuzz.h): the entry "guide" is the guide's Markdown (a small built-in
 * guide without it); every other entry is a candidate file. They are
 * loaded as load.c does, checked against the guide and each other by
 * model_build, and every page context is built and written as JSON.
 * Checks: a candidate that fails is reported at a line; every context
 * is valid UTF-8; output paths are safe.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "context.h"
#include "fuzz.h"
#include "json.h"
#include "load.h"
#include "model.h"
#include "output.h"
#include "utf8.h"
#include "value.h"
#include "xalloc.h"
#include "yaml_load.h"

#define MAX_ENTRIES	8

static const char guide[] =
    "---\nid: screen\ntitle: Engineering Screen\nrole: Engineer\n---\n\n"
    "# Engineering Screen\n\n## Session 1: Coding (45 min)\n\n"
    "**Interviewer**: Any engineer\n\n**Question**: Reverse a list.\n\n"
    "Follow-up probes:\n- Can you do it in place?\n\n"
    "### Evaluation Rubric\n\n- **Correctness (50%)**: it works\n"
    "- **Clarity (50%)**: it reads well\n\n## Session 2: Design (30 min)\n\n"
    "### Evaluation Rubric\n\n- **Design (100%)**: sensible parts\n\n"
    "## Rating Scale\n\n- **5 - Exceptional**: rare\n- **3 - Meets**: ok\n"
    "- **1 - Poor**: no\n\n## Decision\n\n"
    "- **Strong Hire**: Average score >= 4.5, no scores below 3\n"
    "- **Hire**: Average score >= 3.5\n- **No Hire**: otherwise\n\n"
    "Minimum Total Score for Offer: 3.5/5.0\n";

/* Repairs text to UTF-8 as file_read_text does; returns an allocation. */
static char *
repaired(const char *s, size_t n, size_t *len)
{
	struct utf8_report r;
	char		*t;

	if ((t = utf8_sanitize(s, n, len, &r)) != NULL)
		return t;
	*len = n;
	return xstrndup(s, n);
}

static void
check_page(const struct model *m, enum page_kind k, size_t a, size_t b,
    const char *path)
{
	struct arena	*ar = arena_new();
	struct value	*ctx;
	struct buf	 j = BUF_INIT;

	FUZZ_ASSERT(output_path_ok(path));
	ctx = context_page(ar, m, k, a, b, path);
	json_write(&j, ctx, 0);
	FUZZ_ASSERT(!buf_failed(&j));
	FUZZ_ASSERT(fuzz_utf8_ok(buf_cstr(&j), j.len));
	buf_free(&j);
	arena_free(ar);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char	 names[2048];
	struct fuzz_entry e[MAX_ENTRIES];
	struct site	 s;
	struct model	 m;
	struct arena	*pa;
	size_t		 n, i, j, len;
	const char	*g = guide;
	size_t		 glen = sizeof(guide) - 1;
	char		*text;

	fuzz_begin();
	n = fuzz_archive((const char *)data, size, e, MAX_ENTRIES, names,
	    sizeof(names));
	memset(&s, 0, sizeof(s));
	s.root = xstrdup(".");
	s.arena = arena_new();
	config_defaults(&s.cfg);
	s.docs = xcalloc(1, sizeof(*s.docs));
	s.cands = xcalloc(n + 1, sizeof(*s.cands));
	for (i = 0; i < n; i++)
		if (strcmp(e[i].name, "guide") == 0) {
			g = e[i].text;
			glen = e[i].len;
		}

	s.n_docs = 1;
	s.docs[0].path = xstrdup("content/guides/screen.md");
	s.docs[0].rel = xstrdup("guides/screen");
	/* Its text is given: the model parses it without reading a file. */
	s.docs[0].text = repaired(g, glen, &s.docs[0].len);

	for (i = 0; i < n; i++) {
		struct candidate_file *c;
		unsigned before = fuzz_n_placed;

		if (strcmp(e[i].name, "guide") == 0)
			continue;
		c = &s.cands[s.n_cands++];
		c->path = xstrdup("content/candidates/c.yaml");
		text = repaired(e[i].text, e[i].len, &len);
		c->data = yaml_load(s.arena, c->path, text, len, 0);
		free(text);
		if (c->data == NULL) {
			FUZZ_ASSERT(fuzz_n_placed > before);
			/* Not given to the model: it would read the file. */
			free(c->path);
			s.n_cands--;
		}
	}

	if (model_build(&m, &s, 0, NULL) != 0)
		FUZZ_ASSERT(fuzz_n_diags > 0);
	/* As site.c: pages are made only from a model without errors. */
	if (diag_errors() > 0)
		goto out;
	pa = arena_new();
	check_page(&m, PAGE_INDEX, 0, 0, "index.html");
	for (i = 0; i < m.n_guides; i++)
		check_page(&m, PAGE_GUIDE, i, 0, m.guides[i].path);
	for (i = 0; i < m.n_cands; i++) {
		const struct cand *c = &m.cands[i];

		check_page(&m, PAGE_PACKET, i, 0, arena_printf(pa,
		    "candidates/%s/index.html", c->c.id));
		for (j = 0; j < c->n_slots; j++) {
			check_page(&m, PAGE_CHEATSHEET, i, j, arena_printf(pa,
			    "candidates/%s/%s/cheatsheet.html", c->c.id,
			    c->slots[j].dir));
			check_page(&m, PAGE_SCORECARD, i, j, arena_printf(pa,
			    "candidates/%s/%s/scorecard.html", c->c.id,
			    c->slots[j].dir));
		}
		check_page(&m, PAGE_PRINT, i, 0, arena_printf(pa,
		    "candidates/%s/print.html", c->c.id));
		if (c->scored)
			check_page(&m, PAGE_DEBRIEF, i, 0, arena_printf(pa,
			    "candidates/%s/debrief.html", c->c.id));
	}
	for (i = 0; i < m.n_ivs; i++)
		check_page(&m, PAGE_INTERVIEWER, i, 0, arena_printf(pa,
		    "interviewers/%s/index.html", m.ivs[i].slug));
	arena_free(pa);
out:
	model_free(&m);
	site_free(&s);
	diag_set_sink(NULL, NULL);
	return 0;
}
