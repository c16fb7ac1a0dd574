/*
 * commonmark_diff.c: the differential test of the Markdown renderer.
 *
 *   commonmark_diff SPEC.json   every example of the CommonMark spec (the
 *                               JSON array commonmark-spec's index.js
 *                               exports as tests) through markdown_render
 *                               and md4c-html, with the same parser
 *                               flags; prints each difference and a last
 *                               line "N passed, M failed"
 *   commonmark_diff -           Markdown on stdin: prints both renderings
 *
 * Our output is compared with the heading ids and self-links taken out,
 * exactly as markdown_render writes them (markdown_int.h); it must also
 * be valid UTF-8. Exit status 0 when every example is equal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md4c-html.h>

#include "arena.h"
#include "buffer.h"
#include "files.h"
#include "markdown.h"
#include "markdown_int.h"
#include "utf8.h"
#include "xalloc.h"

struct example {
	char	*markdown;
	size_t	 len;
	char	*section;
	long	 number;
};

struct parser {
	const char	*s, *e;
	int		 bad;
};

/* Skips JSON white space. */
static void
ws(struct parser *p)
{
	while (p->s < p->e && (*p->s == ' ' || *p->s == '\n' ||
	    *p->s == '\r' || *p->s == '\t'))
		p->s++;
}

/* Returns the value of 4 hex digits at p->s, or -1. */
static long
hex4(struct parser *p)
{
	long	 v = 0;
	int	 i;

	if (p->e - p->s < 4)
		return -1;
	for (i = 0; i < 4; i++, p->s++) {
		v <<= 4;
		if (*p->s >= '0' && *p->s <= '9')
			v |= *p->s - '0';
		else if ((*p->s | 0x20) >= 'a' && (*p->s | 0x20) <= 'f')
			v |= (*p->s | 0x20) - 'a' + 10;
		else
			return -1;
	}
	return v;
}

/* Parses a JSON string into b. Returns 0, or -1 when it is malformed. */
static int
string(struct parser *p, struct buf *b)
{
	long	 c, lo;

	if (p->s == p->e || *p->s != '"')
		return -1;
	for (p->s++; p->s < p->e && *p->s != '"'; ) {
		if (*p->s != '\\') {
			buf_putc(b, *p->s++);
			continue;
		}
		if (++p->s == p->e)
			return -1;
		switch (*p->s++) {
		case 'n': buf_putc(b, '\n'); break;
		case 't': buf_putc(b, '\t'); break;
		case 'r': buf_putc(b, '\r'); break;
		case 'b': buf_putc(b, '\b'); break;
		case 'f': buf_putc(b, '\f'); break;
		case 'u':
			if ((c = hex4(p)) < 0)
				return -1;
			if (c >= 0xD800 && c <= 0xDBFF && p->e - p->s >= 6 &&
			    p->s[0] == '\\' && p->s[1] == 'u') {
				p->s += 2;
				if ((lo = hex4(p)) < 0xDC00 || lo > 0xDFFF)
					return -1;
				c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
			}
			if (c == 0)
				buf_putc(b, '\0');
			else
				md_put_utf8(b, (unsigned)c);
			break;
		default:
			buf_putc(b, p->s[-1]);
			break;
		}
	}
	if (p->s == p->e)
		return -1;
	p->s++;
	return 0;
}

/* Skips any JSON value. Returns 0, or -1 when it is malformed. */
static int
skip_value(struct parser *p)
{
	struct buf	 b = BUF_INIT;
	int		 depth = 0, rc;

	ws(p);
	if (p->s < p->e && *p->s == '"') {
		rc = string(p, &b);
		buf_free(&b);
		return rc;
	}
	do {
		if (p->s == p->e)
			return -1;
		if (*p->s == '"') {
			if (string(p, &b) < 0) {
				buf_free(&b);
				return -1;
			}
			continue;
		}
		if (*p->s == '[' || *p->s == '{')
			depth++;
		else if (*p->s == ']' || *p->s == '}')
			depth--;
		else if (depth == 0 && (*p->s == ',' || *p->s == ' '))
			break;
		p->s++;
	} while (depth > 0 || (p->s < p->e && *p->s != ',' &&
	    *p->s != '}' && *p->s != ']'));
	buf_free(&b);
	return 0;
}

