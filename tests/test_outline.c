/*
 * test_outline.c: the outline stage: each convention of DESIGN.md, the
 * negative ones included, front matter overrides, the warnings (each
 * with its file:line), mojibake, and the JSON writer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "buffer.h"
#include "diagcap.h"
#include "frontmatter.h"
#include "json.h"
#include "markdown.h"
#include "mojibake.h"
#include "outline.h"
#include "value.h"

static struct arena *A;

/* Outlines text as the file "g.md"; returns outline_guide's status. */
static int
outline(const char *text, struct outline *ol)
{
	struct frontmatter	 fm;
	struct md_doc		 doc;
	struct buf		 html = BUF_INIT;
	int			 rc;

	frontmatter_parse(A, "g.md", text, strlen(text), &fm);
	assert_int_equal(markdown_render(A, "g.md", fm.body, fm.body_len,
	    fm.body_line, 0, &html, &doc), 0);
	buf_free(&html);
	rc = outline_guide(A, "g.md", &fm, &doc, ol);
	return rc;
}

/* Whether x is y, give or take rounding. */
static int
near(double x, double y)
{
	return x > y - 1e-9 && x < y + 1e-9;
}

/* Outlines text and reports its warnings into the capture. */
static void
warn(const char *text)
{
	struct outline	 ol;

	outline(text, &ol);
	outline_warn(&ol);
}

static int
setup(void **state)
{
	A = arena_new();
	return diagcap_start(state);
}

static int
teardown(void **state)
{
	arena_free(A);
	return diagcap_stop(state);
}

static void
test_sessions_and_negatives(void **state)
{
	struct outline	 ol;

	(void)state;
	outline("# Guide\n\n"
	    "## Setup (30 minutes before)\n\nBook a room.\n\n"
	    "## Round 1: Screen (30 minutes)\n\n"
	    "### Warm-up (5 min)\n\n### Core (20-25 min)\n\n"
	    "#### Deep part (10 min)\n\n"
	    "## Round 2: Take-Home Review (Submitted Before)\n\nRead it.\n\n"
	    "## Round 3: Design (1.5 hours)\n\n"
	    "```\nRound 9: Fake (45 min)\n```\n", &ol);
	assert_int_equal(ol.n_sessions, 3);
	assert_string_equal(ol.sessions[0].title, "Screen");
	assert_string_equal(ol.sessions[0].id, "screen");
	assert_int_equal(ol.sessions[0].line, 7);
	assert_int_equal(ol.sessions[0].minutes.min, 30);
	/* Timed headings inside are segments; deeper ones belong to them. */
	assert_int_equal(ol.sessions[0].n_segments, 2);
	assert_string_equal(ol.sessions[0].segments[1].title, "Core");
	assert_int_equal(ol.sessions[0].segments[1].minutes.min, 20);
	assert_int_equal(ol.sessions[0].segments[1].minutes.max, 25);
	assert_string_equal(ol.sessions[1].title, "Take-Home Review");
	assert_false(ol.sessions[1].minutes.known);
	assert_int_equal(ol.sessions[2].minutes.max, 90);
	assert_int_equal(ol.total_minutes.min, 120);
	assert_int_equal(ol.type, OL_GUIDE);
	assert_string_equal(ol.title, "Guide");
}

