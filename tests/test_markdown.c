/* test_markdown.c: Markdown rendering, heading ids, TOC, block list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "arena.h"
#include "diagcap.h"
#include "markdown.h"
#include "utf8.h"

static struct arena	*arena;
static struct buf	 html;
static struct md_doc	 doc;
static struct buf	 slugbuf;

static int
setup(void **state)
{
	arena = arena_new();
	buf_init(&html);
	return diagcap_start(state);
}

static int
teardown(void **state)
{
	arena_free(arena);
	buf_free(&html);
	buf_free(&slugbuf);
	return diagcap_stop(state);
}

/* Renders s (from line first) afresh. Returns markdown_render's value. */
static int
render_at(const char *s, unsigned first, unsigned flags)
{
	buf_reset(&html);
	return markdown_render(arena, "g.md", s, strlen(s), first, flags,
	    &html, &doc);
}

/* Renders s from line 1, trusted, and returns the HTML. */
static const char *
render(const char *s)
{
	assert_int_equal(render_at(s, 1, 0), 0);
	assert_int_equal(utf8_valid_prefix(buf_cstr(&html), html.len),
	    html.len);
	return buf_cstr(&html);
}

/* Renders s as candidate text and returns the HTML. */
static const char *
untrusted(const char *s)
{
	assert_int_equal(render_at(s, 1, MD_UNTRUSTED), 0);
	return buf_cstr(&html);
}

/* Returns the slug of s, in a static buffer. */
static const char *
slug(const char *s)
{
	buf_reset(&slugbuf);
	markdown_slug(&slugbuf, s, strlen(s));
	return buf_cstr(&slugbuf);
}

/* Fails unless hay contains needle. */
static void
has(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("missing %s in:\n%s", needle, hay);
}

/* Fails if hay contains needle. */
static void
lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle) != NULL)
		fail_msg("unexpected %s in:\n%s", needle, hay);
}

static void
test_slug_rule(void **state)
{
	(void)state;
	assert_string_equal(slug("Hello, World!"), "hello-world");
	assert_string_equal(slug("  --Intro--  "), "intro");
	assert_string_equal(slug("a_b  c"), "a-b-c");
	assert_string_equal(slug("C++ & C# (2024)"), "c-c-2024");
	assert_string_equal(slug("Session 1: BEI - 60 minutes"),
	    "session-1-bei-60-minutes");
	assert_string_equal(slug(""), "section");
	assert_string_equal(slug("!!! ???"), "section");
	assert_string_equal(slug("\xF0\x9F\x8E\x89"), "section");
	/* Letters of any script, lowercased where there is a simple map. */
	assert_string_equal(slug("Ça va? ÜBER Straße"), "ça-va-über-straße");
	assert_string_equal(slug("İSTANBUL Łódź"), "istanbul-łódź");
	assert_string_equal(slug("Ελληνικά ΤΕΣΤ"), "ελληνικά-τεστ");
	assert_string_equal(slug("Привет, Мир! ЁЖ"), "привет-мир-ёж");
	assert_string_equal(slug("ՀԱՅԵՐԵՆ"), "հայերեն");
	assert_string_equal(slug("TIẾNG VIỆT"), "tiếng-việt");
	assert_string_equal(slug("日本語の見出し"), "日本語の見出し");
	assert_string_equal(slug("【面接】ガイド、第2部"), "面接-ガイド-第2部");
	assert_string_equal(slug("مقابلة؟ العمل"), "مقابلة-العمل");
	assert_string_equal(slug("हिन्दी। परीक्षा"), "हिन्दी-परीक्षा");
	assert_string_equal(slug("Ｆｕｌｌ！ｗｉｄｔｈ"), "ｆｕｌｌ-ｗｉｄｔｈ");
	assert_string_equal(slug("emoji \xF0\x9F\x8E\x89 party — ok…"),
	    "emoji-party-ok");
	/* Never invalid UTF-8 out, whatever comes in. */
	assert_string_equal(slug("a\xFF" "b\xC3"), "a-b");
}

