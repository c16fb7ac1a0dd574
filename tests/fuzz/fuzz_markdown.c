/*
 * fuzz_markdown.c: Markdown rendering and the outline. The input is read
 * as a guide is (repaired to UTF-8, front matter split off), rendered
 * trusted and untrusted, and outlined; the outline is written as JSON.
 * Checks: the HTML and JSON are valid UTF-8; untrusted HTML has no tag
 * from the text and no link but http, https, mailto and #anchors.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buffer.h"
#include "frontmatter.h"
#include "fuzz.h"
#include "json.h"
#include "markdown.h"
#include "outline.h"
#include "utf8.h"
#include "value.h"

/* The tags md4c writes, and our heading anchor and checkbox. */
static const char *const tags[] = {
	"a", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4",
	"h5", "h6", "hr", "img", "input", "li", "ol", "p", "pre", "strong",
	"table", "tbody", "td", "th", "thead", "tr", "ul", NULL
};

static int
known_tag(const char *p, size_t n)
{
	size_t	 i;

	for (i = 0; tags[i] != NULL; i++)
		if (strlen(tags[i]) == n && strncmp(tags[i], p, n) == 0)
			return 1;
	return 0;
}

/* Checks that untrusted HTML holds only our own tags and safe links. */
static void
check_untrusted(const char *h, size_t len)
{
	const char	*p, *end = h + len;
	size_t		 n;

	for (p = h; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
		const char *q = p + 1;

		if (q < end && *q == '/')
			q++;
		for (n = 0; q + n < end && isalnum((unsigned char)q[n]); n++)
			;
		FUZZ_ASSERT(known_tag(q, n));
	}
	for (p = h; p < end && (p = strstr(p, "href=\"")) != NULL; p++) {
		p += 6;
		FUZZ_ASSERT(*p == '#' || strncasecmp(p, "http://", 7) == 0 ||
		    strncasecmp(p, "https://", 8) == 0 ||
		    strncasecmp(p, "mailto:", 7) == 0);
	}
	for (p = h; p < end && (p = strstr(p, "src=\"")) != NULL; p++) {
		p += 5;
		FUZZ_ASSERT(strncasecmp(p, "http://", 7) == 0 ||
		    strncasecmp(p, "https://", 8) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		*a = arena_new();
	struct frontmatter	 fm;
	struct utf8_report	 r;
	struct md_doc		 doc, udoc;
	struct outline		 ol;
	struct buf		 html = BUF_INIT, uhtml = BUF_INIT, json = BUF_INIT;
	char			*fixed, *text;
	size_t			 len;

	fuzz_begin();
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	len = size;
	if ((fixed = utf8_sanitize(text, size, &len, &r)) != NULL) {
		free(text);
		text = fixed;
	}
	frontmatter_parse(a, "fuzz.md", text, len, &fm);

	if (markdown_render(a, "fuzz.md", fm.body, fm.body_len, fm.body_line,
	    MD_UNTRUSTED, &uhtml, &udoc) == 0) {
		FUZZ_ASSERT(!buf_failed(&uhtml));
		FUZZ_ASSERT(fuzz_utf8_ok(buf_cstr(&uhtml), uhtml.len));
		check_untrusted(buf_cstr(&uhtml), uhtml.len);
	} else
		FUZZ_ASSERT(uhtml.len == 0 && fuzz_n_placed > 0);

	if (markdown_render(a, "fuzz.md", fm.body, fm.body_len, fm.body_line,
	    0, &html, &doc) == 0) {
		FUZZ_ASSERT(!buf_failed(&html));
		FUZZ_ASSERT(fuzz_utf8_ok(buf_cstr(&html), html.len));
		if (outline_guide(a, "fuzz.md", &fm, &doc, &ol) == 0) {
			outline_warn(&ol);
			json_write(&json, outline_to_value(a, &ol), 2);
			FUZZ_ASSERT(!buf_failed(&json));
			FUZZ_ASSERT(fuzz_utf8_ok(buf_cstr(&json), json.len));
		}
	}

	buf_free(&html);
	buf_free(&uhtml);
	buf_free(&json);
	free(text);
	arena_free(a);
	diag_set_sink(NULL, NULL);
	return 0;
}
