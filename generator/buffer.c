/*
 * buffer.c: the growable byte buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

void
buf_free(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	buf_init(b);
}

/* Keeps the allocation, so a buffer reused per page stops allocating. */
void
buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/*
 * Makes room for extra more bytes plus a NUL.
 * Returns 1 on success, 0 (and sets the sticky flag) on failure.
 */
int
buf_reserve(struct buf *b, size_t extra)
{
	size_t	 need, ncap;
	char	*p;

	if (b->failed)
		return 0;
	if (extra > (size_t)-1 - b->len - 1) {
		b->failed = 1;
		return 0;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 1;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap = ncap > ((size_t)-1) / 2 ? need : ncap * 2;
	if ((p = realloc(b->data, ncap)) == NULL) {
		b->failed = 1;
		return 0;
	}
	b->data = p;
	b->cap = ncap;
	return 1;
}

/* Appends the n bytes at s when buf_put finds no room: grows b first. */
void
buf_put_grow(struct buf *b, const char *s, size_t n)
{
	if (n == 0 || !buf_reserve(b, n))
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

/* Appends byte c when buf_putc finds no room: grows b first. */
void
buf_putc_grow(struct buf *b, char c)
{
	if (!buf_reserve(b, 1))
		return;
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;

	if (b->failed)
		return;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if (!buf_reserve(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

/* Returns the contents as a C string; "" for an empty buffer. */
const char *
buf_cstr(struct buf *b)
{
	if (b->data == NULL && !buf_reserve(b, 0))
		return "";
	if (b->data == NULL)
		return "";
	b->data[b->len] = '\0';
	return b->data;
}

/*
 * Hands the allocation to the caller (who frees it) and leaves the buffer
 * empty. Returns NULL if an allocation ever failed.
 */
char *
buf_detach(struct buf *b, size_t *lenp)
{
	char	*p;

	if (b->failed) {
		buf_free(b);
		return NULL;
	}
	buf_cstr(b);
	p = b->data;
	if (lenp != NULL)
		*lenp = b->len;
	buf_init(b);
	if (p == NULL)
		p = calloc(1, 1);
	return p;
}

/* Returns nonzero if an allocation failed since the last reset. */
int
buf_failed(const struct buf *b)
{
	return b->failed;
}

void
buf_put_html(struct buf *b, const char *s, size_t n)
{
	size_t	 i, start = 0;
	const char *rep;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_put(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}