static void
test_ids_unique(void **state)
{
	const char	*h;

	(void)state;
	h = render("# Intro\n\n## Intro\n\n### intro\n\n# Intro 2\n");
	has(h, "<h1 id=\"intro\">Intro<a class=\"anchor\" href=\"#intro\" "
	    "aria-label=\"Link to this section\">#</a></h1>\n");
	has(h, "<h2 id=\"intro-2\">");
	has(h, "<h3 id=\"intro-3\">");
	/* A literal "Intro 2" does not take a generated id, nor the reverse. */
	has(h, "<h1 id=\"intro-2-2\">");
	assert_int_equal(doc.n_toc, 4);
	assert_string_equal(doc.toc[3].id, "intro-2-2");

	h = render("# X 2\n# x\n# x\n# x\n# !\n# ?\n");
	assert_string_equal(doc.toc[0].id, "x-2");
	assert_string_equal(doc.toc[1].id, "x");
	assert_string_equal(doc.toc[2].id, "x-3");
	assert_string_equal(doc.toc[3].id, "x-4");
	assert_string_equal(doc.toc[4].id, "section");
	assert_string_equal(doc.toc[5].id, "section-2");
	has(h, "href=\"#x-4\"");

	render("## Résumé\n## RÉSUMÉ\n## 面接\n## 面接\n");
	assert_string_equal(doc.toc[0].id, "résumé");
	assert_string_equal(doc.toc[1].id, "résumé-2");
	assert_string_equal(doc.toc[2].id, "面接");
	assert_string_equal(doc.toc[3].id, "面接-2");
	/* Markup is not part of the id; the heading keeps it. */
	h = render("## The *big* `code` [link](https://x.org) &amp; more\n");
	assert_string_equal(doc.toc[0].id, "the-big-code-link-more");
	assert_string_equal(doc.toc[0].text, "The big code link & more");
	has(h, "<em>big</em> <code>code</code> <a href=\"https://x.org\">");
}

static void
test_toc(void **state)
{
	(void)state;
	/* Front matter took 4 lines: the body starts on line 5. */
	assert_int_equal(render_at("Intro text\n\n# Guide **Title**\n\n"
	    "Setext two\n----------\n\n#### Deep\n\n# Second\n", 5, 0), 0);
	assert_int_equal(doc.n_toc, 4);
	assert_int_equal(doc.toc[0].level, 1);
	assert_int_equal(doc.toc[0].line, 7);
	assert_string_equal(doc.toc[0].text, "Guide Title");
	assert_string_equal(doc.toc[0].id, "guide-title");
	assert_int_equal(doc.toc[1].level, 2);
	assert_int_equal(doc.toc[1].line, 9);
	assert_string_equal(doc.toc[1].text, "Setext two");
	assert_int_equal(doc.toc[2].level, 4);
	assert_int_equal(doc.toc[2].line, 12);
	assert_int_equal(doc.toc[3].line, 14);
	assert_string_equal(doc.first_h1, "Guide Title");

	render("## Only a two\n");
	assert_null(doc.first_h1);
	render("");
	assert_int_equal(doc.n_toc, 0);
	assert_int_equal(doc.n_blocks, 0);
	assert_string_equal(buf_cstr(&html), "");
}

static void
test_task_lists(void **state)
{
	const char	*h;

	(void)state;
	h = render("- [ ] open\n- [x] done\n- [X] DONE\n- plain\n");
	has(h, "<li class=\"task-list-item\"><input type=\"checkbox\" "
	    "class=\"task-list-item-checkbox\" disabled aria-label=\"Not done\">"
	    "open</li>\n");
	has(h, "<li class=\"task-list-item\"><input type=\"checkbox\" "
	    "class=\"task-list-item-checkbox\" disabled checked "
	    "aria-label=\"Done\">done</li>\n");
	has(h, "<li>plain</li>");
	assert_int_equal(doc.n_blocks, 4);
	assert_int_equal(doc.blocks[0].task, 1);
	assert_int_equal(doc.blocks[1].task, 2);
	assert_int_equal(doc.blocks[2].task, 2);
	assert_int_equal(doc.blocks[3].task, 0);
	assert_string_equal(doc.blocks[0].text, "open");
	assert_int_equal(doc.blocks[2].line, 3);
}

