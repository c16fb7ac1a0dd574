/*
 * fuzz_yaml.c: front matter and the YAML loader. The input is read as a
 * Markdown file is (repaired to UTF-8 first), split by frontmatter_parse,
 * and also loaded whole as a YAML file. Checks: a failure is reported at
 * a line; every string loaded is valid UTF-8 without NUL; the JSON of
 * the tree is valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buffer.h"
#include "frontmatter.h"
#include "fuzz.h"
#include "json.h"
#include "utf8.h"
#include "value.h"
#include "yaml_load.h"

/* Checks the strings of v and below, visiting at most *budget nodes. */
static void
check_tree(const struct value *v, size_t *budget)
{
	size_t	 i;

	if (*budget == 0)
		return;
	(*budget)--;
	switch (v->type) {
	case VALUE_STRING:
		FUZZ_ASSERT(v->u.str.ptr[v->u.str.len] == '\0');
		FUZZ_ASSERT(fuzz_utf8_ok(v->u.str.ptr, v->u.str.len));
		break;
	case VALUE_SEQ:
		for (i = 0; i < v->u.seq.len; i++)
			check_tree(v->u.seq.items[i], budget);
		break;
	case VALUE_MAP:
		for (i = 0; i < v->u.map.len; i++) {
			check_tree(v->u.map.pairs[i].key, budget);
			check_tree(v->u.map.pairs[i].val, budget);
		}
		break;
	default:
		break;
	}
}

static void
check_value(const struct value *v)
{
	struct buf	 b = BUF_INIT;
	size_t		 budget = 20000;

	check_tree(v, &budget);
	if (budget > 0) {
		/* Small trees only: JSON expands aliases. */
		json_write(&b, v, 2);
		FUZZ_ASSERT(!buf_failed(&b));
		FUZZ_ASSERT(fuzz_utf8_ok(b.data ? b.data : "", b.len));
	}
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		*a = arena_new();
	struct frontmatter	 fm;
	struct utf8_report	 r;
	struct value		*v;
	char			*fixed, *text;
	size_t			 len;
	unsigned		 before;

	fuzz_begin();
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	len = size;
	if ((fixed = utf8_sanitize(text, size, &len, &r)) != NULL) {
		free(text);
		text = fixed;
	}

	before = fuzz_n_placed;
	if (frontmatter_parse(a, "fuzz.md", text, len, &fm) != 0)
		FUZZ_ASSERT(fuzz_n_placed > before);
	else {
		FUZZ_ASSERT(fm.meta != NULL && fm.meta->type == VALUE_MAP);
		check_value(fm.meta);
	}
	FUZZ_ASSERT(fm.body >= text && fm.body + fm.body_len == text + len);

	before = fuzz_n_placed;
	if ((v = yaml_load(a, "fuzz.yaml", text, len, 0)) == NULL)
		FUZZ_ASSERT(fuzz_n_placed > before);
	else
		check_value(v);

	free(text);
	arena_free(a);
	diag_set_sink(NULL, NULL);
	return 0;
}