static void
test_schedule_merges(void **state)
{
	struct outline	 ol;

	(void)state;
	outline("# Loop\n\n## Schedule\n\n"
	    "### Session 1: Coding - 60 minutes\n"
	    "**Interviewer**: Ana\n**Location**: Room 2\n\n"
	    "### Session 2: Design - 45 minutes\n"
	    "**Interviewer**: Ben\n\n"
	    "## Session 1: Coding - 60 minutes\n\n### Intro (5 min)\n\n"
	    "### Exercise (55 min)\n\n"
	    "## Session 2: Design - 45 minutes\n\n"
	    "**Question**: Design a queue.\n", &ol);
	assert_int_equal(ol.n_sessions, 2);
	assert_string_equal(ol.sessions[0].interviewer, "Ana");
	assert_string_equal(ol.sessions[0].location, "Room 2");
	assert_int_equal(ol.sessions[0].n_segments, 2);
	/* The session is where its content is. */
	assert_int_equal(ol.sessions[0].line, 12);
	assert_string_equal(ol.sessions[1].interviewer, "Ben");
	assert_int_equal(ol.sessions[1].n_questions, 1);
	assert_int_equal(ol.total_minutes.max, 105);

	/* A table fills in; it adds no session of its own. */
	outline("# Loop\n\n| Session | Length | Interviewer |\n|---|---|---|\n"
	    "| Coding | 60 min | Ana |\n| Lunch | 45 min | |\n"
	    "| Design | 45 min | Ben |\n\n"
	    "## Coding (60 minutes)\n\n## Design\n**Duration:** 45 minutes\n",
	    &ol);
	assert_int_equal(ol.n_sessions, 2);
	assert_string_equal(ol.sessions[0].interviewer, "Ana");
	assert_int_equal(ol.sessions[1].minutes.min, 45);
	assert_int_equal(ol.sessions[1].minutes_line, 12);

	/* Rows match by their words; two rows of one table stay two. */
	outline("# G\n\n| Stage | Duration | Interviewer |\n|---|---|---|\n"
	    "| Technical Screen | 45 min | Eve |\n| Coding | 60 min | Fay |\n"
	    "| Coding | 60 min | Gus |\n| Design | 30 min | Hal |\n\n"
	    "## Round 1: Technical Phone Screen (45 minutes)\n\n"
	    "## Round 2: Design (30 minutes)\n", &ol);
	assert_int_equal(ol.n_sessions, 4);
	assert_string_equal(ol.sessions[0].title, "Technical Phone Screen");
	assert_string_equal(ol.sessions[0].interviewer, "Eve");
	assert_string_equal(ol.sessions[1].interviewer, "Fay");
	assert_string_equal(ol.sessions[2].interviewer, "Gus");
	assert_string_equal(ol.sessions[2].id, "coding-2");
	assert_string_equal(ol.sessions[3].interviewer, "Hal");

	/* "Day 1 (3 hours)" holds sessions; the total is not its time. */
	outline("# G\n\n## Day 1 (3 hours)\n\n### Coding (90 min)\n\n"
	    "### Design (90 min)\n\n## Day 2 (1 hour)\n\n"
	    "### Values (60 min)\n", &ol);
	assert_int_equal(ol.n_sessions, 3);
	assert_false(ol.stated_total.known);

	/* A short mention and its section beside it are one session... */
	outline("# Loop\n\n## Coding (45 min)\n\nPairing.\n\n"
	    "## Coding (45 min)\n\n- \"Why?\"\n- \"How?\"\n- \"When?\"\n"
	    "- \"Who?\"\n", &ol);
	assert_int_equal(ol.n_sessions, 1);
	assert_int_equal(ol.sessions[0].n_questions, 4);
	/* ...two full sessions of the same name stay two, ids unique. */
	outline("# Loop\n\n## Coding (45 min)\n\n- \"A?\"\n- \"B?\"\n"
	    "- \"C?\"\n- \"D?\"\n\n"
	    "## Coding (45 min)\n\n- \"E?\"\n- \"F?\"\n- \"G?\"\n"
	    "- \"H?\"\n", &ol);
	assert_int_equal(ol.n_sessions, 2);
	assert_string_equal(ol.sessions[0].id, "coding");
	assert_string_equal(ol.sessions[1].id, "coding-2");
	assert_ptr_equal(outline_session(&ol, "coding-2"), &ol.sessions[1]);
	assert_ptr_equal(outline_session(&ol, "CODING"), &ol.sessions[0]);
	assert_null(outline_session(&ol, "design"));
}