static void
test_tables(void **state)
{
	const struct md_block *b;
	const char	*h;

	(void)state;
	h = render("Scores:\n\n| Category | Weight | Min Score |\n"
	    "|:---------|:------:|----------:|\n"
	    "| **Design** | 30% | 3.5 |\n| Code ~~x~~ | 70% |  |\n");
	has(h, "<table>\n<thead>\n<tr>\n<th align=\"left\">Category</th>\n"
	    "<th align=\"center\">Weight</th>\n"
	    "<th align=\"right\">Min Score</th>\n</tr>\n</thead>\n<tbody>\n");
	has(h, "<td align=\"left\"><strong>Design</strong></td>\n");
	has(h, "<td align=\"left\">Code <del>x</del></td>\n");
	assert_int_equal(doc.n_blocks, 4);
	b = &doc.blocks[1];
	assert_int_equal(b->type, MDB_TABLE_ROW);
	assert_int_equal(b->header, 1);
	assert_int_equal(b->line, 3);
	assert_int_equal(b->n_cells, 3);
	assert_string_equal(b->cells[2], "Min Score");
	assert_null(b->cells[3]);
	assert_string_equal(b->text, "Category\tWeight\tMin Score");
	b = &doc.blocks[2];
	assert_int_equal(b->header, 0);
	assert_int_equal(b->line, 5);
	assert_string_equal(b->cells[0], "Design");
	assert_string_equal(b->rich_cells[0], "\x01" "Design\x02");
	assert_string_equal(b->rich, "\x01" "Design\x02\t30%\t3.5");
	b = &doc.blocks[3];
	assert_int_equal(b->line, 6);
	assert_string_equal(b->cells[0], "Code x");
	assert_string_equal(b->cells[2], "");
	assert_int_equal(b->parent, -1);
}

static void
test_inline_extensions(void **state)
{
	const char	*h;

	(void)state;
	h = render("~~gone~~ and ~kept~ www.example.com/a?b=1 and "
	    "https://example.org/x. Mail hr@example.com or "
	    "<https://example.net>.\n");
	has(h, "<del>gone</del>");
	has(h, "<a href=\"http://www.example.com/a?b=1\">"
	    "www.example.com/a?b=1</a>");
	has(h, "<a href=\"https://example.org/x\">https://example.org/x</a>.");
	has(h, "<a href=\"mailto:hr@example.com\">hr@example.com</a>");
	has(h, "<a href=\"https://example.net\">https://example.net</a>");
	h = render("a &amp; &copy; &#x41; &#0; &#xD800; &bogus; &ngE;\n");
	/* The surrogate is U+FFFD: never invalid UTF-8 out. */
	has(h, "<p>a &amp; \xC2\xA9 A \xEF\xBF\xBD \xEF\xBF\xBD &amp;bogus; "
	    "\xE2\x89\xA7\xCC\xB8</p>");
	assert_string_equal(doc.blocks[0].text, "a & \xC2\xA9 A \xEF\xBF\xBD "
	    "\xEF\xBF\xBD &bogus; \xE2\x89\xA7\xCC\xB8");
}

