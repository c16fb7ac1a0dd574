/* test_mustache.c: the Mustache engine beyond the specification: compile
 * errors as file:line:col, strict variables, missing partials, depth
 * limits, indentation, caching, several threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "buffer.h"
#include "diagcap.h"
#include "mustache.h"
#include "value.h"
#include "yaml_load.h"

/* Partials for the loader: name, text pairs, NULL-terminated. */
struct parts {
	const char	*const *list;
	int		 calls;
};

static int
loader(void *arg, const char *name, struct mustache_source *src)
{
	struct parts	*p = arg;
	size_t		 i;
	char		 path[64];

	__atomic_fetch_add(&p->calls, 1, __ATOMIC_RELAXED);
	for (i = 0; p->list[i] != NULL; i += 2)
		if (strcmp(p->list[i], name) == 0) {
			src->len = strlen(p->list[i + 1]);
			src->text = strdup(p->list[i + 1]);
			snprintf(path, sizeof(path), "%s.mustache", name);
			src->path = strdup(path);
			return 1;
		}
	return 0;
}

static struct value *
data(struct arena *a, const char *yaml)
{
	struct value	*v = yaml_load(a, "d.yaml", yaml, strlen(yaml), 0);

	assert_non_null(v);
	return v;
}

/* Compiles text as t.mustache; asserts it fails with exactly msg. */
static void
compile_fails(const char *text, const char *msg)
{
	struct mustache_set *set = mustache_set_new(NULL, NULL);

	diagcap_start(NULL);
	assert_null(mustache_compile(set, NULL, "t.mustache", text,
	    strlen(text)));
	if (strcmp(diagcap(), msg) != 0)
		fail_msg("for %s\n got: %s\nwant: %s", text, diagcap(), msg);
	mustache_set_free(set);
}

static void
test_compile_errors(void **state)
{
	(void)state;
	compile_fails("a\n  {{#items}}x\n",
	    "t.mustache:2:3: error: section '#items' is not closed: no "
	    "'/items' before the end of the template\n");
	compile_fails("{{^a}}{{#b}}{{/b}}",
	    "t.mustache:1:1: error: inverted section '^a' is not closed: "
	    "no '/a' before the end of the template\n");
	compile_fails("{{#a}}\n x {{/b}}",
	    "t.mustache:2:4: error: closing tag '/b' does not match the "
	    "open section '#a' (line 1, column 1)\n");
	compile_fails("x {{/a}}",
	    "t.mustache:1:3: error: closing tag '/a' has no opening tag\n");
	compile_fails("x {{=<% =}} y",
	    "t.mustache:1:3: error: bad delimiter change '{{=<% =}}': it "
	    "takes two delimiters, a space between them, and no '=' in "
	    "them\n");
	compile_fails("{{=<%%>=}}",
	    "t.mustache:1:1: error: bad delimiter change '{{=<%%>=}}': it "
	    "takes two delimiters, a space between them, and no '=' in "
	    "them\n");
	compile_fails("{{=< = >=}}",
	    "t.mustache:1:1: error: bad delimiter change '{{=< = >=}}': it "
	    "takes two delimiters, a space between them, and no '=' in "
	    "them\n");
	compile_fails("{{=<% %>}}<%x%>",
	    "t.mustache:1:1: error: tag '{{=' is not closed: no '=}}' "
	    "before the end of the template\n");
	compile_fails("abc\n\xc3\xa9t\xc3\xa9 {{name",
	    "t.mustache:2:5: error: tag '{{' is not closed: no '}}' before "
	    "the end of the template\n");
	compile_fails("{{{raw}}",
	    "t.mustache:1:1: error: tag '{{{' is not closed: no '}}}' "
	    "before the end of the template\n");
	compile_fails("{{=[ ]=}}\n[#a]",
	    "t.mustache:2:1: error: section '#a' is not closed: no '/a' "
	    "before the end of the template\n");
	compile_fails("{{<layout}}{{$body}}x{{/body}}\n",
	    "t.mustache:1:1: error: parent '<layout' is not closed: no "
	    "'/layout' before the end of the template\n");
	compile_fails("{{<layout}}{{$body}}x{{/layout}}",
	    "t.mustache:1:22: error: closing tag '/layout' does not match "
	    "the open block '$body' (line 1, column 12)\n");
	compile_fails("{{<*dyn}}{{/dyn}}",
	    "t.mustache:1:10: error: closing tag '/dyn' does not match the "
	    "open parent '<*dyn' (line 1, column 1)\n");
	compile_fails("a {{ }}",
	    "t.mustache:1:3: error: empty tag '{{ }}': it needs a name\n");
	compile_fails("{{> * }}",
	    "t.mustache:1:1: error: empty tag '{{> * }}': it needs a name\n");
	compile_fails("{{first name}}",
	    "t.mustache:1:1: error: 'first name' is not a name: it has a "
	    "space in it\n");
	compile_fails("{{a..b}}",
	    "t.mustache:1:1: error: 'a..b' is not a name: a dotted name has "
	    "no empty parts\n");
}

