/*
 * fuzz.h: what the libFuzzer targets in tests/fuzz/ share: a quiet
 * diagnostic sink that still checks every diagnostic's shape, a check
 * that output is valid UTF-8, and the archive format that packs several
 * named texts into one input.
 *
 * Archive: text before the first "@@ NAME" line has the name ""; each
 * "@@ NAME" line starts the entry NAME, which runs to the next such line
 * (its last newline kept). Seeds are written by hand this way.
 *
 * Each target is built twice: with -fsanitize=fuzzer (make fuzz), and
 * with tests/fuzz/driver.c as main (make test), which runs the target
 * over the saved inputs in tests/fuzz/NAME/.
 */
#ifndef KITGEN_FUZZ_H
#define KITGEN_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "utf8.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	 fuzz_dump(void);

/*
 * Crashes loudly, after the input's last diagnostics (fuzz_dump):
 * libFuzzer saves the input that got here.
 */
#define FUZZ_ASSERT(c) do {						\
	if (!(c)) {							\
		fuzz_dump();						\
		fprintf(stderr, "%s:%d: fuzz check failed: %s\n",	\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

/* The input's last diagnostics, for the report of a failed check. */
#define FUZZ_KEPT	8
static char	 fuzz_kept[FUZZ_KEPT][256];
static unsigned	 fuzz_n_kept;

static void
fuzz_dump(void)
{
	unsigned	 i = fuzz_n_kept > FUZZ_KEPT ? fuzz_n_kept - FUZZ_KEPT : 0;

	for (; i < fuzz_n_kept; i++)
		fprintf(stderr, "  diagnostic: %s\n", fuzz_kept[i % FUZZ_KEPT]);
}

static unsigned	 fuzz_n_diags, fuzz_n_placed, fuzz_n_not_file;

/*
 * Every diagnostic names a file and is one line of valid UTF-8; those
 * that name a line count as "placed" (file:line, not only file).
 */
static void
fuzz_sink(void *arg, const struct diag *d)
{
	size_t	 n = strlen(d->msg);

	(void)arg;
	FUZZ_ASSERT(d->file != NULL && d->file[0] != '\0');
	FUZZ_ASSERT(utf8_valid_prefix(d->msg, n) == n);
	/* One line each, so CI can read them. */
	FUZZ_ASSERT(strchr(d->msg, '\n') == NULL);
	FUZZ_ASSERT(strchr(d->file, '\n') == NULL);
	fuzz_n_diags++;
	snprintf(fuzz_kept[fuzz_n_kept++ % FUZZ_KEPT], sizeof(fuzz_kept[0]),
	    "%s:%u:%u: %s%s", d->file, d->line, d->col, d->level == DIAG_IO ?
	    "(I/O) " : "", d->msg);
	if (d->line > 0)
		fuzz_n_placed++;
	/* A folder where a file is expected is an I/O error (exit 3). */
	if (d->level == DIAG_IO && strcmp(d->msg, "not a regular file") == 0)
		fuzz_n_not_file++;
	if (getenv("FUZZ_VERBOSE") != NULL)
		fprintf(stderr, "%s:%u:%u: %s\n", d->file, d->line, d->col,
		    d->msg);
}

/* Starts an input: counters to zero, diagnostics to the sink. */
static inline void
fuzz_begin(void)
{
	diag_reset();
	diag_set_strict(0);
	diag_set_sink(fuzz_sink, NULL);
	fuzz_n_diags = fuzz_n_placed = fuzz_n_not_file = fuzz_n_kept = 0;
}

/* Returns whether s (n bytes) is valid UTF-8 without NUL bytes. */
static inline int
fuzz_utf8_ok(const char *s, size_t n)
{
	return utf8_valid_prefix(s, n) == n;
}

struct fuzz_entry {
	const char	*name;		/* NUL-terminated copy */
	const char	*text;		/* points into the input */
	size_t		 len;
};

/*
 * Splits data into entries (at most max). Returns how many, filling e;
 * names are copied into names (size bytes), too long ones cut.
 */
static inline size_t
fuzz_archive(const char *data, size_t len, struct fuzz_entry *e, size_t max,
    char *names, size_t size)
{
	const char	*p = data, *end = data + len, *nl, *text = data;
	size_t		 n = 0, used = 1;
	const char	*name = "";

	names[0] = '\0';
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (nl - p >= 3 && memcmp(p, "@@ ", 3) == 0) {
			size_t	 k = (size_t)(nl - p) - 3;

			if (n < max && (p > text || *name != '\0')) {
				e[n].name = name;
				e[n].text = text;
				e[n++].len = (size_t)(p - text);
			}
			if (used + 1 >= size)
				name = "";	/* no room: names cut to "" */
			else {
				if (k > size - used - 1)
					k = size - used - 1;
				memcpy(names + used, p + 3, k);
				names[used + k] = '\0';
				name = names + used;
				used += k + 1;
			}
			text = nl < end ? nl + 1 : end;
		}
		p = nl < end ? nl + 1 : end;
	}
	if (n < max && (end > text || *name != '\0')) {
		e[n].name = name;
		e[n].text = text;
		e[n++].len = (size_t)(end - text);
	}
	return n;
}

#endif
