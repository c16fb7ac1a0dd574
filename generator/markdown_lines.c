/*
 * markdown_lines.c: source lines for the block list. md4c gives no
 * positions, but its text points into the input; these find the line of
 * a byte, and place the blocks that have no text of their own (rules,
 * empty items, empty code blocks) on the first fitting line after the
 * last text seen. They also step over the lines md4c sends no text for
 * (fences, setext underlines, table delimiter rows), so such guesses do
 * not land on them.
 */
#include <string.h>

#include "markdown_int.h"

/* Returns the 0-based index of the line that holds byte off. */
unsigned
md_line_at(struct md_lines *l, size_t off)
{
	const char	*p, *e;

	if (off >= l->memo_off) {
		p = l->text + l->memo_off;
		e = l->text + off;
		while (p < e &&
		    (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
			l->memo_line++;
			p++;
		}
	} else {
		for (p = l->text + off; p < l->text + l->memo_off; p++)
			if (*p == '\n')
				l->memo_line--;
	}
	l->memo_off = off;
	return l->memo_line;
}

/* Returns the offset just past the line that holds byte off. */
size_t
md_line_end(const struct md_lines *l, size_t off)
{
	const char	*nl;

	if (off >= l->len)
		return l->len;
	nl = memchr(l->text + off, '\n', l->len - off);
	return nl != NULL ? (size_t)(nl - l->text) + 1 : l->len;
}

/* Returns the offset of the line after the one where the last text ended. */
size_t
md_next_line(const struct md_lines *l)
{
	return l->last_end == 0 ? 0 : md_line_end(l, l->last_end - 1);
}

/* Returns s past block quote markers, list markers and indentation. */
static const char *
skip_prefix(const char *s, const char *e, int markers)
{
	const char	*q;

	for (;;) {
		while (s < e && (*s == ' ' || *s == '\t' || *s == '>'))
			s++;
		if (!markers || s == e)
			return s;
		q = s;
		if (*q == '-' || *q == '*' || *q == '+')
			q++;
		else {
			while (q < e && q - s < 9 && *q >= '0' && *q <= '9')
				q++;
			if (q == s || q == e || (*q != '.' && *q != ')'))
				return s;
			q++;
		}
		if (q < e && *q != ' ' && *q != '\t' && *q != '\r')
			return s;
		s = q;
	}
}

/* Returns whether [s, e) is a thematic break. */
static int
is_break(const char *s, const char *e)
{
	char	 c = 0;
	int	 n = 0;

	for (; s < e; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			continue;
		if (c == 0 && (*s == '-' || *s == '*' || *s == '_'))
			c = *s;
		if (*s != c)
			return 0;
		n++;
	}
	return n >= 3;
}

/* Returns whether [s, e), past its prefix, is a thematic break. */
static int
is_break_line(const char *s, const char *e)
{
	const char	*q;

	for (;;) {
		s = skip_prefix(s, e, 0);
		if (is_break(s, e))
			return 1;
		q = skip_prefix(s, e, 1);
		if (q == s)
			return 0;
		s = q;
	}
}

/* Returns whether [s, e) is a blank line. */
static int
is_blank(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	return s == e || *s == '\n';
}

/*
 * Returns whether [s, e) is a line md4c gives no text for, past its
 * prefix: nothing but list and quote markers, or a link reference
 * definition.
 */
static int
is_textless(const char *s, const char *e)
{
	s = skip_prefix(s, e, 1);
	if (s == e || *s == '\r' || *s == '\n')
		return 1;
	if (*s != '[')
		return 0;
	while (s < e && *s != ']')
		s++;
	return e - s >= 2 && s[1] == ':';
}

/*
 * Returns the 0-based line of a block that has no text of its own: the
 * first non-blank line after the last text (for a rule, the first line
 * that is one, past lines that have no text), and moves past it so the
 * next such block does not land on the same line.
 */
unsigned
md_guess_line(struct md_lines *l, int rule)
{
	size_t		 off, end, found = l->len;
	const char	*s, *e;

	for (off = md_next_line(l); off < l->len; off = end) {
		end = md_line_end(l, off);
		s = l->text + off;
		e = l->text + end;
		if (rule && is_break_line(s, e)) {
			found = off;
			break;
		}
		if (!is_blank(s, e)) {
			if (found == l->len)
				found = off;
			if (!rule || !is_textless(s, e))
				break;
		}
	}
	if (found >= l->len)
		return md_line_at(l, l->len > 0 ? l->len - 1 : 0);
	l->last_end = md_line_end(l, found);
	return md_line_at(l, found);
}

/* Steps over the closing fence of a fenced code block (char c). */
void
md_skip_fence(struct md_lines *l, char c)
{
	size_t		 off, end;
	const char	*s, *e;

	for (off = md_next_line(l); off < l->len; off = end) {
		end = md_line_end(l, off);
		e = l->text + end;
		s = skip_prefix(l->text + off, e, 0);
		if (s == e || *s == '\r' || *s == '\n')
			continue;
		if (e - s >= 3 && s[0] == c && s[1] == c && s[2] == c)
			l->last_end = end;
		return;
	}
}

/*
 * Steps over a setext heading's underline; text_off is where the
 * heading's first text is (nothing to do for an ATX heading).
 */
void
md_skip_underline(struct md_lines *l, size_t text_off)
{
	const char	*s, *e;
	size_t		 off = text_off;
	int		 i;

	while (off > 0 && l->text[off - 1] != '\n')
		off--;
	s = skip_prefix(l->text + off, l->text + text_off, 1);
	for (i = 0; i < 7 && s[i] == '#'; i++)
		continue;
	if (i > 0 && i < 7 && (s + i == l->text + text_off ||
	    s[i] == ' ' || s[i] == '\t'))
		return;
	off = md_next_line(l);
	e = l->text + md_line_end(l, off);
	s = skip_prefix(l->text + off, e, 0);
	if (s < e && (*s == '=' || *s == '-'))
		l->last_end = (size_t)(e - l->text);
}

/* Steps over the line after the last text (a table's delimiter row). */
void
md_skip_line(struct md_lines *l)
{
	l->last_end = md_line_end(l, md_next_line(l));
}