static void
test_nesting_limit(void **state)
{
	struct buf	 b = BUF_INIT;
	struct mustache_set *set = mustache_set_new(NULL, NULL);
	int		 i;

	(void)state;
	for (i = 0; i < MUSTACHE_MAX_NESTING; i++)
		buf_puts(&b, "{{#a}}");
	for (i = 0; i < MUSTACHE_MAX_NESTING; i++)
		buf_puts(&b, "{{/a}}");
	assert_non_null(mustache_compile(set, NULL, "t", b.data, b.len));
	buf_reset(&b);
	for (i = 0; i <= MUSTACHE_MAX_NESTING; i++)
		buf_puts(&b, "{{#a}}\n");
	assert_null(mustache_compile(set, NULL, "t", b.data, b.len));
	assert_string_equal(diagcap(), "t:101:1: error: sections nested "
	    "more than 100 deep\n");
	buf_free(&b);
	mustache_set_free(set);
	mustache_set_free(NULL);
}

/* Renders text against d with partials; returns the output. */
static char *
render_value(const char *text, const struct value *d,
    const char *const *partials)
{
	static const char *const none[] = { NULL };
	struct parts	 p = { partials != NULL ? partials : none, 0 };
	struct mustache_set *set = mustache_set_new(loader, &p);
	const struct mustache_tmpl *t;
	struct buf	 out = BUF_INIT;

	t = mustache_compile(set, "t", "t.mustache", text, strlen(text));
	assert_non_null(t);
	assert_int_equal(mustache_render(set, t, d, &out), 0);
	mustache_set_free(set);
	return buf_detach(&out, NULL);
}

/* Renders text against yaml with partials; returns the output. */
static char *
render(const char *text, const char *yaml, const char *const *partials)
{
	struct arena	*a = arena_new();
	char		*s;

	s = render_value(text, yaml != NULL ? data(a, yaml) : NULL, partials);
	arena_free(a);
	return s;
}

/* Returns {n: {n: ... {n: false}}}, depth maps above the last. */
static struct value *
nested(struct arena *a, int depth)
{
	struct value	*v = value_new_map(a);

	value_map_set(a, v, "n", depth > 0 ? nested(a, depth - 1) :
	    value_new_bool(a, 0));
	return v;
}

static void
expect_render(const char *text, const char *yaml,
    const char *const *partials, const char *want)
{
	char	*got = render(text, yaml, partials);

	if (strcmp(got, want) != 0)
		fail_msg("for %s\n got: \"%s\"\nwant: \"%s\"", text, got, want);
	free(got);
}

static void
test_values(void **state)
{
	(void)state;
	expect_render("{{s}}|{{{s}}}|{{&s}}", "s: \"<a href='x'>&\\\"\"",
	    NULL, "&lt;a href=&#39;x&#39;&gt;&amp;&quot;|<a href='x'>&\""
	    "|<a href='x'>&\"");
	expect_render("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}} {{h}} {{i}}",
	    "{a: 1.210, b: -42, c: 2.0, d: true, e: false, f: 1e20, "
	    "g: -9223372036854775808, h: 20.0, i: 0.1}", NULL,
	    "1.21 -42 2 true false 1e+20 -9223372036854775808 20 0.1");
	/* Null is found: it renders as nothing without a warning. */
	expect_render("[{{n}}][{{l}}][{{m}}]", "{n: null, l: [1], m: {a: 1}}",
	    NULL, "[][][]");
	assert_string_equal(diagcap(), "");
	/* Empty strings and zero are true; empty lists are false. */
	expect_render("{{#s}}S{{/s}}{{#z}}Z{{/z}}{{#l}}L{{/l}}{{^l}}!L{{/l}}",
	    "{s: '', z: 0, l: []}", NULL, "SZ!L");
	/* A map pushes itself; a list pushes each item. */
	expect_render("{{#m}}{{a}}{{/m}};{{#l}}{{a}}{{.}}{{/l}}",
	    "{a: top, m: {a: m}, l: [x, {a: y}]}", NULL,
	    "m;topxy");
	/* Dotted names resolve their first part only. */
	expect_render("{{#m}}{{a.b}}{{/m}}", "{a: {b: outer}, m: {a: {}}}",
	    NULL, "");
}