static void
test_untrusted_links(void **state)
{
	static const char *const bad[] = {
		"[a](javascript:alert(1))",
		"[a](JaVaScRiPt:alert(1))",
		"[a](  javascript:alert(1))",
		"[a](<javascript:alert(1)>)",
		"[a](&#106;avascript:alert(1))",
		"[a](&#x6A;&#x61;vascript&colon;alert(1))",
		"[a](java&Tab;script:alert(1))",
		"[a](java&#10;script:alert(1))",
		"[a](&#0;javascript:alert(1))",
		"[a](data:text/html;base64,PHNjcmlwdD4=)",
		"[a](vbscript:msgbox(1))",
		"[a](file:///etc/passwd)",
		"[a](/relative/path)",
		"[a](#anchor)",
		"[a](//evil.example/x)",
		"[a](http:relative/x)",
		"[a](https:/one-slash)",
		"[a][r]\n\n[r]: javascript:alert(1)",
		"<javascript:alert(1)>",
		"![a](javascript:alert(1))",
		"![a](data:image/png;base64,AAAA)",
		"[![a](https://x.org/i.png)](javascript:alert(1))",
	};
	const char	*h;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		h = untrusted(bad[i]);
		lacks(h, "<a ");
		lacks(h, "href");
		if (strstr(bad[i], "![a](https") == NULL)
			lacks(h, "<img");
		lacks(h, "src=\"javascript");
		lacks(h, "src=\"data");
	}
	h = untrusted("[site](https://example.com/x?a=1&b=2) "
	    "[mail](MAILTO:hr@example.com) [plain](Http://example.com) "
	    "![logo](https://example.com/l.png \"Logo\") www.example.com");
	has(h, "<a href=\"https://example.com/x?a=1&amp;b=2\">site</a>");
	has(h, "<a href=\"MAILTO:hr@example.com\">mail</a>");
	has(h, "<a href=\"Http://example.com\">plain</a>");
	has(h, "<img src=\"https://example.com/l.png\" alt=\"logo\" "
	    "title=\"Logo\">");
	has(h, "<a href=\"http://www.example.com\">");
	/* The text of a dropped link stays, escaped, and so does its markup. */
	h = untrusted("[**bold** <b>](javascript:x) after");
	assert_string_equal(h, "<p><strong>bold</strong> &lt;b&gt; after</p>\n");
	h = untrusted("![a *b*](javascript:x)");
	assert_string_equal(h, "<p>a b</p>\n");
}

static void
test_untrusted_html(void **state)
{
	const char	*h;

	(void)state;
	h = untrusted("<script>alert(1)</script>\n\n"
	    "Hi <img src=x onerror=alert(1)> <!-- c -->\n\n"
	    "<div onclick=\"x\">\n");
	lacks(h, "<script");
	lacks(h, "<img");
	lacks(h, "<div");
	lacks(h, "<!--");
	has(h, "&lt;script&gt;alert(1)&lt;/script&gt;");
	has(h, "Hi &lt;img src=x onerror=alert(1)&gt;");
	assert_int_equal(doc.blocks[0].type, MDB_PARAGRAPH);

	/* Guides are trusted: raw HTML passes. */
	h = render("<div class=\"note\">\n*hi*\n</div>\n\nA <kbd>Ctrl</kbd> "
	    "key\n");
	has(h, "<div class=\"note\">\n*hi*\n</div>\n");
	has(h, "<p>A <kbd>Ctrl</kbd> key</p>");
	assert_int_equal(doc.blocks[0].type, MDB_HTML);
	assert_string_equal(doc.blocks[0].text, "<div class=\"note\">\n*hi*\n"
	    "</div>\n");
	assert_int_equal(doc.blocks[1].type, MDB_PARAGRAPH);
	assert_string_equal(doc.blocks[1].text, "A Ctrl key");
	/* Relative links are fine in guides. */
	has(render("[x](../other/#a)"), "<a href=\"../other/#a\">x</a>");
}