static void
test_segments_from_items(void **state)
{
	struct outline	 ol;

	(void)state;
	outline("## 1) Chat (20 mins)\n"
	    "- **Duration:** 20 minutes\n"
	    "- An introduction (~ 5 min)\n"
	    "- Background (10 min)\n"
	    "  - Nested detail (2 min)\n"
	    "- 5 min: Questions\n"
	    "- Send notes within 24 hours\n", &ol);
	assert_int_equal(ol.n_sessions, 1);
	assert_string_equal(ol.sessions[0].title, "Chat");
	assert_int_equal(ol.sessions[0].n_segments, 3);
	assert_string_equal(ol.sessions[0].segments[0].title,
	    "An introduction");
	assert_string_equal(ol.sessions[0].segments[1].title, "Background");
	assert_string_equal(ol.sessions[0].segments[2].title, "Questions");
}

static void
test_questions_and_probes(void **state)
{
	const struct ol_session *s;
	struct outline	 ol;

	(void)state;
	outline("## Interview (45 min)\n\n"
	    "**Primary Question**: \"Tell me about a launch.\"\n\n"
	    "**Follow-up Probes**:\n- What went wrong?\n- What would you "
	    "change?\n\n"
	    "**Specific to Candidate**: ask about the app.\n\n"
	    "Example questions:\n- How do you plan?\n- Why this team?\n\n"
	    "- \xE2\x80\x9C" "Describe a hard bug.\xE2\x80\x9D\n"
	    "  - Follow-ups: \xE2\x80\x9CHow did you find it?\xE2\x80\x9D "
	    "\xE2\x80\x9CWho helped?\xE2\x80\x9D\n"
	    "- Listen for: curiosity\n", &ol);
	s = &ol.sessions[0];
	assert_int_equal(s->n_questions, 4);
	assert_string_equal(s->questions[0].text, "Tell me about a launch.");
	assert_int_equal(s->questions[0].line, 3);
	assert_int_equal(s->questions[0].n_probes, 2);
	assert_string_equal(s->questions[0].probes[1],
	    "What would you change?");
	assert_string_equal(s->questions[1].text, "How do you plan?");
	assert_int_equal(s->questions[1].n_probes, 0);
	assert_string_equal(s->questions[3].text, "Describe a hard bug.");
	assert_int_equal(s->questions[3].n_probes, 2);
	assert_string_equal(s->questions[3].probes[0], "How did you find it?");

	/* "Follow-up Questions" with no question before them are questions. */
	outline("## Design (60 min)\n\n**Follow-up Questions:**\n"
	    "- \"How do you shard?\"\n- \"How do you migrate?\"\n", &ol);
	assert_int_equal(ol.sessions[0].n_questions, 2);
}

static void
test_rubric_and_flags(void **state)
{
	const struct ol_session *s;
	struct outline	 ol;

	(void)state;
	outline("## Design (60 min)\n\n**Evaluation Criteria:**\n\n"
	    "1. **Service Design (20%)**\n   - clear boundaries\n"
	    "2. **Data (80%)**\n\n"
	    "### Evaluation Rubric\n- **Strong (4-5)**: great\n\n"
	    "### Green Flags\n- Asks first\n- Tests\n\n"
	    "**Red Flags:**\n- Blames others\n", &ol);
	s = &ol.sessions[0];
	assert_int_equal(s->n_rubric, 2);
	assert_string_equal(s->rubric[0].name, "Service Design");
	assert_true(near(s->rubric[0].weight, 0.2));
	assert_string_equal(s->rubric[0].description, "clear boundaries");
	assert_false(OL_HAS(s->rubric[0].min_score));
	assert_int_equal(s->n_green, 2);
	assert_int_equal(s->n_red, 1);
	assert_string_equal(s->red[0], "Blames others");
}