/* The engine escapes as buf_put_html does, every byte. */
static void
test_escaping(void **state)
{
	struct arena	*a = arena_new();
	struct value	*m = value_new_map(a);
	struct buf	 want = BUF_INIT;
	char		 all[255], *got;
	int		 i;

	(void)state;
	for (i = 0; i < 255; i++)
		all[i] = (char)(i + 1);
	value_map_set(a, m, "s", value_new_string(a, all, sizeof(all)));
	buf_put_html(&want, all, sizeof(all));
	buf_puts(&want, "|");
	buf_put(&want, all, sizeof(all));
	got = render_value("{{s}}|{{{s}}}", m, NULL);
	assert_memory_equal(got, want.data, want.len);
	assert_int_equal(strlen(got), want.len);
	free(got);
	buf_free(&want);
	arena_free(a);
}

static void
test_strict_variables(void **state)
{
	struct mustache_set *set = mustache_set_new(NULL, NULL);
	const struct mustache_tmpl *t;
	struct arena	*a = arena_new();
	struct value	*d = data(a, "{items: [{x: 1}, {y: 2}, {}], p: {}}");
	struct buf	 out = BUF_INIT;
	const char	*text = "{{#items}}{{x}}{{/items}}\n"
	    "{{#missing}}{{/missing}}{{^gone}}-{{/gone}}{{p.q}}\n";
	int		 i;

	(void)state;
	t = mustache_compile(set, NULL, "w.mustache", text, strlen(text));
	assert_non_null(t);
	for (i = 0; i < 3; i++) {
		buf_reset(&out);
		assert_int_equal(mustache_render(set, t, d, &out), 0);
		assert_string_equal(buf_cstr(&out), "1\n-\n");
	}
	/* Once per tag, not per render nor per item; sections are quiet. */
	assert_string_equal(diagcap(),
	    "w.mustache:1:11: warning: no value for 'x'\n"
	    "w.mustache:2:44: warning: no value for 'p.q'\n");
	assert_int_equal(diag_warnings(), 2);
	buf_free(&out);
	arena_free(a);
	mustache_set_free(set);
}

static void
test_missing_partials(void **state)
{
	static const char *const parts[] = { "here", "[{{x}}]", NULL };
	struct parts	 p = { parts, 0 };
	struct mustache_set *set = mustache_set_new(loader, &p);
	const struct mustache_tmpl *t;
	struct arena	*a = arena_new();
	struct buf	 out = BUF_INIT;
	const char	*text = "{{>here}}{{>gone}}{{<gone}}{{/gone}}"
	    "{{>*name}}{{>*nothing}}";
	int		 i;

	(void)state;
	t = mustache_compile(set, NULL, "t.mustache", text, strlen(text));
	assert_non_null(t);
	for (i = 0; i < 2; i++) {
		buf_reset(&out);
		assert_int_equal(mustache_render(set, t, data(a,
		    "{x: 1, name: gone}"), &out), 0);
		assert_string_equal(buf_cstr(&out), "[1]");
	}
	assert_string_equal(diagcap(),
	    "t.mustache:1:10: warning: partial 'gone' not found\n"
	    "t.mustache:1:19: warning: parent 'gone' not found\n"
	    "t.mustache:1:37: warning: partial 'gone' not found\n"
	    "t.mustache:1:47: warning: no value for '*nothing'\n");
	/* Each name was asked of the loader once. */
	assert_int_equal(p.calls, 2);
	assert_null(mustache_get(set, "gone"));
	assert_non_null(mustache_get(set, "here"));
	assert_ptr_equal(mustache_get(set, "here"), mustache_get(set, "here"));
	assert_int_equal(p.calls, 2);
	assert_string_equal(mustache_name(mustache_get(set, "here")), "here");
	assert_string_equal(mustache_path(mustache_get(set, "here")),
	    "here.mustache");
	buf_free(&out);
	arena_free(a);
	mustache_set_free(set);
}

