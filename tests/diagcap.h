/*
 * diagcap.h: for cmocka tests: collect diagnostics as the lines kitgen
 * would print ("file:line:col: error: message\n") instead of printing.
 */
#ifndef KITGEN_TEST_DIAGCAP_H
#define KITGEN_TEST_DIAGCAP_H

#include <string.h>

#include "buffer.h"
#include "diag.h"

static struct buf diagcap_text;

static void
diagcap_sink(void *arg, const struct diag *d)
{
	(void)arg;
	buf_printf(&diagcap_text, "%s:%u:%u: %s: %s\n", d->file,
	    d->line ? d->line : 1, d->col ? d->col : 1,
	    d->level == DIAG_WARNING ? "warning" : "error", d->msg);
}

/* Starts collecting; returns 0 so it can serve as a cmocka setup. */
static inline int
diagcap_start(void **state)
{
	(void)state;
	buf_reset(&diagcap_text);
	diag_reset();
	diag_set_strict(0);
	diag_set_sink(diagcap_sink, NULL);
	return 0;
}

static inline int
diagcap_stop(void **state)
{
	(void)state;
	diag_set_sink(NULL, NULL);
	buf_free(&diagcap_text);
	return 0;
}

static inline const char *
diagcap(void)
{
	return buf_cstr(&diagcap_text);
}

/* Whether the collected text contains s. */
static inline int
diagcap_has(const char *s)
{
	return strstr(buf_cstr(&diagcap_text), s) != NULL;
}

#endif