static void
test_blocks(void **state)
{
	static const char guide[] =
	    "# Backend Guide\n"				/* 5 */
	    "\n"
	    "## Session 1: Behavioral (45 minutes)\n"	/* 7 */
	    "**Interviewer:** Jane  \n"			/* 8 */
	    "**Focus**: ownership\\\n"
	    "and *scope*\n"
	    "\n"
	    "Example questions:\n"			/* 12 */
	    "- An introduction (~ 5 min)\n"		/* 13 */
	    "- **Ownership**: evidence of\n"		/* 14 */
	    "  taking charge\n"
	    "  - Follow-up: *why*?\n"			/* 16 */
	    "    1. deeper\n"				/* 17 */
	    "  ```\n"					/* 18 */
	    "  code\n"
	    "  ```\n"
	    "  after code\n"				/* 21 */
	    "\n"
	    "3. loose first\n"				/* 23 */
	    "\n"
	    "   loose second\n"			/* 25 */
	    "4. > quoted item\n"			/* 26 */
	    "\n"
	    "> **Question**: Tell me\n"			/* 28 */
	    "> > nested\n"				/* 29 */
	    "\n"
	    "***\n"					/* 31 */
	    "\n"
	    "```text\n"					/* 33 */
	    "\n"
	    "x\n"
	    "```\n"
	    "---\n";					/* 37 */
	const struct md_block *b;
	size_t		 i = 0;

	(void)state;
	assert_int_equal(render_at(guide, 5, 0), 0);
	b = doc.blocks;
	assert_int_equal(b[i].type, MDB_HEADING);
	assert_int_equal(b[i].line, 5);
	assert_int_equal(b[i].level, 1);
	assert_string_equal(b[i].id, "backend-guide");
	i++;
	assert_int_equal(b[i].type, MDB_HEADING);
	assert_int_equal(b[i].line, 7);
	assert_int_equal(b[i].level, 2);
	assert_string_equal(b[i].text, "Session 1: Behavioral (45 minutes)");
	i++;
	assert_int_equal(b[i].type, MDB_PARAGRAPH);
	assert_int_equal(b[i].line, 8);
	assert_string_equal(b[i].text,
	    "Interviewer: Jane\nFocus: ownership\nand scope");
	assert_string_equal(b[i].rich, "\x01Interviewer:\x02 Jane\n"
	    "\x01" "Focus\x02: ownership\nand scope");
	assert_null(b[i].id);
	assert_int_equal(b[i].parent, -1);
	i++;
	assert_int_equal(b[i].type, MDB_PARAGRAPH);
	assert_int_equal(b[i].line, 12);
	assert_string_equal(b[i].text, "Example questions:");
	i++;
	assert_int_equal(b[i].type, MDB_ITEM);
	assert_int_equal(b[i].line, 13);
	assert_int_equal(b[i].list_depth, 1);
	assert_int_equal(b[i].ordered, 0);
	assert_int_equal(b[i].parent, -1);
	assert_string_equal(b[i].text, "An introduction (~ 5 min)");
	i++;
	assert_int_equal(b[i].type, MDB_ITEM);
	assert_int_equal(b[i].line, 14);
	assert_string_equal(b[i].text, "Ownership: evidence of\ntaking charge");
	assert_string_equal(b[i].rich,
	    "\x01Ownership\x02: evidence of\ntaking charge");
	i++;
	assert_int_equal(b[i].type, MDB_ITEM);
	assert_int_equal(b[i].line, 16);
	assert_int_equal(b[i].list_depth, 2);
	assert_int_equal(b[i].parent, 5);
	assert_string_equal(b[i].text, "Follow-up: why?");
	i++;
	assert_int_equal(b[i].type, MDB_ITEM);
	assert_int_equal(b[i].line, 17);
	assert_int_equal(b[i].list_depth, 3);
	assert_int_equal(b[i].ordered, 1);
	assert_int_equal(b[i].parent, 6);
	assert_string_equal(b[i].text, "deeper");
	i++;
	assert_int_equal(b[i].type, MDB_CODE);
	assert_int_equal(b[i].line, 18);
	assert_int_equal(b[i].parent, 5);
	assert_int_equal(b[i].list_depth, 1);
	assert_string_equal(b[i].text, "code\n");
	i++;
	assert_int_equal(b[i].type, MDB_PARAGRAPH);
	assert_int_equal(b[i].line, 21);
	assert_int_equal(b[i].parent, 5);
	assert_string_equal(b[i].text, "after code");
	i++;
	assert_int_equal(b[i].type, MDB_ITEM);
	assert_int_equal(b[i].line, 23);
	assert_int_equal(b[i].ordered, 1);
	assert_string_equal(b[i].text, "loose first");
	i++;
	assert_int_equal(b[i].type, MDB_PARAGRAPH);
	assert_int_equal(b[i].line, 25);
	assert_int_equal(b[i].parent, 10);
	assert_string_equal(b[i].text, "loose second");
	i++;
	assert_int_equal(b[i].type, MDB_ITEM);
	assert_int_equal(b[i].line, 26);
	assert_string_equal(b[i].text, "");
	i++;
	assert_int_equal(b[i].type, MDB_QUOTE);
	assert_int_equal(b[i].line, 26);
	assert_int_equal(b[i].quote_depth, 0);
	assert_int_equal(b[i].parent, 12);
	i++;
	assert_int_equal(b[i].type, MDB_PARAGRAPH);
	assert_int_equal(b[i].quote_depth, 1);
	assert_int_equal(b[i].parent, 12);
	assert_string_equal(b[i].text, "quoted item");
	i++;
	assert_int_equal(b[i].type, MDB_QUOTE);
	assert_int_equal(b[i].line, 28);
	assert_int_equal(b[i].parent, -1);
	assert_int_equal(b[i].list_depth, 0);
	i++;
	assert_int_equal(b[i].type, MDB_PARAGRAPH);
	assert_int_equal(b[i].line, 28);
	assert_int_equal(b[i].quote_depth, 1);
	assert_string_equal(b[i].rich, "\x01Question\x02: Tell me");
	i++;
	assert_int_equal(b[i].type, MDB_QUOTE);
	assert_int_equal(b[i].line, 29);
	assert_int_equal(b[i].quote_depth, 1);
	i++;
	assert_int_equal(b[i].type, MDB_PARAGRAPH);
	assert_int_equal(b[i].line, 29);
	assert_int_equal(b[i].quote_depth, 2);
	i++;
	assert_int_equal(b[i].type, MDB_HR);
	assert_int_equal(b[i].line, 31);
	i++;
	assert_int_equal(b[i].type, MDB_CODE);
	assert_int_equal(b[i].line, 33);
	assert_string_equal(b[i].text, "\nx\n");
	i++;
	assert_int_equal(b[i].type, MDB_HR);
	assert_int_equal(b[i].line, 37);
	i++;
	assert_int_equal(doc.n_blocks, i);
}