static void
test_depth(void **state)
{
	static const char *const parts[] = {
		"a", "{{>b}}", "b", "x{{>a}}",
		"p", "{{<p}}{{/p}}",
		"blk", "{{<q}}{{$a}}<{{$a}}{{/a}}>{{/a}}{{/q}}",
		"q", "{{$a}}{{/a}}",
		"broken", "{{#x}}",
		NULL
	};
	struct parts	 p = { parts, 0 };
	struct mustache_set *set = mustache_set_new(loader, &p);
	struct buf	 out = BUF_INIT;
	const struct mustache_tmpl *t;

	(void)state;
	t = mustache_compile(set, "top", "top.mustache", "{{>a}}", 6);
	assert_int_equal(mustache_render(set, t, NULL, &out), -1);
	assert_string_equal(diagcap(), "b.mustache:1:2: error: partial "
	    "depth over 100: top -> a -> b -> a -> ...\n");
	diagcap_start(NULL);
	assert_int_equal(mustache_render(set, mustache_get(set, "p"), NULL,
	    &out), -1);
	assert_string_equal(diagcap(), "p.mustache:1:1: error: partial "
	    "depth over 100: p -> p -> p -> ...\n");
	/* A block whose argument holds the same block. */
	diagcap_start(NULL);
	assert_int_equal(mustache_render(set, mustache_get(set, "blk"), NULL,
	    &out), -1);
	assert_string_equal(diagcap(), "blk.mustache:1:14: error: partial "
	    "depth over 100: blk -> q -> $a -> $a -> ...\n");
	/* A partial that does not compile fails every render, reported
	 * once. */
	diagcap_start(NULL);
	t = mustache_compile(set, NULL, "u.mustache", "x{{>broken}}", 12);
	assert_int_equal(mustache_render(set, t, NULL, &out), -1);
	assert_int_equal(mustache_render(set, t, NULL, &out), -1);
	assert_string_equal(diagcap(), "broken.mustache:1:1: error: section "
	    "'#x' is not closed: no '/x' before the end of the template\n");
	buf_free(&out);
	mustache_set_free(set);
}

static void
test_link(void **state)
{
	static const char *const parts[] = {
		"page", "{{<layout}}{{$b}}{{>card}}{{/b}}{{/layout}}",
		"layout", "<{{$b}}{{/b}}{{>nav}}{{>*dyn}}>",
		"card", "card",
		"bad", "{{>broken}}",
		"broken", "{{/x}}",
		NULL
	};
	struct parts	 p = { parts, 0 };
	struct mustache_set *set = mustache_set_new(loader, &p);
	struct buf	 out = BUF_INIT;

	(void)state;
	assert_int_equal(mustache_link(set, mustache_get(set, "page")), 0);
	assert_string_equal(diagcap(), "layout.mustache:1:14: warning: "
	    "partial 'nav' not found\n");
	assert_int_equal(p.calls, 4);
	/* Linked: rendering finds everything, warns no more. */
	assert_int_equal(mustache_render(set, mustache_get(set, "page"),
	    NULL, &out), 0);
	assert_string_equal(buf_cstr(&out), "<card>");
	assert_int_equal(p.calls, 4);
	assert_string_equal(diagcap(), "layout.mustache:1:14: warning: "
	    "partial 'nav' not found\nlayout.mustache:1:22: warning: "
	    "no value for '*dyn'\n");
	assert_int_equal(mustache_link(set, mustache_get(set, "bad")), -1);
	assert_int_equal(mustache_link(set, mustache_get(set, "bad")), -1);
	buf_free(&out);
	mustache_set_free(set);
}