/*
 * Parses the spec's JSON (an array of objects with markdown, section and
 * number). Returns the examples (count in *n), or NULL.
 */
static struct example *
parse_spec(const char *s, size_t len, size_t *n)
{
	struct parser	 p = { s, s + len, 0 };
	struct example	*ex = NULL, *x;
	struct buf	 key = BUF_INIT, val = BUF_INIT;
	size_t		 cap = 0;

	*n = 0;
	ws(&p);
	if (p.s == p.e || *p.s++ != '[')
		goto bad;
	for (;;) {
		ws(&p);
		if (p.s < p.e && *p.s == ']')
			break;
		if (p.s == p.e || *p.s++ != '{')
			goto bad;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			ex = xreallocarray(ex, cap, sizeof(*ex));
		}
		x = &ex[(*n)++];
		memset(x, 0, sizeof(*x));
		for (;;) {
			ws(&p);
			if (p.s < p.e && *p.s == '}') {
				p.s++;
				break;
			}
			buf_reset(&key);
			if (string(&p, &key) < 0)
				goto bad;
			ws(&p);
			if (p.s == p.e || *p.s++ != ':')
				goto bad;
			ws(&p);
			if (strcmp(buf_cstr(&key), "markdown") == 0 ||
			    strcmp(buf_cstr(&key), "section") == 0) {
				buf_reset(&val);
				if (string(&p, &val) < 0)
					goto bad;
				if (key.data[0] == 'm') {
					free(x->markdown);
					x->len = val.len;
					x->markdown = xmalloc(val.len + 1);
					memcpy(x->markdown, buf_cstr(&val),
					    val.len + 1);
				} else {
					free(x->section);
					x->section = xstrdup(buf_cstr(&val));
				}
			} else if (strcmp(buf_cstr(&key), "number") == 0)
				x->number = strtol(p.s, (char **)&p.s, 10);
			else if (skip_value(&p) < 0)
				goto bad;
			ws(&p);
			if (p.s < p.e && *p.s == ',')
				p.s++;
		}
		if (x->markdown == NULL)
			goto bad;
		ws(&p);
		if (p.s < p.e && *p.s == ',')
			p.s++;
	}
	buf_free(&key);
	buf_free(&val);
	return ex;
bad:
	fprintf(stderr, "commonmark_diff: malformed JSON near byte %ld\n",
	    (long)(p.s - s));
	buf_free(&key);
	buf_free(&val);
	while (*n > 0) {
		(*n)--;
		free(ex[*n].markdown);
		free(ex[*n].section);
	}
	free(ex);
	return NULL;
}

/* md4c-html's output callback: appends to the buffer arg. */
static void
collect(const MD_CHAR *s, MD_SIZE n, void *arg)
{
	buf_put(arg, s, n);
}

/*
 * Takes what markdown_render adds for the headings of doc out of html
 * into plain. Returns 0, or -1 when something expected is not there.
 */
static int
strip_ids(const struct md_doc *doc, const char *html, struct buf *plain)
{
	struct buf	 pat = BUF_INIT;
	const char	*at = html, *hit;
	size_t		 i;
	int		 rc = -1;

	for (i = 0; i < doc->n_toc; i++) {
		buf_reset(&pat);
		buf_printf(&pat, "<h%u id=\"%s\">", doc->toc[i].level,
		    doc->toc[i].id);
		if ((hit = strstr(at, buf_cstr(&pat))) == NULL)
			goto out;
		buf_put(plain, at, (size_t)(hit - at) + 3);
		buf_putc(plain, '>');
		at = hit + pat.len;
		buf_reset(&pat);
		buf_printf(&pat, "%s%s%s", MD_ANCHOR_OPEN, doc->toc[i].id,
		    MD_ANCHOR_CLOSE);
		if ((hit = strstr(at, buf_cstr(&pat))) == NULL)
			goto out;
		buf_put(plain, at, (size_t)(hit - at));
		at = hit + pat.len;
	}
	buf_puts(plain, at);
	rc = 0;
out:
	buf_free(&pat);
	return rc;
}

