/*
 * diag.c: diagnostics, counted and printed in one place.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "diag.h"
#include "utf8.h"
#include "xalloc.h"

static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned		 n_errors, n_warnings, n_io;
static int		 strict;
static diag_sink	 sink;
static void		*sink_arg;
/* Reported by this thread: the build cache keeps no page that warned. */
static _Thread_local unsigned thread_count;

void
diag_set_strict(int on)
{
	strict = on;
}

int
diag_strict(void)
{
	return strict;
}

/* A sink replaces printing: the tests collect diagnostics with it. */
void
diag_set_sink(diag_sink fn, void *arg)
{
	pthread_mutex_lock(&lock);
	sink = fn;
	sink_arg = arg;
	pthread_mutex_unlock(&lock);
}

void
diag_reset(void)
{
	pthread_mutex_lock(&lock);
	n_errors = n_warnings = n_io = 0;
	pthread_mutex_unlock(&lock);
}

/* Returns how many bytes at s need no escaping (see printable). */
static size_t
plain_prefix(const char *s, size_t n)
{
	size_t	 k = utf8_valid_prefix(s, n), i;

	for (i = 0; i < k; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t')
			return i;
	return k;
}

/*
 * Returns s, or a copy of it in b with each control character (a line
 * break above all) and each byte that is not UTF-8 written as \n or
 * \xNN: a diagnostic is one line of text, whatever a file name or the
 * quoted content holds.
 */
static const char *
printable(struct buf *b, const char *s)
{
	size_t		 n = strlen(s), i = 0, k;

	if (plain_prefix(s, n) == n)
		return s;
	while (i < n) {
		k = plain_prefix(s + i, n - i);
		buf_put(b, s + i, k);
		if ((i += k) >= n)
			break;
		if (s[i] == '\n')
			buf_puts(b, "\\n");
		else
			buf_printf(b, "\\x%02X", (unsigned char)s[i]);
		i++;
	}
	return buf_cstr(b);
}

/* One diagnostic held back by diag_queue_begin. */
struct diag_held {
	enum diag_level	 level;
	char		*file;
	unsigned	 line, col;
	char		*msg;
};

/* Where this thread's diagnostics go instead, or NULL. */
static _Thread_local struct diag_queue *capture;

static void	 report(enum diag_level, const char *, unsigned, unsigned,
		     const char *);

static void
emit(enum diag_level level, const char *file, unsigned line, unsigned col,
    const char *fmt, va_list ap)
{
	struct buf	 msg = BUF_INIT;

	buf_vprintf(&msg, fmt, ap);
	if (buf_failed(&msg))
		die_oom();
	thread_count++;
	if (capture != NULL) {
		struct diag_queue *q = capture;
		struct diag_held *h;

		q->items = xreallocarray(q->items, q->n + 1, sizeof(*h));
		h = &((struct diag_held *)q->items)[q->n++];
		h->level = level;
		h->file = xstrdup(file != NULL ? file : "kitgen");
		h->line = line;
		h->col = col;
		h->msg = xstrdup(buf_cstr(&msg));
		buf_free(&msg);
		return;
	}
	report(level, file, line, col, buf_cstr(&msg));
	buf_free(&msg);
}

/*
 * From now on this thread's diagnostics are held in q (zeroed by the
 * caller) instead of reported, until diag_queue_end: work done on
 * several threads then reports in a fixed order, by diag_queue_flush.
 */
void
diag_queue_begin(struct diag_queue *q)
{
	capture = q;
}

void
diag_queue_end(void)
{
	capture = NULL;
}

/* Empties q without reporting what it holds. */
void
diag_queue_discard(struct diag_queue *q)
{
	struct diag_held *h = q->items;
	size_t		 i;

	for (i = 0; i < q->n; i++) {
		free(h[i].file);
		free(h[i].msg);
	}
	free(q->items);
	q->items = NULL;
	q->n = 0;
}

/* Reports what q holds, in order, and empties it. */
void
diag_queue_flush(struct diag_queue *q)
{
	struct diag_held *h = q->items;
	size_t		 i;

	for (i = 0; i < q->n; i++) {
		report(h[i].level, h[i].file, h[i].line, h[i].col, h[i].msg);
		free(h[i].file);
		free(h[i].msg);
	}
	free(q->items);
	q->items = NULL;
	q->n = 0;
}

static void
report(enum diag_level level, const char *file, unsigned line, unsigned col,
    const char *text)
{
	struct buf	 msg = BUF_INIT, out = BUF_INIT, fmsg = BUF_INIT,
			 fname = BUF_INIT;
	struct diag	 d;

	if (level == DIAG_WARNING && strict)
		level = DIAG_ERROR;
	buf_puts(&msg, text);
	d.level = level;
	d.file = printable(&fname, file != NULL ? file : "kitgen");
	d.line = line;
	d.col = col;
	d.msg = printable(&fmsg, buf_cstr(&msg));

	/*
	 * A position is always printed, so every diagnostic is
	 * "file:line:col:"; a whole-file problem points at its start.
	 */
	buf_printf(&out, "%s:%u:%u: %s: %s\n", d.file,
	    line ? line : 1, col ? col : 1,
	    level == DIAG_WARNING ? "warning" : "error", d.msg);

	pthread_mutex_lock(&lock);
	if (level == DIAG_WARNING)
		n_warnings++;
	else if (level == DIAG_ERROR)
		n_errors++;
	else
		n_io++;
	if (sink != NULL)
		sink(sink_arg, &d);
	else {
		fputs(buf_cstr(&out), stderr);
		fflush(stderr);
	}
	pthread_mutex_unlock(&lock);
	buf_free(&msg);
	buf_free(&out);
	buf_free(&fmsg);
	buf_free(&fname);
}

void
diag_report(enum diag_level level, const char *file, unsigned line,
    unsigned col, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	emit(level, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_error(const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	emit(DIAG_ERROR, file, line, col, fmt, ap);
	va_end(ap);
}

void
diag_warning(const char *file, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	emit(DIAG_WARNING, file, line, col, fmt, ap);
	va_end(ap);
}

/* An error reading or writing a file: the exit status becomes 3. */
void
diag_io(const char *file, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	emit(DIAG_IO, file, 0, 0, fmt, ap);
	va_end(ap);
}

/* Returns the number of errors so far, I/O errors included. */
unsigned
diag_errors(void)
{
	unsigned	 n;

	pthread_mutex_lock(&lock);
	n = n_errors + n_io;
	pthread_mutex_unlock(&lock);
	return n;
}

/* Returns the number of warnings so far (0 under --strict). */
unsigned
diag_warnings(void)
{
	unsigned	 n;

	pthread_mutex_lock(&lock);
	n = n_warnings;
	pthread_mutex_unlock(&lock);
	return n;
}

/* Returns the exit status the diagnostics so far call for. */
int
diag_exit_status(void)
{
	int	 st;

	pthread_mutex_lock(&lock);
	st = n_io ? EXIT_IO : n_errors ? EXIT_CONTENT : EXIT_OK;
	pthread_mutex_unlock(&lock);
	return st;
}

/* Prints "kitgen: what: N errors, M warnings" when there was any. */
void
diag_print_summary(const char *what)
{
	unsigned	 e = diag_errors(), w = diag_warnings();

	if (e == 0 && w == 0)
		return;
	fprintf(stderr, "kitgen: %s: %u error%s, %u warning%s\n", what,
	    e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
}

/* Returns how many diagnostics the calling thread has reported. */
unsigned
diag_thread_count(void)
{
	return thread_count;
}
