/*
 * fuzz_mustache.c: Mustache compile and render. The input is an archive
 * (fuzz.h): the entry "data" is YAML for the context; every other entry
 * is a template of that name, the one named "" (or "main") rendered.
 * Templates are repaired to UTF-8 first, as theme.c reads them.
 * Checks: a failure is reported at a line; the output of a template and
 * data that are valid UTF-8 is valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "fuzz.h"
#include "mustache.h"
#include "utf8.h"
#include "value.h"
#include "xalloc.h"
#include "yaml_load.h"

#define MAX_ENTRIES	16

struct input {
	struct fuzz_entry e[MAX_ENTRIES];
	size_t		 n;
};

/* The repaired text of entry e, allocated. */
static char *
repaired(const struct fuzz_entry *e, size_t *len)
{
	struct utf8_report r;
	char		*t;

	if ((t = utf8_sanitize(e->text, e->len, len, &r)) != NULL)
		return t;
	*len = e->len;
	return xstrndup(e->text, e->len);
}

static int
load(void *arg, const char *name, struct mustache_source *src)
{
	const struct input *in = arg;
	size_t		 i;

	/* As kitgen's loaders: no template has an empty name. */
	for (i = 0; i < in->n && *name != '\0'; i++)
		if (strcmp(in->e[i].name, name) == 0 &&
		    strcmp(name, "data") != 0) {
			src->text = repaired(&in->e[i], &src->len);
			src->path = NULL;
			return 1;
		}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char	 names[4096];
	struct input	 in;
	struct arena	*a = arena_new();
	struct mustache_set *set;
	const struct mustache_tmpl *t;
	const struct value *ctx = NULL;
	struct buf	 out = BUF_INIT;
	char		*text;
	size_t		 i, len, top = MAX_ENTRIES;
	unsigned	 before;

	fuzz_begin();
	in.n = fuzz_archive((const char *)data, size, in.e, MAX_ENTRIES,
	    names, sizeof(names));
	for (i = 0; i < in.n; i++) {
		if (strcmp(in.e[i].name, "data") == 0 && ctx == NULL) {
			text = repaired(&in.e[i], &len);
			ctx = yaml_load(a, "data.yaml", text, len, 0);
			free(text);
		} else if (top == MAX_ENTRIES && (in.e[i].name[0] == '\0' ||
		    strcmp(in.e[i].name, "main") == 0))
			top = i;
	}
	if (top == MAX_ENTRIES)
		goto out;
	diag_set_strict(in.e[top].len > 0 && in.e[top].text[0] == '!');

	set = mustache_set_new(load, &in);
	text = repaired(&in.e[top], &len);
	before = fuzz_n_placed;
	t = mustache_compile(set, "main", "main.mustache", text, len);
	free(text);
	if (t == NULL)
		FUZZ_ASSERT(fuzz_n_placed > before);
	else {
		if (mustache_link(set, t) != 0)
			FUZZ_ASSERT(fuzz_n_diags > 0);
		/* A partial that failed to compile was reported at link. */
		if (mustache_render(set, t, ctx, &out) != 0)
			FUZZ_ASSERT(fuzz_n_diags > 0);
		else {
			FUZZ_ASSERT(!buf_failed(&out));
			FUZZ_ASSERT(fuzz_utf8_ok(buf_cstr(&out), out.len));
		}
		/* Twice: the second render runs on the cached partials. */
		buf_reset(&out);
		mustache_render(set, t, ctx, &out);
	}
	mustache_set_free(set);
out:
	buf_free(&out);
	arena_free(a);
	diag_set_sink(NULL, NULL);
	return 0;
}