/*
 * Renders s (n bytes) both ways into ours (ids taken out) and theirs.
 * Returns 0, or -1 when ours failed or is not valid UTF-8.
 */
static int
render_both(const char *s, size_t n, struct buf *ours, struct buf *theirs)
{
	struct arena	*a = arena_new();
	struct md_doc	 doc;
	struct buf	 raw = BUF_INIT;
	int		 rc = -1;

	md_html(s, (MD_SIZE)n, collect, theirs, markdown_parser_flags(0), 0);
	buf_cstr(theirs);
	if (markdown_render(a, "example", s, n, 1, 0, &raw, &doc) < 0)
		goto out;
	if (utf8_valid_prefix(raw.data ? raw.data : "", raw.len) != raw.len) {
		buf_puts(ours, "(invalid UTF-8) ");
		buf_put(ours, raw.data, raw.len);
		goto out;
	}
	if (strip_ids(&doc, buf_cstr(&raw), ours) < 0) {
		buf_puts(ours, "(ids not found) ");
		buf_put(ours, raw.data, raw.len);
		goto out;
	}
	buf_cstr(ours);
	rc = 0;
out:
	buf_free(&raw);
	arena_free(a);
	return rc;
}

/* Prints s with its line ends shown, each line indented. */
static void
show(const char *label, const char *s)
{
	printf("    %s:\n      ", label);
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			printf("\\n\n      ");
		else if (*s == '\t')
			printf("\\t");
		else
			putchar(*s);
	}
	putchar('\n');
}

int
main(int argc, char *argv[])
{
	struct buf	 ours = BUF_INIT, theirs = BUF_INIT, in = BUF_INIT;
	struct example	*ex;
	size_t		 n, i, len, pass = 0, fail = 0;
	char		*text, chunk[4096];

	if (argc != 2) {
		fprintf(stderr, "usage: commonmark_diff SPEC.json | -\n");
		return 2;
	}
	if (strcmp(argv[1], "-") == 0) {
		while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
			buf_put(&in, chunk, n);
		if (render_both(in.data ? in.data : "", in.len, &ours,
		    &theirs) < 0)
			printf("(ours failed) ");
		printf("== ours\n%s== md4c-html\n%s", buf_cstr(&ours),
		    buf_cstr(&theirs));
		n = strcmp(buf_cstr(&ours), buf_cstr(&theirs)) != 0;
		buf_free(&in);
		buf_free(&ours);
		buf_free(&theirs);
		return (int)n;
	}
	if (file_read(argv[1], 64u * 1024 * 1024, &text, &len) != 0)
		return 2;
	if ((ex = parse_spec(text, len, &n)) == NULL) {
		free(text);
		return 2;
	}
	for (i = 0; i < n; i++) {
		buf_reset(&ours);
		buf_reset(&theirs);
		if (render_both(ex[i].markdown, ex[i].len, &ours,
		    &theirs) == 0 &&
		    strcmp(buf_cstr(&ours), buf_cstr(&theirs)) == 0) {
			pass++;
			continue;
		}
		fail++;
		printf("FAIL  example %ld (%s)\n", ex[i].number,
		    ex[i].section ? ex[i].section : "?");
		show("markdown", ex[i].markdown);
		show("md4c-html", buf_cstr(&theirs));
		show("ours", buf_cstr(&ours));
	}
	printf("%zu passed, %zu failed\n", pass, fail);
	for (i = 0; i < n; i++) {
		free(ex[i].markdown);
		free(ex[i].section);
	}
	free(ex);
	free(text);
	buf_free(&ours);
	buf_free(&theirs);
	return fail > 0;
}