static void
test_block_lines_without_text(void **state)
{
	const struct md_block *b;

	(void)state;
	assert_int_equal(render_at("- a\n-\n- c\n\n> \n\n```\n```\n\n"
	    "Title\n===\n\n- - -\n\n---\n", 1, 0), 0);
	b = doc.blocks;
	assert_int_equal(doc.n_blocks, 8);
	assert_int_equal(b[0].line, 1);
	assert_int_equal(b[1].type, MDB_ITEM);
	assert_int_equal(b[1].line, 2);
	assert_int_equal(b[2].line, 3);
	assert_int_equal(b[3].type, MDB_QUOTE);
	assert_int_equal(b[3].line, 5);
	assert_int_equal(b[4].type, MDB_CODE);
	assert_int_equal(b[4].line, 7);
	assert_int_equal(b[5].type, MDB_HEADING);
	assert_int_equal(b[5].line, 10);
	assert_int_equal(b[6].type, MDB_HR);
	assert_int_equal(b[6].line, 13);
	assert_int_equal(b[7].type, MDB_HR);
	assert_int_equal(b[7].line, 15);
}

static void
test_crlf(void **state)
{
	(void)state;
	assert_int_equal(render_at("# A\r\n\r\npara\r\nline two\r\n\r\n"
	    "- b\r\n- c\r\n\r\n***\r\n", 1, 0), 0);
	assert_int_equal(doc.n_blocks, 5);
	assert_int_equal(doc.blocks[1].line, 3);
	assert_string_equal(doc.blocks[1].text, "para\nline two");
	assert_int_equal(doc.blocks[3].line, 7);
	assert_string_equal(doc.blocks[3].text, "c");
	assert_int_equal(doc.blocks[4].type, MDB_HR);
	assert_int_equal(doc.blocks[4].line, 9);
}

