/* test_links.c: the internal link checker. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "diagcap.h"
#include "links.h"

static void
add(struct links *l, const char *path, const char *html)
{
	links_add_page(l, path, NULL, html, strlen(html));
}

static void
test_all_good(void **state)
{
	struct links	*l = links_new();

	(void)state;
	add(l, "index.html", "<a href=\"guides/loop/\">Loop</a>\n"
	    "<a href=\"candidates/ada/index.html#schedule\">Ada</a>\n"
	    "<link rel=\"stylesheet\" href=\"assets/site.css\">\n"
	    "<a href=\"https://example.com/x\">out</a>"
	    "<a href=\"mailto:a@example.com\">mail</a>"
	    "<a href=\"//cdn.example.com/x\">cdn</a>");
	add(l, "guides/loop/index.html", "<h2 id=\"intro\">x</h2>"
	    "<a href=\"#intro\">self</a><a href=\"../../index.html\">up</a>"
	    "<a href='../../candidates/ada/?x=1#schedule'>q</a>"
	    "<a href=\"#caf%C3%A9\">c</a><p id=\"café\">");
	add(l, "candidates/ada/index.html", "<section id=\"schedule\">"
	    "<a href=\"./tech/cheatsheet.html\">t</a>"
	    "<a href=\"schedule.ics\">ics</a>");
	add(l, "candidates/ada/tech/cheatsheet.html", "<p>nothing</p>");
	links_add_file(l, "assets/site.css");
	links_add_file(l, "candidates/ada/schedule.ics");
	assert_int_equal(links_check(l, "public"), 0);
	assert_string_equal(diagcap(), "");
	links_free(l);
}

static void
test_broken_reported_in_order(void **state)
{
	struct links	*l = links_new();

	(void)state;
	add(l, "b.html", "<p>\n  <a href=\"a.html#nope\">x</a>\n"
	    "<a href=\"missing/\">y</a><a href=\"../../etc/passwd\">z</a>");
	add(l, "a.html", "<p id=\"yes\"><a href=\"#yes\">ok</a>"
	    "<a href=\"#no&amp;way\">bad</a>\n<img src=\"img/x.png\" alt=\"\">");
	assert_int_equal(links_check(l, "public"), 5);
	assert_string_equal(diagcap(),
	    "public/a.html:1:37: error: broken link '#no&way': no anchor "
	    "'no&way' in a.html\n"
	    "public/a.html:2:6: error: broken link 'img/x.png': no page "
	    "img/x.png\n"
	    "public/b.html:2:6: error: broken link 'a.html#nope': no anchor "
	    "'nope' in a.html\n"
	    "public/b.html:3:4: error: broken link 'missing/': no page "
	    "missing/index.html\n"
	    "public/b.html:3:28: error: broken link '../../etc/passwd': it "
	    "points outside the site\n");
	links_free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_all_good, diagcap_start),
		cmocka_unit_test_setup(test_broken_reported_in_order,
		    diagcap_start),
	};

	return cmocka_run_group_tests(tests, NULL, diagcap_stop);
}