static void
test_scoring(void **state)
{
	struct outline	 ol;

	(void)state;
	outline("# G\n\n## S (30 min)\n\nx\n\n## Scoring\n\n"
	    "- **5 - Exceptional**: far above\n- **4 - Strong**: above\n"
	    "- **3 - Adequate**: at\n\n"
	    "| Category | Weight | Min Score | Notes |\n|---|---|---|---|\n"
	    "| Coding | 60% | 4 | core |\n| Values | 40% | 3 | |\n\n"
	    "**Minimum Total Score for Offer**: 3.5/5.0\n\n"
	    "## Decision Matrix\n"
	    "- **Strong Hire**: Average score \xE2\x89\xA5" "4.5, no scores "
	    "below 3\n"
	    "- **Hire**: Average score \xE2\x89\xA5" "4.0, no scores below 3\n"
	    "- **No Hire**: Average score <4.0 or any score below 3\n"
	    "- **Escalate**: talk to the panel\n", &ol);
	assert_int_equal(ol.n_scale, 3);
	assert_int_equal(ol.scale[0].score, 5);
	assert_string_equal(ol.scale[0].label, "Exceptional");
	assert_string_equal(ol.scale[2].description, "at");
	assert_int_equal(ol.n_criteria, 2);
	assert_string_equal(ol.criteria[0].name, "Coding");
	assert_true(near(ol.criteria[0].weight, 0.6));
	assert_true(ol.criteria[0].min_score == 4);
	assert_string_equal(ol.criteria[0].description, "core");
	assert_null(ol.criteria[1].description);
	assert_true(ol.pass_mark == 3.5);
	assert_int_equal(ol.n_decision, 4);
	assert_true(ol.decision[0].min_average == 4.5);
	assert_true(ol.decision[0].min_each == 3);
	assert_false(OL_HAS(ol.decision[2].min_average));
	assert_true(ol.decision[2].max_average == 4.0);
	assert_false(OL_HAS(ol.decision[2].min_each));
	assert_false(OL_HAS(ol.decision[3].min_average));
	assert_string_equal(ol.decision[3].label, "Escalate");
}

static void
test_front_matter_wins(void **state)
{
	struct outline	 ol;

	(void)state;
	assert_int_equal(outline("---\ntitle: Explicit\n"
	    "type: interview_script\n"
	    "sessions:\n  - title: Coding\n    minutes: 50\n"
	    "    interviewer: Dee\n  - \"Design (35-40 min)\"\n"
	    "scale: [{score: 2, label: Good}, {score: 1, label: Bad}]\n"
	    "criteria: {Coding: 70%, Design: 30%}\n"
	    "decision: [\"Hire: average at least 1.5\", No hire]\n"
	    "pass_mark: \"1.5/2\"\n---\n# Inferred\n\n"
	    "## Coding (45 min)\n\n- \"Why?\"\n\n## Culture (30 min)\n",
	    &ol), 0);
	assert_string_equal(ol.title, "Explicit");
	assert_int_equal(ol.type, OL_SCRIPT);
	assert_int_equal(ol.n_sessions, 2);
	assert_int_equal(ol.sessions[0].minutes.min, 50);
	assert_string_equal(ol.sessions[0].interviewer, "Dee");
	/* What the front matter leaves out is still read from the body. */
	assert_int_equal(ol.sessions[0].n_questions, 1);
	assert_int_equal(ol.sessions[0].line, 16);
	assert_string_equal(ol.sessions[1].title, "Design");
	assert_int_equal(ol.sessions[1].minutes.max, 40);
	assert_int_equal(ol.total_minutes.max, 90);
	assert_int_equal(ol.n_scale, 2);
	assert_int_equal(ol.n_criteria, 2);
	assert_true(near(ol.criteria[1].weight, 0.3));
	assert_true(ol.decision[0].min_average == 1.5);
	assert_true(ol.pass_mark == 1.5);
	assert_string_equal(diagcap(), "");

	/*
	 * A plain value is a note, left alone with a warning; a list of the
	 * wrong shape is an error at the item.
	 */
	assert_int_equal(outline("---\nsessions: 5\nscale: [{label: x}]\n"
	    "sessions_note: x\n---\n# G\n", &ol), -1);
	assert_true(diagcap_has("g.md:2:11: warning: front matter: sessions is "
	    "an integer, not a list of sessions; it is not used for the "
	    "outline\n"));
	assert_true(diagcap_has("g.md:3:9: error: front matter: a scale level "
	    "must be {score, label}"));
	assert_int_equal(outline("---\nsessions:\n  - {minutes: 5}\n---\n",
	    &ol), -1);
	assert_true(diagcap_has("g.md:3:5: error: front matter: a session has "
	    "no title\n"));
}