static void
test_images_and_breaks(void **state)
{
	const char	*h;

	(void)state;
	h = render("See ![the *logo*](l.png \"T\") here  \nnext\\\nlast\n"
	    "soft\n");
	has(h, "<img src=\"l.png\" alt=\"the logo\" title=\"T\">");
	has(h, "here<br>\nnext<br>\nlast\nsoft");
	assert_string_equal(doc.blocks[0].text,
	    "See the logo here\nnext\nlast\nsoft");
	/* Bytes that would read as strong markers are dropped from text. */
	render("a\x01" "b\x02" "c **d**\n");
	assert_string_equal(doc.blocks[0].text, "abc d");
	assert_string_equal(doc.blocks[0].rich, "abc \x01" "d\x02");
}

static void
test_nesting_limit(void **state)
{
	struct buf	 in = BUF_INIT;
	int		 i;

	(void)state;
	/* 64 levels are fine. */
	for (i = 0; i < 64; i++)
		buf_puts(&in, "> ");
	buf_puts(&in, "deep\n");
	assert_int_equal(render_at(buf_cstr(&in), 1, 0), 0);
	assert_string_equal(diagcap(), "");

	/* 65 are not: an error at the text that is too deep. */
	buf_reset(&in);
	buf_puts(&in, "# Title\n\nok\n\n");
	for (i = 0; i < 65; i++)
		buf_puts(&in, "> ");
	buf_puts(&in, "deep\n");
	buf_reset(&html);
	buf_puts(&html, "kept");
	assert_int_equal(markdown_render(arena, "g.md", in.data, in.len, 3,
	    0, &html, &doc), -1);
	assert_string_equal(diagcap(), "g.md:7:131: error: Markdown nested "
	    "more than 64 levels deep (lists and block quotes)\n");
	assert_string_equal(buf_cstr(&html), "kept");
	assert_int_equal(doc.n_blocks, 0);

	/* Lists count too, and quotes and lists together. */
	diagcap_start(state);
	buf_reset(&in);
	for (i = 0; i < 40; i++)
		buf_puts(&in, "- ");
	for (i = 0; i < 25; i++)
		buf_puts(&in, "> ");
	buf_puts(&in, "x\n");
	assert_int_equal(render_at(buf_cstr(&in), 1, 0), -1);
	assert_true(diagcap_has("g.md:1:131: error: Markdown nested"));

	/* Deep with no text at all: still an error, at a line. */
	diagcap_start(state);
	buf_reset(&in);
	for (i = 0; i < 70; i++)
		buf_puts(&in, ">");
	buf_puts(&in, "\n");
	assert_int_equal(render_at(buf_cstr(&in), 1, 0), -1);
	assert_true(diagcap_has("g.md:1:1: error: Markdown nested"));
	buf_free(&in);
}

static void
test_parser_flags(void **state)
{
	(void)state;
	assert_int_not_equal(markdown_parser_flags(0),
	    markdown_parser_flags(MD_UNTRUSTED));
	/* The same flags as md4c-html gets in the differential test. */
	has(render("| a |\n|---|\n| b |\n"), "<table>");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slug_rule),
		cmocka_unit_test(test_ids_unique),
		cmocka_unit_test(test_toc),
		cmocka_unit_test(test_task_lists),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_inline_extensions),
		cmocka_unit_test(test_untrusted_links),
		cmocka_unit_test(test_untrusted_html),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_block_lines_without_text),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_images_and_breaks),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_parser_flags),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