static void
test_indentation(void **state)
{
	static const char *const parts[] = {
		"outer", "o1\n\n  {{>inner}}\no2 {{>inline}}\n",
		"inner", "i1\n{{v}}\ni2\n",
		"inline", "x\ny\n",
		"deep", "{{#n}}\n    {{>deep}}\n{{/n}}{{^n}}.\n{{/n}}",
		"layout", "<\n  {{$body}}\n  {{/body}}\n>\n",
		"page", "{{<layout}}{{$body}}\n    {{>card}}\n{{/body}}"
		    "{{/layout}}\n",
		"card", "c1\nc2\n",
		NULL
	};
	struct arena	*a = arena_new();
	char		*got;
	const char	*p;
	int		 spaces;

	(void)state;
	/* Template lines are indented, values and empty lines are not; an
	 * inline partial's lines are not the caller's. */
	expect_render("  {{>outer}}\n", "v: \"a\\nb\"", parts,
	    "  o1\n\n    i1\n    a\nb\n    i2\n  o2 x\ny\n\n");
	/* Indentation and the context stack beyond their first arrays. */
	got = render_value("{{>deep}}", nested(a, 80), parts);
	for (p = got, spaces = 0; *p == ' '; p++)
		spaces++;
	assert_int_equal(spaces, 4 * 80);
	assert_string_equal(p, ".\n");
	free(got);
	/* A block's indentation: removed where defined, added where
	 * expanded, and a standalone partial's inside it. */
	expect_render("{{<page}}{{/page}}", NULL, parts,
	    "<\n  c1\n  c2\n>\n");
	arena_free(a);
}

struct job {
	struct mustache_set *set;
	const struct mustache_tmpl *t;
	const struct value *d;
	const char	*want;
	int		 ok;
};

static void *
worker(void *arg)
{
	struct job	*j = arg;
	struct buf	 out = BUF_INIT;
	int		 i;

	j->ok = 1;
	for (i = 0; i < 200; i++) {
		buf_reset(&out);
		if (mustache_render(j->set, j->t, j->d, &out) != 0 ||
		    strcmp(buf_cstr(&out), j->want) != 0)
			j->ok = 0;
	}
	buf_free(&out);
	return NULL;
}

static void
test_threads(void **state)
{
	static const char *const parts[] = {
		"row", "<{{name}}{{>*kind}}{{missing}}>",
		"a", "A", "b", "B",
		"layout", "[{{$rows}}{{/rows}}]",
		NULL
	};
	struct parts	 p = { parts, 0 };
	struct mustache_set *set = mustache_set_new(loader, &p);
	struct arena	*a = arena_new();
	const char	*text = "{{<layout}}{{$rows}}{{#rows}}{{>row}}{{/rows}}"
	    "{{/rows}}{{/layout}}";
	const struct mustache_tmpl *t;
	struct job	 jobs[4];
	pthread_t	 th[4];
	int		 i;

	(void)state;
	/* Not linked: the threads race to resolve the partials. */
	t = mustache_compile(set, NULL, "t.mustache", text, strlen(text));
	assert_non_null(t);
	for (i = 0; i < 4; i++) {
		jobs[i].set = set;
		jobs[i].t = t;
		jobs[i].d = data(a, "rows: [{name: x, kind: a}, "
		    "{name: y, kind: b}, {name: z, kind: a}]");
		jobs[i].want = "[<xA><yB><zA>]";
		assert_int_equal(pthread_create(&th[i], NULL, worker,
		    &jobs[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_true(jobs[i].ok);
	}
	assert_string_equal(diagcap(),
	    "row.mustache:1:20: warning: no value for 'missing'\n");
	assert_int_equal(p.calls, 4);
	arena_free(a);
	mustache_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_compile_errors, diagcap_start),
		cmocka_unit_test_setup(test_nesting_limit, diagcap_start),
		cmocka_unit_test_setup(test_values, diagcap_start),
		cmocka_unit_test_setup(test_escaping, diagcap_start),
		cmocka_unit_test_setup(test_strict_variables, diagcap_start),
		cmocka_unit_test_setup(test_missing_partials, diagcap_start),
		cmocka_unit_test_setup(test_depth, diagcap_start),
		cmocka_unit_test_setup(test_link, diagcap_start),
		cmocka_unit_test_setup(test_indentation, diagcap_start),
		cmocka_unit_test_setup(test_threads, diagcap_start),
	};

	return cmocka_run_group_tests(tests, NULL, diagcap_stop);
}