static void
test_warnings(void **state)
{
	(void)state;
	warn("# G\n\n**Total Interview Time**: 100 minutes\n\n"
	    "## A (60 min)\n\n### Evaluation Rubric\n- **X (60%)**: x\n"
	    "- **Y (30%)**: y\n\n## B (30 min)\n\n## Scoring\n\n"
	    "| Category | Weight |\n|---|---|\n| A | 50% |\n| B | 20% |\n\n"
	    "## Decision\n- **Hire**: average 3.5-4.5\n"
	    "- **Strong Hire**: average 4.0-5.0\n- **No**: average below 2\n");
	assert_true(diagcap_has("g.md:3:1: warning: the sessions add up to "
	    "90 min, but the guide states a total of 100 min\n"));
	assert_true(diagcap_has("g.md:11:1: warning: session 'B' has no "
	    "rubric, though 1 other session has one\n"));
	assert_true(diagcap_has("g.md:8:1: warning: the weights of the rubric "
	    "of 'A' add up to 90%, not 100%\n"));
	assert_true(diagcap_has("g.md:15:1: warning: the weights of the "
	    "criteria add up to 70%, not 100%\n"));
	assert_true(diagcap_has("g.md:22:1: warning: decision rules 'Hire' "
	    "(line 21) and 'Strong Hire' overlap for averages from 4 to "
	    "4.5\n"));
	assert_true(diagcap_has("g.md:21:1: warning: the decision rules leave "
	    "averages from 2 to 3.5 without a decision\n"));
	assert_int_equal(diag_warnings(), 6);
}

static void
test_no_false_warnings(void **state)
{
	(void)state;
	warn("---\ntitle: \"\xC2\xAB \xC3\xA9t\xC3\xA9 \xC2\xBB\"\n---\n"
	    "# G\n\n**Total time**: 1 hour\n\n"
	    "## A (30 min)\n\n"
	    "- **X (50%)**: \xE2\x80\x9C\xC3\xA9t\xC3\xA9\xE2\x80\x9D\n\n"
	    "## B (30 min)\n\nStra\xC3\x9F" "e \xE2\x80\x94\xC3\xA9l\xC3\xA8ve "
	    "S\xC3\xA3o Paulo, na\xC3\xAFve caf\xC3\xA9, "
	    "\xE2\x80\x98quoted\xE2\x80\x99.\n\n"
	    "## Decision\n- **Hire**: average \xE2\x89\xA5 3.5\n"
	    "- **Lean**: average 3.0-3.4\n- **No Hire**: average below 3\n");
	assert_string_equal(diagcap(), "");
}

