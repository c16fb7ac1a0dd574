/*
 * buffer.h: the one growable byte buffer used everywhere.
 *
 * Append calls return nothing: a failed allocation sets a sticky error
 * flag and later appends do nothing, so callers check buf_failed() once,
 * when the text is complete (SQLite's string builder works the same way).
 * The data is always NUL-terminated when len > 0 or after buf_cstr().
 */
#ifndef KITGEN_BUFFER_H
#define KITGEN_BUFFER_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char	*data;	/* the bytes; NULL until the first append */
	size_t	 len;	/* bytes in use, not counting the NUL */
	size_t	 cap;	/* bytes allocated */
	int	 failed;	/* sticky: an allocation failed */
};

#define BUF_INIT { NULL, 0, 0, 0 }

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_put_grow(struct buf *, const char *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc_grow(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	     __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	     __attribute__((format(printf, 2, 0)));
void	 buf_truncate(struct buf *, size_t);
int	 buf_reserve(struct buf *, size_t);
const char *buf_cstr(struct buf *);
char	*buf_detach(struct buf *, size_t *);
int	 buf_failed(const struct buf *);

/*
 * Appends byte c. Inline: text is built a byte at a time in the hot
 * loops (Markdown, outline, templates); the call is the cost.
 */
static inline void
buf_putc(struct buf *b, char c)
{
	if (!b->failed && b->len + 1 < b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else
		buf_putc_grow(b, c);
}

/*
 * Appends the n bytes at s. Inline when they fit, as pages and outlines
 * are built of many short pieces; buf_put_grow makes room first.
 */
static inline void
buf_put(struct buf *b, const char *s, size_t n)
{
	/* Nothing to add: s may then be NULL. */
	if (n == 0)
		return;
	if (n < b->cap - b->len && !b->failed) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else
		buf_put_grow(b, s, n);
}

/* HTML-escape & < > " ' (as &amp; &lt; &gt; &quot; &#39;). */
void	 buf_put_html(struct buf *, const char *, size_t);

#endif
