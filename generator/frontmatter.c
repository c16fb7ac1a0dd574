/*
 * frontmatter.c: the YAML block at the top of a Markdown file.
 */
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "frontmatter.h"
#include "value.h"
#include "yaml_load.h"

/*
 * Returns whether the line at s (up to its newline) is exactly the
 * fence, allowing trailing blanks and a CR.
 */
static int
is_fence(const char *s, const char *end, const char *fence)
{
	size_t	 n = strlen(fence);

	if ((size_t)(end - s) < n || memcmp(s, fence, n) != 0)
		return 0;
	for (s += n; s < end && *s != '\n'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

static const char *
next_line(const char *s, const char *end)
{
	const char	*nl = memchr(s, '\n', (size_t)(end - s));

	return nl != NULL ? nl + 1 : end;
}

/*
 * Splits text into front matter and body.
 * Returns 0, or -1 after reporting an error (an unterminated block, bad
 * YAML, or front matter that is not a map); out->body is set either way,
 * so a caller can still look at the text.
 */
int
frontmatter_parse(struct arena *a, const char *file, const char *text,
    size_t len, struct frontmatter *out)
{
	const char	*end = text + len, *s = text, *yaml, *line;
	unsigned	 lineno = 2;
	struct value	*v;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	out->meta = value_new_map(a);
	value_set_pos(out->meta, file, 1, 1);
	out->body = s;
	out->body_len = (size_t)(end - s);
	out->body_line = 1;
	if (!is_fence(s, end, "---"))
		return 0;

	out->present = 1;
	yaml = next_line(s, end);
	for (line = yaml; line < end; line = next_line(line, end), lineno++)
		if (is_fence(line, end, "---") || is_fence(line, end, "..."))
			break;
	if (line >= end) {
		diag_error(file, 1, 1, "front matter is not closed: no '---' or "
		    "'...' line after the opening '---'");
		return -1;
	}
	out->body = next_line(line, end);
	out->body_len = (size_t)(end - out->body);
	out->body_line = lineno + 1;

	/* Lines of the YAML start at file line 2. */
	if ((v = yaml_load(a, file, yaml, (size_t)(line - yaml), 1)) == NULL)
		return -1;
	if (v->type == VALUE_NULL)
		return 0;
	if (v->type != VALUE_MAP) {
		diag_error(file, v->line, v->col, "front matter must be a map "
		    "of keys to values, not %s", value_type_name(v->type));
		return -1;
	}
	out->meta = v;
	return 0;
}