static void
test_mojibake(void **state)
{
	struct mojibake	 m;
	const char	*s = "It\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s fine";

	(void)state;
	assert_true(mojibake_find(s, strlen(s), 0, &m));
	assert_int_equal(m.start, 2);
	assert_string_equal(m.fixed, "\xE2\x80\x99");
	assert_string_equal(m.charset, "Windows-1252");
	s = "caf\xC3\x83\xC2\xA9";		/* "cafÃ©" */
	assert_true(mojibake_find(s, strlen(s), 0, &m));
	assert_string_equal(m.fixed, "\xC3\xA9");
	s = "x \xC3\xA2\xCB\x86\xE2\x80\x99 y";	/* "âˆ’" */
	assert_true(mojibake_find(s, strlen(s), 0, &m));
	assert_string_equal(m.fixed, "\xE2\x88\x92");
	s = "It\xE2\x80\x9A\xC3\x84\xC3\xB4s";	/* Mac Roman "‚Äô" */
	assert_true(mojibake_find(s, strlen(s), 0, &m));
	assert_string_equal(m.charset, "Mac Roman");
	assert_string_equal(m.fixed, "\xE2\x80\x99");

	warn("---\nauthor: Jos\xC3\x83\xC2\xA9\n---\n# G\n\nfine\n\n"
	    "It\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s and it\xC3\xA2\xE2\x82\xAC"
	    "\xE2\x84\xA2s\n");
	assert_true(diagcap_has("g.md:2:12: warning: text looks like mojibake: "
	    "\"\xC3\x83\xC2\xA9\" is probably \"\xC3\xA9\" (UTF-8 read as "
	    "Windows-1252)\n"));
	assert_true(diagcap_has("g.md:8:3: warning: text looks like mojibake"));
	/* One warning for the line, not one for each. */
	assert_int_equal(diag_warnings(), 2);
}

static void
test_conflicting_durations(void **state)
{
	(void)state;
	warn("# G\n\n## Schedule\n\n### Session 1: Coding (45 min)\n\n"
	    "## Session 1: Coding (60 min)\n\n### Intro (5 min)\n");
	assert_true(diagcap_has("g.md:5:1: warning: session 'Coding' lasts "
	    "45 min here, but 60 min at line 7\n"));
}

static void
test_value_and_json(void **state)
{
	struct outline	 ol;
	struct buf	 b = BUF_INIT;
	struct value	*v;

	(void)state;
	outline("---\nversion: 1.0\nn: 2\nok: true\nwhen: 2025-01-02\n---\n"
	    "# T\n\n## A (5 min)\n", &ol);
	v = outline_to_value(A, &ol);
	json_write(&b, v, 0);
	assert_string_equal(buf_cstr(&b),
	    "{\"source\":\"g.md\",\"title\":\"T\","
	    "\"type\":\"guide\",\"front_matter\":{\"version\":1.0,\"n\":2,"
	    "\"ok\":true,\"when\":\"2025-01-02\"},\"total_minutes\":{\"min\":5,"
	    "\"max\":5},\"sessions\":[{\"id\":\"a\",\"title\":\"A\","
	    "\"heading\":\"A (5 min)\",\"line\":9,\"minutes\":{\"min\":5,"
	    "\"max\":5},\"interviewer\":null,\"focus\":null,\"location\":null,"
	    "\"segments\":[],\"questions\":[],\"rubric\":[],\"flags\":{"
	    "\"green\":[],\"red\":[]}}],\"scale\":[],\"criteria\":[],"
	    "\"pass_mark\":null,\"decision\":[]}");

	buf_reset(&b);
	json_put_string(&b, "a\"\\\n\t\x01\xFF\xC3\xA9", 9);
	assert_string_equal(buf_cstr(&b),
	    "\"a\\\"\\\\\\n\\t\\u0001\xEF\xBF\xBD\xC3\xA9\"");
	buf_reset(&b);
	json_put_double(&b, 3.0);
	buf_putc(&b, ' ');
	json_put_double(&b, 0.15);
	buf_putc(&b, ' ');
	json_put_double(&b, 1e300 * 1e300);
	assert_string_equal(buf_cstr(&b), "3.0 0.15 null");
	buf_free(&b);

	outline("# Page\n\nNo sessions here.\n", &ol);
	assert_int_equal(ol.type, OL_PAGE);
	assert_false(ol.total_minutes.known);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sessions_and_negatives,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_schedule_merges, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_segments_from_items, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_questions_and_probes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_rubric_and_flags, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_scoring, setup, teardown),
		cmocka_unit_test_setup_teardown(test_front_matter_wins, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_warnings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_false_warnings, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_mojibake, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflicting_durations,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_value_and_json, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
