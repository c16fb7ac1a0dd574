/*
 * json.c: value trees as JSON text.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "buffer.h"
#include "json.h"
#include "utf8.h"
#include "value.h"

/*
 * Appends s as a JSON string. Control characters are escaped; bytes that
 * are not UTF-8 become U+FFFD, so the output always is.
 */
void
json_put_string(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t		 i = 0, k, run;
	unsigned	 cp;

	buf_putc(b, '"');
	while (i < n) {
		/* Copy plain ASCII in runs: most text is. */
		for (run = i; run < n && p[run] >= 0x20 && p[run] < 0x80 &&
		    p[run] != '"' && p[run] != '\\'; run++)
			;
		if (run > i) {
			buf_put(b, s + i, run - i);
			i = run;
			continue;
		}
		switch (p[i]) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		case '\b':
			buf_puts(b, "\\b");
			break;
		case '\f':
			buf_puts(b, "\\f");
			break;
		default:
			if (p[i] < 0x20) {
				buf_printf(b, "\\u%04x", p[i]);
				break;
			}
			if ((k = utf8_decode(p + i, n - i, &cp)) == 0) {
				buf_puts(b, "\xEF\xBF\xBD");
				break;
			}
			buf_put(b, s + i, k);
			i += k;
			continue;
		}
		i++;
	}
	buf_putc(b, '"');
}

/*
 * Appends d as a JSON number: the shortest text that reads back as the
 * same double, with ".0" after an integral one; null for NaN and the
 * infinities, which JSON cannot say.
 */
void
json_put_double(struct buf *b, double d)
{
	if (isnan(d) || isinf(d)) {
		buf_puts(b, "null");
		return;
	}
	/* 1.0 stays 1.0, so a reader gets a float back, as YAML said. */
	if (d == floor(d) && fabs(d) < 1e15) {
		buf_printf(b, "%.1f", d);
		return;
	}
	value_put_number(b, d);
}

/* Starts a line indented for depth (nothing when compact). */
static void
newline(struct buf *b, int indent, int depth)
{
	if (indent <= 0)
		return;
	buf_putc(b, '\n');
	buf_printf(b, "%*s", indent * depth, "");
}

/* Appends v at depth. */
static void
write_value(struct buf *b, const struct value *v, int indent, int depth)
{
	size_t	 i;

	if (v == NULL) {
		buf_puts(b, "null");
		return;
	}
	switch (v->type) {
	case VALUE_NULL:
		buf_puts(b, "null");
		break;
	case VALUE_BOOL:
		buf_puts(b, v->u.boolean ? "true" : "false");
		break;
	case VALUE_INT:
		buf_printf(b, "%lld", v->u.integer);
		break;
	case VALUE_FLOAT:
		json_put_double(b, v->u.number);
		break;
	case VALUE_STRING:
		json_put_string(b, v->u.str.ptr, v->u.str.len);
		break;
	case VALUE_SEQ:
		if (v->u.seq.len == 0) {
			buf_puts(b, "[]");
			break;
		}
		buf_putc(b, '[');
		for (i = 0; i < v->u.seq.len; i++) {
			if (i > 0)
				buf_putc(b, ',');
			newline(b, indent, depth + 1);
			write_value(b, v->u.seq.items[i], indent, depth + 1);
		}
		newline(b, indent, depth);
		buf_putc(b, ']');
		break;
	case VALUE_MAP:
		if (v->u.map.len == 0) {
			buf_puts(b, "{}");
			break;
		}
		buf_putc(b, '{');
		for (i = 0; i < v->u.map.len; i++) {
			const struct value *k = v->u.map.pairs[i].key;

			if (i > 0)
				buf_putc(b, ',');
			newline(b, indent, depth + 1);
			json_put_string(b, k->u.str.ptr, k->u.str.len);
			buf_puts(b, indent > 0 ? ": " : ":");
			write_value(b, v->u.map.pairs[i].val, indent,
			    depth + 1);
		}
		newline(b, indent, depth);
		buf_putc(b, '}');
		break;
	}
}

/*
 * Appends v as JSON: compact when indent is 0, else one member per line
 * indented by indent spaces a level. A missing value is null.
 */
void
json_write(struct buf *b, const struct value *v, int indent)
{
	write_value(b, v, indent, 0);
}
